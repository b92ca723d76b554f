"""The reference of text_pipeline builds the vocabulary and batches the contract describes.

Proven against an independent pure-Python implementation (first appearances
recorded explicitly and sorted by (-count, first index); rows built as lists
and padded by concatenation), and by properties: the mask marks exactly
`lengths` positions on the side opposite the padding, padding is id 0
exactly where the mask is False, and the real positions decode back to the
kept tokens with unknown words as <unk>. Also proven: Counter.most_common
orders ties by first appearance (the contract relies on it), and torch's
pack_padded_sequence accepts the lengths as the real lengths of the rows.
"""

from __future__ import annotations

from collections import Counter
from types import SimpleNamespace

import numpy as np
import pytest
import torch

from lstm_quiz.grading.plugin import load_module
from lstm_quiz.paths import shipped_exercises_dir
from tests.exercises.signature_checks import mistakes_never_named_alone

FOLDER = shipped_exercises_dir() / "text_pipeline"
reference = load_module(FOLDER / "reference.py")
signatures = load_module(FOLDER / "signatures.py")
suite = load_module(FOLDER / "test_text_pipeline.py")
WORDS = ["the", "The", "cat", "a", "A", "dog", "sat", "mat", "log", "on", "zebra", "Cat"]
SPACES = [" ", " ", " ", "  ", "\t", "\n"]


def python_vocab(texts, min_freq, max_size):
    counts, first = {}, {}
    for text in texts:
        for token in text.lower().split():
            first.setdefault(token, len(first))
            counts[token] = counts.get(token, 0) + 1
    words = sorted(
        (w for w in counts if counts[w] >= min_freq), key=lambda w: (-counts[w], first[w])
    )
    limit = len(words) if max_size is None else max_size - 2
    return ["<pad>", "<unk>", *words[:limit]]


def python_encode(texts, vocab, max_len, truncate, pad):
    rows, lengths, masks = [], [], []
    for text in texts:
        tokens = [vocab.index(t) if t in vocab else 1 for t in text.lower().split()]
        if len(tokens) > max_len:
            tokens = tokens[:max_len] if truncate == "post" else tokens[len(tokens) - max_len :]
        padding = [0] * (max_len - len(tokens))
        rows.append(tokens + padding if pad == "post" else padding + tokens)
        real = [True] * len(tokens)
        masks.append(
            real + [False] * len(padding) if pad == "post" else [False] * len(padding) + real
        )
        lengths.append(len(tokens))
    return (
        np.array(rows, dtype=np.int64).reshape(len(texts), max_len),
        np.array(lengths),
        np.array(masks, dtype=bool).reshape(len(texts), max_len),
    )


def random_texts(rng, n):
    texts = []
    for _ in range(n):
        k = int(rng.integers(0, 10))
        words = rng.choice(WORDS, size=k)
        texts.append("".join(w + str(rng.choice(SPACES)) for w in words).strip(" "))
    return texts


@pytest.mark.parametrize("seed", range(60))
def test_vocab_equals_python_implementation(seed: int) -> None:
    rng = np.random.default_rng(seed)
    texts = random_texts(rng, int(rng.integers(1, 8)))
    min_freq = int(rng.integers(1, 4))
    max_size = None if seed % 3 == 0 else int(rng.integers(2, 10))
    assert reference.build_vocab(texts, min_freq, max_size) == python_vocab(
        texts, min_freq, max_size
    )


