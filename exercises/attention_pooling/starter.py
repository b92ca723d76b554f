import numpy as np


def attention_pooling(hs, mask, W, b, v):
    """hs: (T, N, H) LSTM outputs, time-major; mask: (T, N) bool, True where a step is real
    (False = padding; every sequence has at least one real step).
    W: (A, H), b: (A,), v: (A,)
    scores[t, n] = v · tanh(W hs[t, n] + b)              (T, N)
    weights = softmax of scores over t, masked positions get weight exactly 0
    context[n] = sum_t weights[t, n] * hs[t, n]            (N, H)
    returns (context, weights) with shapes (N, H) and (T, N)"""
    raise NotImplementedError("score every step, softmax over the real steps, then a weighted sum")
