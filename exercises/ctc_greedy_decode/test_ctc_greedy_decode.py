"""Hidden suite for ctc_greedy_decode. Runs in the trusted process; `solution` calls the learner's code.

The contract:

    def ctc_greedy_decode(log_probs, lengths, blank=0):
        '''log_probs: (T, N, C) time-major; lengths: (N,) ints, 1 <= lengths[n] <= T
        per frame t < lengths[n] the argmax class (ties: the lowest index), runs of equal
        classes merged, then blanks dropped; returns a list of N lists of ints.'''

Probes are built from a chosen best path per frame (each winning class leads by at least
1 nat, so float32 changes no argmax): a repeat separated by a blank (a _ a), a repeat
without one (a a), a label that comes back later (a b a), the class C - 1 used as a label,
padding frames whose argmax is a label, a sequence of length 1 that starts with the label
the previous sequence ended with, a blank other than 0, T = 1, N = 1, all lengths equal
to T, frames that are all blank, and exact ties; then drawn paths (hypothesis,
derandomised: T = N = 1, C = 1 (every frame blank), lengths all equal to T, and all-zero
log_probs, where every class ties and class 0 wins, among them).
"""

import numpy as np
import pytest

from lstm_quiz.grading.expect import expect_token_sequences, expect_unchanged
from lstm_quiz.grading.messages import text, verbatim
from lstm_quiz.grading.properties import cases, check_cases, corner_cases

DRAWN = {"T": (1, 8), "N": (1, 4), "C": (1, 5)}

# (name, C, blank, lengths, paths): paths[n] is sequence n's best class per frame, padding
# included (len T each). Read a path with blank 0 as "_".
PROBES = [
    (
        "blank-separated repeats, padding, a length-1 sequence",
        5, 0, (8, 3, 6, 1),
        [
            [1, 1, 0, 1, 2, 2, 0, 4],  # -> 1 1 2 4: "1 _ 1" is two 1s, "2 2" one 2
            [3, 0, 2, 2, 1, 3, 3, 1],  # length 3 -> 3 2; the padding holds labels
            [2, 3, 0, 0, 2, 4, 1, 1],  # length 6 -> 2 3 2 4: 2 comes back
            [4, 0, 3, 1, 2, 3, 1, 2],  # length 1 -> 4, right after a sequence ending in 4
        ],
    ),
    (
        "blank = 2 (not 0)",
        4, 2, (5, 4, 2),
        [
            [0, 2, 0, 3, 3],  # -> 0 0 3
            [1, 1, 2, 0, 2],  # length 4 -> 1 0
            [3, 2, 1, 1, 0],  # length 2 -> 3
        ],
    ),
    ("T = 1", 4, 0, (1, 1, 1), [[0], [3], [3]]),
    ("N = 1", 6, 0, (7,), [[5, 5, 0, 5, 1, 0, 1]]),
    (
        "every length equal to T",
        5, 0, (4, 4, 4),
        [[1, 2, 1, 0], [0, 3, 3, 4], [2, 0, 0, 2]],
    ),
    (
        "every frame blank",
        4, 0, (3, 1, 2),
        [[0, 0, 0], [0, 0, 0], [0, 0, 0]],
    ),
]  # fmt: skip


def make_inputs(C, blank, lengths, paths, seed=0):
    """log_probs (T, N, C) whose per-frame argmax is ``paths`` (each winner leads by >= 1 nat)."""
    rng = np.random.default_rng(seed)
    best = np.array(paths).T  # (T, N)
    T, N = best.shape
    logits = rng.uniform(-1.0, 1.0, size=(T, N, C))
    np.put_along_axis(logits, best[:, :, None], 3.0 + rng.uniform(0, 1, size=(T, N, 1)), axis=2)
    log_probs = logits - np.log(np.exp(logits).sum(axis=2, keepdims=True))
    return log_probs, np.array(lengths, dtype=np.int64), blank


def probe_inputs():
    return [make_inputs(C, blank, lengths, paths, seed=k)
            for k, (_, C, blank, lengths, paths) in enumerate(PROBES)]  # fmt: skip


