"""Every numeric answer in question_bank/lstm_architecture.yaml, recomputed independently.

Parameter counts come from real torch modules; gate, cell and hidden values come
from forward passes of real ``nn.LSTMCell`` / ``nn.LSTM`` modules whose weights
are set to the values given in the question prompts.
For the two step-by-step hand computations, the intermediate values quoted in
the en and zh explanations are checked against the same forward passes.
"""

from __future__ import annotations

from collections.abc import Sequence

import pytest
import torch
from torch import nn

from tests.bank.numeric import assert_all_computed, assert_answer_matches, numeric_questions

TOPIC = "lstm_architecture"
QUESTIONS = numeric_questions(TOPIC)


def n_params(module: nn.Module) -> int:
    return sum(p.numel() for p in module.parameters())


def set_one_unit(
    module: nn.LSTMCell | nn.LSTM,
    weight_ih: Sequence[float],
    weight_hh: Sequence[float] = (0.0, 0.0, 0.0, 0.0),
    bias_ih: Sequence[float] = (0.0, 0.0, 0.0, 0.0),
    bias_hh: Sequence[float] = (0.0, 0.0, 0.0, 0.0),
) -> None:
    """Set the parameters of a 1-input, 1-unit LSTM (rows in PyTorch order i, f, g, o)."""
    suffix = "_l0" if isinstance(module, nn.LSTM) else ""
    values = {
        "weight_ih": torch.tensor(weight_ih).reshape(4, 1),
        "weight_hh": torch.tensor(weight_hh).reshape(4, 1),
        "bias_ih": torch.tensor(bias_ih),
        "bias_hh": torch.tensor(bias_hh),
    }
    with torch.no_grad():
        for name, value in values.items():
            getattr(module, name + suffix).copy_(value)


def keras_lstm_params(input_dim: int, units: int) -> int:
    """Keras keeps kernel, recurrent_kernel and ONE bias: a torch LSTM minus its bias_hh."""
    lstm = nn.LSTM(input_dim, units)
    return n_params(lstm) - lstm.bias_hh_l0.numel()


def forget_gate_two_biases() -> float:
    cell = nn.LSTMCell(1, 1)
    set_one_unit(
        cell,
        weight_ih=(0.0, 0.5, 0.0, 0.0),
        weight_hh=(0.0, -1.0, 0.0, 0.0),
        bias_ih=(0.0, 0.25, 0.0, 0.0),
        bias_hh=(0.0, 0.25, 0.0, 0.0),
    )
    x, h = torch.tensor([[2.0]]), torch.tensor([[0.5]])
    # Recover the forget gate from a real forward pass: with c_prev = 1 and
    # i * g = 0 (W_ig = b_ig = 0 gives g = tanh(0) = 0), the new cell state is f.
    _, c = cell(x, (h, torch.tensor([[1.0]])))
    return c.item()


def hand_cell_state() -> float:
    cell = nn.LSTMCell(1, 1)
    set_one_unit(cell, weight_ih=(0.0, 2.0, 1.0, 0.0))
    _, c = cell(torch.tensor([[1.0]]), (torch.tensor([[0.0]]), torch.tensor([[1.0]])))
    return c.item()


def hand_hidden_state() -> float:
    cell = nn.LSTMCell(1, 1)
    set_one_unit(cell, weight_ih=(2.0, 0.0, 4.0, 2.0), weight_hh=(0.0, -1.0, 0.0, 1.0))
    h, _ = cell(torch.tensor([[0.5]]), (torch.tensor([[-1.0]]), torch.tensor([[-0.5]])))
    return h.item()


def hand_two_steps() -> float:
    lstm = nn.LSTM(1, 1)
    set_one_unit(lstm, weight_ih=(0.0, 0.0, 1.0, 0.0))
    x = torch.tensor([1.0, 1.0]).reshape(2, 1, 1)  # (T, N, D)
    _, (h_n, _) = lstm(x)
    return h_n.item()


def cell_state_growth() -> float:
    lstm = nn.LSTM(1, 1)
    set_one_unit(lstm, weight_ih=(0.0, 0.0, 0.0, 0.0), bias_ih=(20.0, 20.0, 20.0, 20.0))
    x = torch.randn(50, 1, 1)  # weights are zero, so the input values do not matter
    _, (h_n, c_n) = lstm(x)
    assert 0.99 < h_n.item() <= 1.0  # the prompt says h_50 is about 1 (float32 rounds it to 1.0)
    return c_n.item()


