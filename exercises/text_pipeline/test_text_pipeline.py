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
truncate/pad combinations, a batch of equal lengths, N = 1, max_len = 1, a
batch of empty texts (all padding), a word repeated within one text (token,
not document, frequency), max_size = 2 (the specials alone) and a min_freq
above every count; then drawn corpora and batches (hypothesis, derandomised:
N = 1, max_len = 1, texts of one word among them), and two results kept at once.
"""

import numpy as np
import pytest

from lstm_quiz.grading.expect import GradingFailure, expect_token_sequences, expect_tuple
from lstm_quiz.grading.messages import as_text, text, verbatim
from lstm_quiz.grading.properties import cases, check_cases, corner_cases

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
    "a word repeated within one text": (["x y", "y z", "x x x"], 1, None),  # x 4, y 2, z 1
    "max_size = 2 (the specials alone)": (CORPUS, 1, 2),
    "min_freq above every count": (CORPUS, 9, None),
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
    "max_len = 1, truncate pre": (TEXTS, 1, "pre", "post"),
    "max_len = 1, truncate post": (TEXTS, 1, "post", "pre"),
    "every text empty": (["", " ", "\t\n"], 3, "post", "pre"),
}
# Drawn corpora: words from a pool of 6 (repeats and ties are frequent), capitals and mixed spaces.
WORDS = ["a", "b", "Cat", "dog", "b", "sat", "on"]
DRAWN_VOCAB = {"texts": (1, 5), "words": (0, 8), "min_freq": (1, 3), "max_size": (2, 9)}
DRAWN_ENCODE = {"N": (1, 5), "words": (0, 8), "max_len": (1, 6)}


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
    context = as_text(context)
    if not isinstance(got, list | tuple) or not all(isinstance(t, str) for t in got):
        raise GradingFailure(
            text(
                "{name} should be a list of str tokens (index = id), got {type} ({context})",
                name=name,
                type=type(got).__name__,
                context=context,
            )
        )
    got = list(got)
    if got == want:
        return
    first = next(
        (k for k, (a, b) in enumerate(zip(got, want, strict=False)) if a != b),
        min(len(got), len(want)),
    )
    if first == min(len(got), len(want)):
        where = text(
            "{name} has {got} entries, the reference {want}; they agree on the first {first}",
            name=name,
            got=len(got),
            want=len(want),
            first=first,
        )
    else:
        where = text(
            "{name} differs from the reference at id {first} (got {got}, want {want})",
            name=name,
            first=first,
            got=repr(got[first]),
            want=repr(want[first]),
        )
    raise GradingFailure(
        text(
            "{where}: got {got}, want {want} ({context})",
            where=where,
            got=show(got, first),
            want=show(want, first),
            context=context,
        ),
        diagnose(),
    )


def vocab_context(texts, min_freq, max_size):
    return verbatim(f"texts={texts!r}, min_freq={min_freq}, max_size={max_size}")


def encode_context(texts, max_len, truncate, pad):
    return verbatim(f"texts={texts!r}, max_len={max_len}, truncate={truncate!r}, pad={pad!r}")


def expect_int_vector(got, n, name, context, diagnose):
    if not isinstance(got, np.ndarray) or got.dtype.kind not in "iu" or got.shape != (n,):
        what = (
            f"dtype {got.dtype}, shape {got.shape}"
            if isinstance(got, np.ndarray)
            else type(got).__name__
        )
        raise GradingFailure(
            text(
                "{name} should be an integer numpy array of shape ({n},), got {what} ({context})",
                name=name,
                n=n,
                what=what,
                context=as_text(context),
            ),
            diagnose(),
        )


def expect_mask(got, want, context, diagnose):
    if not isinstance(got, np.ndarray) or got.dtype != np.bool_:
        what = f"dtype {got.dtype}" if isinstance(got, np.ndarray) else type(got).__name__
        raise GradingFailure(
            text(
                "mask should be a numpy array of dtype bool (True on real tokens), got {what}; "
                "build it with np.zeros((N, max_len), dtype=bool) ({context})",
                what=what,
                context=as_text(context),
            ),
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


def check_encode(solution, reference, signatures, vocab, name, probe=None):
    texts, max_len, truncate, pad = probe or ENCODE_PROBES[name]
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


def drawn_texts(rng, n, most):
    """n texts of 0 .. most words from WORDS, joined by a space, a double space or a tab."""
    texts = []
    for _ in range(n):
        words = rng.choice(WORDS, size=int(rng.integers(0, most + 1)))
        gaps = rng.choice([" ", "  ", "\t"], size=len(words))
        texts.append("".join(w + g for w, g in zip(words, gaps, strict=True)).strip())
    return texts


def test_vocab_on_drawn_corpora(solution, reference, signatures):
    """The vocabulary matches over drawn corpora (one text, empty texts, max_size = 2, ties among them)."""

    def check_case(case):
        rng = np.random.default_rng(case.seed)
        max_size = None if case.seed % 3 == 0 else case["max_size"]
        inputs = (drawn_texts(rng, case["texts"], case["words"]), case["min_freq"], max_size)
        got = solution.build_vocab(*inputs)
        expect_token_list(
            got, reference.build_vocab(*inputs), "vocab", vocab_context(*inputs),
            lambda: signatures.diagnose_vocab(got, inputs),
        )  # fmt: skip

    corners = corner_cases(zero=False, **DRAWN_VOCAB)
    check_cases(cases(zero=False, **DRAWN_VOCAB), check_case, corners=corners, max_examples=20)


def test_encode_on_drawn_batches(solution, reference, signatures, vocab):
    """ids, lengths and mask match over drawn batches (N = 1, max_len = 1, empty texts, every side)."""

    def check_case(case):
        rng = np.random.default_rng(case.seed)
        texts = drawn_texts(rng, case["N"], case["words"])
        truncate, pad = ("pre", "post")[case.seed % 2], ("pre", "post")[case.seed // 2 % 2]
        probe = (texts, case["max_len"], truncate, pad)
        check_encode(solution, reference, signatures, vocab, "drawn batch", probe)

    corners = corner_cases(zero=False, **DRAWN_ENCODE)
    check_cases(cases(zero=False, **DRAWN_ENCODE), check_case, corners=corners, max_examples=20)


def test_results_kept_across_calls(solution, vocab):
    """A result stays as returned after the next call (the sandbox re-reads the earlier one)."""
    solution.encode_batch(list(TEXTS), list(vocab), 4, "post", "post")
    solution.encode_batch(
        list(TEXTS[::-1]), list(vocab), 4, "post", "post"
    )  # fails if it overwrote


def test_inputs_unchanged(solution, vocab):
    """The texts and the vocabulary are left unchanged."""
    texts = list(TEXTS)
    result = solution.call("encode_batch", texts, list(vocab), 4, "pre", "pre")
    if list(result.args_after[0]) != texts or list(result.args_after[1]) != list(vocab):
        raise GradingFailure(
            "encode_batch modified the texts or the vocab list it was given (an append of a new word?); "
            "the vocabulary is fixed once built: unknown words map to <unk>"
        )
