"""The NumPy reference of cnn_lstm_forward is nn.Conv1d + ReLU + nn.LSTM + nn.Linear, and its diagnoses start from it."""

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

FOLDER = shipped_exercises_dir() / "cnn_lstm_forward"
reference = load_module(FOLDER / "reference.py")
signatures = load_module(FOLDER / "signatures.py")
suite = load_module(FOLDER / "test_cnn_lstm_forward.py")


def torch_model(inputs):
    x, conv_W, conv_b, stride, W_ih, W_hh, b_ih, b_hh, W_out, b_out = inputs
    C_out, C_in, K = conv_W.shape
    H, n_out = W_hh.shape[1], W_out.shape[0]
    conv = torch.nn.Conv1d(C_in, C_out, K, stride=stride).double()
    lstm = torch.nn.LSTM(C_out, H).double()
    head = torch.nn.Linear(H, n_out).double()
    with torch.no_grad():
        for param, array in (
            (conv.weight, conv_W), (conv.bias, conv_b),
            (lstm.weight_ih_l0, W_ih), (lstm.weight_hh_l0, W_hh),
            (lstm.bias_ih_l0, b_ih), (lstm.bias_hh_l0, b_hh),
            (head.weight, W_out), (head.bias, b_out),
        ):  # fmt: skip
            param.copy_(torch.from_numpy(array))
        features = torch.relu(conv(torch.from_numpy(x)))
        hs, _ = lstm(features.permute(2, 0, 1))  # zero initial state
        return head(hs[-1]).numpy()


def random_inputs(seed: int):
    rng = np.random.default_rng(seed)
    N, C_in, C_out, K, stride, H, n_out = (int(k) for k in rng.integers(1, 5, size=7))
    L = K + int(rng.integers(0, 12))
    return suite.make_inputs(seed, N, C_in, L, C_out, K, stride, H, n_out)


def suite_probes():
    probes = [suite.make_inputs(sum(k * 7**i for i, k in enumerate(s)), *s) for s in suite.SIZES]
    probes += [
        suite.make_inputs(77, 2, 3, 9, 4, 3, 2, 3, 2, zero_x=True),
        suite.make_inputs(1, *suite.SIZES[0]),
    ]
    return probes


@pytest.mark.parametrize("seed", range(40))
def test_reference_equals_torch_conv_lstm_linear(seed: int) -> None:
    inputs = random_inputs(seed)
    before = suite.copied(inputs)
    got = reference.cnn_lstm_forward(*inputs)
    want = torch_model(inputs)
    assert got.shape == want.shape == (inputs[0].shape[0], inputs[8].shape[0])
    np.testing.assert_allclose(got, want, rtol=1e-10, atol=1e-12)
    for old, new in zip(before, inputs, strict=True):
        np.testing.assert_array_equal(old, new)


def test_reference_equals_torch_on_the_suites_probes() -> None:
    for inputs in suite_probes():
        np.testing.assert_allclose(
            reference.cnn_lstm_forward(*inputs), torch_model(inputs), rtol=1e-10, atol=1e-12
        )


def test_conv_is_torch_cross_correlation() -> None:
    """The conv step alone equals torch.nn.functional.conv1d (no flip), also for float32."""
    x, conv_W, conv_b, stride = suite.make_inputs(3, *suite.SIZES[0])[:4]
    want = torch.nn.functional.conv1d(
        torch.from_numpy(x), torch.from_numpy(conv_W), torch.from_numpy(conv_b), stride=stride
    ).numpy()
    np.testing.assert_allclose(reference.conv1d(x, conv_W, conv_b, stride), want, rtol=1e-12)
    low = reference.conv1d(x.astype(np.float32), conv_W.astype(np.float32),
                           conv_b.astype(np.float32), stride)  # fmt: skip
    assert low.dtype == np.float32


def test_probes_cover_what_the_suite_promises() -> None:
    sizes = suite.SIZES
    l_outs = [(L - K) // s + 1 for (_, _, L, _, K, s, _, _) in sizes]
    assert 1 in l_outs and max(l_outs) > 1
    assert any(lo == c_out for lo, (_, _, _, c_out, *_) in zip(l_outs, sizes, strict=True))
    assert any(n_out == H for *_, H, n_out in sizes)
    assert any(c_out == H for (_, _, _, c_out, _, _, H, _) in sizes)
    assert any(s > 1 and (L - K) % s for (_, _, L, _, K, s, _, _) in sizes)
    assert {s for (*_, s, _, _) in sizes} == {1, 2, 3}


def test_float32_computation_passes_every_probe() -> None:
    """A correct solution computing in float32 stays within the suite's tolerance."""
    for inputs in suite_probes():
        low = tuple(a.astype(np.float32) if isinstance(a, np.ndarray) else a for a in inputs)
        got = reference.cnn_lstm_forward(*low)
        assert got.dtype == np.float32
        np.testing.assert_allclose(got, reference.cnn_lstm_forward(*inputs), rtol=1e-4, atol=1e-5)


def test_reference_does_not_import_torch() -> None:
    tree = ast.parse((FOLDER / "reference.py").read_text(encoding="utf-8"))
    imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import)
                for alias in node.names}  # fmt: skip
    assert imported == {"numpy"}
    assert not any(isinstance(node, ast.ImportFrom) for node in ast.walk(tree))


@pytest.mark.parametrize("seed", range(10))
def test_signature_baseline_equals_reference(seed: int) -> None:
    inputs = random_inputs(seed)
    np.testing.assert_allclose(
        signatures.forward(*inputs), reference.cnn_lstm_forward(*inputs), rtol=1e-12, atol=1e-14
    )


def test_every_signature_differs_from_the_reference() -> None:
    """On one probe where every mistake runs: L_out == C_out == 4, O == H, stride 3."""
    inputs = suite.make_inputs(9, 2, 2, 13, 4, 4, 3, 3, 3)
    want = reference.cnn_lstm_forward(*inputs)
    assert mistakes_without_effect(signatures, inputs, signatures.forward, want) == []


def test_signatures_are_named_alone_on_the_suites_probes() -> None:
    assert mistakes_never_named_alone(signatures, suite_probes(), signatures.forward) == []


def test_zero_input_shows_a_dropped_conv_bias() -> None:
    inputs = suite.make_inputs(77, 2, 3, 9, 4, 3, 2, 3, 2, zero_x=True)
    got = signatures.forward(*inputs, bias=False)
    assert "conv bias dropped" in str(signatures.diagnose(got, inputs))


def test_shape_notes() -> None:
    inputs = suite.make_inputs(1, *suite.SIZES[0])
    logits = reference.cnn_lstm_forward(*inputs)
    assert "every step" in str(signatures.diagnose(np.stack([logits] * 5), inputs))
    assert "transposed, (O, N)" in str(signatures.diagnose(logits.T, inputs))


def test_correct_output_gets_no_diagnosis() -> None:
    for inputs in suite_probes():
        assert signatures.diagnose(reference.cnn_lstm_forward(*inputs), inputs) == ""
