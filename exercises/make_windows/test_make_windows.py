"""Hidden suite for make_windows. Runs in the trusted process; `solution` calls the learner's code.

The contract:

    def make_windows(series, window, horizon, stride, train_frac, val_frac):
        '''series (T, F); n_train = floor(T * train_frac), n_val = floor(T * val_frac), test the rest;
        windows inside each part: X[i] = part[s:s+window], y[i] = part[s+window-1+horizon],
        s = 0, stride, ... <= L - window - horizon; mean/std (ddof=0, 0 -> 1) of the training
        part scale X and y everywhere. Returns dict X_/y_ train, val, test, mean, std.'''

Probes: trending series (a scaler fitted on all data, or per part, differs
from the training one), stride 1 and stride > 1 with the last start exactly
at L - window - horizon (one window too few shows), horizon 1 (target = last
input shows) and horizon > 1, F = 1 and F > 1, a constant feature (std 0),
a training part where exactly one window fits, and parts too short for any
window (arrays of shape (0, window, F)), window 1, split points that are not
whole numbers (floor, not round), an empty validation part (val_frac = 0), an
empty test part, and an all-zero series (std 0 everywhere); then drawn series
(hypothesis, derandomised: T = 2, F = window = horizon = stride = 1 and
all-zero series among them), and two results kept at once.
"""

import numpy as np
import pytest

from lstm_quiz.grading.expect import GradingFailure, expect_array, expect_array_like, expect_dict
from lstm_quiz.grading.messages import Join, as_text, text, verbatim
from lstm_quiz.grading.properties import cases, check_cases, corner_cases
from lstm_quiz.grading.sandbox import CallFailure

KEYS = ["X_train", "y_train", "X_val", "y_val", "X_test", "y_test", "mean", "std"]

# (T, F, window, horizon, stride, train_frac, val_frac, constant feature or None)
PROBES = {
    "stride 1, horizon 1": (40, 3, 5, 1, 1, 0.6, 0.2, None),
    "stride 3, horizon 3": (60, 2, 4, 3, 3, 0.5, 0.25, None),
    "F = 1, horizon 1": (25, 1, 3, 1, 1, 0.6, 0.2, None),
    "constant feature": (36, 3, 4, 2, 2, 0.5, 0.25, 1),
    "one training window": (20, 2, 8, 2, 1, 0.5, 0.25, None),
    "stride 2, horizon 2, F = 4": (50, 4, 6, 2, 2, 0.6, 0.2, None),
    "window 1": (30, 2, 1, 1, 1, 0.6, 0.2, None),
    "split points not whole (floor)": (47, 2, 3, 2, 2, 0.7, 0.15, None),  # 32.9 -> 32, 7.05 -> 7
    "no validation part (val_frac = 0)": (30, 2, 4, 1, 1, 0.7, 0.0, None),
    "no test part": (40, 2, 4, 1, 2, 0.75, 0.25, None),
    "all-zero series": (24, 3, 4, 1, 1, 0.5, 0.25, "all"),
}
# Drawn cases: train_frac and val_frac are picked by the case's seed (at least one training step).
DRAWN = {"T": (2, 40), "F": (1, 3), "window": (1, 5), "horizon": (1, 4), "stride": (1, 4)}
TRAIN_FRACS, VAL_FRACS = (0.5, 0.6, 0.7, 0.8), (0.0, 0.1, 0.15, 0.2, 0.25)
SHORT = (30, 1, 6, 2, 2, 0.7, 0.15, None)  # val (4 steps) and test (5 steps) hold no window


def make_series(seed, T, F, constant=None):
    """A trend plus noise, each feature on its own scale: the parts' statistics differ.

    ``constant``: a feature index made constant (std 0 on the training part), or "all" for an
    all-zero series.
    """
    if constant == "all":
        return np.zeros((T, F))
    rng = np.random.default_rng(seed)
    t = np.arange(T)[:, None] / T
    series = rng.normal(size=F) * 3 * t + rng.normal(scale=2, size=F)
    series = series + rng.uniform(0.3, 2.0, size=F) * rng.normal(size=(T, F))
    if constant is not None:
        series[:, constant] = 1.5  # std 0 on the training part
    return series


def probe_inputs(name, spec=None):
    T, F, window, horizon, stride, train_frac, val_frac, constant = spec or PROBES[name]
    seed = sum(ord(ch) for ch in name)
    return (make_series(seed, T, F, constant), window, horizon, stride, train_frac, val_frac)


def describe(inputs):
    series, window, horizon, stride, train_frac, val_frac = inputs
    T, F = series.shape
    n_train, n_val = int(np.floor(T * train_frac)), int(np.floor(T * val_frac))
    sizes = verbatim(
        f"T={T}, F={F}, window={window}, horizon={horizon}, stride={stride}, "
        f"train_frac={train_frac}, val_frac={val_frac}"
    )
    return text(
        "{sizes}: parts of {train}, {val} and {test} steps",
        sizes=sizes,
        train=n_train,
        val=n_val,
        test=T - n_train - n_val,
    )


