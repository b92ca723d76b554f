"""Hidden suite for lstm_cell. Runs in the trusted process; `solution` calls the learner's code."""

import numpy as np
import pytest

from lstm_quiz.grading.expect import expect_array, expect_array_like, expect_tuple, expect_unchanged

# (N, D, H): N = 1 catches squeezed outputs, D != H and D == H catch transpose
# bugs (D == H is where a missing .T still runs), H = 1 hides nothing else.
SIZES = [(1, 3, 4), (2, 3, 4), (3, 5, 5), (4, 6, 1), (5, 7, 3)]


def make_inputs(seed, N, D, H, *, zero_state=False):
    """Float64 inputs with distinct random biases and a non-zero c_prev."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(N, D))
    h_prev = np.zeros((N, H)) if zero_state else 0.8 * rng.normal(size=(N, H))
    c_prev = np.zeros((N, H)) if zero_state else 1.5 * rng.normal(size=(N, H))
    W_ih = rng.normal(size=(4 * H, D)) / np.sqrt(D)
    W_hh = rng.normal(size=(4 * H, H)) / np.sqrt(H)
    b_ih = 0.7 * rng.normal(size=4 * H)
    b_hh = 0.7 * rng.normal(size=4 * H)
    return (x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh)


def overflow_inputs():
    """Pre-activations beyond |z| = 710, where np.exp overflows in float64.

    Row 0 saturates every gate; row 1 stays moderate. D and H are small so a
    correct float32 solution does not lose precision to cancellation.
    """
    rng = np.random.default_rng(710)
    N, D, H = 2, 3, 2
    x = np.array([[800.0, 0.3, -0.2], [0.4, -0.5, 0.25]])
    W_ih = rng.normal(scale=0.1, size=(4 * H, D))
    W_ih[:, 0] = rng.choice([-1.5, -1.0, 1.0, 1.5], size=4 * H)  # |z| >= 790 in row 0
    W_hh = rng.normal(scale=0.1, size=(4 * H, H))
    h_prev = rng.normal(scale=0.5, size=(N, H))
    c_prev = rng.normal(size=(N, H))
    b_ih = rng.normal(scale=0.1, size=4 * H)
    b_hh = rng.normal(scale=0.1, size=4 * H)
    return (x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh)


def sizes_of(inputs):
    x, h_prev = inputs[0], inputs[1]
    return f"N={x.shape[0]}, D={x.shape[1]}, H={h_prev.shape[1]}"


def check_step(solution, reference, signatures, inputs, context):
    want_h, want_c = reference.lstm_cell(*[a.copy() for a in inputs])
    got = solution.lstm_cell(*inputs)

    def diagnosis():
        return signatures.diagnose(got, inputs)

    h, c = expect_tuple(got, ["h", "c"])
    expect_array(h, want_h, "h", context=context, diagnose=diagnosis)
    expect_array(c, want_c, "c", context=context, diagnose=diagnosis)


@pytest.fixture(scope="module")
def signatures(exercise_module):
    return exercise_module("signatures")


def test_returns_h_and_c(solution):
    """Returns a tuple (h, c) of two NumPy arrays of shape (N, H)."""
    inputs = make_inputs(1, 2, 3, 4)
    got = solution.lstm_cell(*inputs)
    h, c = expect_tuple(got, ["h", "c"])
    expect_array_like(h, (2, 4), "h", context="N=2, D=3, H=4")
    expect_array_like(c, (2, 4), "c", context="N=2, D=3, H=4")


@pytest.mark.parametrize("size", SIZES, ids=[f"N={n},D={d},H={h}" for n, d, h in SIZES])
def test_matches_reference(solution, reference, signatures, size):
    """h and c match the reference for a non-zero previous state."""
    inputs = make_inputs(sum(size) * 7 + 1, *size)
    check_step(
        solution, reference, signatures, inputs, f"{sizes_of(inputs)}, non-zero h_prev and c_prev"
    )


def test_zero_initial_state(solution, reference, signatures):
    """h and c match the reference on the first step of a sequence (zero state)."""
    inputs = make_inputs(11, 3, 4, 5, zero_state=True)
    check_step(solution, reference, signatures, inputs, f"{sizes_of(inputs)}, h_prev = c_prev = 0")


def test_large_preactivations(solution, reference, signatures):
    """No NaN or inf when pre-activations pass |z| > 710 (np.exp overflows there)."""
    inputs = overflow_inputs()
    check_step(
        solution,
        reference,
        signatures,
        inputs,
        f"{sizes_of(inputs)}, pre-activations up to |z| ≈ 1200",
    )


def test_inputs_unchanged(solution):
    """The inputs are left unchanged."""
    inputs = make_inputs(5, 3, 4, 4)
    before = [a.copy() for a in inputs]
    result = solution.call("lstm_cell", *inputs)
    expect_unchanged(
        before, result.args_after, ["x", "h_prev", "c_prev", "W_ih", "W_hh", "b_ih", "b_hh"]
    )
