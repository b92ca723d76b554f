"""The NumPy reference of attention_pooling equals a torch version (masked_fill(-inf) + torch.softmax),
its diagnoses start from it, and the suite's probes do what they claim."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from lstm_quiz.grading.plugin import load_module
from lstm_quiz.paths import shipped_exercises_dir
from tests.exercises.signature_checks import mistakes_never_named_alone

FOLDER = shipped_exercises_dir() / "attention_pooling"
reference = load_module(FOLDER / "reference.py")
signatures = load_module(FOLDER / "signatures.py")
suite = load_module(FOLDER / "test_attention_pooling.py")


def torch_pooling(hs, mask, W, b, v):
    """Additive attention pooling in torch, without autograd."""
    with torch.no_grad():
        hs_t, mask_t = torch.from_numpy(hs), torch.from_numpy(mask)
        scores = torch.tanh(hs_t @ torch.from_numpy(W).T + torch.from_numpy(b)) @ torch.from_numpy(
            v
        )
        weights = torch.softmax(scores.masked_fill(~mask_t, float("-inf")), dim=0)
        context = (weights.unsqueeze(-1) * hs_t).sum(dim=0)
    return context.numpy(), weights.numpy()


def random_inputs(seed: int, v_scale: float = 1.0):
    """Random sizes and an arbitrary mask (padding anywhere), at least one real step per sequence."""
    rng = np.random.default_rng(seed)
    T, N, H, A = (int(k) for k in rng.integers(1, 7, size=4))
    mask = rng.random((T, N)) < 0.6
    mask[rng.integers(0, T, size=N), np.arange(N)] = True
    return (
        rng.normal(size=(T, N, H)) * 2,
        mask,
        rng.normal(size=(A, H)),
        rng.normal(size=A),
        rng.normal(size=A) * v_scale,
    )


def suite_probes():
    probes = [suite.make_inputs(T * 100 + N * 10 + H + A, T, N, H, A, lengths)
              for T, N, H, A, lengths in suite.SIZES]  # fmt: skip
    probes += [
        suite.make_inputs(7, 6, 4, 3, 5, (6, 3, 1, 5)),
        suite.dominant_padding_inputs(),
        suite.make_inputs(33, 5, 4, 3, 4, (5, 3, 2, 1), left=(1, 3)),
        suite.large_score_inputs(),
    ]
    return probes


@pytest.mark.parametrize("seed", range(40))
def test_reference_equals_torch(seed: int) -> None:
    inputs = random_inputs(
        seed, v_scale=400.0 if seed % 4 == 0 else 1.0
    )  # some reach |scores| > 709
    before = [a.copy() for a in inputs]
    context, weights = reference.attention_pooling(*inputs)
    want_context, want_weights = torch_pooling(*inputs)
    np.testing.assert_allclose(weights, want_weights, rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(context, want_context, rtol=1e-10, atol=1e-12)
    mask = inputs[1]
    assert np.all(weights[~mask] == 0.0)  # exactly 0, as masked_fill(-inf) gives
    np.testing.assert_allclose(weights.sum(axis=0), 1.0, rtol=1e-12)
    for a, b in zip(inputs, before, strict=True):
        np.testing.assert_array_equal(a, b)


def test_reference_equals_torch_on_the_suites_probes() -> None:
    for inputs in suite_probes():
        context, weights = reference.attention_pooling(*inputs)
        want_context, want_weights = torch_pooling(*inputs)
        np.testing.assert_allclose(weights, want_weights, rtol=1e-10, atol=1e-12)
        np.testing.assert_allclose(context, want_context, rtol=1e-10, atol=1e-12)
        assert np.all(np.isfinite(weights)) and np.all(np.isfinite(context))


def test_every_probe_has_padding_and_a_full_sequence() -> None:
    for inputs in suite_probes():
        mask = inputs[1]
        assert (~mask).any()
        assert mask.all(axis=0).any() or mask.shape[1] == 1


def test_large_probe_breaks_each_unstable_softmax_and_the_small_additive_mask() -> None:
    hs, mask, W, b, v = inputs = suite.large_score_inputs()
    scores = signatures.scores_of(hs, W, b, v)
    real = np.where(mask, scores, -np.inf).max(axis=0)
    assert real.max() > 710  # exp overflows without the max subtracted
    padding = np.where(mask, -np.inf, scores).max(axis=0)
    assert (padding - real).max() > 746  # a max over the padding underflows every real exp
    assert np.abs(scores).max() < 1000  # an additive -1e4 leaves exactly 0 ...
    assert (padding - 1000 > real).any()  # ... -1000 leaves the padding on top
    ways = signatures.unstable_sequences(inputs)
    naive, over_padding = ways[signatures.NAIVE], ways[signatures.MAX_OVER_PADDING]
    assert all(naive) and all(over_padding)
    assert not set(map(frozenset, naive)) & set(map(frozenset, over_padding))


def test_additive_mask_of_minus_1e4_passes_every_probe() -> None:
    """The prompt promises it: scores - 1e4 * ~mask is within tolerance everywhere."""
    for hs, mask, W, b, v in suite_probes():
        scores = signatures.scores_of(hs, W, b, v) - 1e4 * ~mask
        e = np.exp(scores - scores.max(axis=0))
        weights = e / e.sum(axis=0)
        _, want = reference.attention_pooling(hs, mask, W, b, v)
        np.testing.assert_allclose(weights, want, rtol=1e-4, atol=1e-5)


def test_normal_probes_are_stable_for_every_softmax() -> None:
    """Only the large-score probe separates the unstable softmaxes from the stable one."""
    for inputs in suite_probes()[:-1]:
        ways = signatures.unstable_sequences(inputs)
        assert all(not ns for found in ways.values() for ns in found)


@pytest.mark.parametrize("seed", range(10))
def test_signature_baseline_equals_reference(seed: int) -> None:
    inputs = random_inputs(seed)
    for got, want in zip(
        signatures.pool(*inputs), reference.attention_pooling(*inputs), strict=True
    ):
        np.testing.assert_allclose(got, want, rtol=1e-12, atol=1e-14)


def test_every_signature_differs_from_the_reference() -> None:
    # T == N and A == H: every signature runs and keeps the reference's shapes. The additive
    # mask of -1000 differs only where scores pass ±1000 - a few: the large-score probe.
    square = suite.make_inputs(3, 4, 4, 3, 3, (4, 2, 1, 3))
    for description, options in signatures.SIGNATURES:
        differs = False
        for inputs in [square, suite.large_score_inputs()]:
            got = signatures.pool(*inputs, **options)
            if got is None:  # W without .T cannot run when A != H
                assert inputs is not square, description
                continue
            want = reference.attention_pooling(*inputs)
            differs |= not all(
                a.shape == b.shape and np.allclose(a, b, equal_nan=True)
                for a, b in zip(got, want, strict=True)
            )
        assert differs, description


def test_signatures_are_told_apart_on_the_suites_probes() -> None:
    """Each mistake is named alone on at least one probe (no probe-wide tie hides it)."""
    assert mistakes_never_named_alone(signatures, suite_probes(), signatures.pool) == []


def test_diagnosis_names_the_unstable_softmaxes() -> None:
    hs, mask, W, b, v = inputs = suite.large_score_inputs()
    scores = signatures.scores_of(hs, W, b, v)
    with np.errstate(all="ignore"):
        e = np.exp(scores) * mask
        naive = e / e.sum(axis=0)
        e = np.exp(scores - scores.max(axis=0)) * mask
        over_padding = e / e.sum(axis=0)
    context = np.zeros((hs.shape[1], hs.shape[2]))
    assert signatures.NAIVE in str(signatures.diagnose((context, naive), inputs))
    assert signatures.MAX_OVER_PADDING in str(signatures.diagnose((context, over_padding), inputs))


def test_correct_output_gets_no_diagnosis() -> None:
    for inputs in suite_probes():
        assert str(signatures.diagnose(reference.attention_pooling(*inputs), inputs)) == ""