def tie_inputs():
    """Exact ties: blank and 3 equal (the blank wins), 2 and 3 equal (2 wins)."""
    row = np.log(np.array([0.4, 0.1, 0.1, 0.4]))  # 0 and 3 tie
    other = np.log(np.array([0.1, 0.1, 0.4, 0.4]))  # 2 and 3 tie
    log_probs = np.stack([np.stack([row, other]), np.stack([other, other]), np.stack([row, row])])
    return log_probs, np.array([3, 2]), 0  # -> [2], [2]


def describe(inputs, extra=""):
    log_probs, lengths, blank = inputs
    T, N, C = log_probs.shape
    sizes = verbatim(f"T={T}, N={N}, C={C}, blank={blank}, lengths={[int(k) for k in lengths]}")
    return text("{sizes}, {extra}", sizes=sizes, extra=text(extra)) if extra else sizes


@pytest.fixture(scope="module")
def signatures(exercise_module):
    return exercise_module("signatures")


def check(solution, reference, signatures, inputs, context):
    want = reference.ctc_greedy_decode(*[np.copy(a) for a in inputs[:2]], inputs[2])
    got = solution.ctc_greedy_decode(*inputs)
    expect_token_sequences(
        got, want, "decoded", context=context, diagnose=lambda: signatures.diagnose(got, inputs)
    )


def test_returns_one_token_list_per_sequence(solution, signatures):
    """Returns a list of N lists of ints, each as long as its own decoding."""
    inputs = probe_inputs()[0]
    got = solution.ctc_greedy_decode(*inputs)
    if not isinstance(got, list | tuple) or len(got) != 4:
        expect_token_sequences(
            got, [[0]] * 4, "decoded", context=describe(inputs),
            diagnose=lambda: signatures.diagnose(got, inputs),
        )  # fmt: skip


@pytest.mark.parametrize("probe", range(len(PROBES)), ids=[name for name, *_ in PROBES])
def test_matches_reference(solution, reference, signatures, probe):
    """Each sequence decodes to the collapsed argmax path of its own frames."""
    inputs = probe_inputs()[probe]
    check(solution, reference, signatures, inputs, describe(inputs, PROBES[probe][0]))


def test_ties_go_to_the_lowest_class(solution, reference, signatures):
    """A frame whose best classes tie takes the lowest index (np.argmax's rule)."""
    inputs = tie_inputs()
    check(solution, reference, signatures, inputs, describe(inputs, "exact ties"))


def drawn_inputs(case):
    """Paths over few classes (repeats and blanks are frequent), lengths in 1 .. T."""
    rng = np.random.default_rng(case.seed)
    T, N, C = case["T"], case["N"], case["C"]
    blank = int(rng.integers(C)) if case.seed % 3 == 0 else 0
    paths = rng.integers(C, size=(N, T)).tolist()
    lengths = [T] * N if case.seed % 4 == 0 else rng.integers(1, T + 1, size=N).tolist()
    log_probs, lengths, blank = make_inputs(C, blank, lengths, paths, seed=case.seed)
    if case.zero:  # every class ties at every frame: class 0 wins each one
        log_probs = np.zeros_like(log_probs)
    return log_probs, lengths, blank


def test_matches_reference_on_drawn_paths(solution, reference, signatures):
    """Each sequence decodes as the reference over drawn paths (T = N = C = 1, all lengths equal, all-zero log_probs among them)."""

    def check_case(case):
        inputs = drawn_inputs(case)
        extra = "all-zero log_probs (every class ties)" if case.zero else "drawn paths"
        check(solution, reference, signatures, inputs, describe(inputs, extra))

    check_cases(cases(**DRAWN), check_case, corners=corner_cases(**DRAWN), max_examples=30)


def test_results_kept_across_calls(solution):
    """A result stays as returned after the next call (the sandbox re-reads the earlier one)."""
    first, second = probe_inputs()[:2]
    solution.ctc_greedy_decode(*first)
    solution.ctc_greedy_decode(*second)  # fails if it overwrote the first result


def test_inputs_unchanged(solution):
    """log_probs and lengths are left unchanged."""
    log_probs, lengths, blank = probe_inputs()[0]
    before = [log_probs.copy(), lengths.copy()]
    result = solution.call("ctc_greedy_decode", log_probs, lengths, blank)
    expect_unchanged(
        before,
        result.args_after[:2],
        ["log_probs", "lengths"],
        "the caller still needs them (the same log_probs feed the CTC loss). "
        "Read them, and build new lists.",
    )
