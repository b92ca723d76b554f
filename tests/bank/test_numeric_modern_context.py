"""Every numeric answer in question_bank/modern_context.yaml, recomputed independently."""

import pytest
import torch

from tests.bank.numeric import assert_all_computed, assert_answer_matches, numeric_questions

TOPIC = "modern_context"
QUESTIONS = numeric_questions(TOPIC)


def _attention_scores_multihead(heads: int = 8, length: int = 1024, head_dim: int = 8) -> int:
    """Count the entries of Q K^T over all heads with a real multi-head score computation."""
    torch.manual_seed(0)
    q = torch.randn(1, heads, length, head_dim)
    k = torch.randn(1, heads, length, head_dim)
    scores = q @ k.transpose(-2, -1) / head_dim**0.5
    return scores.numel()


def _causal_unmasked_pairs(length: int = 10) -> int:
    """Build the causal mask used by torch's scaled_dot_product_attention and count allowed pairs."""
    allowed = torch.ones(length, length, dtype=torch.bool).tril()
    # Cross-check: with is_causal=True, a query only mixes values at positions <= its own.
    torch.manual_seed(0)
    q = torch.randn(1, 1, length, 4)
    k = torch.randn(1, 1, length, 4)
    v = torch.eye(length).view(1, 1, length, length)  # value j is the one-hot vector e_j
    weights = torch.nn.functional.scaled_dot_product_attention(q, k, v, is_causal=True)[0, 0]
    assert torch.equal(weights > 0, allowed)
    return int(allowed.sum())


def _mlstm_memory_size(d: int = 64) -> int:
    """One mLSTM update C_t = f_t C_{t-1} + i_t v_t k_t^T for one head."""
    torch.manual_seed(0)
    c_prev = torch.zeros(d, d)
    v, k = torch.randn(d), torch.randn(d)
    f_t, i_t = torch.sigmoid(torch.randn(())), torch.exp(torch.randn(()))
    c_t = f_t * c_prev + i_t * torch.outer(v, k)
    return c_t.numel()


def _ssm_y3() -> float:
    """Scalar LTI SSM, computed as a recurrence and cross-checked against its convolution kernel."""
    a_bar, b_bar, c = 0.5, 1.0, 2.0
    x = torch.tensor([1.0, 2.0, 0.0], dtype=torch.float64)

    h = torch.tensor(0.0, dtype=torch.float64)
    ys = []
    for x_t in x:
        h = a_bar * h + b_bar * x_t
        ys.append(c * h)
    y_recurrent = torch.stack(ys)

    kernel = torch.tensor([c * a_bar**k * b_bar for k in range(len(x))], dtype=torch.float64)
    y_conv = torch.stack([sum(kernel[k] * x[t - k] for k in range(t + 1)) for t in range(len(x))])
    assert torch.allclose(y_recurrent, y_conv)
    return y_recurrent[2].item()


COMPUTED = {
    "ctx-attention-scores-multihead": _attention_scores_multihead,
    "ctx-causal-mask-unmasked-count": _causal_unmasked_pairs,
    "ctx-mlstm-memory-size": _mlstm_memory_size,
    "ctx-ssm-recurrence-numeric": _ssm_y3,
}


@pytest.mark.parametrize("question_id", sorted(COMPUTED))
def test_numeric_answer_matches_computation(question_id):
    assert_answer_matches(QUESTIONS[question_id], COMPUTED[question_id]())


def test_every_numeric_question_is_computed():
    assert_all_computed(TOPIC, COMPUTED)
