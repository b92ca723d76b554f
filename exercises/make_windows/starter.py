import numpy as np


def make_windows(series, window, horizon, stride, train_frac, val_frac):
    """Forecasting samples from a multivariate series, with a chronological split and no leakage.

    series: (T, F) floats, row t is time step t
    window: input steps per sample; horizon: the target is `horizon` steps after the window's last step
    stride: steps between the starts of consecutive windows
    train_frac, val_frac: n_train = floor(T * train_frac), n_val = floor(T * val_frac) steps;
        train = series[:n_train], val = the next n_val steps, test = the rest
    Windows are built inside each part only. mean/std (ddof=0, std 0 -> 1) come from the
    training part and scale X and y of every part.
    Returns a dict: X_train, y_train, X_val, y_val, X_test, y_test, mean (F,), std (F,);
    X_* (n, window, F), y_* (n, F), n = 0 when a part is too short.
    The input must be left unchanged.
    """
    raise NotImplementedError(
        "split the series, fit the scaler on the training part, then window each part"
    )
