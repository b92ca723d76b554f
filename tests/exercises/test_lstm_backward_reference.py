"""The NumPy reference of lstm_backward is torch autograd on nn.LSTM, and its diagnoses start from it."""

from __future__ import annotations

import ast

import numpy as np
import pytest
import torch

from lstm_quiz.grading.plugin import load_module
from lstm_quiz.paths import shipped_exercises_dir
from tests.exercises.signature_checks import mistakes_never_named_alone

FOLDER = shipped_exercises_dir() / "lstm_backward"
reference = load_module(FOLDER / "reference.py")
signatures = load_module(FOLDER / "signatures.py")
suite = load_module(FOLDER / "test_lstm_backward.py")
KEYS = ["dx", "dh0", "dc0", "dW_ih", "dW_hh", "db_ih", "db_hh"]


def autograd(inputs):
    """Gradients of sum(dhs * hs) + sum(dh_T * h_T) + sum(dc_T * c_T) through nn.LSTM, by torch autograd."""
    dhs, dh_T, dc_T, x, h0, c0, W_ih, W_hh, b_ih, b_hh = inputs
    lstm = torch.nn.LSTM(x.shape[2], h0.shape[1]).double()
    with torch.no_grad():
        lstm.weight_ih_l0.copy_(torch.from_numpy(W_ih))
        lstm.weight_hh_l0.copy_(torch.from_numpy(W_hh))
        lstm.bias_ih_l0.copy_(torch.from_numpy(b_ih))
        lstm.bias_hh_l0.copy_(torch.from_numpy(b_hh))
    x_t, h_t, c_t = (torch.from_numpy(a.copy()).requires_grad_() for a in (x, h0, c0))
    hs, (h_n, c_n) = lstm(x_t, (h_t[None], c_t[None]))
    loss = (
        (hs * torch.from_numpy(dhs)).sum()
        + (h_n[0] * torch.from_numpy(dh_T)).sum()
        + (c_n[0] * torch.from_numpy(dc_T)).sum()
    )
    loss.backward()
    grads = [x_t.grad, h_t.grad, c_t.grad, lstm.weight_ih_l0.grad, lstm.weight_hh_l0.grad,
             lstm.bias_ih_l0.grad, lstm.bias_hh_l0.grad]  # fmt: skip
    return {k: g.numpy() for k, g in zip(KEYS, grads, strict=True)}


def random_inputs(seed: int, scale: float = 1.0):
    rng = np.random.default_rng(seed)
    T, N, D, H = (int(k) for k in rng.integers(1, 7, size=4))
    inputs = list(suite.make_inputs(seed, T, N, D, H, final="zero" if seed % 7 == 3 else "given"))
    inputs[3] = inputs[3] * scale  # x
    return tuple(inputs)


def suite_probes():
    probes = [suite.make_inputs(sum(k * 10**i for i, k in enumerate(s)), *s) for s in suite.SIZES]
    probes += [
        suite.make_inputs(21, 5, 2, 3, 4, final="zero"),
        suite.make_inputs(22, 4, 3, 4, 3, dhs_zero=True),
        suite.make_inputs(23, 4, 2, 3, 3, zero_state=True),
        suite.overflow_inputs(),
    ]
    return probes


def assert_same(got, want, rtol=1e-10, atol=1e-12):
    assert list(got) == KEYS
    for key in KEYS:
        assert got[key].shape == want[key].shape, key
        np.testing.assert_allclose(got[key], want[key], rtol=rtol, atol=atol, err_msg=key)


@pytest.mark.parametrize("seed", range(40))
def test_reference_equals_torch_autograd(seed: int) -> None:
    # Every fifth case saturates the gates (|z| in the hundreds): gradients must stay finite.
    inputs = random_inputs(seed, scale=100.0 if seed % 5 == 0 else 1.0)
    before = [a.copy() for a in inputs]
    assert_same(reference.lstm_backward(*inputs), autograd(inputs))
    for old, new in zip(before, inputs, strict=True):
        np.testing.assert_array_equal(old, new)


def test_reference_equals_torch_on_the_suites_probes() -> None:
    for inputs in suite_probes():
        got = reference.lstm_backward(*inputs)
        assert_same(got, autograd(inputs))
        assert all(np.isfinite(v).all() for v in got.values())


