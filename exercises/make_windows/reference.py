"""Reference: windows and targets for forecasting, from a chronological split with a training-only scaler."""

import numpy as np


def windows_of(part, window, horizon, stride):
    """X (n, window, F), y (n, F) from one part: starts 0, stride, ... while the target fits."""
    L, F = part.shape
    starts = range(
        0, L - window - horizon + 1, stride
    )  # last start s: s + window - 1 + horizon = L - 1
    X = np.zeros((len(starts), window, F), dtype=part.dtype)
    y = np.zeros((len(starts), F), dtype=part.dtype)
    for i, s in enumerate(starts):
        X[i] = part[s : s + window]
        y[i] = part[s + window - 1 + horizon]
    return X, y


def make_windows(series, window, horizon, stride, train_frac, val_frac):
    T = series.shape[0]
    n_train = int(np.floor(T * train_frac))
    n_val = int(np.floor(T * val_frac))
    train = series[:n_train]
    mean = train.mean(axis=0)
    std = train.std(axis=0)  # ddof=0: the population std, as sklearn's StandardScaler
    std = np.where(std == 0, 1.0, std)  # a constant feature is centred, not divided by 0
    scaled = (series - mean) / std
    parts = {
        "train": scaled[:n_train],
        "val": scaled[n_train : n_train + n_val],
        "test": scaled[n_train + n_val :],
    }
    result = {}
    for name, part in parts.items():  # windows inside each part: none crosses a boundary
        result[f"X_{name}"], result[f"y_{name}"] = windows_of(part, window, horizon, stride)
    result["mean"], result["std"] = mean, std
    return result
