"""The NumPy reference of stacked_lstm_forward is torch.nn.LSTM(num_layers=L, dropout=p), and its diagnoses start from it."""

from __future__ import annotations

import ast

import numpy as np
import pytest
import torch

from lstm_quiz.grading.plugin import load_module
from lstm_quiz.paths import shipped_exercises_dir
from tests.exercises.signature_checks import (
    mistakes_never_named_alone,
    mistakes_without_effect,
)

FOLDER = shipped_exercises_dir() / "stacked_lstm_forward"
reference = load_module(FOLDER / "reference.py")
signatures = load_module(FOLDER / "signatures.py")
suite = load_module(FOLDER / "test_stacked_lstm_forward.py")
PARAM_NAMES = ("weight_ih", "weight_hh", "bias_ih", "bias_hh")


def torch_lstm(params, D, H):
    """nn.LSTM(D, H, num_layers=len(params)) holding ``params``, float64."""
    lstm = torch.nn.LSTM(D, H, num_layers=len(params)).double()
    with torch.no_grad():
        for layer, arrays in enumerate(params):
            for name, array in zip(PARAM_NAMES, arrays, strict=True):
                getattr(lstm, f"{name}_l{layer}").copy_(torch.from_numpy(array))
    return lstm


def as_numpy(output, h_n, c_n):
    return output.detach().numpy(), (h_n.detach().numpy(), c_n.detach().numpy())


def torch_stack_no_dropout(inputs):
    x, h0, c0, params, _ = inputs
    lstm = torch_lstm(params, x.shape[2], h0.shape[2]).eval()
    with torch.no_grad():
        output, (h_n, c_n) = lstm(torch.from_numpy(x), (torch.from_numpy(h0), torch.from_numpy(c0)))
    return as_numpy(output, h_n, c_n)


def torch_layer_by_layer(inputs):
    """The stack rebuilt from one-layer nn.LSTMs, each mask applied with torch between them."""
    x, h0, c0, params, masks = inputs
    H = h0.shape[2]
    layer_input, h_n, c_n = torch.from_numpy(x), [], []
    with torch.no_grad():
        for layer, arrays in enumerate(params):
            one = torch_lstm([arrays], layer_input.shape[2], H)
            state = (
                torch.from_numpy(h0[layer : layer + 1]),
                torch.from_numpy(c0[layer : layer + 1]),
            )
            output, (h, c) = one(layer_input, state)
            h_n.append(h)
            c_n.append(c)
            is_last = layer == len(params) - 1
            layer_input = output if is_last else output * torch.from_numpy(masks[layer])
    return as_numpy(layer_input, torch.cat(h_n), torch.cat(c_n))


def random_inputs(seed: int, masks: str = "ones"):
    rng = np.random.default_rng(seed)
    T, N, D, H = (int(k) for k in rng.integers(1, 6, size=4))
    L = int(rng.integers(1, 4))
    return suite.make_inputs(seed, T, N, D, H, L, masks=masks)


def suite_probes():
    probes = [suite.make_inputs(sum(k * 10**i for i, k in enumerate(s)), *s) for s in suite.SIZES]
    probes += [
        suite.make_inputs(31, 4, 2, 3, 3, 3, masks="ones"),
        suite.make_inputs(32, 4, 2, 3, 4, 3, masks="zeros"),
        suite.make_inputs(33, 5, 3, 4, 4, 3, p=0.2),
        suite.make_inputs(34, 4, 3, 2, 3, 2, zero_state=True),
        suite.make_inputs(5, 4, 3, 4, 4, 3),
        suite.make_inputs(1, 5, 2, 3, 4, 3),
    ]
    return probes


def assert_same(got, want, rtol=1e-10, atol=1e-12):
    hs, (h, c) = got
    want_hs, (want_h, want_c) = want
    assert hs.shape == want_hs.shape and h.shape == want_h.shape and c.shape == want_c.shape
    np.testing.assert_allclose(hs, want_hs, rtol=rtol, atol=atol)
    np.testing.assert_allclose(h, want_h, rtol=rtol, atol=atol)
    np.testing.assert_allclose(c, want_c, rtol=rtol, atol=atol)


@pytest.mark.parametrize("seed", range(30))
def test_reference_with_masks_of_ones_equals_torch_stacked_lstm(seed: int) -> None:
    inputs = random_inputs(seed)
    before = suite.copied(inputs)
    assert_same(reference.stacked_lstm_forward(*inputs), torch_stack_no_dropout(inputs))
    for old, new in zip(before[:3], inputs[:3], strict=True):
        np.testing.assert_array_equal(old, new)


