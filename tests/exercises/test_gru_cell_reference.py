"""The NumPy reference of gru_cell is torch.nn.GRUCell, and its diagnoses start from it."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from lstm_quiz.grading.plugin import load_module
from lstm_quiz.paths import shipped_exercises_dir

FOLDER = shipped_exercises_dir() / "gru_cell"
reference = load_module(FOLDER / "reference.py")
signatures = load_module(FOLDER / "signatures.py")


def random_inputs(seed: int, scale: float = 1.0, square: bool = False):
    rng = np.random.default_rng(seed)
    N, H = rng.integers(1, 6), rng.integers(1, 8)
    D = H if square else rng.integers(1, 8)
    return (
        rng.normal(size=(N, D)) * scale,
        rng.normal(size=(N, H)),
        rng.normal(size=(3 * H, D)),
        rng.normal(size=(3 * H, H)),
        rng.normal(size=3 * H),
        rng.normal(size=3 * H),
    )


def torch_step(inputs):
    x, h = inputs[:2]
    cell = torch.nn.GRUCell(x.shape[1], h.shape[1]).double()
    with torch.no_grad():
        for parameter, value in zip(
            (cell.weight_ih, cell.weight_hh, cell.bias_ih, cell.bias_hh), inputs[2:], strict=True
        ):
            parameter.copy_(torch.from_numpy(value))
        return cell(torch.from_numpy(x), torch.from_numpy(h)).numpy()


@pytest.mark.parametrize("seed", range(40))
def test_reference_equals_torch_grucell(seed: int) -> None:
    inputs = random_inputs(seed, scale=100.0 if seed % 5 == 0 else 1.0)
    np.testing.assert_allclose(
        reference.gru_cell(*inputs), torch_step(inputs), rtol=1e-10, atol=1e-12
    )


@pytest.mark.parametrize("seed", range(10))
def test_signature_baseline_equals_reference(seed: int) -> None:
    inputs = random_inputs(seed)
    np.testing.assert_allclose(
        signatures.step(*inputs), reference.gru_cell(*inputs), rtol=1e-12, atol=1e-12
    )


def test_every_signature_differs_from_the_reference() -> None:
    inputs = random_inputs(4, square=True)
    want = reference.gru_cell(*inputs)
    for description, options in signatures.SIGNATURES:
        assert not np.allclose(signatures.step(*inputs, **options), want), description


def test_cho_variant_differs_from_pytorch_for_nonzero_state() -> None:
    """Cho et al.'s GRU is a different function, not a rounding difference."""
    inputs = random_inputs(1)
    cho = signatures.step(*inputs, reset="before")
    assert np.max(np.abs(cho - torch_step(inputs))) > 1e-3
