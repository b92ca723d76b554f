"""Hidden suite for text_pipeline. Runs in the trusted process; `solution` calls the learner's code.

The contract:

    def build_vocab(texts, min_freq, max_size):
        '''tokens = text.lower().split(); returns ["<pad>", "<unk>", words...]: count >= min_freq,
        descending count, ties by first appearance, at most max_size entries in all (None: no cut)'''

    def encode_batch(texts, vocab, max_len, truncate, pad):
        '''truncate, pad in {"pre", "post"}; unknown -> 1, padding 0;
        returns ids (N, max_len) int64, lengths (N,) int64 (tokens kept), mask (N, max_len) bool'''

Probes: counts tied three ways (first appearance vs alphabetical), words seen
exactly min_freq times, capitals, a double space, a tab and a newline, an
empty text, texts longer than max_len, unknown words, all four
truncate/pad combinations, a batch of equal lengths, N = 1, and max_size
below the vocabulary's size.
"""

import numpy as np
import pytest

from lstm_quiz.grading.expect import GradingFailure, expect_token_sequences, expect_tuple

CORPUS = [
    "The cat sat on the mat",
    "the dog  sat\ton a log",
    "A cat and a dog",
    "",
    "Mat\nlog cat",
]
VOCAB_PROBES = {
    "ties, capitals and whitespace": (CORPUS, 1, None),
    "min_freq = 2": (CORPUS, 2, None),
    "max_size below the vocabulary": (CORPUS, 2, 6),
    "one text": (["b a b c a b"], 1, 4),
}
TEXTS = [
    "the cat sat on the mat today",  # 7 tokens, one unknown
    "A dog",
    "",
    "zebra Cat and unknown words",
    "log log log log log",
]
ENCODE_PROBES = {
    "truncate post, pad post": (TEXTS, 5, "post", "post"),
    "truncate pre, pad pre": (TEXTS, 5, "pre", "pre"),
    "truncate pre, pad post": (TEXTS, 4, "pre", "post"),
    "truncate post, pad pre": (TEXTS, 4, "post", "pre"),
    "equal lengths": (["a cat sat", "The dog sat", "on a mat"], 5, "post", "pre"),
    "N = 1, longer than max_len": (["the dog sat on a log with a cat"], 3, "pre", "post"),
}


@pytest.fixture(scope="module")
def signatures(exercise_module):
    return exercise_module("signatures")


@pytest.fixture(scope="module")
def vocab(reference):
    return reference.build_vocab(CORPUS, 1, None)


def show(tokens, around):
    start, stop = max(0, around - 6), min(len(tokens), around + 7)
    shown = ", ".join(repr(t) for t in tokens[start:stop])
    return f"[{'..., ' if start else ''}{shown}{', ...' if stop < len(tokens) else ''}]"


def expect_token_list(got, want, name, context, diagnose):
    """``got`` is a list of str equal to ``want``; a failure shows the first differing position."""
    suffix = f" ({context})"
    if not isinstance(got, list | tuple) or not all(isinstance(t, str) for t in got):
        raise GradingFailure(
            f"{name} should be a list of str tokens (index = id), got {type(got).__name__}{suffix}"
        )
    got = list(got)
    if got == want:
        return
    first = next(
        (k for k, (a, b) in enumerate(zip(got, want, strict=False)) if a != b),
        min(len(got), len(want)),
    )
    if first == min(len(got), len(want)):
        where = f"{name} has {len(got)} entries, the reference {len(want)}; they agree on the first {first}"
    else:
        where = f"{name} differs from the reference at id {first} (got {got[first]!r}, want {want[first]!r})"
    raise GradingFailure(
        f"{where}: got {show(got, first)}, want {show(want, first)}{suffix}", diagnose()
    )


def vocab_context(texts, min_freq, max_size):
    return f"texts={texts!r}, min_freq={min_freq}, max_size={max_size}"


def encode_context(texts, max_len, truncate, pad):
    return f"texts={texts!r}, max_len={max_len}, truncate={truncate!r}, pad={pad!r}"


def expect_int_vector(got, n, name, context, diagnose):
    if not isinstance(got, np.ndarray) or got.dtype.kind not in "iu" or got.shape != (n,):
        what = (
            f"dtype {got.dtype}, shape {got.shape}"
            if isinstance(got, np.ndarray)
            else type(got).__name__
        )
        raise GradingFailure(
            f"{name} should be an integer numpy array of shape ({n},), got {what} ({context})",
            diagnose(),
        )


def expect_mask(got, want, context, diagnose):
    if not isinstance(got, np.ndarray) or got.dtype != np.bool_:
        what = f"dtype {got.dtype}" if isinstance(got, np.ndarray) else type(got).__name__
        raise GradingFailure(
            f"mask should be a numpy array of dtype bool (True on real tokens), got {what}; "
            f"build it with np.zeros((N, max_len), dtype=bool) ({context})",
            diagnose(),
        )
    expect_token_sequences(
        got.astype(np.int64),
        want.astype(np.int64),
        "mask (1 = True)",
        context=context,
        diagnose=diagnose,
    )


@pytest.mark.parametrize("name", list(VOCAB_PROBES))
def test_vocab_matches_reference(solution, reference, signatures, name):
    """The vocabulary: <pad>, <unk>, then the words by count (ties by first appearance), cut as asked."""
    texts, min_freq, max_size = VOCAB_PROBES[name]
    inputs = (list(texts), min_freq, max_size)
    got = solution.build_vocab(*inputs)
    expect_token_list(
        got,
        reference.build_vocab(*inputs),
        "vocab",
        vocab_context(*inputs),
        lambda: signatures.diagnose_vocab(got, inputs),
    )


def check_encode(solution, reference, signatures, vocab, name):
    texts, max_len, truncate, pad = ENCODE_PROBES[name]
    inputs = (list(texts), list(vocab), max_len, truncate, pad)
    want_ids, want_lengths, want_mask = reference.encode_batch(*inputs)
    got = solution.encode_batch(*inputs)
    context = encode_context(texts, max_len, truncate, pad)
    cache = []

    def diagnosis():
        if not cache:
            cache.append(signatures.diagnose_encode(got, inputs))
        return cache[0]

    ids, lengths, mask = expect_tuple(got, ["ids", "lengths", "mask"])
    expect_token_sequences(ids, want_ids, "ids", context=context, diagnose=diagnosis)
    expect_int_vector(lengths, len(texts), "lengths", context, diagnosis)
    expect_token_sequences(
        lengths, want_lengths.tolist(), "lengths", context=context, diagnose=diagnosis
    )
    expect_mask(mask, want_mask, context, diagnosis)


@pytest.mark.parametrize("name", list(ENCODE_PROBES))
def test_encode_matches_reference(solution, reference, signatures, vocab, name):
    """ids (unknown words -> 1, padding 0), lengths (tokens kept) and mask match the reference."""
    check_encode(solution, reference, signatures, vocab, name)


def test_inputs_unchanged(solution, vocab):
    """The texts and the vocabulary are left unchanged."""
    texts = list(TEXTS)
    result = solution.call("encode_batch", texts, list(vocab), 4, "pre", "pre")
    if list(result.args_after[0]) != texts or list(result.args_after[1]) != list(vocab):
        raise GradingFailure(
            "encode_batch modified the texts or the vocab list it was given (an append of a new word?); "
            "the vocabulary is fixed once built: unknown words map to <unk>"
        )