def forget_bias_gradient() -> float:
    lstm = nn.LSTM(1, 1).double()
    set_one_unit(lstm, weight_ih=(0.0, 0.0, 0.0, 0.0), bias_ih=(0.0, 1.0, 0.0, 0.0))
    c0 = torch.tensor([[[0.3]]], dtype=torch.float64, requires_grad=True)
    h0 = torch.zeros(1, 1, 1, dtype=torch.float64)
    x = torch.randn(10, 1, 1, dtype=torch.float64)
    _, (_, c_n) = lstm(x, (h0, c0))
    (grad,) = torch.autograd.grad(c_n.sum(), c0)
    return grad.item()


COMPUTED = {
    "lstm-params-single-layer": lambda: n_params(nn.LSTM(10, 20)),
    "lstm-params-lstmcell": lambda: n_params(nn.LSTMCell(32, 64)),
    "lstm-params-two-layers": lambda: n_params(nn.LSTM(100, 256, num_layers=2)),
    "lstm-params-keras-one-bias": lambda: keras_lstm_params(64, 128),
    "lstm-params-bidirectional-stacked": lambda: n_params(
        nn.LSTM(16, 32, num_layers=2, bidirectional=True)
    ),
    "lstm-params-ratio-vs-rnn": lambda: n_params(nn.LSTM(10, 20)) / n_params(nn.RNN(10, 20)),
    "lstm-hand-forget-gate-two-biases": forget_gate_two_biases,
    "lstm-hand-cell-state": hand_cell_state,
    "lstm-hand-hidden-state": hand_hidden_state,
    "lstm-hand-two-steps": hand_two_steps,
    "lstm-cell-state-growth": cell_state_growth,
    "lstm-forget-bias-gradient-ten-steps": forget_bias_gradient,
}


@pytest.mark.parametrize("question_id", sorted(COMPUTED))
def test_numeric_answer_matches_computation(question_id: str) -> None:
    assert_answer_matches(QUESTIONS[question_id], COMPUTED[question_id]())


def test_every_numeric_question_is_computed() -> None:
    assert_all_computed(TOPIC, COMPUTED)


def test_keras_count_matches_its_formula() -> None:
    """The Keras helper agrees with 4H(D+H) + 4H (one bias vector)."""
    d, h = 64, 128
    assert keras_lstm_params(d, h) == 4 * h * (d + h) + 4 * h


def gate_values_of_one_unit_cell(
    weight_ih: Sequence[float],
    weight_hh: Sequence[float],
    x: float,
    h_prev: float,
    c_prev: float,
) -> dict[str, float]:
    """Gates, cell and tanh(cell) of a real one-unit LSTMCell step, read from torch's own math."""
    cell = nn.LSTMCell(1, 1)
    set_one_unit(cell, weight_ih=weight_ih, weight_hh=weight_hh)
    pre = cell.weight_ih.detach()[:, 0] * x + cell.weight_hh.detach()[:, 0] * h_prev
    i, f, g = torch.sigmoid(pre[0]), torch.sigmoid(pre[1]), torch.tanh(pre[2])
    h, c = cell(torch.tensor([[x]]), (torch.tensor([[h_prev]]), torch.tensor([[c_prev]])))
    assert abs(c.item() - (f * c_prev + i * g).item()) < 1e-6  # the gate split above is torch's
    return {
        "i": i.item(),
        "g": g.item(),
        "c": c.item(),
        "tanh_c": torch.tanh(c).item(),
        "h": h.item(),
    }


def quoted_in_both_languages(question_id: str, values: dict[str, float]) -> None:
    """Each value, rounded to the 4 decimals the explanation uses, appears in the en and zh text."""
    explanation = QUESTIONS[question_id]["explanation"]
    for name, value in values.items():
        shown = f"{value:.4f}"
        for lang in ("en", "zh"):
            assert shown in explanation[lang], (
                f"{question_id} ({lang}): {name} = {shown} not quoted"
            )


def test_hand_hidden_state_explanation_quotes_the_real_intermediate_values() -> None:
    values = gate_values_of_one_unit_cell(
        weight_ih=(2.0, 0.0, 4.0, 2.0),
        weight_hh=(0.0, -1.0, 0.0, 1.0),
        x=0.5,
        h_prev=-1.0,
        c_prev=-0.5,
    )
    quoted_in_both_languages("lstm-hand-hidden-state", values)


def test_hand_two_steps_explanation_quotes_the_real_intermediate_values() -> None:
    lstm = nn.LSTM(1, 1)
    set_one_unit(lstm, weight_ih=(0.0, 0.0, 1.0, 0.0))
    x = torch.tensor([1.0, 1.0]).reshape(2, 1, 1)
    _, (_, c_1) = lstm(x[:1])
    _, (h_2, c_2) = lstm(x)
    values = {
        "g": torch.tanh(torch.tensor(1.0)).item(),
        "c_1": c_1.item(),
        "c_2": c_2.item(),
        "tanh_c_2": torch.tanh(c_2).item(),
        "h_2": h_2.item(),
    }
    quoted_in_both_languages("lstm-hand-two-steps", values)
