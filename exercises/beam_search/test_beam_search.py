"""Hidden suite for beam_search. Runs in the trusted process; `solution` calls the learner's code.

The contract:

    def beam_search(log_init, log_trans, beam_width, max_len, eos, alpha):
        '''log_init (V,), log_trans (V, V): log p(first), log p(next | prev)
        each step keeps the beam_width best candidates (stable sort on -logP); those ending
        in eos are finished and leave the beam; after max_len tokens the unfinished ones
        finish too; returns (tokens, score) of the best score = logP / ((5 + |Y|) / 6) ** alpha.'''

Probes: random models where eos is likely enough that hypotheses finish at different
lengths (the length penalty decides), a model whose log-probabilities are near -300
(their products underflow), width 1 (greedy decoding), max_len = 1, a model where [eos]
alone is the answer, one where the best hypothesis never emits eos, and exact ties;
then width 1 against a greedy decoder written here (independent of the reference), and
drawn models (hypothesis, derandomised: V = 1, width 1, max_len 1, and all-zero
log-probabilities, where every candidate ties, among them).
"""

import numpy as np
import pytest

from lstm_quiz.grading.expect import (
    GradingFailure,
    describe_type,
    expect_token_sequences,
    expect_tuple,
    expect_unchanged,
)
from lstm_quiz.grading.messages import as_text, text, verbatim
from lstm_quiz.grading.properties import cases, check_cases, corner_cases

NAMES = ["log_init", "log_trans"]
DRAWN = {"V": (1, 6), "beam_width": (1, 5), "max_len": (1, 5)}


def random_model(seed, V, eos, eos_weight):
    """Normalised log-probabilities; eos_weight scales how likely eos is after every token."""
    rng = np.random.default_rng(seed)
    init = rng.dirichlet(np.ones(V))
    trans = rng.dirichlet(np.full(V, 0.7), size=V)
    trans[:, eos] *= eos_weight
    trans /= trans.sum(axis=1, keepdims=True)
    return np.log(init), np.log(trans)


def underflow_model(seed, V, eos):
    """Log-probabilities near -300 a token (rows need not sum to 1), eos near -900.

    Every hypothesis of 3 or more tokens has logP < -745, so its probability is 0 in
    float64; the best one here has max_len = 4 tokens and no eos.
    """
    rng = np.random.default_rng(seed)
    log_init = -300.0 - 5.0 * rng.random(V)
    log_trans = -300.0 - 5.0 * rng.random((V, V))
    log_init[eos] -= 600.0
    log_trans[:, eos] -= 600.0
    return log_init, log_trans


def tie_model():
    """Uniform rows: every candidate of a step ties; only the tie rule decides."""
    V = 4
    return np.log(np.full(V, 0.25)), np.log(np.full((V, V), 0.25))


# (name, model, beam_width, max_len, eos, alpha)
PROBES = [
    ("V=7, width 4, alpha 0.6", ("random", 49, 7, 1, 4.0), 4, 5, 1, 0.6),
    ("V=4, width 4, alpha 2", ("random", 0, 4, 2, 1.0), 4, 6, 2, 2.0),
    ("V=5, width 4, alpha 1", ("random", 5, 5, 0, 1.0), 4, 7, 0, 1.0),
    ("V=7, width 2, alpha 2", ("random", 75, 7, 5, 0.3), 2, 7, 5, 2.0),
    ("V=4, width 3, alpha 2, eos likely", ("random", 279, 4, 2, 4.0), 3, 7, 2, 2.0),
    ("width 1 (greedy decoding)", ("random", 47, 5, 2, 1.0), 1, 6, 2, 1.0),
    ("max_len 1", ("random", 59, 5, 4, 1.0), 3, 1, 4, 0.6),
    ("probabilities that underflow", ("underflow", 61, 5, 0), 3, 4, 0, 1.0),
    ("the best hypothesis never emits eos", ("random", 73, 6, 1, 0.05), 3, 5, 1, 1.0),
    ("exact ties", ("ties",), 2, 3, 3, 0.5),
]


def make_inputs(probe):
    _, model, beam_width, max_len, eos, alpha = probe
    if model[0] == "random":
        log_init, log_trans = random_model(*model[1:])
    elif model[0] == "underflow":
        log_init, log_trans = underflow_model(*model[1:])
    else:
        log_init, log_trans = tie_model()
    return log_init, log_trans, beam_width, max_len, eos, alpha


def eos_first_inputs():
    """[eos] alone scores best: eos holds most of log_init, every continuation is unlikely."""
    log_init, log_trans = random_model(83, 5, 2, 0.02)
    log_init = np.log(np.array([0.05, 0.05, 0.8, 0.05, 0.05]))
    return log_init, log_trans, 3, 5, 2, 0.6


def all_inputs():
    return [make_inputs(p) for p in PROBES] + [eos_first_inputs()]


def describe(inputs, extra=""):
    log_init, _, beam_width, max_len, eos, alpha = inputs
    sizes = verbatim(
        f"V={log_init.shape[0]}, beam_width={beam_width}, max_len={max_len}, eos={eos}, alpha={alpha}"
    )
    return text("{sizes}, {extra}", sizes=sizes, extra=text(extra)) if extra else sizes


