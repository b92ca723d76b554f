"""Failure messages of the suite helpers, as the learner reads them."""

from __future__ import annotations

import numpy as np
import pytest

from lstm_quiz.grading.box.protocol import Opaque
from lstm_quiz.grading.expect import (
    GradingFailure,
    expect_array,
    expect_array_like,
    expect_output_and_state,
    expect_token_sequences,
    expect_tuple,
    expect_unchanged,
)


def message(call) -> str:
    with pytest.raises(GradingFailure) as caught:
        call()
    return caught.value.message


def test_torch_tensor_is_a_wrong_type_with_a_hint() -> None:
    text = message(lambda: expect_array(Opaque("torch.Tensor", "tensor([1.])"), np.ones(1), "h"))
    assert text.startswith("h should be a numpy.ndarray, got a torch.Tensor")
    assert ".numpy()" in text


def test_none_suggests_a_missing_return() -> None:
    assert "did you forget to return?" in message(lambda: expect_tuple(None, ["h", "c"]))


def test_integer_dtype_is_refused() -> None:
    assert "dtype int64" in message(
        lambda: expect_array(np.ones((2, 2), dtype=np.int64), np.ones((2, 2)), "h")
    )


def test_squeezed_shape_gets_a_hint() -> None:
    text = message(lambda: expect_array(np.ones(4), np.ones((1, 4)), "h"))
    assert "h has shape (4,), expected (1, 4)" in text and "squeeze" in text


def test_nan_explains_overflow() -> None:
    got = np.array([[np.nan, 1.0]])
    text = message(lambda: expect_array(got, np.ones((1, 2)), "h"))
    assert "contains NaN in 1 of 2 entries" in text and "np.tanh" in text


def test_mismatch_reports_the_largest_error_and_where() -> None:
    want = np.zeros((2, 3))
    got = want.copy()
    got[1, 2] = 0.5
    text = message(lambda: expect_array(got, want, "c", context="N=2"))
    assert (
        text == "c differs from the reference: max abs error 0.5 at [1, 2] (got 0.5, want 0) (N=2)"
    )


def test_float32_within_tolerance_passes() -> None:
    want = np.random.default_rng(0).normal(size=(3, 4))
    expect_array(want.astype(np.float32), want, "h")


def test_mutated_inputs_are_named() -> None:
    before = [np.ones(2), np.ones(3)]
    after = [np.ones(2), np.zeros(3)]
    assert "input(s) c_prev" in message(lambda: expect_unchanged(before, after, ["x", "c_prev"]))


def test_a_wrong_shape_carries_the_diagnosis_of_a_known_mistake() -> None:
    with pytest.raises(GradingFailure) as caught:
        expect_array_like(
            np.ones((4, 2)), (2, 4), "h", context="N=2", diagnose=lambda: "transposed output"
        )
    assert caught.value.message.startswith("h has shape (4, 2), expected (2, 4)")
    assert caught.value.diagnosis == "transposed output"


def test_the_diagnosis_is_only_computed_on_a_failure() -> None:
    def diagnose() -> str:
        raise AssertionError("diagnosed a right answer")

    assert expect_array_like(np.ones((2, 4)), (2, 4), "h", diagnose=diagnose).shape == (2, 4)


@pytest.mark.parametrize(
    ("got", "says"),
    [
        (np.ones(3), "return the final state too: return hs, (h_T, c_T)"),
        ((1, 2, 3), "Return hs, (h, c), not hs, h, c"),
        ((1, (2, 3, 4)), "should be the pair (h_T, c_T), got 3 items"),
        ([1], "of 2 items, got 1 items"),
    ],
)
def test_output_and_state_structure_is_explained(got: object, says: str) -> None:
    assert says in message(lambda: expect_output_and_state(got, context="T=5"))


def test_output_and_state_unpacks_torch_style_results() -> None:
    hs, h, c = expect_output_and_state(("hs", ("h", "c")), h="h_last", c="c_last")
    assert (hs, h, c) == ("hs", "h", "c")


def test_token_sequences_name_the_first_differing_position_and_show_both() -> None:
    text = message(
        lambda: expect_token_sequences(
            [[5, 2], [4, 7, 7, 3]], [[5, 2], [4, 7, 2]], "tokens", context="N=2"
        )
    )
    assert text == (
        "tokens[1] differs from the reference at position 2 (got 7, want 2): "
        "got [4, 7, 7, 3], want [4, 7, 2] (N=2)"
    )


def test_token_sequence_that_stops_early_says_how_long_both_are() -> None:
    text = message(lambda: expect_token_sequences([3, 1], [3, 1, 4], "tokens"))
    assert text == (
        "tokens has 2 tokens, the reference 3; they agree on the first 2: got [3, 1], want [3, 1, 4]"
    )


