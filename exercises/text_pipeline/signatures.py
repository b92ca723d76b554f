"""Diagnoses for text_pipeline: the outputs of classic mistakes, to name the one a solution made.

Trusted code, loaded by the hidden suite; the learner never sees it run.
``vocab`` rebuilds the vocabulary with one known bug (specials, the size cut,
ties, the frequency cut, tokenisation); ``encode`` re-encodes a batch with one
(truncation side, lengths, unknown words, the mask, case). The outputs are
discrete, so they are compared exactly; a solution whose result equals a
mistake's (and the mistake changes the result on those inputs) is told which.
"""

from collections import Counter

import numpy as np

from lstm_quiz.grading import messages
from lstm_quiz.grading.diagnose import sentence

PAD, UNK = "<pad>", "<unk>"


def tokenize(text, *, fold=True, split="whitespace"):
    text = text.lower() if fold else text
    return text.split() if split == "whitespace" else text.split(" ")


def vocab(
    texts, min_freq, max_size,
    *, specials="first", size="with_specials", ties="first", cut="at_least", fold=True,
    split="whitespace", counting="tokens",
):  # fmt: skip
    per_text = [tokenize(text, fold=fold, split=split) for text in texts]
    if counting == "documents":  # each word counted once per text it appears in
        per_text = [list(dict.fromkeys(tokens)) for tokens in per_text]
    counts = Counter(t for tokens in per_text for t in tokens)
    if ties == "first":
        ordered = counts.most_common()
    elif ties == "alpha":
        ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    else:
        raise ValueError(ties)
    keep = (lambda c: c >= min_freq) if cut == "at_least" else (lambda c: c > min_freq)
    words = [w for w, c in ordered if keep(c)]
    if max_size is not None:
        words = words[: max_size - 2] if size == "with_specials" else words[:max_size]
    if specials == "first":
        return [PAD, UNK, *words]
    if specials == "last":
        return [*words, PAD, UNK]
    if specials == "none":
        return words
    raise ValueError(specials)


VOCAB_SIGNATURES = [
    (
        "each word counted once per text (document frequency, e.g. Counter(set(tokens))); the "
        "frequency is the number of times a word occurs in all the texts together",
        {"counting": "documents"},
    ),
    (
        "no <pad> and <unk> at the start: vocab[0] is a word, so padding with id 0 writes that "
        "word (and unknown words have no id); the list starts with '<pad>', '<unk>'",
        {"specials": "none"},
    ),
    (
        "<pad> and <unk> appended after the words: id 0 is the most frequent word, so padding with "
        "0 collides with it; '<pad>' is id 0 and '<unk>' id 1",
        {"specials": "last"},
    ),
    (
        "max_size applied to the words alone, two entries too many: max_size counts <pad> and "
        "<unk>, so at most max_size - 2 words are kept",
        {"size": "words_only"},
    ),
    (
        "equal counts ordered alphabetically; the contract orders them by first appearance "
        "(what Counter.most_common gives)",
        {"ties": "alpha"},
    ),
    (
        "min_freq applied with > instead of >=: words seen exactly min_freq times were dropped",
        {"cut": "above"},
    ),
    (
        "case not folded: 'The' and 'the' counted as two words; tokens are text.lower().split()",
        {"fold": False},
    ),
    (
        "split(' ') instead of split(): a double space gives an empty token '' and a tab or "
        "newline stays inside a token; split() with no argument splits on any run of whitespace",
        {"split": "space"},
    ),
]


