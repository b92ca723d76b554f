"""The NumPy reference of lstm_cell_backward is torch autograd on nn.LSTMCell, and its diagnoses start from it."""

from __future__ import annotations

import ast

import numpy as np
import pytest
import torch

from lstm_quiz.grading.plugin import load_module
from lstm_quiz.paths import shipped_exercises_dir

FOLDER = shipped_exercises_dir() / "lstm_cell_backward"
reference = load_module(FOLDER / "reference.py")
signatures = load_module(FOLDER / "signatures.py")
suite = load_module(FOLDER / "test_lstm_cell_backward.py")
KEYS = ["dx", "dh_prev", "dc_prev", "dW_ih", "dW_hh", "db_ih", "db_hh"]


def autograd(inputs):
    """Gradients of sum(h * dh) + sum(c * dc) for one nn.LSTMCell step, by torch autograd."""
    dh, dc, x, h, c, W_ih, W_hh, b_ih, b_hh = inputs
    cell = torch.nn.LSTMCell(x.shape[1], h.shape[1]).double()
    with torch.no_grad():
        cell.weight_ih.copy_(torch.from_numpy(W_ih))
        cell.weight_hh.copy_(torch.from_numpy(W_hh))
        cell.bias_ih.copy_(torch.from_numpy(b_ih))
        cell.bias_hh.copy_(torch.from_numpy(b_hh))
    x_t, h_t, c_t = (torch.from_numpy(a.copy()).requires_grad_() for a in (x, h, c))
    h_next, c_next = cell(x_t, (h_t, c_t))
    loss = (h_next * torch.from_numpy(dh)).sum() + (c_next * torch.from_numpy(dc)).sum()
    loss.backward()
    grads = [x_t.grad, h_t.grad, c_t.grad, cell.weight_ih.grad, cell.weight_hh.grad,
             cell.bias_ih.grad, cell.bias_hh.grad]  # fmt: skip
    return {k: g.numpy() for k, g in zip(KEYS, grads, strict=True)}


def random_inputs(seed: int, scale: float = 1.0, square: bool = False):
    rng = np.random.default_rng(seed)
    N, D, H = rng.integers(1, 6), rng.integers(1, 8), rng.integers(1, 8)
    if square:
        D = H
    return (
        rng.normal(size=(N, H)),
        rng.normal(size=(N, H)) * (0.0 if seed % 7 == 3 else 1.0),  # some with dc = 0
        rng.normal(size=(N, D)) * scale,
        rng.normal(size=(N, H)),
        rng.normal(size=(N, H)) * 2,
        rng.normal(size=(4 * H, D)),
        rng.normal(size=(4 * H, H)),
        rng.normal(size=4 * H),
        rng.normal(size=4 * H),
    )


@pytest.mark.parametrize("seed", range(40))
def test_reference_equals_torch_autograd(seed: int) -> None:
    # Every fifth case saturates the gates (|z| in the hundreds): gradients must stay finite.
    inputs = random_inputs(seed, scale=100.0 if seed % 5 == 0 else 1.0, square=seed % 4 == 1)
    before = [a.copy() for a in inputs]
    got = reference.lstm_cell_backward(*inputs)
    want = autograd(inputs)
    assert list(got) == KEYS
    for key in KEYS:
        assert got[key].shape == want[key].shape, key
        np.testing.assert_allclose(got[key], want[key], rtol=1e-10, atol=1e-12, err_msg=key)
    for old, new in zip(before, inputs, strict=True):
        np.testing.assert_array_equal(old, new)


def test_reference_does_not_import_torch() -> None:
    tree = ast.parse((FOLDER / "reference.py").read_text(encoding="utf-8"))
    imported = {
        alias.name.split(".")[0]
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in (
            node.names if isinstance(node, ast.Import) else [ast.alias(node.module or "")]
        )
    }
    assert imported == {"numpy"}


@pytest.mark.parametrize("seed", range(10))
def test_signature_baseline_equals_reference(seed: int) -> None:
    inputs = random_inputs(seed)
    got, want = signatures.backward(*inputs), reference.lstm_cell_backward(*inputs)
    for key in KEYS:
        np.testing.assert_allclose(got[key], want[key], rtol=1e-12, atol=1e-12, err_msg=key)


def generic_inputs():
    """N = 3 (so a mean is not a sum), D = H (every signature is shape-valid), dc and dh non-zero."""
    return suite.make_inputs(42, 3, 4, 4)


@pytest.mark.parametrize(
    ("description", "options"),
    signatures.SIGNATURES,
    ids=[str(o) for _, o in signatures.SIGNATURES],
)
def test_every_signature_differs_and_is_diagnosed(description: str, options: dict) -> None:
    inputs = generic_inputs()
    want = reference.lstm_cell_backward(*inputs)
    got = signatures.backward(*inputs, **options)
    assert not all(signatures._close(got[k], want[k]) for k in KEYS), description
    assert str(description) in str(signatures.diagnose(got, inputs))


def test_a_correct_answer_gets_no_diagnosis() -> None:
    inputs = generic_inputs()
    assert str(signatures.diagnose(reference.lstm_cell_backward(*inputs), inputs)) == ""
    assert str(signatures.diagnose(("not", "a dict"), inputs)) == ""


def test_two_independent_mistakes_are_both_named() -> None:
    inputs = generic_inputs()
    got = signatures.backward(*inputs, forget_in_dc_prev=False)
    got["dh_prev"] = signatures.backward(*inputs, dh_prev_with="W_ih")["dh_prev"]
    text = str(signatures.diagnose(got, inputs))
    assert "Your dc_prev equals" in text and "without the forget gate factor" in text
    assert "Your dh_prev equals" in text and "dh_prev computed with W_ih" in text


def test_dc_zero_probe_hides_what_the_dc_probes_catch() -> None:
    """Why the suite needs both: ignoring the upstream dc is invisible when dc = 0."""
    hidden = suite.make_inputs(21, 3, 4, 5, dc_zero=True)
    shown = suite.make_inputs(21, 3, 4, 5)
    for inputs, visible in ((hidden, False), (shown, True)):
        want = reference.lstm_cell_backward(*inputs)
        got = signatures.backward(*inputs, dc_total_from="dh_only")
        assert (not all(signatures._close(got[k], want[k]) for k in KEYS)) == visible


def test_rel_error_and_summary_as_the_learner_reads_them() -> None:
    # The suite uses the shared helpers of lstm_quiz.grading.expect (issue 16).
    from lstm_quiz.grading.expect import GradingFailure, expect_gradients, rel_error

    a, b = np.array([1.0, 0.0, -2.0]), np.array([1.0, 1e-12, 2.0])
    assert rel_error(a, b) == pytest.approx(1.0)  # |-2 - 2| / (2 + 2)
    assert rel_error(np.array([0.0]), np.array([0.0])) == 0.0  # max(1e-8, 0) guards 0/0

    def summary(wrong: list[str]) -> str:
        want = {k: np.ones(2) for k in KEYS}
        got = {k: (np.zeros(2) if k in wrong else np.ones(2)) for k in KEYS}
        with pytest.raises(GradingFailure) as caught:
            expect_gradients(got, want)
        return caught.value.message.splitlines()[0]

    assert summary(["dc_prev", "dW_hh"]) == (
        "dc_prev and dW_hh are wrong; dx, dh_prev, dW_ih, db_ih and db_hh are right"
    )
    assert summary(KEYS[:-1]) == (
        "dx, dh_prev, dc_prev, dW_ih, dW_hh and db_ih are wrong; db_hh is right"
    )
    assert summary(KEYS) == "all 7 gradients are wrong"
