"""The NumPy reference of masked_lstm_forward is pack_padded_sequence(enforce_sorted=False) +
torch.nn.LSTM + pad_packed_sequence(total_length=T), its diagnoses start from it, and the
suite's probes do what they claim."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence

from lstm_quiz.grading.plugin import load_module
from lstm_quiz.paths import shipped_exercises_dir
from tests.exercises.signature_checks import (
    mistakes_never_named_alone,
    mistakes_without_effect,
)

FOLDER = shipped_exercises_dir() / "masked_lstm_forward"
reference = load_module(FOLDER / "reference.py")
signatures = load_module(FOLDER / "signatures.py")
suite = load_module(FOLDER / "test_masked_lstm_forward.py")


def torch_forward(inputs):
    x, lengths, h0, c0, W_ih, W_hh, b_ih, b_hh = inputs
    T = x.shape[0]
    lstm = torch.nn.LSTM(x.shape[2], h0.shape[1]).double()
    with torch.no_grad():
        lstm.weight_ih_l0.copy_(torch.from_numpy(W_ih))
        lstm.weight_hh_l0.copy_(torch.from_numpy(W_hh))
        lstm.bias_ih_l0.copy_(torch.from_numpy(b_ih))
        lstm.bias_hh_l0.copy_(torch.from_numpy(b_hh))
        packed = pack_padded_sequence(
            torch.from_numpy(x), torch.from_numpy(lengths), enforce_sorted=False
        )
        state = (torch.from_numpy(h0)[None], torch.from_numpy(c0)[None])
        output, (h_n, c_n) = lstm(packed, state)
        hs, out_lengths = pad_packed_sequence(output, total_length=T)
    np.testing.assert_array_equal(out_lengths.numpy(), lengths)
    return hs.numpy(), (h_n[0].numpy(), c_n[0].numpy())


def random_inputs(seed: int, scale: float = 1.0):
    rng = np.random.default_rng(seed)
    T, N, D, H = (int(k) for k in rng.integers(1, 7, size=4))
    return (
        rng.normal(size=(T, N, D)) * scale,
        rng.integers(1, T + 1, size=N),
        rng.normal(size=(N, H)),
        rng.normal(size=(N, H)) * 2,
        rng.normal(size=(4 * H, D)),
        rng.normal(size=(4 * H, H)),
        rng.normal(size=4 * H),
        rng.normal(size=4 * H),
    )


def suite_probes():
    probes = [suite.make_inputs(T * 1000 + N * 100 + D * 10 + H, T, N, D, H, lengths)
              for T, N, D, H, lengths in suite.SIZES]  # fmt: skip
    probes += [
        suite.make_inputs(31, 4, 3, 3, 2, (4, 4, 4)),
        suite.make_inputs(12, 5, 4, 2, 3, (2, 5, 3, 1), zero_state=True),
        suite.overflow_inputs(),
    ]
    return probes


def assert_same(got, want, rtol=1e-10, atol=1e-12):
    hs, (h, c) = got
    want_hs, (want_h, want_c) = want
    assert hs.shape == want_hs.shape and h.shape == want_h.shape and c.shape == want_c.shape
    np.testing.assert_allclose(hs, want_hs, rtol=rtol, atol=atol)
    np.testing.assert_allclose(h, want_h, rtol=rtol, atol=atol)
    np.testing.assert_allclose(c, want_c, rtol=rtol, atol=atol)


@pytest.mark.parametrize("seed", range(40))
def test_reference_equals_packed_torch_lstm(seed: int) -> None:
    inputs = random_inputs(seed, scale=100.0 if seed % 5 == 0 else 1.0)  # some saturate every gate
    before = [a.copy() for a in inputs]
    got = reference.masked_lstm_forward(*inputs)
    assert_same(got, torch_forward(inputs))
    x, lengths = inputs[0], inputs[1]
    padding = np.arange(x.shape[0])[:, None] >= lengths[None, :]
    assert np.all(got[0][padding] == 0.0)  # exactly 0, as pad_packed_sequence gives
    for a, b in zip(inputs, before, strict=True):
        np.testing.assert_array_equal(a, b)


def test_reference_equals_torch_on_the_suites_probes() -> None:
    for inputs in suite_probes():
        got = reference.masked_lstm_forward(*inputs)
        assert_same(got, torch_forward(inputs))
        assert np.isfinite(got[0]).all()


def test_padding_values_do_not_matter() -> None:
    for inputs in suite_probes():
        x, lengths = inputs[0], inputs[1]
        padding = np.arange(x.shape[0])[:, None] >= lengths[None, :]
        other = np.where(padding[:, :, None], 1e3, x)
        assert_same(
            reference.masked_lstm_forward(other, *inputs[1:]),
            reference.masked_lstm_forward(*inputs),
        )


def test_probes_cover_what_the_brief_asks() -> None:
    """Unsorted lengths, length 1, full length, and batches without a full-length sequence."""
    matched = [(T, lengths) for T, _, _, _, lengths in suite.SIZES]
    unsorted = [ls for _, ls in matched if list(ls) != sorted(ls, reverse=True)]
    assert unsorted
    assert any(1 in ls and T in ls and list(ls) in map(list, unsorted) for T, ls in matched)
    assert any(max(ls) < T for T, ls in matched)
    for inputs in suite_probes():
        x, lengths = inputs[0], inputs[1]
        assert lengths.dtype.kind == "i" and lengths.min() >= 1 and lengths.max() <= x.shape[0]


def test_overflow_probe_passes_710_at_a_real_step_and_stays_small() -> None:
    x, lengths, h0, _, W_ih, W_hh, b_ih, b_hh = suite.overflow_inputs()
    assert lengths[0] > 1  # step 1 of sequence 0 is real
    input_part = x[1, 0] @ W_ih.T + b_ih + b_hh
    assert (np.abs(input_part) - np.abs(W_hh).sum(axis=1)).min() > 710  # |h| < 1 entering step 1
    assert max(x.shape[2], h0.shape[1]) <= 10


def test_float32_computation_passes_every_probe() -> None:
    for inputs in suite_probes():
        x, lengths, *rest = inputs
        got = reference.masked_lstm_forward(
            x.astype(np.float32), lengths, *[a.astype(np.float32) for a in rest]
        )
        assert got[0].dtype == np.float32
        assert_same(got, reference.masked_lstm_forward(*inputs), rtol=1e-4, atol=1e-5)


@pytest.mark.parametrize("seed", range(10))
def test_signature_baseline_equals_reference(seed: int) -> None:
    inputs = random_inputs(seed)
    assert_same(signatures.forward(*inputs), reference.masked_lstm_forward(*inputs), atol=1e-14)


def test_every_signature_differs_from_the_reference() -> None:
    # no full-length sequence (so a final state at step lengths[n] can run), unsorted, a length 1
    probe = suite.make_inputs(3, 6, 4, 3, 3, (3, 1, 5, 2))
    want = reference.masked_lstm_forward(*probe)
    assert mistakes_without_effect(signatures, probe, signatures.forward, want) == []


def test_signatures_are_named_alone_on_the_suites_probes() -> None:
    """Each mistake is named alone on at least one probe (no probe-wide tie hides it)."""
    assert mistakes_never_named_alone(signatures, suite_probes(), signatures.forward) == []


def test_swapped_final_state_and_shape_notes() -> None:
    inputs = suite_probes()[0]
    hs, (h, c) = reference.masked_lstm_forward(*inputs)
    assert "final state is swapped" in str(signatures.diagnose((hs, (c, h)), inputs))
    assert "num_layers" in str(signatures.diagnose((hs, (h[None], c[None])), inputs))
    inputs = suite_probes()[-4]  # T=6, lengths (4, 2, 5): max(lengths) < T
    hs, (h, c) = reference.masked_lstm_forward(*inputs)
    assert "max(lengths) = 5" in str(signatures.diagnose((hs[:5] + 1.0, (h, c)), inputs))


def test_correct_output_gets_no_diagnosis() -> None:
    for inputs in suite_probes():
        assert str(signatures.diagnose(reference.masked_lstm_forward(*inputs), inputs)) == ""
