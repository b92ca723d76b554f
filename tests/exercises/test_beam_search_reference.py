"""The NumPy reference of beam_search is the search its prompt states, and its diagnoses start from it.

Proven three ways: with a width that keeps every candidate it is an exhaustive
search over all hypotheses (enumerated here with itertools.product); at width
1 it is greedy decoding; at every width it equals an independent, vectorised
implementation. GNMT's length penalty is checked against the paper's formula.
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from lstm_quiz.grading.plugin import load_module
from lstm_quiz.paths import shipped_exercises_dir
from tests.exercises.signature_checks import mistakes_never_named_alone, mistakes_without_effect

FOLDER = shipped_exercises_dir() / "beam_search"
reference = load_module(FOLDER / "reference.py")
signatures = load_module(FOLDER / "signatures.py")
suite = load_module(FOLDER / "test_beam_search.py")


def gnmt_score(logp: float, length: int, alpha: float) -> float:
    """Wu et al. (2016), section 7: s(Y, X) = log P(Y|X) / lp(Y), lp(Y) = (5+|Y|)^α / (5+1)^α."""
    return logp / ((5 + length) ** alpha / (5 + 1) ** alpha)


def log_p(tokens, log_init, log_trans) -> float:
    return float(log_init[tokens[0]] + sum(log_trans[a, b] for a, b in itertools.pairwise(tokens)))


def exhaustive(log_init, log_trans, max_len, eos, alpha):
    """The best score over every hypothesis: ending at its first eos, or max_len tokens without one."""
    V = len(log_init)
    hypotheses = []
    for length in range(1, max_len + 1):
        for tokens in itertools.product(range(V), repeat=length):
            if eos in tokens[:-1] or (length < max_len and tokens[-1] != eos):
                continue
            hypotheses.append(gnmt_score(log_p(tokens, log_init, log_trans), length, alpha))
    return max(hypotheses)


def greedy(log_init, log_trans, max_len, eos, alpha):
    tokens = [int(np.argmax(log_init))]
    while tokens[-1] != eos and len(tokens) < max_len:
        tokens.append(int(np.argmax(log_trans[tokens[-1]])))
    return tokens, gnmt_score(log_p(tokens, log_init, log_trans), len(tokens), alpha)


def vectorised(log_init, log_trans, beam_width, max_len, eos, alpha):
    """The same search with the beam as arrays: (B, t) tokens and (B,) log-probabilities."""
    V = len(log_init)
    tokens = np.arange(V)[:, None]
    logp = log_init.astype(np.float64)
    done_tokens, done_logp = [], []
    for step in range(1, max_len + 1):
        keep = np.argsort(-logp, kind="stable")[:beam_width]  # flat order: parent, then token
        tokens, logp = tokens[keep], logp[keep]
        ended = tokens[:, -1] == eos
        done_tokens += [list(map(int, row)) for row in tokens[ended]]
        done_logp += list(logp[ended])
        tokens, logp = tokens[~ended], logp[~ended]
        if len(logp) == 0 or step == max_len:
            break
        logp = (logp[:, None] + log_trans[tokens[:, -1]]).reshape(-1)
        tokens = np.concatenate(
            [np.repeat(tokens, V, axis=0), np.tile(np.arange(V), len(tokens))[:, None]], axis=1
        )
    done_tokens += [list(map(int, row)) for row in tokens]
    done_logp += list(logp)
    scores = [gnmt_score(lp, len(t), alpha) for t, lp in zip(done_tokens, done_logp, strict=True)]
    best = int(np.argmax(scores))  # the first of equal scores
    return done_tokens[best], scores[best]


def random_inputs(seed: int):
    rng = np.random.default_rng(seed)
    V, max_len = int(rng.integers(2, 6)), int(rng.integers(1, 5))
    log_init = np.log(rng.dirichlet(np.ones(V)))
    log_trans = np.log(rng.dirichlet(np.ones(V), size=V))
    beam_width = int(rng.integers(1, V + 2))
    return (
        log_init,
        log_trans,
        beam_width,
        max_len,
        int(rng.integers(0, V)),
        float(rng.uniform(0, 2)),
    )


def probes():
    return suite.all_inputs()


@pytest.mark.parametrize("seed", range(60))
def test_reference_with_a_full_width_is_an_exhaustive_search(seed: int) -> None:
    log_init, log_trans, _, max_len, eos, alpha = random_inputs(seed)
    full = len(log_init) ** max_len  # keeps every candidate of every step
    tokens, score = reference.beam_search(log_init, log_trans, full, max_len, eos, alpha)
    assert score == pytest.approx(exhaustive(log_init, log_trans, max_len, eos, alpha), abs=1e-12)
    assert score == pytest.approx(
        gnmt_score(log_p(tokens, log_init, log_trans), len(tokens), alpha)
    )


@pytest.mark.parametrize("seed", range(60))
def test_reference_at_width_1_is_greedy_decoding(seed: int) -> None:
    log_init, log_trans, _, max_len, eos, alpha = random_inputs(seed)
    got = reference.beam_search(log_init, log_trans, 1, max_len, eos, alpha)
    want = greedy(log_init, log_trans, max_len, eos, alpha)
    assert got[0] == want[0] and got[1] == pytest.approx(want[1])


@pytest.mark.parametrize("seed", range(100))
def test_reference_equals_a_vectorised_implementation(seed: int) -> None:
    inputs = random_inputs(seed)
    before = [inputs[0].copy(), inputs[1].copy()]
    tokens, score = reference.beam_search(*inputs)
    want_tokens, want_score = vectorised(*inputs)
    assert tokens == want_tokens and score == pytest.approx(want_score, abs=1e-12)
    assert all(type(t) is int for t in tokens) and isinstance(score, float)
    np.testing.assert_array_equal(inputs[0], before[0])
    np.testing.assert_array_equal(inputs[1], before[1])


def test_the_suites_probes_against_the_independent_searches() -> None:
    for inputs in probes():
        got = reference.beam_search(*inputs)
        want = vectorised(*inputs)
        assert got[0] == want[0] and got[1] == pytest.approx(want[1], rel=1e-12)


def test_a_worked_example_with_the_tie_rule() -> None:
    """V = 3, eos = 2, width 2, alpha 1. Step 1 keeps [0] (-0.5) and [1] (-1.0). Step 2's best
    candidates tie at -1.5: [0, 2] (parent [0]) comes before [1, 0] (parent [1]), so [0, 2] and
    [1, 0] are kept, [0, 2] finished with score -1.5 / (7/6) = -9/7; at max_len = 2, [1, 0]
    finishes with the same logP and length, and the tie goes to [0, 2], finished first."""
    log_init = np.array([-0.5, -1.0, -3.0])
    log_trans = np.array([[-4.0, -4.0, -1.0], [-0.5, -4.0, -4.0], [-4.0, -4.0, -4.0]])
    tokens, score = reference.beam_search(log_init, log_trans, 2, 2, 2, 1.0)
    assert tokens == [0, 2] and score == pytest.approx(-9 / 7)


def test_probes_show_what_their_names_say() -> None:
    by_name = {p[0]: suite.make_inputs(p) for p in suite.PROBES}
    inputs = by_name["probabilities that underflow"]
    tokens, _ = reference.beam_search(*inputs)
    assert log_p(tokens, inputs[0], inputs[1]) < -745 and np.exp(log_p(tokens, *inputs[:2])) == 0.0
    tokens, _ = reference.beam_search(*by_name["the best hypothesis never emits eos"])
    assert 1 not in tokens
    assert reference.beam_search(*suite.eos_first_inputs())[0] == [2]
    inputs = by_name["width 1 (greedy decoding)"]
    assert reference.beam_search(*inputs)[0] == greedy(*inputs[:2], *inputs[3:])[0]
    assert len(reference.beam_search(*by_name["max_len 1"])[0]) == 1


def test_float32_computation_passes_every_probe() -> None:
    for inputs in probes():
        want = reference.beam_search(*inputs)
        got = reference.beam_search(
            inputs[0].astype(np.float32), inputs[1].astype(np.float32), *inputs[2:]
        )
        assert got[0] == want[0]
        assert np.isclose(got[1], want[1], rtol=1e-4, atol=1e-5)


@pytest.mark.parametrize("seed", range(40))
def test_signature_baseline_equals_reference(seed: int) -> None:
    inputs = random_inputs(seed)
    got, want = signatures.search(*inputs), reference.beam_search(*inputs)
    assert got[0] == want[0] and got[1] == pytest.approx(want[1], abs=1e-14)


def test_every_signature_changes_the_result_on_some_probe() -> None:
    effects = [
        set(
            mistakes_without_effect(
                signatures, inputs, signatures.search, reference.beam_search(*inputs)
            )
        )
        for inputs in probes()
    ]
    assert set.intersection(*effects) == set()


def test_signatures_are_named_alone_on_the_suites_probes() -> None:
    assert mistakes_never_named_alone(signatures, probes(), signatures.search) == []


def test_correct_output_gets_no_diagnosis() -> None:
    for inputs in probes():
        assert signatures.diagnose(reference.beam_search(*inputs), inputs) == ""