@pytest.mark.parametrize("seed", range(60))
def test_encode_equals_python_implementation_and_properties(seed: int) -> None:
    rng = np.random.default_rng(seed)
    vocab = reference.build_vocab(random_texts(rng, 5), 1, None if seed % 2 else 6)
    texts = random_texts(rng, int(rng.integers(1, 7)))
    max_len = int(rng.integers(1, 8))
    truncate, pad = rng.choice(["pre", "post"]), rng.choice(["pre", "post"])
    before = (list(texts), list(vocab))
    ids, lengths, mask = reference.encode_batch(texts, vocab, max_len, truncate, pad)
    want = python_encode(texts, vocab, max_len, truncate, pad)
    assert ids.dtype == np.int64 and lengths.dtype == np.int64 and mask.dtype == np.bool_
    for got, expected in zip((ids, lengths, mask), want, strict=True):
        np.testing.assert_array_equal(got, expected)
    assert (texts, vocab) == before
    np.testing.assert_array_equal(mask.sum(axis=1), lengths)
    assert (ids[~mask] == 0).all() and (ids[mask] != 0).all()
    for n, text in enumerate(texts):
        tokens = [t if t in vocab else "<unk>" for t in text.lower().split()]
        kept = tokens[:max_len] if truncate == "post" else tokens[max(0, len(tokens) - max_len) :]
        assert [vocab[i] for i in ids[n][mask[n]]] == kept
        if lengths[n] and lengths[n] < max_len:  # the padding is on the side asked for
            assert mask[n][0 if pad == "post" else -1] and not mask[n][-1 if pad == "post" else 0]


def test_counter_most_common_orders_ties_by_first_appearance() -> None:
    counts = Counter(["b", "a", "c", "a", "b", "c", "d"])
    assert [w for w, _ in counts.most_common()] == ["b", "a", "c", "d"]


def test_lengths_work_with_pack_padded_sequence() -> None:
    vocab = reference.build_vocab(suite.CORPUS, 1, None)
    ids, lengths, mask = reference.encode_batch(
        ["the cat sat", "a dog", "the cat sat on a mat"], vocab, 4, "post", "post"
    )
    embedded = torch.nn.Embedding(len(vocab), 3, padding_idx=0)(torch.from_numpy(ids))
    packed = torch.nn.utils.rnn.pack_padded_sequence(
        embedded, torch.from_numpy(lengths), batch_first=True, enforce_sorted=False
    )
    assert int(packed.batch_sizes.sum()) == int(mask.sum())


def test_empty_text_is_all_padding() -> None:
    vocab = reference.build_vocab(suite.CORPUS, 1, None)
    for pad in ("pre", "post"):
        ids, lengths, mask = reference.encode_batch(["", "  \t"], vocab, 3, "pre", pad)
        assert (ids == 0).all() and (lengths == 0).all() and not mask.any()


VOCAB = SimpleNamespace(SIGNATURES=signatures.VOCAB_SIGNATURES, diagnose=signatures.diagnose_vocab)
ENCODE = SimpleNamespace(
    SIGNATURES=signatures.ENCODE_SIGNATURES, diagnose=signatures.diagnose_encode
)


def vocab_probes():
    return [(list(t), m, s) for t, m, s in suite.VOCAB_PROBES.values()]


def encode_probes():
    vocab = reference.build_vocab(suite.CORPUS, 1, None)
    return [(list(t), list(vocab), n, tr, p) for t, n, tr, p in suite.ENCODE_PROBES.values()]


def test_signature_baselines_equal_reference() -> None:
    for inputs in vocab_probes():
        assert signatures.vocab(*inputs) == reference.build_vocab(*inputs)
    for inputs in encode_probes():
        assert signatures.same(signatures.encode(*inputs), reference.encode_batch(*inputs))


def test_every_signature_changes_some_probe() -> None:
    """Each known mistake changes the result on at least one of the suite's probes."""
    for space, probes, run, ref in (
        (VOCAB, vocab_probes(), signatures.vocab, reference.build_vocab),
        (ENCODE, encode_probes(), signatures.encode, reference.encode_batch),
    ):
        for description, options in space.SIGNATURES:
            assert any(not signatures.same(run(*p, **options), ref(*p)) for p in probes), (
                description
            )


def test_signatures_are_named_alone_on_the_suites_probes() -> None:
    assert mistakes_never_named_alone(VOCAB, vocab_probes(), signatures.vocab) == []
    assert mistakes_never_named_alone(ENCODE, encode_probes(), signatures.encode) == []


def test_correct_output_gets_no_diagnosis() -> None:
    for inputs in vocab_probes():
        assert signatures.diagnose_vocab(reference.build_vocab(*inputs), inputs) == ""
    for inputs in encode_probes():
        assert signatures.diagnose_encode(reference.encode_batch(*inputs), inputs) == ""