@pytest.mark.parametrize(("L", "p"), [(2, 0.5), (3, 0.3), (4, 0.6)])
def test_reference_equals_torch_lstm_training_with_its_own_dropout(L: int, p: float) -> None:
    """torch.nn.LSTM(dropout=p).train() draws one mask per layer but the last; drawn again from
    the same generator state, those masks given to the reference give torch's exact result."""
    T, N, D, H = 5, 3, 2, 4
    inputs = suite.make_inputs(L * 7, T, N, D, H, L, masks="ones")
    x, h0, c0, params, _ = inputs
    lstm = torch_lstm(params, D, H)
    lstm.dropout = p
    lstm.train()
    torch.manual_seed(1234)
    with torch.no_grad():
        output, (h_n, c_n) = lstm(torch.from_numpy(x), (torch.from_numpy(h0), torch.from_numpy(c0)))
    torch.manual_seed(1234)
    ones = torch.ones(T, N, H, dtype=torch.float64)
    masks = [torch.nn.functional.dropout(ones, p, training=True).numpy() for _ in range(L - 1)]
    assert all(set(np.unique(m)) <= {0.0, 1.0 / (1.0 - p)} for m in masks)
    assert any((m == 0).any() for m in masks)  # dropout really acted
    got = reference.stacked_lstm_forward(x, h0, c0, params, masks)
    assert_same(got, as_numpy(output, h_n, c_n))


def test_reference_equals_torch_layer_by_layer_on_the_suites_probes() -> None:
    for inputs in suite_probes():
        assert_same(reference.stacked_lstm_forward(*inputs), torch_layer_by_layer(inputs))


def test_zero_masks_give_the_upper_layers_zero_inputs() -> None:
    """By construction: with zero masks, layer 1 runs on zeros from its own h0[1], c0[1]."""
    x, h0, c0, params, masks = suite.make_inputs(32, 4, 2, 3, 4, 2, masks="zeros")
    hs, (h_n, c_n) = reference.stacked_lstm_forward(x, h0, c0, params, masks)
    upper, (h1, c1) = reference.stacked_lstm_forward(
        np.zeros((4, 2, 4)), h0[1:], c0[1:], params[1:], []
    )
    assert_same((hs, (h_n[1:], c_n[1:])), (upper, (h1, c1)), atol=0, rtol=0)


def test_float32_computation_passes_every_probe() -> None:
    """A correct solution computing in float32 stays within the suite's tolerance."""
    for inputs in suite_probes():
        x, h0, c0, params, masks = inputs
        low = (
            x.astype(np.float32),
            h0.astype(np.float32),
            c0.astype(np.float32),
            [tuple(a.astype(np.float32) for a in layer) for layer in params],
            [m.astype(np.float32) for m in masks],
        )
        got = reference.stacked_lstm_forward(*low)
        assert got[0].dtype == np.float32
        assert_same(got, reference.stacked_lstm_forward(*inputs), rtol=1e-4, atol=1e-5)


def test_reference_does_not_import_torch() -> None:
    tree = ast.parse((FOLDER / "reference.py").read_text(encoding="utf-8"))
    imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import)
                for alias in node.names}  # fmt: skip
    assert imported == {"numpy"}
    assert not any(isinstance(node, ast.ImportFrom) for node in ast.walk(tree))


@pytest.mark.parametrize("seed", range(10))
def test_signature_baseline_equals_reference(seed: int) -> None:
    inputs = random_inputs(seed, masks="dropout")
    want = reference.stacked_lstm_forward(*inputs)
    assert_same(signatures.forward(*inputs), want, atol=1e-14)


def test_every_signature_differs_from_the_reference() -> None:
    square = suite.make_inputs(3, 4, 3, 4, 4, 3)  # D == H: every layer fed x runs; L = 3
    want = reference.stacked_lstm_forward(*square)
    assert mistakes_without_effect(signatures, square, signatures.forward, want) == []


def test_signatures_are_named_alone_on_the_suites_probes() -> None:
    """Each mistake is named alone on at least one probe (no probe-wide tie hides it)."""
    assert mistakes_never_named_alone(signatures, suite_probes(), signatures.forward) == []


def test_masks_of_ones_hide_the_dropout_mistakes() -> None:
    """Why the suite needs masks with zeros: with ones, dropout in the wrong place changes nothing."""
    inputs = suite.make_inputs(31, 4, 2, 3, 3, 3, masks="ones")
    want = reference.stacked_lstm_forward(*inputs)
    for options in ({"drop": "also_last"}, {"drop": "recurrent"}, {"rescale": True}):
        assert signatures.close(signatures.forward(*inputs, **options), want)


def test_swapped_final_state_is_named() -> None:
    inputs = suite_probes()[0]
    hs, (h, c) = reference.stacked_lstm_forward(*inputs)
    assert "final state is swapped" in str(signatures.diagnose((hs, (c, h)), inputs))


def test_shape_notes() -> None:
    inputs = suite.make_inputs(5, 4, 2, 3, 4, 3)
    hs, (h, c) = reference.stacked_lstm_forward(*inputs)
    assert "only one layer" in str(signatures.diagnose((hs, (h[-1], c[-1])), inputs))
    assert "along axis 0" in str(signatures.diagnose((hs, (h.transpose(1, 0, 2), c)), inputs))
    assert "every layer's outputs" in str(signatures.diagnose((np.stack([hs] * 3), (h, c)), inputs))


def test_correct_output_gets_no_diagnosis() -> None:
    for inputs in suite_probes():
        assert signatures.diagnose(reference.stacked_lstm_forward(*inputs), inputs) == ""