def test_token_array_rows_are_compared_as_sequences() -> None:
    want = np.array([[4, 2, 0], [5, 6, 2]])
    got = np.array([[4, 2, 0], [5, 2, 0]])
    text = message(lambda: expect_token_sequences(got, want, "tokens"))
    assert text.startswith("tokens[1] differs from the reference at position 1 (got 2, want 6)")
    assert "got [5, 2, 0], want [5, 6, 2]" in text


@pytest.mark.parametrize(
    ("got", "want", "says"),
    [
        (np.array([[1.0, 2.0]]), np.array([[1, 2]]), "dtype float64; expected integer token ids"),
        (np.array([[1, 2]]), np.array([[1, 2, 0]]), "shape (1, 2), expected (1, 3)"),
        ([[1, 2]], np.array([[1, 2]]), "should be a numpy.ndarray of integer token ids"),
        (np.array([[1, 2]]), [[1, 2]], "should be a list of 1 token lists, got a numpy array"),
        ([[1], [2]], [[1]], "has 2 sequences, expected 1"),
        ([[1.0, 2.0]], [[1, 2]], "tokens[0][0] should be an int token id, got a scalar (float)"),
        ([True], [1], "tokens[0] should be an int token id"),
    ],
)
def test_token_sequences_of_the_wrong_kind_say_what_came_back(got, want, says) -> None:
    assert says in message(lambda: expect_token_sequences(got, want, "tokens"))


def test_token_sequences_accept_numpy_ints_tuples_and_integer_rows() -> None:
    expect_token_sequences((np.int64(3), 1), [3, 1], "tokens")
    expect_token_sequences([np.array([1, 2]), (4,), []], [[1, 2], [4], []], "tokens")
    expect_token_sequences(np.array([[1, 2]], dtype=np.int32), np.array([[1, 2]]), "tokens")


def test_long_token_sequences_are_shown_around_the_difference() -> None:
    want = list(range(100))
    got = [*range(50), -1, *range(51, 100)]
    text = message(lambda: expect_token_sequences(got, want, "tokens"))
    assert "at position 50 (got -1, want 50)" in text
    assert "got [..., 38, 39," in text and "61, 62, ...]" in text and " 0," not in text


def test_a_token_mismatch_carries_the_diagnosis() -> None:
    with pytest.raises(GradingFailure) as caught:
        expect_token_sequences([1], [2], "tokens", diagnose=lambda: "blank index assumed C-1")
    assert caught.value.diagnosis == "blank index assumed C-1"


def test_one_token_is_said_in_the_singular() -> None:
    assert "tokens[0] has 1 token, the reference 2" in message(
        lambda: expect_token_sequences([[3]], [[3, 4]], "tokens")
    )


# -- shared helpers lifted from the suites (issue 16)


def test_rel_error_is_cs231n_s() -> None:
    from lstm_quiz.grading.expect import rel_error

    assert rel_error(np.array([1.0, 2.0]), np.array([1.0, 2.0])) == 0.0
    assert rel_error(np.array([0.0]), np.array([1.0])) == pytest.approx(1.0)
    assert rel_error(np.array([1.1]), np.array([1.0])) == pytest.approx(0.1 / 2.1)


def test_expect_gradients_names_the_wrong_and_the_right_ones() -> None:
    from lstm_quiz.grading.expect import expect_gradients

    want = {"dx": np.ones(3), "dW": np.ones((2, 2)), "db": np.zeros(2)}
    expect_gradients({k: v.copy() for k, v in want.items()}, want)  # all right: no failure
    got = {"dx": np.ones(3), "dW": 2 * np.ones((2, 2)), "db": np.full(2, np.nan)}
    with pytest.raises(GradingFailure) as caught:
        expect_gradients(got, want, context="N=1", diagnose=lambda: "a known slip")
    first, *lines = caught.value.message.splitlines()
    assert first == "dW and db are wrong; dx is right (N=1)"
    assert lines[0].startswith("dW differs from the reference") and "rel_error" in lines[0]
    assert lines[1].startswith("db contains NaN")
    assert caught.value.diagnosis == "a known slip"


class _Recorded:
    """A stand-in for the `solution` fixture: calls a function and reports the arguments after."""

    def __init__(self, function) -> None:
        self.function = function

    def call(self, name: str, *args):
        from types import SimpleNamespace

        self.function(*args)
        return SimpleNamespace(args_after=list(args))


def test_expect_inputs_unchanged_checks_arrays_and_lists_of_arrays() -> None:
    from lstm_quiz.grading.expect import expect_inputs_unchanged

    x, grads = np.ones(3), [np.ones(2), np.ones(4)]
    expect_inputs_unchanged(_Recorded(lambda *a: None), "f", [x, grads, 1.0], ["x", "g", "s"])

    def scale_second(x, grads, s):
        grads[1] *= 2

    with pytest.raises(GradingFailure, match=r"modified its input\(s\) g\[1\] in place; why"):
        expect_inputs_unchanged(
            _Recorded(scale_second), "f", [x, grads, 1.0], ["x", "g", "s"], "why"
        )