def score_type_failure(score, context):
    return GradingFailure(
        text(
            "score should be a float, got {got} ({context})",
            got=describe_type(score),
            context=as_text(context),
        )
    )


@pytest.fixture(scope="module")
def signatures(exercise_module):
    return exercise_module("signatures")


def check(solution, reference, signatures, inputs, context):
    want_tokens, want_score = reference.beam_search(*[np.copy(a) for a in inputs[:2]], *inputs[2:])
    got = solution.beam_search(*inputs)
    cache = []

    def diagnosis():
        if not cache:
            cache.append(signatures.diagnose(got, inputs))
        return cache[0]

    tokens, score = expect_tuple(got, ["tokens", "score"])
    expect_token_sequences(tokens, want_tokens, "tokens", context=context, diagnose=diagnosis)
    if not isinstance(score, float | int | np.floating | np.integer) or isinstance(score, bool):
        raise score_type_failure(score, context)
    if not np.isclose(float(score), want_score, rtol=1e-4, atol=1e-5):
        raise GradingFailure(
            text(
                "score is {got:.6g}, the reference {want:.6g} for the same tokens ({context})",
                got=float(score),
                want=want_score,
                context=as_text(context),
            ),
            diagnosis(),
        )


@pytest.mark.parametrize("probe", range(len(PROBES)), ids=[p[0] for p in PROBES])
def test_matches_reference(solution, reference, signatures, probe):
    """The best hypothesis and its length-normalised score match the reference."""
    inputs = make_inputs(PROBES[probe])
    check(solution, reference, signatures, inputs, describe(inputs, PROBES[probe][0]))


def test_a_hypothesis_that_ends_at_its_first_step(solution, reference, signatures):
    """A first token equal to eos finishes at once; here [eos] alone is the answer."""
    inputs = eos_first_inputs()
    check(solution, reference, signatures, inputs, describe(inputs, "[eos] scores best"))


def greedy(log_init, log_trans, max_len, eos):
    """Greedy decoding: the argmax token each step (lowest id on a tie) until eos or max_len."""
    tokens = [int(np.argmax(log_init))]
    logp = float(log_init[tokens[0]])
    while tokens[-1] != eos and len(tokens) < max_len:
        tokens.append(int(np.argmax(log_trans[tokens[-1]])))
        logp += float(log_trans[tokens[-2], tokens[-1]])
    return tokens, logp


# Seeds whose greedy path ends at eos after 3 and 4 tokens, and one that runs to max_len.
@pytest.mark.parametrize("seed", [41, 52, 47])
def test_width_1_is_greedy(solution, signatures, seed):
    """With beam_width = 1 the result is greedy decoding's, tokens and score."""
    log_init, log_trans = random_model(seed, 5, seed % 5, 3.0)
    inputs = (log_init, log_trans, 1, 6, seed % 5, 0.8)
    want_tokens, logp = greedy(log_init, log_trans, 6, seed % 5)
    want_score = logp / ((5.0 + len(want_tokens)) / 6.0) ** 0.8
    got = solution.beam_search(*inputs)
    context = describe(inputs, "greedy decoding")
    tokens, score = expect_tuple(got, ["tokens", "score"])
    expect_token_sequences(
        tokens, want_tokens, "tokens", context=context,
        diagnose=lambda: signatures.diagnose(got, inputs),
    )  # fmt: skip
    if not isinstance(score, float | int | np.floating | np.integer) or isinstance(score, bool):
        raise score_type_failure(score, context)
    if not np.isclose(float(score), want_score, rtol=1e-4, atol=1e-5):
        raise GradingFailure(
            text(
                "score is {got:.6g}, greedy decoding's {want:.6g} ({context})",
                got=float(score),
                want=want_score,
                context=as_text(context),
            ),
            signatures.diagnose(got, inputs),
        )


def test_matches_reference_on_drawn_models(solution, reference, signatures):
    """The best hypothesis and score match over drawn models (V = 1, width 1, max_len 1, all-zero log-probabilities among them)."""

    def check_case(case):
        V = case["V"]
        eos, alpha = case.seed % V, (0.0, 0.6, 1.0, 2.0)[case.seed % 4]
        if case.zero:  # every probability 1: every candidate ties at every step
            log_init, log_trans = np.zeros(V), np.zeros((V, V))
        else:
            log_init, log_trans = random_model(case.seed, V, eos, (0.3, 1.0, 4.0)[case.seed % 3])
        inputs = (log_init, log_trans, case["beam_width"], case["max_len"], eos, alpha)
        extra = "all-zero log-probabilities" if case.zero else "drawn model"
        check(solution, reference, signatures, inputs, describe(inputs, extra))

    check_cases(cases(**DRAWN), check_case, corners=corner_cases(**DRAWN), max_examples=25)


def test_inputs_unchanged(solution):
    """log_init and log_trans are left unchanged."""
    inputs = make_inputs(PROBES[0])
    before = [a.copy() for a in inputs[:2]]
    result = solution.call("beam_search", *inputs)
    expect_unchanged(
        before,
        result.args_after[:2],
        NAMES,
        "the caller still needs them (the model is the same for the next sentence). "
        "Build new arrays.",
    )