def encode(
    texts, vocab_list, max_len, truncate, pad,
    *, truncation="right", lengths="kept", unknown="map", mask="right", fold=True, empty="right",
):  # fmt: skip
    index = {w: i for i, w in enumerate(vocab_list)}
    if PAD not in index or UNK not in index:
        return None
    N = len(texts)
    ids = np.full((N, max_len), index[PAD], dtype=np.int64)
    counts = np.zeros(N, dtype=np.int64)
    real = np.zeros((N, max_len), dtype=bool)
    for n, text in enumerate(texts):
        tokens = [index.get(t) for t in tokenize(text, fold=fold)]
        tokens = (
            [index[UNK] if t is None else t for t in tokens]
            if unknown == "map"
            else [t for t in tokens if t is not None]
        )
        side = truncate if truncation == "right" else {"pre": "post", "post": "pre"}[truncate]
        kept = tokens[:max_len] if side == "post" else tokens[max(0, len(tokens) - max_len) :]
        L = len(kept)
        where = slice(0, L) if pad == "post" else slice(max_len - L, max_len)
        ids[n, where] = kept
        if mask == "post_side":  # the real tokens marked at the start whatever the padding side
            real[n, :L] = True
        elif empty == "negative_slice" and pad == "pre" and L == 0:
            real[n, -L:] = True  # [-0:] is the whole row
        else:
            real[n, where] = True
        counts[n] = {"kept": L, "max_len": max_len, "before_truncation": len(tokens)}[lengths]
    if mask == "inverted":
        real = ~real
    return ids, counts, real


ENCODE_SIGNATURES = [
    (
        "truncated on the wrong side: truncate='post' keeps the first max_len tokens (cuts the "
        "end), truncate='pre' keeps the last max_len (cuts the start)",
        {"truncation": "swapped"},
    ),
    (
        "lengths counted after padding (every length is max_len); a length is the number of real "
        "tokens kept, before the padding",
        {"lengths": "max_len"},
    ),
    (
        "lengths counted before truncation: a length is the number of tokens kept, at most max_len",
        {"lengths": "before_truncation"},
    ),
    (
        "unknown words dropped instead of mapped to <unk> (id 1): the text got shorter and the "
        "model never sees that a word was there",
        {"unknown": "drop"},
    ),
    ("the mask inverted: True must mark the real tokens, False the padding", {"mask": "inverted"}),
    (
        "with pad='pre' the mask still marks the first positions; the real tokens are at the end "
        "of the row then, and so are the mask's True values",
        {"mask": "post_side"},
    ),
    (
        "an empty text with pad='pre' has a mask of all True: mask[n, -L:] with L = 0 is "
        "mask[n, 0:], the whole row; an empty text has length 0, all padding, mask all False",
        {"empty": "negative_slice"},
    ),
    (
        "case not folded when encoding: words with capitals became <unk>; tokenise with "
        "text.lower().split() as build_vocab does",
        {"fold": False},
    ),
]


def same(a, b):
    if isinstance(b, list | tuple):
        return (
            isinstance(a, list | tuple)
            and len(a) == len(b)
            and all(same(x, y) for x, y in zip(a, b, strict=True))
        )
    if isinstance(b, np.ndarray):
        return isinstance(a, np.ndarray) and a.shape == b.shape and bool(np.array_equal(a, b))
    return a == b


def _matching(got, want, compute, inputs, signatures):
    found = []
    for description, options in signatures:
        result = compute(*inputs, **options)
        if result is None or same(result, want):
            continue
        if same(got, result):
            found.append(description)
    return found


def diagnose_vocab(got, inputs):
    """A sentence naming the mistake(s) whose vocabulary equals ``got``, or ''."""
    if not isinstance(got, list | tuple):
        return ""
    found = _matching(list(got), vocab(*inputs), vocab, inputs, VOCAB_SIGNATURES)
    if found:
        return sentence("vocabulary equals", found)
    if got and got[0] != PAD:
        return messages.text(
            "Your vocab[0] is {token}: id 0 must be '<pad>', or the padding collides with "
            "that token.",
            token=repr(got[0]),
        )
    return ""


def diagnose_encode(got, inputs):
    """A sentence naming the mistake(s) whose (ids, lengths, mask) equal ``got``, or ''."""
    if not (isinstance(got, tuple | list) and len(got) == 3):
        return ""
    got = tuple(np.asarray(g) if isinstance(g, np.ndarray) else g for g in got)
    want = encode(*inputs)
    return sentence(
        "(ids, lengths, mask) equal", _matching(got, want, encode, inputs, ENCODE_SIGNATURES)
    )
