"""Every numeric answer in question_bank/rnn_basics.yaml, recomputed independently."""

import pytest
import torch

from tests.bank.numeric import assert_all_computed, assert_answer_matches, numeric_questions

TOPIC = "rnn_basics"
QUESTIONS = numeric_questions(TOPIC)


def _param_count(module: torch.nn.Module) -> int:
    return sum(p.numel() for p in module.parameters())


def _params_unrolled_100_steps() -> int:
    """Run the RNN over 100 steps and count the distinct parameters that received a gradient."""
    torch.manual_seed(0)
    rnn = torch.nn.RNN(input_size=10, hidden_size=20)
    out, _ = rnn(torch.randn(100, 1, 10))
    out.sum().backward()
    # Every parameter is used at every step; unrolling creates no copies.
    assert all(p.grad is not None for p in rnn.parameters())
    return _param_count(rnn)


def _stacked_critical_path(num_layers: int = 3, steps: int = 100) -> int:
    """Longest dependency chain: cell (l, t) needs (l, t-1) and (l-1, t); each cell takes one round."""
    finish = [[0] * (steps + 1) for _ in range(num_layers + 1)]
    for layer in range(1, num_layers + 1):
        for t in range(1, steps + 1):
            finish[layer][t] = 1 + max(finish[layer][t - 1], finish[layer - 1][t])
    return finish[num_layers][steps]


def _two_step_forward() -> float:
    """Real nn.RNN forward pass with the weights given in the prompt."""
    rnn = torch.nn.RNN(input_size=1, hidden_size=1)
    with torch.no_grad():
        rnn.weight_ih_l0.fill_(1.0)
        rnn.weight_hh_l0.fill_(0.5)
        rnn.bias_ih_l0.fill_(0.1)
        rnn.bias_hh_l0.fill_(0.0)
        out, h_n = rnn(torch.tensor([[[1.0]], [[-1.0]]]))
    assert torch.equal(out[-1], h_n[0])
    return h_n.item()


COMPUTED = {
    "rnn-params-unrolled-100-steps": _params_unrolled_100_steps,
    "rnn-stacked-critical-path": _stacked_critical_path,
    "rnn-params-two-layer": lambda: _param_count(torch.nn.RNN(32, 64, num_layers=2)),
    "rnn-two-step-forward": _two_step_forward,
}


@pytest.mark.parametrize("question_id", sorted(COMPUTED))
def test_numeric_answer_matches_computation(question_id):
    assert_answer_matches(QUESTIONS[question_id], COMPUTED[question_id]())


def test_every_numeric_question_is_computed():
    assert_all_computed(TOPIC, COMPUTED)


def test_shape_answers_match_pytorch():
    """The shapes stated in rnn-output-hn-shapes-batch-first and rnn-last-output-equals-hn."""
    torch.manual_seed(0)
    rnn = torch.nn.RNN(input_size=8, hidden_size=16, num_layers=2, batch_first=True)
    output, h_n = rnn(torch.randn(4, 10, 8))
    assert output.shape == (4, 10, 16)
    assert h_n.shape == (2, 4, 16)

    rnn = torch.nn.RNN(input_size=8, hidden_size=16)
    out, h_n = rnn(torch.randn(10, 4, 8))
    assert torch.equal(out[-1], h_n[0])
