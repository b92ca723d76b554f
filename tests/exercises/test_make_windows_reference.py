"""The reference of make_windows cuts leak-free windows, and its diagnoses start from it.

Proven against an independent vectorised implementation (numpy's
sliding_window_view over each part, the std written out from its definition
with ddof = 0), and by properties that hold whatever the implementation: every
sample, unscaled, is a contiguous stretch of its own part followed by its
target; starts are `stride` apart and the last possible one is used; nothing
of the validation or test period shapes the training samples.
"""

from __future__ import annotations

import numpy as np
import pytest

from lstm_quiz.grading.plugin import load_module
from lstm_quiz.paths import shipped_exercises_dir
from tests.exercises.signature_checks import mistakes_never_named_alone, mistakes_without_effect

FOLDER = shipped_exercises_dir() / "make_windows"
reference = load_module(FOLDER / "reference.py")
signatures = load_module(FOLDER / "signatures.py")
suite = load_module(FOLDER / "test_make_windows.py")
KEYS = suite.KEYS


def vectorised(series, window, horizon, stride, train_frac, val_frac):
    T, F = series.shape
    n_train, n_val = int(T * train_frac), int(T * val_frac)
    train = series[:n_train]
    mean = train.sum(axis=0) / n_train
    std = np.sqrt(((train - mean) ** 2).sum(axis=0) / n_train)  # ddof = 0 by definition
    std[std == 0] = 1.0
    out = {"mean": mean, "std": std}
    for name, part in zip(
        ("train", "val", "test"),
        np.split((series - mean) / std, [n_train, n_train + n_val]),
        strict=True,
    ):
        usable = part.shape[0] - horizon  # inputs end before the last `horizon` steps
        if usable < window:
            out[f"X_{name}"], out[f"y_{name}"] = np.zeros((0, window, F)), np.zeros((0, F))
            continue
        views = np.lib.stride_tricks.sliding_window_view(part[:usable], window, axis=0)
        X = views.transpose(0, 2, 1)[::stride]
        out[f"X_{name}"] = X
        out[f"y_{name}"] = part[window - 1 + horizon :][::stride][: len(X)]
    return out


def random_inputs(seed: int):
    rng = np.random.default_rng(seed)
    T, F = int(rng.integers(2, 60)), int(rng.integers(1, 5))
    window, horizon, stride = (int(k) for k in rng.integers(1, 6, size=3))
    train_frac = float(rng.choice([0.5, 0.6, 0.7, 0.8]))
    val_frac = float(rng.choice([0.0, 0.1, 0.15, 0.2]))
    series = suite.make_series(seed, T, F, constant=0 if seed % 4 == 0 else None)
    return series, window, horizon, stride, train_frac, val_frac


def suite_probes():
    probes = [suite.probe_inputs(name) for name in suite.PROBES]
    return [*probes, suite.probe_inputs("short parts", suite.SHORT)]


@pytest.mark.parametrize("seed", range(60))
def test_reference_equals_vectorised_implementation(seed: int) -> None:
    inputs = random_inputs(seed)
    before = inputs[0].copy()
    got, want = reference.make_windows(*inputs), vectorised(*inputs)
    assert set(got) == set(KEYS)
    for key in KEYS:
        assert got[key].shape == want[key].shape, key
        np.testing.assert_allclose(got[key], want[key], rtol=1e-12, atol=1e-12, err_msg=key)
    np.testing.assert_array_equal(inputs[0], before)


