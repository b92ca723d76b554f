"""The NumPy reference of lstm_forward is torch.nn.LSTM (one layer), and its diagnoses start from it."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from lstm_quiz.grading.plugin import load_module
from lstm_quiz.paths import shipped_exercises_dir
from tests.exercises.signature_checks import (
    mistakes_never_named_alone,
    mistakes_without_effect,
)

FOLDER = shipped_exercises_dir() / "lstm_forward"
reference = load_module(FOLDER / "reference.py")
signatures = load_module(FOLDER / "signatures.py")
suite = load_module(FOLDER / "test_lstm_forward.py")


def torch_forward(inputs):
    x, h0, c0, W_ih, W_hh, b_ih, b_hh = inputs
    lstm = torch.nn.LSTM(x.shape[2], h0.shape[1]).double()
    with torch.no_grad():
        lstm.weight_ih_l0.copy_(torch.from_numpy(W_ih))
        lstm.weight_hh_l0.copy_(torch.from_numpy(W_hh))
        lstm.bias_ih_l0.copy_(torch.from_numpy(b_ih))
        lstm.bias_hh_l0.copy_(torch.from_numpy(b_hh))
        state = (torch.from_numpy(h0)[None], torch.from_numpy(c0)[None])
        output, (h_n, c_n) = lstm(torch.from_numpy(x), state)
    return output.numpy(), (h_n[0].numpy(), c_n[0].numpy())


def random_inputs(seed: int, scale: float = 1.0):
    rng = np.random.default_rng(seed)
    T, N, D, H = (int(k) for k in rng.integers(1, 7, size=4))
    return (
        rng.normal(size=(T, N, D)) * scale,
        rng.normal(size=(N, H)),
        rng.normal(size=(N, H)) * 2,
        rng.normal(size=(4 * H, D)),
        rng.normal(size=(4 * H, H)),
        rng.normal(size=4 * H),
        rng.normal(size=4 * H),
    )


def suite_probes():
    probes = [suite.make_inputs(T * 1000 + N * 100 + D * 10 + H, T, N, D, H)
              for T, N, D, H in suite.SIZES]  # fmt: skip
    probes += [suite.make_inputs(12, 4, 3, 2, 3, zero_state=True), suite.overflow_inputs()]
    return probes


def assert_same(got, want, rtol=1e-10, atol=1e-12):
    hs, (h, c) = got
    want_hs, (want_h, want_c) = want
    np.testing.assert_allclose(hs, want_hs, rtol=rtol, atol=atol)
    np.testing.assert_allclose(h, want_h, rtol=rtol, atol=atol)
    np.testing.assert_allclose(c, want_c, rtol=rtol, atol=atol)


@pytest.mark.parametrize("seed", range(40))
def test_reference_equals_torch_lstm(seed: int) -> None:
    inputs = random_inputs(seed, scale=100.0 if seed % 5 == 0 else 1.0)  # some saturate every gate
    before = [a.copy() for a in inputs]
    got = reference.lstm_forward(*inputs)
    assert got[0].shape == (*inputs[0].shape[:2], inputs[1].shape[1])
    assert_same(got, torch_forward(inputs))
    for a, b in zip(inputs, before, strict=True):
        np.testing.assert_array_equal(a, b)


def test_reference_equals_torch_on_the_suites_probes() -> None:
    for inputs in suite_probes():
        got = reference.lstm_forward(*inputs)
        assert_same(got, torch_forward(inputs))
        assert np.isfinite(got[0]).all()


def test_overflow_probe_passes_710_and_stays_small() -> None:
    x, h0, _, W_ih, W_hh, b_ih, b_hh = suite.overflow_inputs()
    input_part = x[1, 0] @ W_ih.T + b_ih + b_hh
    # h entering step 1 is an LSTM output, |h| < 1, so h W_hh^T moves z by less than sum |W_hh|
    assert (np.abs(input_part) - np.abs(W_hh).sum(axis=1)).min() > 710
    assert max(x.shape[2], h0.shape[1]) <= 10


def test_float32_computation_passes_every_probe() -> None:
    """A correct solution computing in float32 stays within the suite's tolerance."""
    for inputs in suite_probes():
        got = reference.lstm_forward(*[a.astype(np.float32) for a in inputs])
        assert got[0].dtype == np.float32
        assert_same(got, reference.lstm_forward(*inputs), rtol=1e-4, atol=1e-5)


@pytest.mark.parametrize("seed", range(10))
def test_signature_baseline_equals_reference(seed: int) -> None:
    inputs = random_inputs(seed)
    assert_same(signatures.forward(*inputs), reference.lstm_forward(*inputs), atol=1e-14)


def test_every_signature_differs_from_the_reference() -> None:
    square = suite.make_inputs(3, 3, 3, 4, 4)  # T == N: x read as batch-first runs
    want = reference.lstm_forward(*square)
    assert mistakes_without_effect(signatures, square, signatures.forward, want) == []


def test_signatures_are_named_alone_on_the_suites_probes() -> None:
    """Each mistake is named alone on at least one probe (no probe-wide tie hides it)."""
    assert mistakes_never_named_alone(signatures, suite_probes(), signatures.forward) == []


def test_swapped_final_state_is_named() -> None:
    inputs = suite_probes()[0]
    hs, (h, c) = reference.lstm_forward(*inputs)
    assert "final state is swapped" in str(signatures.diagnose((hs, (c, h)), inputs))


def test_shape_notes() -> None:
    inputs = suite.make_inputs(5, 1, 3, 3, 4)  # T = 1, N = 3
    hs, (h, c) = reference.lstm_forward(*inputs)
    assert "np.squeeze" in str(signatures.diagnose((hs[0], (h, c)), inputs))
    assert "num_layers" in str(signatures.diagnose((hs, (h[None], c[None])), inputs))
    inputs = suite.make_inputs(5, 4, 2, 3, 4)
    hs, (h, c) = reference.lstm_forward(*inputs)
    assert "batch-first" in str(signatures.diagnose((hs.transpose(1, 0, 2), (h, c)), inputs))


def test_correct_output_gets_no_diagnosis() -> None:
    for inputs in suite_probes():
        assert str(signatures.diagnose(reference.lstm_forward(*inputs), inputs)) == ""
