"""The NumPy reference of ctc_greedy_decode is CTC best-path decoding, and its diagnoses start from it.

Proven twice: against an independent implementation of the collapse map B of
Graves et al. (2006) (itertools.groupby, then blanks out), and against
torch.nn.CTCLoss: on peaked log_probs the decoded labelling is the most likely
one, so its CTC loss is below that of every labelling a known mistake gives.
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest
import torch

from lstm_quiz.grading.plugin import load_module
from lstm_quiz.paths import shipped_exercises_dir
from tests.exercises.signature_checks import mistakes_never_named_alone, mistakes_without_effect

FOLDER = shipped_exercises_dir() / "ctc_greedy_decode"
reference = load_module(FOLDER / "reference.py")
signatures = load_module(FOLDER / "signatures.py")
suite = load_module(FOLDER / "test_ctc_greedy_decode.py")


def groupby_decode(log_probs, lengths, blank):
    """B(argmax path): one label per run of equal frames, then the blanks removed."""
    decoded = []
    for n, length in enumerate(lengths):
        path = log_probs[: int(length), n].argmax(axis=1)
        decoded.append([int(k) for k, _ in itertools.groupby(path) if k != blank])
    return decoded


def random_inputs(seed: int):
    rng = np.random.default_rng(seed)
    T, N, C = int(rng.integers(1, 12)), int(rng.integers(1, 6)), int(rng.integers(2, 7))
    # few classes and a bias to the blank, so runs, blanks between repeats and all-blank rows occur
    logits = rng.normal(size=(T, N, C)) * 2
    blank = int(rng.integers(0, C))
    logits[:, :, blank] += 1.0
    log_probs = logits - np.log(np.exp(logits).sum(axis=2, keepdims=True))
    return log_probs, rng.integers(1, T + 1, size=N), blank


def ctc_nll(log_probs, length, n, labels, blank):
    """torch.nn.CTCLoss of ``labels`` for sequence n (reduction none: -log p(labels | x))."""
    loss = torch.nn.CTCLoss(blank=blank, reduction="none")
    return float(
        loss(
            torch.from_numpy(log_probs[:, n : n + 1]),
            torch.tensor([labels], dtype=torch.long).reshape(1, -1),
            torch.tensor([int(length)]),
            torch.tensor([len(labels)]),
        )[0]
    )


def peaked(inputs, margin: float = 12.0):
    """The same argmax paths, each winner with probability ~ 1 - C e^-margin."""
    log_probs, lengths, blank = inputs
    logits = np.zeros_like(log_probs)
    np.put_along_axis(logits, log_probs.argmax(axis=2)[:, :, None], margin, axis=2)
    return logits - np.log(np.exp(logits).sum(axis=2, keepdims=True)), lengths, blank


@pytest.mark.parametrize("seed", range(200))
def test_reference_equals_the_collapse_map(seed: int) -> None:
    inputs = random_inputs(seed)
    before = [inputs[0].copy(), inputs[1].copy()]
    got = reference.ctc_greedy_decode(*inputs)
    assert got == groupby_decode(*inputs)
    assert all(type(k) is int for row in got for k in row)
    np.testing.assert_array_equal(inputs[0], before[0])
    np.testing.assert_array_equal(inputs[1], before[1])


def test_the_papers_example() -> None:
    """B(a−ab−) = B(−aa−−abb) = aab (Graves et al. 2006, section 3.1), a = 1, b = 2, blank 0."""
    paths = [[1, 0, 1, 2, 0, 0, 0], [0, 1, 1, 0, 0, 1, 2, 2]]
    T = max(map(len, paths))
    log_probs = np.full((T, 2, 3), -20.0)
    for n, path in enumerate(paths):
        log_probs[np.arange(len(path)), n, path] = 0.0
    assert reference.ctc_greedy_decode(log_probs, [5, 8]) == [[1, 1, 2], [1, 1, 2]]


def test_decoded_labelling_is_the_most_likely_under_torch_ctc_loss() -> None:
    """On peaked inputs (the suite's paths), the reference's labelling has the lowest CTC loss
    of all the labellings the known mistakes give, and carries most of the probability."""
    compared = 0
    for inputs in suite.probe_inputs():
        sharp = peaked(inputs)
        log_probs, lengths, blank = sharp
        want = reference.ctc_greedy_decode(*sharp)
        for n, length in enumerate(lengths):
            best = ctc_nll(log_probs, length, n, want[n], blank)
            assert np.exp(-best) > 0.5
            for _, options in signatures.SIGNATURES:
                other = signatures.decode(*sharp, **options)
                if other is None or other[n] == want[n] or blank in other[n]:
                    continue  # a labelling never holds the blank; CTCLoss cannot score it
                if any(k >= log_probs.shape[2] for k in other[n]):
                    continue
                assert ctc_nll(log_probs, length, n, other[n], blank) > best + 5
                compared += 1
    assert compared > 20


def test_probe_winners_lead_by_a_nat() -> None:
    """float32 rounding cannot change an argmax of the suite's probes (ties are the tie probe's)."""
    for log_probs, _, _ in suite.probe_inputs():
        top2 = np.sort(log_probs, axis=2)[:, :, -2:]
        assert (top2[:, :, 1] - top2[:, :, 0]).min() >= 1.0


def test_probes_decode_as_their_comments_say() -> None:
    got = [reference.ctc_greedy_decode(*inputs) for inputs in suite.probe_inputs()]
    assert got[0] == [[1, 1, 2, 4], [3, 2], [2, 3, 2, 4], [4]]
    assert got[1] == [[0, 0, 3], [1, 0], [3]]
    assert got[5] == [[], [], []]
    assert reference.ctc_greedy_decode(*suite.tie_inputs()) == [[2], [2]]


def test_float32_computation_passes_every_probe() -> None:
    for log_probs, lengths, blank in [*suite.probe_inputs(), suite.tie_inputs()]:
        assert reference.ctc_greedy_decode(
            log_probs.astype(np.float32), lengths, blank
        ) == reference.ctc_greedy_decode(log_probs, lengths, blank)


@pytest.mark.parametrize("seed", range(30))
def test_signature_baseline_equals_reference(seed: int) -> None:
    inputs = random_inputs(seed)
    assert signatures.decode(*inputs) == reference.ctc_greedy_decode(*inputs)


def test_every_signature_differs_from_the_reference() -> None:
    """On the first probe (blank 0) or the second (blank 2), every mistake changes the result."""
    without_effect = [
        set(mistakes_without_effect(signatures, inputs, signatures.decode, want))
        for inputs in suite.probe_inputs()[:2]
        if (want := reference.ctc_greedy_decode(*inputs))
    ]
    assert set.intersection(*without_effect) == set()


def test_signatures_are_named_alone_on_the_suites_probes() -> None:
    probes = [*suite.probe_inputs(), suite.tie_inputs()]
    assert mistakes_never_named_alone(signatures, probes, signatures.decode) == []


def test_correct_output_gets_no_diagnosis() -> None:
    for inputs in [*suite.probe_inputs(), suite.tie_inputs()]:
        assert signatures.diagnose(reference.ctc_greedy_decode(*inputs), inputs) == ""


def test_a_padded_array_is_told_to_be_a_list() -> None:
    inputs = suite.probe_inputs()[0]
    assert "plain list of N lists" in str(signatures.diagnose(np.zeros((4, 8), dtype=int), inputs))
