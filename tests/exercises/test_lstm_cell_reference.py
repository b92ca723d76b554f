"""The NumPy reference of lstm_cell is torch.nn.LSTMCell, and its diagnoses start from it."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from lstm_quiz.grading.plugin import load_module
from lstm_quiz.paths import shipped_exercises_dir

FOLDER = shipped_exercises_dir() / "lstm_cell"
reference = load_module(FOLDER / "reference.py")
signatures = load_module(FOLDER / "signatures.py")


def torch_step(inputs):
    x, h, c, W_ih, W_hh, b_ih, b_hh = inputs
    cell = torch.nn.LSTMCell(x.shape[1], h.shape[1]).double()
    with torch.no_grad():
        cell.weight_ih.copy_(torch.from_numpy(W_ih))
        cell.weight_hh.copy_(torch.from_numpy(W_hh))
        cell.bias_ih.copy_(torch.from_numpy(b_ih))
        cell.bias_hh.copy_(torch.from_numpy(b_hh))
        h_t, c_t = cell(torch.from_numpy(x), (torch.from_numpy(h), torch.from_numpy(c)))
    return h_t.numpy(), c_t.numpy()


def random_inputs(seed: int, scale: float = 1.0):
    rng = np.random.default_rng(seed)
    N, D, H = rng.integers(1, 6), rng.integers(1, 8), rng.integers(1, 8)
    return (
        rng.normal(size=(N, D)) * scale,
        rng.normal(size=(N, H)),
        rng.normal(size=(N, H)) * 2,
        rng.normal(size=(4 * H, D)),
        rng.normal(size=(4 * H, H)),
        rng.normal(size=4 * H),
        rng.normal(size=4 * H),
    )


@pytest.mark.parametrize("seed", range(40))
def test_reference_equals_torch_lstmcell(seed: int) -> None:
    inputs = random_inputs(seed, scale=100.0 if seed % 5 == 0 else 1.0)  # some saturate every gate
    h, c = reference.lstm_cell(*inputs)
    want_h, want_c = torch_step(inputs)
    np.testing.assert_allclose(h, want_h, rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(c, want_c, rtol=1e-10, atol=1e-12)


@pytest.mark.parametrize("seed", range(10))
def test_signature_baseline_equals_reference(seed: int) -> None:
    inputs = random_inputs(seed)
    for got, want in zip(signatures.step(*inputs), reference.lstm_cell(*inputs), strict=True):
        np.testing.assert_allclose(got, want, rtol=1e-12, atol=1e-12)


def test_every_signature_differs_from_the_reference() -> None:
    rng = np.random.default_rng(1)
    shapes = [
        (3, 4),
        (3, 4),
        (3, 4),
        (16, 4),
        (16, 4),
        (16,),
        (16,),
    ]  # D == H so every signature runs
    square = tuple(rng.normal(size=s) for s in shapes)
    want = reference.lstm_cell(*square)
    for description, options in signatures.SIGNATURES:
        got = signatures.step(*square, **options)
        assert not all(np.allclose(a, b) for a, b in zip(got, want, strict=True)), description


def test_keras_order_is_pytorch_order() -> None:
    """Keras' i, f, c, o is PyTorch's i, f, g, o: no signature may claim it as a mistake."""
    orders = {options.get("order") for _, options in signatures.SIGNATURES}
    assert "ifgo" not in orders