def too_short(empty):
    """Why a part without windows raised: np.stack of an empty list."""
    parts = Join(tuple(key[2:] for key in empty), sep=(" and ", " 和 "))
    if len(empty) > 1:
        return text(
            "Here the {parts} parts are too short for any window: such a part gives X of shape "
            "(0, window, F) and y of shape (0, F). np.stack and np.concatenate raise on an empty "
            "list; start from np.zeros((n, window, F)) instead.",
            parts=parts,
        )
    return text(
        "Here the {part} part is too short for any window: such a part gives X of shape "
        "(0, window, F) and y of shape (0, F). np.stack and np.concatenate raise on an empty "
        "list; start from np.zeros((n, window, F)) instead.",
        part=parts,
    )


@pytest.fixture(scope="module")
def signatures(exercise_module):
    return exercise_module("signatures")


def check(solution, reference, signatures, inputs):
    want = reference.make_windows(inputs[0].copy(), *inputs[1:])
    context = describe(inputs)
    empty = [key for key in KEYS[:6:2] if want[key].shape[0] == 0]
    try:
        got = expect_dict(solution.make_windows(*inputs), KEYS)
    except CallFailure as failure:
        if failure.kind != "exception" or not empty:
            raise
        raise GradingFailure(
            text("{message} ({context})", message=failure.text, context=as_text(context)),
            too_short(empty),
        ) from None
    cache = []

    def diagnosis():
        if not cache:
            cache.append(signatures.diagnose(got, inputs))
        return cache[0]

    for key in KEYS:
        try:
            expect_array_like(got[key], want[key].shape, key, context=context)
        except GradingFailure as failure:
            message = failure.text
            if want[key].shape[0] == 0 and key[0] in "Xy":
                message = text(
                    "{message}. This part is too short for any window: {key} is an empty array "
                    "of shape {shape} (np.zeros((0, window, F)); np.stack of an empty list raises)",
                    message=message,
                    key=key,
                    shape=want[key].shape,
                )
            raise GradingFailure(message, diagnosis()) from None
    for key in KEYS:
        expect_array(got[key], want[key], key, context=context, diagnose=diagnosis)


def test_returns_dict_of_arrays(solution, signatures):
    """A dict with X_train, y_train, X_val, y_val, X_test, y_test (n, window, F) / (n, F), mean and std (F,)."""
    inputs = probe_inputs("stride 1, horizon 1")
    got = expect_dict(solution.make_windows(*inputs), KEYS)
    shapes = {"X_train": (19, 5, 3), "y_train": (19, 3), "X_val": (3, 5, 3), "y_val": (3, 3)}
    shapes |= {"X_test": (3, 5, 3), "y_test": (3, 3), "mean": (3,), "std": (3,)}
    for key, shape in shapes.items():
        expect_array_like(
            got[key],
            shape,
            key,
            context=describe(inputs),
            diagnose=lambda: signatures.diagnose(got, inputs),
        )


@pytest.mark.parametrize("name", list(PROBES))
def test_matches_reference(solution, reference, signatures, name):
    """Every window, target and the training part's mean and std match the reference."""
    check(solution, reference, signatures, probe_inputs(name))


def test_part_too_short_gives_empty_arrays(solution, reference, signatures):
    """A part too short for one window gives X of shape (0, window, F) and y of shape (0, F)."""
    check(solution, reference, signatures, probe_inputs("short parts", SHORT))


def test_matches_reference_on_drawn_series(solution, reference, signatures):
    """Every array matches over drawn series (T = 2, F = window = horizon = stride = 1, empty parts and all-zero series among them)."""

    def check_case(case):
        train_frac = TRAIN_FRACS[case.seed % len(TRAIN_FRACS)]
        val_frac = VAL_FRACS[case.seed // len(TRAIN_FRACS) % len(VAL_FRACS)]
        T, F = case["T"], case["F"]
        series = make_series(case.seed, T, F, "all" if case.zero else None) * case.scale
        window, horizon, stride = case["window"], case["horizon"], case["stride"]
        check(solution, reference, signatures,
              (series, window, horizon, stride, train_frac, val_frac))  # fmt: skip

    check_cases(cases(**DRAWN), check_case, corners=corner_cases(**DRAWN), max_examples=25)


def test_results_kept_across_calls(solution):
    """A result stays as returned after the next call (the sandbox re-reads the earlier one)."""
    solution.make_windows(*probe_inputs("stride 1, horizon 1"))
    solution.make_windows(*probe_inputs("window 1"))  # fails if it overwrote the first result


def test_input_unchanged(solution):
    """The series is left unchanged (scaling builds new arrays)."""
    inputs = probe_inputs("constant feature")
    before = inputs[0].copy()
    result = solution.call("make_windows", *inputs)
    after = result.args_after[0]
    if not (isinstance(after, np.ndarray) and np.array_equal(after, before)):
        raise GradingFailure(
            "your function modified the series in place; the caller still needs it unscaled "
            "(to plot it, or to window it again with another horizon). Compute "
            "scaled = (series - mean) / std instead of series -= mean or series /= std."
        )
