"""Every templated question of calculations.yaml, recomputed with torch for drawn instances.

Each question is shown several times with seeded draws (as a session shows
it); the answer the question computes from its formula must equal what the
real module or operation gives for the drawn values.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Mapping
from pathlib import Path

import pytest
import torch
from torch import nn

from lstm_quiz.bank.loader import check_paths
from lstm_quiz.bank.models import Question
from lstm_quiz.session.presented import present

BANK_FILE = Path(__file__).resolve().parents[2] / "question_bank" / "calculations.yaml"
DRAWS = 6

Values = Mapping[str, float]


def count(module: nn.Module) -> int:
    return sum(p.numel() for p in module.parameters() if p.requires_grad)


def i(values: Values, name: str) -> int:
    value = values[name]
    assert float(value).is_integer(), (name, value)
    return int(value)


def lm_params(v: Values) -> int:
    model = nn.Sequential(
        nn.Embedding(i(v, "V"), i(v, "E")),
        nn.LSTM(i(v, "E"), i(v, "H")),
        nn.Linear(i(v, "H"), i(v, "V")),
    )
    return count(model)


def lstm_h_n(v: Values) -> int:
    lstm = nn.LSTM(10, i(v, "H"), num_layers=i(v, "L"), bidirectional=True, batch_first=True)
    with torch.no_grad():
        _, (h_n, _) = lstm(torch.zeros(i(v, "B"), i(v, "T"), 10))
    return h_n.numel()


def bilstm_output(v: Values) -> int:
    lstm = nn.LSTM(10, i(v, "H"), bidirectional=True, batch_first=True)
    with torch.no_grad():
        output, _ = lstm(torch.zeros(i(v, "B"), i(v, "T"), 10))
    return output.numel()


def forget_gate(v: Values) -> float:
    # f_t through a real LSTM step: only the forget gate's weights are set, so the
    # candidate is tanh(0) = 0; with c_0 = 1, c_1 = f * 1 + i * 0 = f.
    lstm = nn.LSTM(1, 1)
    with torch.no_grad():
        for p in lstm.parameters():
            p.zero_()
        lstm.weight_ih_l0[1, 0] = v["w"]
        lstm.weight_hh_l0[1, 0] = v["u"]
        lstm.bias_ih_l0[1] = v["b"]
        x = torch.tensor([[[float(v["x"])]]])
        h0 = torch.tensor([[[float(v["h_prev"])]]])
        c0 = torch.ones(1, 1, 1)
        _, (_, c1) = lstm(x, (h0, c0))
    return float(c1)


def candidate(v: Values) -> float:
    # g_t through a real LSTM step: the input gate saturated open (bias 40), c_0 = 0: c_1 = g.
    lstm = nn.LSTM(1, 1, dtype=torch.float64)
    with torch.no_grad():
        for p in lstm.parameters():
            p.zero_()
        lstm.bias_ih_l0[0] = 40.0
        lstm.weight_ih_l0[2, 0] = v["w"]
        lstm.weight_hh_l0[2, 0] = v["u"]
        lstm.bias_ih_l0[2] = v["b"]
        x = torch.tensor([[[float(v["x"])]]], dtype=torch.float64)
        h0 = torch.tensor([[[float(v["h_prev"])]]], dtype=torch.float64)
        _, (_, c1) = lstm(x, (h0, torch.zeros(1, 1, 1, dtype=torch.float64)))
    return float(c1)


def cell_update(v: Values) -> float:
    f, c, i_, g = (
        torch.tensor(float(v[n]), dtype=torch.float64) for n in ("f", "c_prev", "i", "g")
    )
    return float(f * c + i_ * g)


def hidden(v: Values) -> float:
    return float(torch.tensor(float(v["o"])) * torch.tanh(torch.tensor(float(v["c"]))))


def clipped_first(v: Values) -> float:
    weight = nn.Parameter(torch.zeros(2, dtype=torch.float64))
    weight.grad = torch.tensor([float(v["p"]), float(v["q"])], dtype=torch.float64)
    torch.nn.utils.clip_grad_norm_([weight], max_norm=float(v["M"]))
    return float(weight.grad[0])


def total_norm(v: Values) -> float:
    a = nn.Parameter(torch.zeros(3, dtype=torch.float64))
    b = nn.Parameter(torch.zeros(5, dtype=torch.float64))
    a.grad = torch.tensor([float(v["a"]), 0.0, 0.0], dtype=torch.float64)
    b.grad = torch.tensor([0.0, 0.0, float(v["b"]), 0.0, 0.0], dtype=torch.float64)
    return float(torch.nn.utils.clip_grad_norm_([a, b], max_norm=1.0))


def bptt_scale(v: Values) -> float:
    w = torch.tensor(float(v["w"]), dtype=torch.float64)
    h0 = torch.tensor(1.0, dtype=torch.float64, requires_grad=True)
    h = h0
    for _ in range(i(v, "T")):
        h = w * h
    (grad,) = torch.autograd.grad(h, h0)
    return math.log10(abs(float(grad)))


def perplexity_nats(v: Values) -> float:
    # Logits whose cross-entropy with class 0 is exactly L: a two-class softmax.
    target_p = math.exp(-float(v["L"]))
    logits = torch.tensor([[math.log(target_p), math.log(1 - target_p)]], dtype=torch.float64)
    loss = nn.functional.cross_entropy(logits, torch.tensor([0]))
    return float(torch.exp(loss))


def perplexity_bits(v: Values) -> float:
    return float(torch.exp2(torch.tensor(float(v["L"]))))


def conv_length(v: Values) -> int:
    conv = nn.Conv1d(
        40, 64, kernel_size=i(v, "k"), stride=i(v, "s"), padding=i(v, "p"), dilation=i(v, "d")
    )
    with torch.no_grad():
        return conv(torch.zeros(1, 40, i(v, "N"))).shape[-1]


def chunks(v: Values) -> int:
    return len(torch.arange(i(v, "T")).split(i(v, "k")))


COMPUTED: dict[str, Callable[[Values], float]] = {
    "calc-lstm-params": lambda v: count(nn.LSTM(i(v, "D"), i(v, "H"))),
    "calc-gru-params": lambda v: count(nn.GRU(i(v, "D"), i(v, "H"))),
    "calc-rnn-params": lambda v: count(nn.RNN(i(v, "D"), i(v, "H"))),
    "calc-lstm-two-layer-params": lambda v: count(nn.LSTM(i(v, "D"), i(v, "H"), num_layers=2)),
    "calc-bilstm-params": lambda v: count(nn.LSTM(i(v, "D"), i(v, "H"), bidirectional=True)),
    "calc-bigru-two-layer-params": lambda v: count(
        nn.GRU(i(v, "D"), i(v, "H"), num_layers=2, bidirectional=True)
    ),
    "calc-lstm-proj-params": lambda v: count(nn.LSTM(i(v, "D"), i(v, "H"), proj_size=i(v, "P"))),
    "calc-lm-params": lm_params,
    "calc-lstm-hn-numel": lstm_h_n,
    "calc-bilstm-output-numel": bilstm_output,
    "calc-forget-gate-value": forget_gate,
    "calc-candidate-value": candidate,
    "calc-cell-state-update": cell_update,
    "calc-hidden-from-cell": hidden,
    "calc-clip-grad-norm-scaled": clipped_first,
    "calc-clip-grad-total-norm": total_norm,
    "calc-bptt-gradient-scale": bptt_scale,
    "calc-perplexity-nats": perplexity_nats,
    "calc-perplexity-bits": perplexity_bits,
    "calc-conv1d-length": conv_length,
    "calc-truncated-bptt-chunks": chunks,
}


def templated() -> dict[str, Question]:
    report = check_paths([BANK_FILE])
    assert not report.problems, report.problems
    return {q.id: q for q in report.questions if q.is_template}


def test_every_templated_question_is_recomputed() -> None:
    in_bank = set(templated())
    assert in_bank == set(COMPUTED), (
        f"not recomputed: {sorted(in_bank - set(COMPUTED))}; "
        f"recomputed but not in the bank: {sorted(set(COMPUTED) - in_bank)}"
    )
    assert len(in_bank) >= 16


@pytest.mark.parametrize("question_id", sorted(COMPUTED))
def test_drawn_instances_match_torch(question_id: str) -> None:
    question = templated()[question_id]
    seen = set()
    for draw in range(DRAWS):
        shown = present(question, random.Random(draw))
        values = dict(shown.values)
        seen.add(tuple(sorted(values.items())))
        expected = float(COMPUTED[question_id](values))
        answer = shown.question.answer
        assert isinstance(answer, float)
        # The bank's tolerance is for the learner's rounding; the formula itself must be exact.
        assert answer == pytest.approx(expected, rel=1e-6, abs=1e-6), (question_id, values)
        for lang in ("en", "zh"):
            assert "{" + next(iter(values)) + "}" not in shown.question.prompt.get(lang)
    assert len(seen) > 1, f"{question_id}: every draw gave the same values"
