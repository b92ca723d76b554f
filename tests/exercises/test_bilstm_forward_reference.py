"""The NumPy reference of bilstm_forward is torch.nn.LSTM(bidirectional=True), and its diagnoses start from it."""

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

FOLDER = shipped_exercises_dir() / "bilstm_forward"
reference = load_module(FOLDER / "reference.py")
signatures = load_module(FOLDER / "signatures.py")
suite = load_module(FOLDER / "test_bilstm_forward.py")

NAMES = ("weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0")


def torch_forward(inputs):
    x, params_fwd, params_bwd = inputs
    lstm = torch.nn.LSTM(x.shape[2], params_fwd[1].shape[1], bidirectional=True).double()
    with torch.no_grad():
        for name, fwd, bwd in zip(NAMES, params_fwd, params_bwd, strict=True):
            getattr(lstm, name).copy_(torch.from_numpy(fwd))
            getattr(lstm, name + "_reverse").copy_(torch.from_numpy(bwd))
        output, _ = lstm(torch.from_numpy(x))  # no state given: zeros
    return output.numpy()


def random_inputs(seed: int, scale: float = 1.0):
    rng = np.random.default_rng(seed)
    T, N, D, H = (int(k) for k in rng.integers(1, 7, size=4))

    def params():
        return (
            rng.normal(size=(4 * H, D)),
            rng.normal(size=(4 * H, H)),
            rng.normal(size=4 * H),
            rng.normal(size=4 * H),
        )

    return rng.normal(size=(T, N, D)) * scale, params(), params()


def suite_probes():
    probes = [suite.make_inputs(T * 1000 + N * 100 + D * 10 + H, T, N, D, H)
              for T, N, D, H in suite.SIZES]  # fmt: skip
    return [*probes, suite.overflow_inputs()]


def copies(inputs):
    x, fwd, bwd = inputs
    return x.copy(), tuple(a.copy() for a in fwd), tuple(a.copy() for a in bwd)


@pytest.mark.parametrize("seed", range(40))
def test_reference_equals_torch_bidirectional_lstm(seed: int) -> None:
    inputs = random_inputs(seed, scale=100.0 if seed % 5 == 0 else 1.0)  # some saturate every gate
    before = copies(inputs)
    got = reference.bilstm_forward(*inputs)
    want = torch_forward(inputs)
    assert got.shape == want.shape
    np.testing.assert_allclose(got, want, rtol=1e-10, atol=1e-12)
    for a, b in zip(
        [inputs[0], *inputs[1], *inputs[2]], [before[0], *before[1], *before[2]], strict=True
    ):
        np.testing.assert_array_equal(a, b)


def test_reference_equals_torch_on_the_suites_probes() -> None:
    for inputs in suite_probes():
        got = reference.bilstm_forward(*inputs)
        np.testing.assert_allclose(got, torch_forward(inputs), rtol=1e-10, atol=1e-12)
        assert np.isfinite(got).all()


def test_overflow_probe_passes_710_in_both_directions_and_stays_small() -> None:
    x, *directions = suite.overflow_inputs()
    for W_ih, W_hh, b_ih, b_hh in directions:
        input_part = x[1, 0] @ W_ih.T + b_ih + b_hh
        # step 1 is in the middle of T = 3: each direction enters it with |h| < 1
        assert (np.abs(input_part) - np.abs(W_hh).sum(axis=1)).min() > 710
    assert max(x.shape[2], directions[0][1].shape[1]) <= 10


def test_float32_computation_passes_every_probe() -> None:
    for x, fwd, bwd in suite_probes():
        got = reference.bilstm_forward(
            x.astype(np.float32),
            tuple(a.astype(np.float32) for a in fwd),
            tuple(a.astype(np.float32) for a in bwd),
        )
        assert got.dtype == np.float32
        want = reference.bilstm_forward(x, fwd, bwd)
        np.testing.assert_allclose(got, want, rtol=1e-4, atol=1e-5)


@pytest.mark.parametrize("seed", range(10))
def test_signature_baseline_equals_reference(seed: int) -> None:
    inputs = random_inputs(seed)
    np.testing.assert_allclose(
        signatures.forward(*inputs), reference.bilstm_forward(*inputs), rtol=1e-12, atol=1e-14
    )


def test_every_signature_differs_from_the_reference() -> None:
    square = suite.make_inputs(3, 4, 3, 4, 4)  # D == H: the stacked mistake runs; N > 1, T > 1
    want = reference.bilstm_forward(*square)
    assert mistakes_without_effect(signatures, square, signatures.forward, want) == []


def test_signatures_are_named_alone_on_the_suites_probes() -> None:
    """Each mistake is named alone on at least one probe (no probe-wide tie hides it)."""
    assert mistakes_never_named_alone(signatures, suite_probes(), signatures.forward) == []


def test_reversing_the_batch_axis_and_back_is_no_reversal() -> None:
    """Why one description covers both: each sequence runs on its own."""
    inputs = suite_probes()[0]
    batch = signatures.forward(*inputs, reverse="batch")
    none = signatures.forward(*inputs, reverse="none")
    np.testing.assert_allclose(batch, none, rtol=1e-12, atol=1e-14)


def test_shape_notes() -> None:
    inputs = suite.make_inputs(5, 1, 3, 2, 4)  # T = 1
    hs = reference.bilstm_forward(*inputs)
    assert "np.squeeze" in signatures.diagnose(hs[0], inputs)
    inputs = suite_probes()[0]
    hs = reference.bilstm_forward(*inputs)
    assert "batch-first" in signatures.diagnose(hs.transpose(1, 0, 2), inputs)


def test_correct_output_gets_no_diagnosis() -> None:
    for inputs in suite_probes():
        assert signatures.diagnose(reference.bilstm_forward(*inputs), inputs) == ""
