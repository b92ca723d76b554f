"""Every numeric answer in question_bank/bptt_gradients.yaml, recomputed independently."""

import math

import numpy as np
import pytest
import torch

from tests.bank.numeric import assert_all_computed, assert_answer_matches, numeric_questions

TOPIC = "bptt_gradients"
QUESTIONS = numeric_questions(TOPIC)


def _sigmoid_threshold() -> float:
    """1 / max |sigmoid'(x)|, with the derivative taken by autograd on a fine grid."""
    x = torch.linspace(-10.0, 10.0, 200_001, dtype=torch.float64, requires_grad=True)
    torch.sigmoid(x).sum().backward()
    return 1.0 / x.grad.abs().max().item()


def _jacobian_norm_bound(factor: float, steps: int) -> float:
    """Spectral norm of a product of `steps` Jacobians that each have spectral norm `factor`."""
    rng = np.random.default_rng(0)
    product = np.eye(4)
    for _ in range(steps):
        q, _ = np.linalg.qr(rng.standard_normal((4, 4)))  # orthogonal: all singular values 1
        product = (factor * q) @ product
    return float(np.linalg.norm(product, 2))


def _diagonal_recurrence_norm() -> float:
    w = torch.diag(torch.tensor([0.5, 1.2], dtype=torch.float64))
    h0 = torch.zeros(2, dtype=torch.float64)

    def unroll(h):
        for _ in range(20):
            h = w @ h
        return h

    jacobian = torch.autograd.functional.jacobian(unroll, h0)
    return torch.linalg.matrix_norm(jacobian, ord=2).item()


def _forget_path_derivative() -> float:
    """d c_T / d c_{T-10} along c_t = f_t * c_{t-1} + i_t * g_t with f_t = sigmoid(1)."""
    c0 = torch.tensor(0.3, dtype=torch.float64, requires_grad=True)
    f = torch.sigmoid(torch.tensor(1.0, dtype=torch.float64))
    i, g = torch.tensor(0.6, dtype=torch.float64), torch.tensor(-0.2, dtype=torch.float64)
    c = c0
    for _ in range(10):
        c = f * c + i * g
    c.backward()
    return c0.grad.item()


def _clip_setup():
    a = torch.nn.Parameter(torch.zeros(2))
    b = torch.nn.Parameter(torch.zeros(1))
    a.grad = torch.tensor([3.0, 4.0])
    b.grad = torch.tensor([12.0])
    total = torch.nn.utils.clip_grad_norm_([a, b], max_norm=5.0)
    return total, a, b


def _tbptt_backward_passes(seq_len: int = 1000, k: int = 35) -> int:
    """Run truncated BPTT on an actual LSTM and count the backward passes."""
    torch.manual_seed(0)
    lstm = torch.nn.LSTM(input_size=2, hidden_size=3)
    x = torch.randn(seq_len, 1, 2)
    state = None
    passes = 0
    for chunk in x.split(k):
        if state is not None:
            state = tuple(s.detach() for s in state)
        out, state = lstm(chunk, state)
        out.sum().backward()
        passes += 1
    return passes


def _rtrl_sensitivities(n: int = 100) -> int:
    """One sensitivity dh_k/dw_ij per unit k and recurrent weight w_ij."""
    weights = torch.nn.RNN(input_size=1, hidden_size=n, bias=False).weight_hh_l0
    return n * weights.numel()


def _centered_difference() -> float:
    f = lambda w: w**3  # noqa: E731
    w, eps = 2.0, 0.1
    return (f(w + eps) - f(w - eps)) / (2 * eps)


COMPUTED = {
    "bptt-pascanu-sigmoid-threshold": _sigmoid_threshold,
    "bptt-decay-factor-0p9-50-steps": lambda: _jacobian_norm_bound(0.9, 50),
    "bptt-diagonal-recurrence-spectral-norm": _diagonal_recurrence_norm,
    "bptt-forget-gate-path-product": _forget_path_derivative,
    "bptt-clip-norm-total-norm": lambda: _clip_setup()[0].item(),
    "bptt-clip-norm-clipped-element": lambda: _clip_setup()[2].grad[0].item(),
    "bptt-tbptt-backward-pass-count": _tbptt_backward_passes,
    "bptt-rtrl-sensitivity-count": _rtrl_sensitivities,
    "bptt-centered-difference-error": _centered_difference,
}


@pytest.mark.parametrize("question_id", sorted(COMPUTED))
def test_numeric_answer_matches_computation(question_id):
    assert_answer_matches(QUESTIONS[question_id], COMPUTED[question_id]())


def test_every_numeric_question_is_computed():
    assert_all_computed(TOPIC, COMPUTED)


def test_tbptt_count_matches_ceiling_formula():
    assert _tbptt_backward_passes() == math.ceil(1000 / 35)
