"""Every numeric answer in question_bank/pytorch_practice.yaml, recomputed independently."""

import pytest
import torch

from tests.bank.numeric import assert_all_computed, assert_answer_matches, numeric_questions

TOPIC = "pytorch_practice"
QUESTIONS = numeric_questions(TOPIC)


def _param_count(module: torch.nn.Module) -> int:
    return sum(p.numel() for p in module.parameters())


def _bidirectional_output_numel() -> int:
    torch.manual_seed(0)
    lstm = torch.nn.LSTM(16, 32, num_layers=2, bidirectional=True, batch_first=True)
    output, _ = lstm(torch.randn(4, 10, 16))
    return output.numel()


def _effective_forget_bias() -> float:
    """Run one real forward step and read the forget gate back out of the cell state.

    With all weights zero, x = 0, h_0 = 0 and c_0 = 1, and the candidate biases zero
    (so g = tanh(0) = 0), the update c_1 = f * c_0 + i * g gives c_1 = f = sigmoid(bias).
    """
    torch.manual_seed(0)
    lstm = torch.nn.LSTM(8, 16)
    hidden = lstm.hidden_size
    with torch.no_grad():
        # The colleague's code from the question.
        lstm.bias_ih_l0[hidden : 2 * hidden].fill_(1.0)
        lstm.bias_hh_l0[hidden : 2 * hidden].fill_(1.0)
        # Probe setup: isolate the forget gate.
        lstm.weight_ih_l0.zero_()
        lstm.weight_hh_l0.zero_()
        lstm.bias_ih_l0[2 * hidden : 3 * hidden].zero_()
        lstm.bias_hh_l0[2 * hidden : 3 * hidden].zero_()
        _, (_, c_1) = lstm(
            torch.zeros(1, 1, 8),
            (torch.zeros(1, 1, hidden), torch.ones(1, 1, hidden)),
        )
    forget = c_1.double().flatten()
    assert torch.allclose(forget, forget[0].expand_as(forget))
    return torch.logit(forget[0]).item()


def _clipped_gradient() -> float:
    a = torch.zeros(2, requires_grad=True)
    b = torch.zeros(1, requires_grad=True)
    a.grad = torch.tensor([3.0, 4.0])
    b.grad = torch.tensor([12.0])
    torch.nn.utils.clip_grad_norm_([a, b], max_norm=6.5)
    return b.grad[0].item()


COMPUTED = {
    "pt-bidirectional-output-numel": _bidirectional_output_numel,
    "pt-params-single-layer-count": lambda: _param_count(
        torch.nn.LSTM(input_size=8, hidden_size=16)
    ),
    "pt-params-bidirectional-two-layer-count": lambda: _param_count(
        torch.nn.LSTM(input_size=8, hidden_size=16, num_layers=2, bidirectional=True)
    ),
    "pt-params-proj-size-count": lambda: _param_count(
        torch.nn.LSTM(input_size=10, hidden_size=20, proj_size=5)
    ),
    "pt-forget-bias-double-count": _effective_forget_bias,
    "pt-clip-grad-norm-scaled-value": _clipped_gradient,
}


@pytest.mark.parametrize("question_id", sorted(COMPUTED))
def test_numeric_answer_matches_computation(question_id):
    assert_answer_matches(QUESTIONS[question_id], COMPUTED[question_id]())


def test_every_numeric_question_is_computed():
    assert_all_computed(TOPIC, COMPUTED)
