"""Hidden suite for gru_cell. Runs in the trusted process; `solution` calls the learner's code."""

import pytest

from lstm_quiz.grading.expect import expect_array, expect_array_like, expect_inputs_unchanged
from lstm_quiz.grading.messages import text, verbatim
from lstm_quiz.grading.probes import SIZES, overflow_step_inputs, size_id, sizes_of, step_inputs
from lstm_quiz.grading.properties import cases, check_cases, corner_cases

NAMES = ["x", "h_prev", "W_ih", "W_hh", "b_ih", "b_hh"]
# Drawn sizes: N = 1 and H = 1 (a squeeze), D == H (a missing .T still runs), all-zero x and h_prev.
DRAWN = {"N": (1, 4), "D": (1, 6), "H": (1, 5)}


def make_inputs(seed, N, D, H, *, zero_state=False, scale=1.0, zero_input=False):
    return step_inputs(
        seed, N, D, H, gates=3, cell_state=False, zero_state=zero_state, scale=scale,
        zero_input=zero_input,
    )  # fmt: skip


@pytest.fixture(scope="module")
def signatures(exercise_module):
    return exercise_module("signatures")


def check_step(solution, reference, signatures, inputs, context):
    want = reference.gru_cell(*[a.copy() for a in inputs])
    got = solution.gru_cell(*inputs)
    expect_array(got, want, "h", context=context, diagnose=lambda: signatures.diagnose(got, inputs))


def test_returns_h(solution):
    """Returns h, one NumPy array of shape (N, H)."""
    got = solution.gru_cell(*make_inputs(1, 2, 3, 4))
    expect_array_like(got, (2, 4), "h", context=verbatim("N=2, D=3, H=4"))


@pytest.mark.parametrize("size", SIZES, ids=[size_id(s) for s in SIZES])
def test_matches_reference(solution, reference, signatures, size):
    """h matches the reference for a non-zero previous state."""
    inputs = make_inputs(sum(size) * 11 + 3, *size)
    check_step(
        solution,
        reference,
        signatures,
        inputs,
        text("{sizes}, non-zero h_prev", sizes=sizes_of(inputs)),
    )


def test_zero_initial_state(solution, reference, signatures):
    """h matches the reference on the first step of a sequence (h_prev = 0)."""
    inputs = make_inputs(12, 3, 4, 5, zero_state=True)
    check_step(
        solution, reference, signatures, inputs, text("{sizes}, h_prev = 0", sizes=sizes_of(inputs))
    )


def test_large_preactivations(solution, reference, signatures):
    """No NaN or inf when pre-activations pass |z| > 710 (np.exp overflows there)."""
    inputs = overflow_step_inputs(gates=3, cell_state=False)
    check_step(
        solution,
        reference,
        signatures,
        inputs,
        text("{sizes}, pre-activations up to |z| ≈ 1200", sizes=sizes_of(inputs)),
    )


def test_matches_reference_on_drawn_sizes(solution, reference, signatures):
    """h matches the reference over drawn sizes and scales (N = 1, H = 1, D == H, all-zero inputs among them)."""

    def check(case):
        inputs = make_inputs(
            case.seed, case["N"], case["D"], case["H"], zero_state=case.zero, scale=case.scale,
            zero_input=case.zero,
        )  # fmt: skip
        check_step(
            solution, reference, signatures, inputs, text("drawn case: {case}", case=str(case))
        )

    check_cases(cases(**DRAWN), check, corners=corner_cases(**DRAWN), max_examples=25)


def test_inputs_unchanged(solution):
    """The inputs are left unchanged."""
    expect_inputs_unchanged(solution, "gru_cell", make_inputs(5, 3, 4, 4), NAMES)
