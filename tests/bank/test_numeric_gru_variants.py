"""Every numeric answer in question_bank/gru_variants.yaml, recomputed independently."""

import pytest
import torch

from tests.bank.numeric import assert_all_computed, assert_answer_matches, numeric_questions

TOPIC = "gru_variants"
QUESTIONS = numeric_questions(TOPIC)


def _param_count(module: torch.nn.Module) -> int:
    return sum(p.numel() for p in module.parameters())


def _gru_one_step() -> float:
    """Run one real nn.GRU step with the weights given in the question."""
    gru = torch.nn.GRU(1, 1)
    with torch.no_grad():
        for p in gru.parameters():
            p.zero_()
        # Gate order r, z, n.
        gru.weight_ih_l0[:, 0] = torch.tensor([1.0, 0.0, 1.0])
        gru.weight_hh_l0[:, 0] = torch.tensor([0.0, -2.0, 2.0])
        _, h_n = gru(torch.tensor([[[1.0]]]), torch.tensor([[[0.5]]]))
    return h_n.item()


def _cho_candidate_first_unit() -> float:
    """Cho et al.'s candidate tanh(W x + U (r * h)) with W x + b = 0."""
    h_prev = torch.tensor([1.0, 2.0], dtype=torch.float64)
    r = torch.tensor([0.0, 1.0], dtype=torch.float64)
    u = torch.tensor([[1.0, 1.0], [1.0, 1.0]], dtype=torch.float64)
    cho = torch.tanh(u @ (r * h_prev))

    # Cross-check the contrast stated in the explanation with a real nn.GRU forward pass:
    # saturated biases give r ≈ [0, 1] and z ≈ 0, so h_1 ≈ n = tanh(r * (W_hn h)) ≈ [0, tanh(3)].
    gru = torch.nn.GRU(1, 2).double()
    with torch.no_grad():
        for p in gru.parameters():
            p.zero_()
        gru.bias_ih_l0[0:2] = torch.tensor([-50.0, 50.0], dtype=torch.float64)  # r
        gru.bias_ih_l0[2:4] = torch.tensor([-50.0, -50.0], dtype=torch.float64)  # z
        gru.weight_hh_l0[4:6] = u  # W_hn
        _, h_n = gru(torch.zeros(1, 1, 1, dtype=torch.float64), h_prev.view(1, 1, 2))
    pytorch_n = h_n.flatten()
    assert torch.allclose(
        pytorch_n, torch.tensor([0.0, 3.0], dtype=torch.float64).tanh(), atol=1e-9
    )
    assert abs(cho[0].item() - pytorch_n[0].item()) > 0.5  # the two forms really differ
    return cho[0].item()


def _lstm_minus_gru() -> int:
    return _param_count(torch.nn.LSTM(256, 256)) - _param_count(torch.nn.GRU(256, 256))


def _bidirectional_output_features() -> int:
    torch.manual_seed(0)
    lstm = torch.nn.LSTM(50, 100, num_layers=3, bidirectional=True, batch_first=True)
    output, _ = lstm(torch.randn(8, 20, 50))
    return output.shape[-1]


COMPUTED = {
    "gv-gru-reset-position-numeric": _cho_candidate_first_unit,
    "gv-gru-one-step-numeric": _gru_one_step,
    "gv-gru-params-single-layer": lambda: _param_count(torch.nn.GRU(10, 20)),
    "gv-gru-params-bidirectional-two-layer": lambda: _param_count(
        torch.nn.GRU(32, 64, num_layers=2, bidirectional=True)
    ),
    "gv-lstm-minus-gru-params": _lstm_minus_gru,
    "gv-gru-weight-ih-l1-numel": lambda: torch.nn.GRU(
        40, 64, num_layers=2, bidirectional=True
    ).weight_ih_l1.numel(),
    "gv-bidirectional-output-features": _bidirectional_output_features,
}


@pytest.mark.parametrize("question_id", sorted(COMPUTED))
def test_numeric_answer_matches_computation(question_id):
    assert_answer_matches(QUESTIONS[question_id], COMPUTED[question_id]())


def test_every_numeric_question_is_computed():
    assert_all_computed(TOPIC, COMPUTED)
