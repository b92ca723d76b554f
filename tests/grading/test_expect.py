"""Failure messages of the suite helpers, as the learner reads them."""

from __future__ import annotations

import numpy as np
import pytest

from lstm_quiz.grading.expect import (
    GradingFailure,
    expect_array,
    expect_array_like,
    expect_output_and_state,
    expect_tuple,
    expect_unchanged,
)
from lstm_quiz.grading.worker import Opaque


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