@pytest.mark.parametrize("seed", range(30))
def test_samples_are_stretches_of_their_own_part(seed: int) -> None:
    series, window, horizon, stride, train_frac, val_frac = inputs = random_inputs(seed)
    got = reference.make_windows(*inputs)
    T = series.shape[0]
    n_train, n_val = int(np.floor(T * train_frac)), int(np.floor(T * val_frac))
    bounds = {
        "train": (0, n_train),
        "val": (n_train, n_train + n_val),
        "test": (n_train + n_val, T),
    }
    for name, (a, b) in bounds.items():
        X = got[f"X_{name}"] * got["std"] + got["mean"]
        y = got[f"y_{name}"] * got["std"] + got["mean"]
        length = b - a
        expected = max(0, (length - window - horizon) // stride + 1)
        assert len(X) == len(y) == expected
        for i in range(expected):
            s = a + i * stride
            assert s + window - 1 + horizon < b  # the target stays inside the part
            np.testing.assert_allclose(X[i], series[s : s + window], atol=1e-9)
            np.testing.assert_allclose(y[i], series[s + window - 1 + horizon], atol=1e-9)
        if expected:  # the last start is used: one more stride would put the target outside
            assert a + expected * stride + window - 1 + horizon >= b


def test_training_samples_ignore_the_future() -> None:
    """Changing the validation and test periods changes nothing about the training samples."""
    series, *rest = suite.probe_inputs("stride 3, horizon 3")
    n_train = int(np.floor(len(series) * rest[3]))
    future = series.copy()
    future[n_train:] = 100.0 * np.random.default_rng(0).normal(size=future[n_train:].shape)
    a, b = reference.make_windows(series, *rest), reference.make_windows(future, *rest)
    for key in ("X_train", "y_train", "mean", "std"):
        np.testing.assert_array_equal(a[key], b[key])


def test_constant_feature_is_centred_not_divided() -> None:
    got = reference.make_windows(*suite.probe_inputs("constant feature"))
    assert got["std"][1] == 1.0
    assert all(np.isfinite(got[k]).all() for k in KEYS)
    assert (got["X_train"][:, :, 1] == 0).all() and (got["y_test"][:, 1] == 0).all()


def test_short_parts_give_empty_arrays() -> None:
    got = reference.make_windows(*suite.probe_inputs("short parts", suite.SHORT))
    window, F = suite.SHORT[2], suite.SHORT[1]
    for name in ("val", "test"):
        assert got[f"X_{name}"].shape == (0, window, F) and got[f"y_{name}"].shape == (0, F)
        assert got[f"X_{name}"].dtype.kind == "f"


def test_probe_fractions_are_not_rounding_sensitive() -> None:
    """T * frac is never within 1e-9 of an integer from the wrong side: int() and floor agree."""
    for series, _, _, _, train_frac, val_frac in suite_probes():
        for frac in (train_frac, val_frac):
            product = len(series) * frac
            assert int(product) == int(np.floor(product)) == int(np.floor(product + 1e-9))


@pytest.mark.parametrize("seed", range(20))
def test_signature_baseline_equals_reference(seed: int) -> None:
    inputs = random_inputs(seed)
    want = reference.make_windows(*inputs)
    assert signatures.close(signatures.outputs(*inputs), tuple(want[k] for k in KEYS))


def test_every_signature_differs_from_the_reference() -> None:
    """Each mistake changes the result on some probe (rounded splits only where T * frac is not whole)."""
    without_effect = None
    for name in ("stride 3, horizon 3", "split points not whole (floor)"):
        inputs = suite.probe_inputs(name)
        want = tuple(reference.make_windows(*inputs)[k] for k in KEYS)
        found = set(mistakes_without_effect(signatures, inputs, signatures.outputs, want))
        without_effect = found if without_effect is None else without_effect & found
    assert without_effect == set()


def test_signatures_are_named_alone_on_the_suites_probes() -> None:
    def run(*inputs, **options):
        result = signatures.outputs(*inputs, **options)
        return None if result is None else dict(zip(KEYS, result, strict=True))

    assert mistakes_never_named_alone(signatures, suite_probes(), run) == []


def test_shuffled_samples_are_named() -> None:
    inputs = suite.probe_inputs("stride 1, horizon 1")
    got = reference.make_windows(*inputs)
    got["X_train"] = got["X_train"][np.random.default_rng(1).permutation(len(got["X_train"]))]
    assert "shuffled before the split" in str(signatures.diagnose(got, inputs))


def test_zero_std_nan_is_named() -> None:
    inputs = suite.probe_inputs("constant feature")
    got = reference.make_windows(*inputs)
    got["X_train"] = got["X_train"].copy()
    got["X_train"][:, :, 1] = np.nan
    assert "std 0" in str(signatures.diagnose(got, inputs))


def test_correct_output_gets_no_diagnosis() -> None:
    for inputs in suite_probes():
        assert signatures.diagnose(reference.make_windows(*inputs), inputs) == ""
