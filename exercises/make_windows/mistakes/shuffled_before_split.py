# expect: shuffled before the split
import numpy as np


def windows_of(part, window, horizon, stride):
    L, F = part.shape
    X, y = [], []
    for s in range(0, L - window - horizon + 1, stride):
        X.append(part[s : s + window])
        y.append(part[s + window - 1 + horizon])
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
    X, y = windows_of(scaled, window, horizon, stride)
    order = np.random.default_rng().permutation(len(X))  # shuffle the samples, then split
    X, y = X[order], y[order]
    a, b = int(len(X) * train_frac), int(len(X) * val_frac)
    result = {"X_train": X[:a], "y_train": y[:a], "X_val": X[a : a + b], "y_val": y[a : a + b]}
    result["X_test"], result["y_test"] = X[a + b :], y[a + b :]
    result["mean"], result["std"] = mean, std
    return result
