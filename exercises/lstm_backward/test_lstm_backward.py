"""Hidden suite for lstm_backward. Runs in the trusted process; `solution` calls the learner's code.

The contract:

    def lstm_backward(dhs, dh_T, dc_T, x, h0, c0, W_ih, W_hh, b_ih, b_hh):
        '''dhs: (T, N, H); dh_T, dc_T: (N, H); the forward pass of lstm_forward
        returns dict dx (T, N, D), dh0, dc0 (N, H), dW_ih, dW_hh, db_ih, db_hh
        for L = sum(dhs * hs) + sum(dh_T * h_T) + sum(dc_T * c_T)'''

Every comparison checks all seven gradients and reports which are wrong and
which are right, each wrong one with its largest error and CS231n's relative
error. Probes: T > 1 (a gradient not carried, a loop that stops early,
weights assigned instead of accumulated), T == 1, N == 1, H == 1, D == H
(where dx with W_hh still runs) and D != H, non-zero h0 and c0, dh_T and
dc_T non-zero and zero, dhs zero (the loss on the final state only), and
pre-activations beyond |z| = 710 at one step; then drawn sizes and scales
(hypothesis, derandomised: T = N = D = H = 1 and all-zero x and state among
them), and two results kept at once (a reused module-level buffer shows).
"""

import numpy as np
import pytest

from lstm_quiz.grading.engine_texts import engine
from lstm_quiz.grading.expect import (
    GradingFailure,
    expect_array,
    expect_array_like,
    expect_dict,
    expect_unchanged,
)
from lstm_quiz.grading.messages import Join, as_text, text, verbatim
from lstm_quiz.grading.probes import cell_params
from lstm_quiz.grading.properties import cases, check_cases, corner_cases

KEYS = ["dx", "dh0", "dc0", "dW_ih", "dW_hh", "db_ih", "db_hh"]
NAMES = ["dhs", "dh_T", "dc_T", "x", "h0", "c0", "W_ih", "W_hh", "b_ih", "b_hh"]

# (T, N, D, H): N = 1, H = 1 and T = 1 catch a squeeze; D == H is where dx with W_hh runs.
SIZES = [(4, 2, 3, 4), (3, 1, 3, 2), (5, 3, 4, 4), (1, 2, 3, 2), (4, 3, 2, 1), (6, 2, 5, 3)]


def size_id(size):
    return "T={},N={},D={},H={}".format(*size)


# Drawn sizes: every size down to 1, D == H, and all-zero x, h0 and c0.
DRAWN = {"T": (1, 5), "N": (1, 4), "D": (1, 5), "H": (1, 4)}


def make_inputs(
    seed, T, N, D, H, *, final="given", dhs_zero=False, zero_state=False, scale=1.0, zero_x=False
):
    """``scale`` multiplies x, h0 and c0; ``zero_x`` makes x all zero (the upstream gradients stay)."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(T, N, D)) * (0.0 if zero_x else scale)
    h0 = np.zeros((N, H)) if zero_state else 0.8 * scale * rng.normal(size=(N, H))
    c0 = np.zeros((N, H)) if zero_state else 1.5 * scale * rng.normal(size=(N, H))
    params = cell_params(rng, D, H, 4)
    dhs = np.zeros((T, N, H)) if dhs_zero else rng.normal(size=(T, N, H))
    dh_T, dc_T = rng.normal(size=(N, H)), rng.normal(size=(N, H))
    if final == "zero":
        dh_T, dc_T = np.zeros((N, H)), np.zeros((N, H))
    return (dhs, dh_T, dc_T, x, h0, c0, *params)


def overflow_inputs():
    """Pre-activations beyond |z| = 710 at step 1 of sequence 0 (every gate saturates), moderate elsewhere."""
    rng = np.random.default_rng(712)
    T, N, D, H = 3, 2, 3, 2
    x = 0.5 * rng.normal(size=(T, N, D))
    x[1, 0, 0] = 800.0
    W_ih = rng.normal(scale=0.1, size=(4 * H, D))
    W_ih[:, 0] = rng.choice([-1.5, -1.0, 1.0, 1.5], size=4 * H)  # |z| >= 790 at x = 800
    W_hh = rng.normal(scale=0.3, size=(4 * H, H))
    h0, c0 = rng.normal(scale=0.5, size=(N, H)), rng.normal(size=(N, H))
    b_ih, b_hh = rng.normal(scale=0.1, size=4 * H), rng.normal(scale=0.1, size=4 * H)
    dhs, dh_T, dc_T = rng.normal(size=(T, N, H)), rng.normal(size=(N, H)), rng.normal(size=(N, H))
    return dhs, dh_T, dc_T, x, h0, c0, W_ih, W_hh, b_ih, b_hh


def describe(inputs, extra=""):
    T, N, D = inputs[3].shape
    sizes = verbatim(f"T={T}, N={N}, D={D}, H={inputs[4].shape[1]}")
    return text("{sizes}, {extra}", sizes=sizes, extra=text(extra)) if extra else sizes


def shapes(inputs):
    """The shape of each gradient: that of its variable (dx like x, dh0 like h0, ...)."""
    variables = dict(zip(NAMES, inputs, strict=True))
    return {key: variables[key[1:]].shape for key in KEYS}


def rel_error(got, want):
    """CS231n's gradient-check error: max(|a - b| / max(1e-8, |a| + |b|))."""
    got = got.astype(np.float64)
    return float(np.max(np.abs(got - want) / np.maximum(1e-8, np.abs(got) + np.abs(want))))


def _names(keys):
    return Join(tuple(keys), last=(" and ", " 和 "))


