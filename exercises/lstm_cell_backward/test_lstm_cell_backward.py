"""Hidden suite for lstm_cell_backward. Runs in the trusted process; `solution` calls the learner's code.

Every comparison checks all seven gradients and reports which are wrong and
which are right, each wrong one with its largest error and CS231n's relative
error, rel_error = max(|a - b| / max(1e-8, |a| + |b|)).
"""

import numpy as np
import pytest

from lstm_quiz.grading.expect import (
    expect_array_like,
    expect_dict,
    expect_gradients,
    expect_inputs_unchanged,
)
from lstm_quiz.grading.messages import text, verbatim
from lstm_quiz.grading.probes import SIZES, overflow_step_inputs, size_id, sizes_of, step_inputs
from lstm_quiz.grading.properties import cases, check_cases, corner_cases

KEYS = ["dx", "dh_prev", "dc_prev", "dW_ih", "dW_hh", "db_ih", "db_hh"]
NAMES = ["dh", "dc", "x", "h_prev", "c_prev", "W_ih", "W_hh", "b_ih", "b_hh"]


def upstream(seed, N, H, *, dh_zero=False, dc_zero=False):
    rng = np.random.default_rng(seed + 1000)
    dh, dc = rng.normal(size=(N, H)), rng.normal(size=(N, H))
    return (np.zeros((N, H)) if dh_zero else dh), (np.zeros((N, H)) if dc_zero else dc)


def make_inputs(
    seed, N, D, H, *, zero_state=False, dh_zero=False, dc_zero=False, scale=1.0, zero_input=False
):
    step = step_inputs(
        seed, N, D, H, gates=4, cell_state=True, zero_state=zero_state, scale=scale,
        zero_input=zero_input,
    )  # fmt: skip
    return (*upstream(seed, N, H, dh_zero=dh_zero, dc_zero=dc_zero), *step)


# Drawn sizes: N = 1, H = 1, D == H, and all-zero x and state (upstream gradients non-zero).
DRAWN = {"N": (1, 4), "D": (1, 5), "H": (1, 4)}


def shapes(inputs):
    """The shape of each gradient: that of its variable (dx like x, ...)."""
    variables = dict(zip(NAMES, inputs, strict=True))
    return {key: variables[key[1:]].shape for key in KEYS}


def check_gradients(solution, reference, signatures, inputs, context):
    want = reference.lstm_cell_backward(*[a.copy() for a in inputs])
    got = expect_dict(solution.lstm_cell_backward(*inputs), KEYS)
    expect_gradients(
        got,
        {k: want[k] for k in KEYS},
        context=context,
        diagnose=lambda: signatures.diagnose(got, inputs),
    )


@pytest.fixture(scope="module")
def signatures(exercise_module):
    return exercise_module("signatures")


def test_returns_dict_of_gradients(solution):
    """Returns a dict with dx, dh_prev, dc_prev, dW_ih, dW_hh, db_ih, db_hh, each shaped like its variable."""
    inputs = make_inputs(1, 2, 3, 4)
    got = expect_dict(solution.lstm_cell_backward(*inputs), KEYS)
    for name, shape in shapes(inputs).items():
        expect_array_like(got[name], shape, name, context=verbatim("N=2, D=3, H=4"))


@pytest.mark.parametrize("size", SIZES, ids=[size_id(s) for s in SIZES])
def test_matches_autograd(solution, reference, signatures, size):
    """All seven gradients match autograd, with non-zero c_prev and both dh and dc non-zero."""
    inputs = make_inputs(sum(size) * 13 + 2, *size)
    context = text(
        "{sizes}, non-zero h_prev and c_prev, dh and dc non-zero", sizes=sizes_of(inputs[2:])
    )
    check_gradients(solution, reference, signatures, inputs, context)


def test_only_dh_upstream(solution, reference, signatures):
    """The gradients match when only h is used downstream (dc = 0, as at the last step)."""
    inputs = make_inputs(21, 3, 4, 5, dc_zero=True)
    context = text("{sizes}, dc = 0: every gradient flows in through h", sizes=sizes_of(inputs[2:]))
    check_gradients(solution, reference, signatures, inputs, context)


def test_only_dc_upstream(solution, reference, signatures):
    """The gradients match when only c is used downstream (dh = 0)."""
    inputs = make_inputs(22, 3, 5, 4, dh_zero=True)
    context = text("{sizes}, dh = 0: every gradient flows in through c", sizes=sizes_of(inputs[2:]))
    check_gradients(solution, reference, signatures, inputs, context)


def test_zero_initial_state(solution, reference, signatures):
    """The gradients match on the first step of a sequence (h_prev = c_prev = 0)."""
    inputs = make_inputs(23, 2, 3, 3, zero_state=True)
    context = text("{sizes}, h_prev = c_prev = 0, dh and dc non-zero", sizes=sizes_of(inputs[2:]))
    check_gradients(solution, reference, signatures, inputs, context)


def test_large_preactivations(solution, reference, signatures):
    """No NaN or inf when pre-activations pass |z| > 710 (saturated gates pass no gradient on)."""
    step = overflow_step_inputs(gates=4, cell_state=True)
    N, H = step[1].shape
    inputs = (*upstream(710, N, H), *step)
    context = text("{sizes}, pre-activations up to |z| ≈ 1200", sizes=sizes_of(step))
    check_gradients(solution, reference, signatures, inputs, context)


def test_matches_autograd_on_drawn_sizes(solution, reference, signatures):
    """All seven gradients match autograd over drawn sizes and scales (N = 1, H = 1, D == H, all-zero x and state among them)."""

    def check_case(case):
        inputs = make_inputs(
            case.seed, case["N"], case["D"], case["H"], zero_state=case.zero, scale=case.scale,
            zero_input=case.zero,
        )  # fmt: skip
        check_gradients(
            solution, reference, signatures, inputs, text("drawn case: {case}", case=str(case))
        )

    check_cases(cases(**DRAWN), check_case, corners=corner_cases(**DRAWN), max_examples=15)


def test_inputs_unchanged(solution):
    """The inputs (dh and dc included) are left unchanged."""
    expect_inputs_unchanged(
        solution,
        "lstm_cell_backward",
        make_inputs(5, 3, 4, 4),
        NAMES,
        diagnosis="In a backward pass, `dc += ...` or `dh *= ...` changes the caller's upstream "
        "gradients; write dc_total = dc + dh * o * (1 - tanh(c)**2) instead.",
    )
