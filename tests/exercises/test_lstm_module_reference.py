"""The reference LSTMCellModule is interchangeable with torch.nn.LSTMCell: state, outputs, gradients."""

from __future__ import annotations

import pytest
import torch

from lstm_quiz.grading.plugin import load_module
from lstm_quiz.paths import shipped_exercises_dir

reference = load_module(shipped_exercises_dir() / "lstm_module" / "reference.py")


@pytest.mark.parametrize("seed", range(10))
def test_reference_module_equals_lstmcell(seed: int) -> None:
    torch.manual_seed(seed)
    N, D, H = 1 + seed % 4, 2 + seed % 5, 1 + seed % 6
    builtin = torch.nn.LSTMCell(D, H).double()
    mine = reference.LSTMCellModule(D, H).double()
    mine.load_state_dict(builtin.state_dict(), strict=True)
    x = torch.randn(N, D, dtype=torch.float64)
    state = (torch.randn(N, H, dtype=torch.float64), torch.randn(N, H, dtype=torch.float64))
    outputs = [module(x, state) for module in (builtin, mine)]
    for got, want in zip(outputs[1], outputs[0], strict=True):
        torch.testing.assert_close(got, want)
    for h, c in outputs:
        (h.sum() + 2 * c.sum()).backward()
    for (name, p), q in zip(builtin.named_parameters(), mine.parameters(), strict=True):
        torch.testing.assert_close(q.grad, p.grad, msg=name)


def test_initialisation_range_and_names() -> None:
    torch.manual_seed(0)
    module = reference.LSTMCellModule(7, 9)
    assert [n for n, _ in module.named_parameters()] == [
        "weight_ih",
        "weight_hh",
        "bias_ih",
        "bias_hh",
    ]
    bound = 1 / 3
    assert all(float(p.detach().abs().max()) <= bound for p in module.parameters())
    torch.nn.LSTMCell(7, 9).load_state_dict(module.state_dict(), strict=True)
