# expect: the target taken one step late
import numpy as np


def windows_of(part, window, horizon, stride):
    L, F = part.shape
    X, y = [], []
    for s in range(0, L - window - horizon, stride):  # so that the target below fits
        X.append(part[s : s + window])
        y.append(part[s + window + horizon])  # horizon steps after the window's end
    return np.array(X).reshape(-1, window, F), np.array(y).reshape(-1, F)


def make_windows(series, window, horizon, stride, train_frac, val_frac):
    T = series.shape[0]
    n_train = int(np.floor(T * train_frac))
    n_val = int(np.floor(T * val_frac))
    train = series[:n_train]
    mean = train.mean(axis=0)
    std = train.std(axis=0)
    std = np.where(std == 0, 1.0, std)
    scaled = (series - mean) / std
    parts = {
        "train": scaled[:n_train],
        "val": scaled[n_train : n_train + n_val],
        "test": scaled[n_train + n_val :],
    }
    result = {}
    for name, part in parts.items():
        result[f"X_{name}"], result[f"y_{name}"] = windows_of(part, window, horizon, stride)
    result["mean"], result["std"] = mean, std
    return result
