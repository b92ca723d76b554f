import numpy as np


def build_vocab(texts, min_freq, max_size):
    """texts: list of str. Tokens: text.lower().split().
    Returns a list of tokens, index = id: "<pad>" (0), "<unk>" (1), then the words with
    count >= min_freq by descending count, equal counts in order of first appearance,
    cut so that the whole list has at most max_size entries (None: no limit).
    """
    raise NotImplementedError("count the tokens, sort them, put <pad> and <unk> first")


def encode_batch(texts, vocab, max_len, truncate, pad):
    """texts: list of N str; vocab: the list build_vocab returns; max_len >= 1;
    truncate, pad: "pre" or "post" (which side loses tokens / gets the padding).
    Unknown tokens map to <unk> (1), padding is <pad> (0).
    Returns (ids (N, max_len) int64, lengths (N,) int64 tokens kept, mask (N, max_len) bool).
    """
    raise NotImplementedError("map tokens to ids, truncate, then pad and mark the real tokens")
