# expect: each word counted once per text
from collections import Counter

import numpy as np

PAD, UNK = "<pad>", "<unk>"


def tokenize(text):
    return text.lower().split()  # split() with no argument: any run of whitespace, no empty tokens


def build_vocab(texts, min_freq, max_size):
    counts = Counter()
    for text in texts:
        counts.update(dict.fromkeys(tokenize(text), 1))  # each word once per text
    # most_common orders equal counts by first appearance (Counter keeps insertion order)
    words = [word for word, count in counts.most_common() if count >= min_freq]
    if max_size is not None:
        words = words[: max_size - 2]  # max_size counts the two specials
    return [PAD, UNK, *words]


def encode_batch(texts, vocab, max_len, truncate, pad):
    index = {word: i for i, word in enumerate(vocab)}
    unk = index[UNK]
    N = len(texts)
    ids = np.full((N, max_len), index[PAD], dtype=np.int64)
    lengths = np.zeros(N, dtype=np.int64)
    mask = np.zeros((N, max_len), dtype=bool)
    for n, text in enumerate(texts):
        tokens = [index.get(token, unk) for token in tokenize(text)]
        kept = tokens[:max_len] if truncate == "post" else tokens[max(0, len(tokens) - max_len) :]
        L = len(kept)
        where = (
            slice(0, L) if pad == "post" else slice(max_len - L, max_len)
        )  # not [-L:]: L may be 0
        ids[n, where] = kept
        mask[n, where] = True
        lengths[n] = L
    return ids, lengths, mask
