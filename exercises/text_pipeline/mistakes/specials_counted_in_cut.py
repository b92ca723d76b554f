# expect: no <pad> and <unk> at the start
from collections import Counter

import numpy as np


def tokenize(text):
    return text.lower().split()


def build_vocab(texts, min_freq, max_size):
    counts = Counter({"<pad>": 0, "<unk>": 0})  # the specials counted with the words
    for text in texts:
        counts.update(tokenize(text))
    vocab = [word for word, count in counts.most_common() if count >= min_freq]
    return vocab if max_size is None else vocab[:max_size]


def encode_batch(texts, vocab, max_len, truncate, pad):
    index = {word: i for i, word in enumerate(vocab)}
    N = len(texts)
    ids = np.zeros((N, max_len), dtype=np.int64)
    lengths = np.zeros(N, dtype=np.int64)
    mask = np.zeros((N, max_len), dtype=bool)
    for n, text in enumerate(texts):
        tokens = [index.get(token, 1) for token in tokenize(text)]
        if truncate == "post":
            tokens = tokens[:max_len]
        else:
            tokens = tokens[-max_len:]
        L = len(tokens)
        if pad == "post":
            ids[n, :L] = tokens
            mask[n, :L] = True
        else:
            ids[n, max_len - L :] = tokens
            mask[n, max_len - L :] = True
        lengths[n] = L
    return ids, lengths, mask