def _verb(keys):
    return engine("verb.is" if len(keys) == 1 else "verb.are")


def summary(wrong):
    right = [k for k in KEYS if k not in wrong]
    if not right:
        return text("all seven gradients are wrong")
    return engine(
        "gradients.some_wrong",
        wrong=_names(wrong),
        wrong_verb=_verb(wrong),
        right=_names(right),
        right_verb=_verb(right),
    )


def check_gradients(solution, reference, signatures, inputs, context):
    want = reference.lstm_backward(*[a.copy() for a in inputs])
    got = expect_dict(solution.lstm_backward(*inputs), KEYS)
    problems = {}
    explained = False  # the advice on NaN was given
    for name in KEYS:
        value, target = got[name], want[name]
        extra = ""
        if (
            isinstance(value, np.ndarray)
            and value.dtype.kind == "f"
            and value.shape == target.shape
            and np.isfinite(value).all()
        ):
            extra = engine("rel_error", value=rel_error(value, target))
        try:
            # say why exp overflows once, not seven times
            expect_array(value, target, name, context=extra, nan_hint="" if explained else None)
        except GradingFailure as failure:
            problems[name] = failure.text
            explained = explained or failure.nan
    if problems:
        wrong = [k for k in KEYS if k in problems]
        raise GradingFailure(
            text(
                "{summary} ({context})\n{lines}",
                summary=summary(wrong),
                context=as_text(context),
                lines=Join(tuple(problems[k] for k in wrong), sep=("\n", "\n")),
            ),
            signatures.diagnose(got, inputs),
        )


@pytest.fixture(scope="module")
def signatures(exercise_module):
    return exercise_module("signatures")


def test_returns_dict_of_gradients(solution):
    """Returns a dict with dx, dh0, dc0, dW_ih, dW_hh, db_ih, db_hh, each shaped like its variable."""
    inputs = make_inputs(1, 4, 2, 3, 4)
    got = expect_dict(solution.lstm_backward(*inputs), KEYS)
    for name, shape in shapes(inputs).items():
        expect_array_like(got[name], shape, name, context=describe(inputs))


@pytest.mark.parametrize("size", SIZES, ids=[size_id(s) for s in SIZES])
def test_matches_autograd(solution, reference, signatures, size):
    """All seven gradients match autograd, with non-zero h0, c0, dhs, dh_T and dc_T."""
    inputs = make_inputs(sum(k * 10**i for i, k in enumerate(size)), *size)
    context = describe(inputs, "non-zero h0 and c0, dhs, dh_T and dc_T non-zero")
    check_gradients(solution, reference, signatures, inputs, context)


def test_outputs_only(solution, reference, signatures):
    """The gradients match when the loss reads only the outputs (dh_T = dc_T = 0)."""
    inputs = make_inputs(21, 5, 2, 3, 4, final="zero")
    check_gradients(solution, reference, signatures, inputs, describe(inputs, "dh_T = dc_T = 0"))


def test_final_state_only(solution, reference, signatures):
    """The gradients match when the loss reads only the final state (dhs = 0, as in a classifier)."""
    inputs = make_inputs(22, 4, 3, 4, 3, dhs_zero=True)
    check_gradients(solution, reference, signatures, inputs, describe(inputs, "dhs = 0"))


def test_zero_initial_state(solution, reference, signatures):
    """The gradients match when the sequence starts from h0 = c0 = 0."""
    inputs = make_inputs(23, 4, 2, 3, 3, zero_state=True)
    check_gradients(solution, reference, signatures, inputs, describe(inputs, "h0 = c0 = 0"))


def test_large_preactivations(solution, reference, signatures):
    """No NaN or inf when pre-activations pass |z| > 710 at one step (saturated gates pass no gradient on)."""
    inputs = overflow_inputs()
    context = describe(inputs, "pre-activations up to |z| ≈ 1200 at step 1")
    check_gradients(solution, reference, signatures, inputs, context)


def test_matches_autograd_on_drawn_sizes(solution, reference, signatures):
    """All seven gradients match over drawn sizes and scales (T = N = D = H = 1 and all-zero x, h0, c0 among them)."""

    def check_case(case):
        inputs = make_inputs(
            case.seed, case["T"], case["N"], case["D"], case["H"], zero_state=case.zero,
            scale=case.scale, zero_x=case.zero,
        )  # fmt: skip
        check_gradients(
            solution, reference, signatures, inputs, text("drawn case: {case}", case=str(case))
        )

    check_cases(cases(**DRAWN), check_case, corners=corner_cases(**DRAWN), max_examples=20)


def test_results_kept_across_calls(solution):
    """A result stays as returned after the next call (the sandbox re-reads the earlier one)."""
    solution.lstm_backward(*make_inputs(31, 3, 2, 3, 2))
    solution.lstm_backward(*make_inputs(32, 3, 2, 3, 2))  # fails if it overwrote the first result


def test_inputs_unchanged(solution):
    """The inputs (dhs, dh_T and dc_T included) are left unchanged."""
    inputs = make_inputs(5, 4, 3, 4, 4)
    before = [a.copy() for a in inputs]
    result = solution.call("lstm_backward", *inputs)
    try:
        expect_unchanged(before, result.args_after, NAMES)
    except GradingFailure as failure:
        raise GradingFailure(
            failure.text,
            "In BPTT, `dhs[t - 1] += dh_prev` or `dh_T += ...` changes the caller's upstream "
            "gradients; keep the carried gradient in its own variable: "
            "dh = dhs[t] + dh_next.",
        ) from None
