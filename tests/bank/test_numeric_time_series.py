"""Every numeric answer in question_bank/time_series.yaml, recomputed independently.

Windows are enumerated (not counted by formula), the TimeSeriesSplit folds are rebuilt the way
scikit-learn's `_split.py` builds them, and the metrics are computed from their definitions in
Hyndman & Athanasopoulos, "Forecasting: Principles and Practice", ch. 5.8.
"""

import math

import numpy as np
import pytest
import torch

from tests.bank.numeric import assert_all_computed, assert_answer_matches, numeric_questions

TOPIC = "time_series"
QUESTIONS = numeric_questions(TOPIC)


def _windows(series: np.ndarray, w: int, h: int, s: int) -> list[tuple[np.ndarray, np.ndarray]]:
    """Every (input window, target block) pair whose target lies entirely inside the series."""
    pairs = []
    start = 0
    while True:
        x, y = series[start : start + w], series[start + w : start + w + h]
        if len(y) < h:
            return pairs
        pairs.append((x, y))
        start += s


def _window_count(length: int, w: int, h: int, s: int) -> int:
    series = np.arange(length, dtype=float)
    pairs = _windows(series, w, h, s)
    for x, y in pairs:  # each target starts right after its window: no overlap, no gap
        assert len(x) == w and y[0] == x[-1] + 1
    if s == 1 and h == 1:  # cross-check with torch's own sliding windows
        assert torch.arange(length - 1).unfold(0, w, 1).shape[0] == len(pairs)
    return len(pairs)


def _timeseriessplit_first_train(n_samples: int, n_splits: int) -> int:
    """The folds of sklearn.model_selection.TimeSeriesSplit (default test_size, gap 0)."""
    test_size = n_samples // (n_splits + 1)
    test_starts = range(n_samples - n_splits * test_size, n_samples, test_size)
    folds = [(np.arange(start), np.arange(start, start + test_size)) for start in test_starts]
    assert len(folds) == n_splits
    assert folds[-1][1][-1] == n_samples - 1  # the last fold ends at the last sample
    return len(folds[0][0])


def _undifference(last_level: float, differences: list[float]) -> float:
    levels = last_level + torch.cumsum(torch.tensor(differences, dtype=torch.float64), 0)
    return levels[-1].item()


def _seasonal_naive(history: list[float], m: int, h: int) -> float:
    """Repeat the last observed season: the value m, 2m, ... steps before T+h that is observed."""
    target_time = len(history) - 1 + h
    t = target_time
    while t > len(history) - 1:
        t -= m
    return history[t]


_Y = np.array([10.0, 20.0, 40.0])
_YHAT = np.array([12.0, 18.0, 30.0])


def _rmse() -> float:
    value = math.sqrt(torch.nn.functional.mse_loss(torch.tensor(_YHAT), torch.tensor(_Y)).item())
    assert value >= np.mean(np.abs(_Y - _YHAT))  # RMSE >= MAE, as the explanation says
    return value


def _mape_percent() -> float:
    return float(np.mean(np.abs((_Y - _YHAT) / _Y)) * 100)


def _grud_delta(timestamps: list[float], mask: list[int]) -> list[float]:
    """Che et al. (2018), eq. for δ: accumulate the gaps since the last observed step."""
    deltas = [0.0]
    for t in range(1, len(timestamps)):
        gap = timestamps[t] - timestamps[t - 1]
        deltas.append(gap + deltas[t - 1] if mask[t - 1] == 0 else gap)
    return deltas


def _grud_delta_step4() -> float:
    s, m = [0, 1, 3, 4, 7], [1, 0, 0, 1, 1]
    deltas = _grud_delta(s, m)
    # δ_t is the time since the variable was last observed before step t.
    last_seen = max(i for i in range(3) if m[i] == 1)
    assert deltas[3] == s[3] - s[last_seen]
    return deltas[3]  # step 4 (1-based)


COMPUTED = {
    "ts-window-count-stride-one": lambda: _window_count(1000, 30, 1, 1),
    "ts-window-count-horizon-stride": lambda: _window_count(365, 28, 7, 7),
    "ts-timeseriessplit-first-train": lambda: _timeseriessplit_first_train(103, 4),
    "ts-invert-differencing": lambda: _undifference(120.0, [3.0, -1.0, 4.0]),
    # A few earlier quarters, then the last year Q1..Q4 = 50, 80, 65, 90.
    "ts-seasonal-naive-value": lambda: _seasonal_naive([40, 70, 60, 85, 50, 80, 65, 90], 4, 6),
    "ts-rmse-value": _rmse,
    "ts-mape-value": _mape_percent,
    "ts-grud-time-delta": _grud_delta_step4,
}


def test_window_counts_follow_the_closed_form() -> None:
    """floor((L - w - h) / s) + 1, the formula the explanations teach, for many shapes."""
    for length, w, h, s in [(50, 5, 1, 1), (50, 5, 3, 2), (51, 10, 7, 7), (20, 19, 1, 3)]:
        assert _window_count(length, w, h, s) == (length - w - h) // s + 1


@pytest.mark.parametrize("question_id", sorted(COMPUTED))
def test_numeric_answer_matches_computation(question_id):
    assert_answer_matches(QUESTIONS[question_id], COMPUTED[question_id]())


def test_every_numeric_question_is_computed():
    assert_all_computed(TOPIC, COMPUTED)
