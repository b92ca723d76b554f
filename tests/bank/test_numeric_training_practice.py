"""Every numeric answer in question_bank/training_practice.yaml, recomputed independently.

Learning rates come from running the real torch.optim schedulers, optimiser steps from real
torch.optim.Adam/AdamW steps, the loss floor from nn.BCEWithLogitsLoss itself, and the random
classifier's PR-AUC from average precision computed over a large random ranking.
"""

import numpy as np
import pytest
import torch
import yaml

from tests.bank.numeric import (
    BANK_DIR,
    assert_all_computed,
    assert_answer_matches,
    numeric_questions,
)

TOPIC = "training_practice"
QUESTIONS = numeric_questions(TOPIC)


def _lr_after(make_scheduler, calls: int, metrics: list[float] | None = None) -> float:
    param = torch.nn.Parameter(torch.zeros(1))
    opt = torch.optim.SGD([param], lr=0.1)
    sched = make_scheduler(opt)
    for i in range(calls):
        opt.step()
        if metrics is None:
            sched.step()
        else:
            sched.step(metrics[i])
    return opt.param_groups[0]["lr"]


def _linear_scaling() -> float:
    base_lr, base_batch, batch = 0.1, 256, 1024
    return base_lr * batch / base_batch


def _steps_per_epoch() -> int:
    loader = torch.utils.data.DataLoader(range(50_000), batch_size=128, shuffle=True)
    sizes = [len(batch) for batch in loader]
    assert sizes[-1] == 50_000 - 390 * 128  # the last, partial batch is kept
    return len(sizes)


def _plateau() -> float:
    losses = [1.00, 0.80, 0.70, 0.72, 0.71, 0.69, 0.70, 0.70, 0.71, 0.75]
    make = lambda opt: torch.optim.lr_scheduler.ReduceLROnPlateau(  # noqa: E731
        opt, mode="min", factor=0.5, patience=2
    )
    # The cut happens at epoch 9, not before: after 8 calls the rate is still 0.1.
    assert _lr_after(make, 8, losses) == pytest.approx(0.1)
    return _lr_after(make, 10, losses)


def _one_step(optimizer_class, grad: float, **kwargs) -> float:
    w = torch.nn.Parameter(torch.tensor([1.0], dtype=torch.float64))
    opt = optimizer_class([w], **kwargs)
    w.grad = torch.tensor([grad], dtype=torch.float64)
    opt.step()
    return w.item()


def _adam_l2_zero_gradient() -> float:
    adam = _one_step(torch.optim.Adam, 0.0, lr=0.1, weight_decay=0.01)
    adamw = _one_step(torch.optim.AdamW, 0.0, lr=0.1, weight_decay=0.01)
    assert adamw == pytest.approx(0.999)  # the contrast stated in the explanation
    return adam


def _random_average_precision() -> float:
    """Average precision of random scores on 2 % positives: mean precision at each positive."""
    rng = np.random.default_rng(0)
    n = 200_000
    labels = rng.random(n) < 0.02
    order = np.argsort(-rng.random(n))  # rank by a score independent of the labels
    ranked = labels[order]
    precision_at_k = np.cumsum(ranked) / np.arange(1, n + 1)
    return float(precision_at_k[ranked].mean())


def _double_sigmoid_floor() -> float:
    loss = torch.nn.BCEWithLogitsLoss()
    probabilities = torch.sigmoid(torch.tensor([5.0, 20.0, 100.0], dtype=torch.float64))
    values = [loss(p.view(1), torch.ones(1, dtype=torch.float64)).item() for p in probabilities]
    assert values == sorted(values, reverse=True)  # more confidence, lower loss...
    return values[-1]  # ...down to the floor at p -> 1


COMPUTED = {
    "tp-linear-scaling-lr": _linear_scaling,
    "tp-steps-per-epoch": _steps_per_epoch,
    "tp-cosine-lr-value": lambda: _lr_after(
        lambda opt: torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=100), 25
    ),
    "tp-steplr-value": lambda: _lr_after(
        lambda opt: torch.optim.lr_scheduler.StepLR(opt, step_size=30, gamma=0.1), 65
    ),
    "tp-plateau-lr-value": _plateau,
    "tp-adam-first-step": lambda: _one_step(torch.optim.Adam, 50.0, lr=0.001),
    "tp-adam-l2-zero-gradient": _adam_l2_zero_gradient,
    "tp-random-pr-auc": _random_average_precision,
    "tp-double-sigmoid-loss-floor": _double_sigmoid_floor,
}


@pytest.mark.parametrize("question_id", sorted(COMPUTED))
def test_numeric_answer_matches_computation(question_id):
    assert_answer_matches(QUESTIONS[question_id], COMPUTED[question_id]())


def test_every_numeric_question_is_computed():
    assert_all_computed(TOPIC, COMPUTED)


def test_bf16_range_claim():
    """tp-bf16-range (true/false): 1e-8 flushes to zero in float16 but not in bfloat16."""
    data = yaml.safe_load((BANK_DIR / f"{TOPIC}.yaml").read_text(encoding="utf-8"))
    question = next(q for q in data["questions"] if q["id"] == "tp-bf16-range")
    claim = (
        torch.tensor(1e-8, dtype=torch.float16).item() == 0.0
        and torch.tensor(1e-8, dtype=torch.bfloat16).item() != 0.0
    )
    assert question["answer"] is claim
