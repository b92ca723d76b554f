"""Hidden suite for lstm_cell_backward. Runs in the trusted process; `solution` calls the learner's code.

Every comparison checks all seven gradients and reports which are wrong and
which are right, each wrong one with its largest error and CS231n's relative
error, rel_error = max(|a - b| / max(1e-8, |a| + |b|)).
"""

import numpy as np
import pytest

from lstm_quiz.grading.expect import (
    GradingFailure,
    expect_array,
    expect_array_like,
    expect_dict,
    expect_unchanged,
)
from lstm_quiz.grading.probes import SIZES, overflow_step_inputs, size_id, sizes_of, step_inputs

KEYS = ["dx", "dh_prev", "dc_prev", "dW_ih", "dW_hh", "db_ih", "db_hh"]
NAMES = ["dh", "dc", "x", "h_prev", "c_prev", "W_ih", "W_hh", "b_ih", "b_hh"]


def upstream(seed, N, H, *, dh_zero=False, dc_zero=False):
    rng = np.random.default_rng(seed + 1000)
    dh, dc = rng.normal(size=(N, H)), rng.normal(size=(N, H))
    return (np.zeros((N, H)) if dh_zero else dh), (np.zeros((N, H)) if dc_zero else dc)


def make_inputs(seed, N, D, H, *, zero_state=False, dh_zero=False, dc_zero=False):
    step = step_inputs(seed, N, D, H, gates=4, cell_state=True, zero_state=zero_state)
    return (*upstream(seed, N, H, dh_zero=dh_zero, dc_zero=dc_zero), *step)


def shapes(inputs):
    """The shape of each gradient: that of its variable (dx like x, ...)."""
    variables = dict(zip(NAMES, inputs, strict=True))
    return {key: variables[key[1:]].shape for key in KEYS}


def rel_error(got, want):
    """CS231n's gradient-check error: max(|a - b| / max(1e-8, |a| + |b|))."""
    got = got.astype(np.float64)
    return float(np.max(np.abs(got - want) / np.maximum(1e-8, np.abs(got) + np.abs(want))))


def _names(keys):
    return keys[0] if len(keys) == 1 else ", ".join(keys[:-1]) + " and " + keys[-1]


def summary(wrong):
    right = [k for k in KEYS if k not in wrong]
    if not right:
        return "all seven gradients are wrong"
    verb = "is" if len(wrong) == 1 else "are"
    return (
        f"{_names(wrong)} {verb} wrong; {_names(right)} {'is' if len(right) == 1 else 'are'} right"
    )


def check_gradients(solution, reference, signatures, inputs, context):
    want = reference.lstm_cell_backward(*[a.copy() for a in inputs])
    got = expect_dict(solution.lstm_cell_backward(*inputs), KEYS)
    problems = {}
    for name in KEYS:
        value, target = got[name], want[name]
        extra = ""
        if (
            isinstance(value, np.ndarray)
            and value.dtype.kind == "f"
            and value.shape == target.shape
            and np.isfinite(value).all()
        ):
            extra = f"rel_error {rel_error(value, target):.2e}"
        try:
            expect_array(value, target, name, context=extra)
        except GradingFailure as failure:
            problems[name] = failure.message
    if problems:
        wrong = [k for k in KEYS if k in problems]
        lines, explained = [], False
        for k in wrong:
            first, sep, _ = problems[k].partition(". With large inputs")
            lines.append(first + "." if sep and explained else problems[k])
            explained = explained or bool(sep)  # say why exp overflows once, not seven times
        raise GradingFailure(
            f"{summary(wrong)} ({context})\n" + "\n".join(lines),
            signatures.diagnose(got, inputs),
        )


@pytest.fixture(scope="module")
def signatures(exercise_module):
    return exercise_module("signatures")


def test_returns_dict_of_gradients(solution):
    """Returns a dict with dx, dh_prev, dc_prev, dW_ih, dW_hh, db_ih, db_hh, each shaped like its variable."""
    inputs = make_inputs(1, 2, 3, 4)
    got = expect_dict(solution.lstm_cell_backward(*inputs), KEYS)
    for name, shape in shapes(inputs).items():
        expect_array_like(got[name], shape, name, context="N=2, D=3, H=4")


@pytest.mark.parametrize("size", SIZES, ids=[size_id(s) for s in SIZES])
def test_matches_autograd(solution, reference, signatures, size):
    """All seven gradients match autograd, with non-zero c_prev and both dh and dc non-zero."""
    inputs = make_inputs(sum(size) * 13 + 2, *size)
    context = f"{sizes_of(inputs[2:])}, non-zero h_prev and c_prev, dh and dc non-zero"
    check_gradients(solution, reference, signatures, inputs, context)


def test_only_dh_upstream(solution, reference, signatures):
    """The gradients match when only h is used downstream (dc = 0, as at the last step)."""
    inputs = make_inputs(21, 3, 4, 5, dc_zero=True)
    context = f"{sizes_of(inputs[2:])}, dc = 0: every gradient flows in through h"
    check_gradients(solution, reference, signatures, inputs, context)


def test_only_dc_upstream(solution, reference, signatures):
    """The gradients match when only c is used downstream (dh = 0)."""
    inputs = make_inputs(22, 3, 5, 4, dh_zero=True)
    context = f"{sizes_of(inputs[2:])}, dh = 0: every gradient flows in through c"
    check_gradients(solution, reference, signatures, inputs, context)


def test_zero_initial_state(solution, reference, signatures):
    """The gradients match on the first step of a sequence (h_prev = c_prev = 0)."""
    inputs = make_inputs(23, 2, 3, 3, zero_state=True)
    context = f"{sizes_of(inputs[2:])}, h_prev = c_prev = 0, dh and dc non-zero"
    check_gradients(solution, reference, signatures, inputs, context)


def test_large_preactivations(solution, reference, signatures):
    """No NaN or inf when pre-activations pass |z| > 710 (saturated gates pass no gradient on)."""
    step = overflow_step_inputs(gates=4, cell_state=True)
    N, H = step[1].shape
    inputs = (*upstream(710, N, H), *step)
    context = f"{sizes_of(step)}, pre-activations up to |z| ≈ 1200"
    check_gradients(solution, reference, signatures, inputs, context)


def test_inputs_unchanged(solution):
    """The inputs (dh and dc included) are left unchanged."""
    inputs = make_inputs(5, 3, 4, 4)
    before = [a.copy() for a in inputs]
    result = solution.call("lstm_cell_backward", *inputs)
    try:
        expect_unchanged(before, result.args_after, NAMES)
    except GradingFailure as failure:
        raise GradingFailure(
            failure.message,
            "In a backward pass, `dc += ...` or `dh *= ...` changes the caller's upstream "
            "gradients; write dc_total = dc + dh * o * (1 - tanh(c)**2) instead.",
        ) from None