def test_overflow_probe_passes_710_and_stays_small() -> None:
    _, _, _, x, h0, _, W_ih, W_hh, b_ih, b_hh = suite.overflow_inputs()
    input_part = x[1, 0] @ W_ih.T + b_ih + b_hh
    assert (np.abs(input_part) - np.abs(W_hh).sum(axis=1)).min() > 710  # |h| < 1 moves z less
    assert max(x.shape[2], h0.shape[1]) <= 10


def test_float32_computation_passes_every_probe() -> None:
    """A correct solution computing in float32 stays within the suite's tolerance."""
    for inputs in suite_probes():
        got = reference.lstm_backward(*[a.astype(np.float32) for a in inputs])
        assert got["dx"].dtype == np.float32
        assert_same(got, reference.lstm_backward(*inputs), rtol=1e-4, atol=1e-5)


def test_reference_does_not_import_torch() -> None:
    tree = ast.parse((FOLDER / "reference.py").read_text(encoding="utf-8"))
    imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import)
                for alias in node.names}  # fmt: skip
    assert imported == {"numpy"}
    assert not any(isinstance(node, ast.ImportFrom) for node in ast.walk(tree))


@pytest.mark.parametrize("seed", range(10))
def test_signature_baseline_equals_reference(seed: int) -> None:
    inputs = random_inputs(seed)
    assert_same(signatures.backward(*inputs), reference.lstm_backward(*inputs), atol=1e-12)


def generic_inputs():
    """T = 4, N = 3, D = H (every signature is shape-valid), every upstream gradient non-zero."""
    return suite.make_inputs(42, 4, 3, 4, 4)


@pytest.mark.parametrize(
    ("description", "options"),
    signatures.SIGNATURES,
    ids=[str(o) for _, o in signatures.SIGNATURES],
)
def test_every_signature_differs_and_is_diagnosed(description: str, options: dict) -> None:
    inputs = generic_inputs()
    want = reference.lstm_backward(*inputs)
    got = signatures.backward(*inputs, **options)
    assert not all(signatures._close(got[k], want[k]) for k in KEYS), description
    assert description in str(signatures.diagnose(got, inputs))


def test_signatures_are_named_alone_on_the_suites_probes() -> None:
    assert mistakes_never_named_alone(signatures, suite_probes(), signatures.backward) == []


def test_two_independent_mistakes_are_both_named() -> None:
    inputs = generic_inputs()
    got = signatures.backward(*inputs, db_hh="zero")
    got["dx"] = signatures.backward(*inputs, dx_with="W_hh")["dx"]
    text = str(signatures.diagnose(got, inputs))
    assert "Your db_hh equals" in text and "db_hh left at zero" in text
    assert "Your dx equals" in text and "dx computed with W_hh" in text


def test_zero_final_gradients_hide_what_the_other_probes_catch() -> None:
    """Why the suite needs non-zero dh_T and dc_T: ignoring them is invisible when they are 0."""
    hidden = suite.make_inputs(21, 5, 2, 3, 4, final="zero")
    shown = suite.make_inputs(21, 5, 2, 3, 4)
    for inputs, visible in ((hidden, False), (shown, True)):
        want = reference.lstm_backward(*inputs)
        got = signatures.backward(*inputs, final="ignored")
        assert (not all(signatures._close(got[k], want[k]) for k in KEYS)) == visible


def test_one_step_hides_the_carrying_mistakes() -> None:
    """Why T > 1 is needed: with one step nothing is carried back, so these change nothing."""
    inputs = suite.make_inputs(4, 1, 2, 3, 2)
    want = reference.lstm_backward(*inputs)
    for options in ({"weights": "assign"}, {"carry": "stale"}):
        got = signatures.backward(*inputs, **options)
        assert all(signatures._close(got[k], want[k]) for k in KEYS), options


def test_rel_error_and_summary_as_the_learner_reads_them() -> None:
    assert suite.rel_error(np.array([1.0, -2.0]), np.array([1.0, 2.0])) == pytest.approx(1.0)
    assert str(suite.summary(["dh0", "dW_hh"])) == (
        "dh0 and dW_hh are wrong; dx, dc0, dW_ih, db_ih and db_hh are right"
    )
    assert str(suite.summary(["dx"])) == (
        "dx is wrong; dh0, dc0, dW_ih, dW_hh, db_ih and db_hh are right"
    )
    assert str(suite.summary(KEYS)) == "all seven gradients are wrong"


def test_a_correct_answer_gets_no_diagnosis() -> None:
    for inputs in suite_probes():
        assert signatures.diagnose(reference.lstm_backward(*inputs), inputs) == ""
    assert signatures.diagnose(("not", "a dict"), generic_inputs()) == ""
