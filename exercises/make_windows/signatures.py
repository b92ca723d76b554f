"""Diagnoses for make_windows: the outputs of classic mistakes, to name the one a solution made.

Trusted code, loaded by the hidden suite; the learner never sees it run.
``outputs`` recomputes the eight returned arrays with one known bug: where the
scaler is fitted (``scaler``), its ddof, how y is scaled (``y_scale``), which
step is the target (``target_shift``), whether the stride is used, how many
windows a part gives (``count``) and how windows are assigned to parts
(``build``). Two mistakes are recognised from the structure of the result
instead: shuffled samples (the training windows come from all over the
series, out of order) and a division by a zero std (NaN in a constant feature).
"""

import numpy as np

from lstm_quiz.grading.diagnose import close, matching, sentence, signature_candidates
from lstm_quiz.grading.messages import text

KEYS = ("X_train", "y_train", "X_val", "y_val", "X_test", "y_test", "mean", "std")


def split_sizes(T, train_frac, val_frac, split="floor"):
    if split == "round":  # round() instead of floor: a part one step longer at .5 and above
        return round(T * train_frac), round(T * val_frac)
    return int(np.floor(T * train_frac)), int(np.floor(T * val_frac))


def starts_of(L, window, horizon, stride, count="right"):
    last = L - window - horizon  # the last start whose target is inside the part
    if count == "right":
        return list(range(0, last + 1, stride))
    if count == "one_fewer":  # n = (L - window - horizon) // stride, the + 1 forgotten
        return [i * stride for i in range(max(last // stride, 0))] if last >= 0 else []
    raise ValueError(count)


def raw_windows(part, window, horizon, stride, *, target_shift=0, count="right"):
    F = part.shape[1]
    # a target taken late comes with starts that keep it inside the part (else it cannot run)
    starts = starts_of(part.shape[0] - max(target_shift, 0), window, horizon, stride, count)
    X = np.zeros((len(starts), window, F))
    y = np.zeros((len(starts), F))
    for i, s in enumerate(starts):
        X[i] = part[s : s + window]
        y[i] = part[s + window - 1 + horizon + target_shift]
    return X, y, np.array(starts, dtype=np.int64)


def _stats(values, ddof):
    if values.shape[0] <= ddof:
        return None
    std = values.std(axis=0, ddof=ddof)
    return values.mean(axis=0), np.where(std == 0, 1.0, std)


def outputs(
    series, window, horizon, stride, train_frac, val_frac,
    *, scaler="train", ddof=0, y_scale="same", target_shift=0, stride_used=True,
    count="right", build="parts", split="floor",
):  # fmt: skip
    """The eight arrays in KEYS order, as the correct code computes them or with one mistake; None if it cannot run."""
    series = np.asarray(series, dtype=np.float64)
    T = series.shape[0]
    n_train, n_val = split_sizes(T, train_frac, val_frac, split)
    bounds = [(0, n_train), (n_train, n_train + n_val), (n_train + n_val, T)]
    fitted = _stats(series[:n_train] if scaler in ("train", "own") else series, ddof)
    if fitted is None:
        return None
    step = stride if stride_used else 1
    options = {"target_shift": target_shift, "count": count}
    if build == "parts":
        pieces = [raw_windows(series[a:b], window, horizon, step, **options)[:2] for a, b in bounds]
    else:
        X_all, y_all, starts = raw_windows(series, window, horizon, step, **options)
        if build == "by_start":  # each window goes to the part its first step lies in
            pieces = [(X_all[(starts >= a) & (starts < b)], y_all[(starts >= a) & (starts < b)])
                      for a, b in bounds]  # fmt: skip
        elif build == "split_windows":  # the list of windows split by the fractions
            n = len(starts)
            a, b = int(np.floor(n * train_frac)), int(np.floor(n * val_frac))
            pieces = [(X_all[:a], y_all[:a]), (X_all[a : a + b], y_all[a : a + b]),
                      (X_all[a + b :], y_all[a + b :])]  # fmt: skip
        else:
            raise ValueError(build)
    y_stats = fitted
    if y_scale == "own":
        y_stats = _stats(pieces[0][1], ddof)
        if y_stats is None:
            return None
    result = []
    for (a, b), (X, y) in zip(bounds, pieces, strict=True):
        mean, std = fitted
        if scaler == "own":  # every part scaled with its own statistics
            own = _stats(series[a:b], ddof)
            if own is None:
                return None
            mean, std = own
        result.append((X - mean) / std)
        if y_scale == "none":
            result.append(y)
        elif y_scale == "own":
            result.append((y - y_stats[0]) / y_stats[1])
        else:
            result.append((y - mean) / std)
    return (*result, *fitted)


SIGNATURES = [
    (
        "the scaler fitted on the whole series: the mean and std know the validation and test "
        "parts (leakage); fit them on series[:n_train] only",
        {"scaler": "all"},
    ),
    (
        "the validation and test parts scaled with their own mean and std; every part is scaled "
        "with the training part's statistics (at prediction time the future's statistics are "
        "unknown)",
        {"scaler": "own"},
    ),
    (
        "the sample std (ddof=1); the contract asks for the population std, np.std's default ddof=0 "
        "(as sklearn's StandardScaler)",
        {"ddof": 1},
    ),
    (
        "y left unscaled: the targets must be scaled with the same mean and std as X",
        {"y_scale": "none"},
    ),
    (
        "y scaled with a second scaler fitted on the training targets; X and y share one scaler, "
        "the training part's",
        {"y_scale": "own"},
    ),
    (
        "the target taken one step early, at s + window - 2 + horizon (with horizon = 1 it is the "
        "window's last input); the target is `horizon` steps after the last input, "
        "part[s + window - 1 + horizon]",
        {"target_shift": -1},
    ),
    (
        "the target taken one step late, at s + window + horizon; the target is `horizon` steps "
        "after the window's last input s + window - 1, so it is part[s + window - 1 + horizon]",
        {"target_shift": 1},
    ),
    (
        "the split sizes rounded (round(T * train_frac)) instead of floored; the contract says "
        "n_train = floor(T * train_frac) and n_val = floor(T * val_frac), e.g. "
        "int(np.floor(T * train_frac))",
        {"split": "round"},
    ),
    (
        "the stride ignored: a window starts at every step; consecutive starts are `stride` steps "
        "apart",
        {"stride_used": False},
    ),
    (
        "one window too few per part: the last start is L - window - horizon itself (its target is "
        "the part's last step), so a part has (L - window - horizon) // stride + 1 windows",
        {"count": "one_fewer"},
    ),
    (
        "windows built over the whole series and assigned to the part of their first step: windows "
        "near a boundary reach into the next part (leakage); build the windows inside each part",
        {"build": "by_start"},
    ),
    (
        "the list of windows split by the fractions instead of the series: windows and targets "
        "straddle the boundaries (leakage); split the series first, then window each part",
        {"build": "split_windows"},
    ),
]


def _as_tuple(got):
    if not isinstance(got, dict) or any(k not in got for k in KEYS):
        return None
    return tuple(got[k] for k in KEYS)


def structure_note(got, inputs):
    """Shuffled or leaking training windows, or NaN from a zero std; '' when none is seen."""
    series, window, horizon, _, train_frac, val_frac = inputs
    series = np.asarray(series, dtype=np.float64)
    n_train, _ = split_sizes(series.shape[0], train_frac, val_frac)
    train_std = series[:n_train].std(axis=0)
    values = [v for v in got.values() if isinstance(v, np.ndarray) and v.dtype.kind == "f"]
    if (train_std == 0).any() and any(np.isnan(v).any() for v in values):
        return (
            "Your arrays contain NaN and the training part has a constant feature (std 0): "
            "0 / 0 is NaN. Replace a std of 0 by 1 (np.where(std == 0, 1.0, std)), as the contract says."
        )
    X = got.get("X_train")
    mean, std = got.get("mean"), got.get("std")
    F = series.shape[1]
    if any(
        isinstance(v, np.ndarray | np.floating | float) and np.ndim(v) == 0 for v in (mean, std)
    ):
        return (
            "Your mean and std are single numbers: they were taken over the whole training "
            "array, every feature together (train.mean() without an axis). Each feature has its "
            "own scale: train.mean(axis=0) and train.std(axis=0) give one value per feature, "
            "shape (F,)."
        )
    if not (isinstance(X, np.ndarray) and X.ndim == 3 and X.shape[1:] == (window, F) and len(X)):
        return ""
    if not all(isinstance(v, np.ndarray) and v.shape == (F,) for v in (mean, std)):
        return ""
    scaled = (series - mean) / np.where(std == 0, 1.0, std)
    candidates = np.lib.stride_tricks.sliding_window_view(scaled, window, axis=0)  # (S, F, window)
    candidates = candidates.transpose(0, 2, 1)
    starts = []
    for row in X:
        hits = np.flatnonzero(
            np.all(np.abs(candidates - row) <= 1e-5 + 1e-4 * np.abs(row), axis=(1, 2))
        )
        if hits.size == 0:
            return ""
        starts.append(int(hits[0]))
    if (np.diff(starts) < 0).any():
        return text(
            "Your X_train holds windows from all over the series, out of order (starts "
            "{starts}...): the samples were shuffled before the split, so the model trains on "
            "the future of what it is validated on. Split the series in time order; shuffle only "
            "the training windows, after the split, if at all.",
            starts=str(starts[:6]),
        )
    late = [s for s in starts if s + window - 1 + horizon >= n_train]
    if late:
        return text(
            "A training window starting at step {start} has its target at step {target}, past "
            "the training part (steps 0..{last}): windows or targets cross the split (leakage).",
            start=late[0],
            target=late[0] + window - 1 + horizon,
            last=n_train - 1,
        )
    return ""


def diagnose(got, inputs):
    """A sentence naming the mistake(s) whose output equals ``got`` (the returned dict), or ''."""
    as_tuple = _as_tuple(got)
    if as_tuple is None:
        return ""
    want = outputs(*inputs)
    candidates = signature_candidates(outputs, inputs, SIGNATURES)
    found = sentence("arrays equal", matching(as_tuple, want, candidates))
    return found or structure_note(got, inputs)


__all__ = ["KEYS", "SIGNATURES", "close", "diagnose", "outputs", "structure_note"]
