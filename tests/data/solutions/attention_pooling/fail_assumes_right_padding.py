# expect: padded at the start
# Turns the mask into lengths and assumes the real steps come first.
import numpy as np


def attention_pooling(hs, mask, W, b, v):
    T, N = mask.shape
    lengths = mask.sum(axis=0)
    weights = np.zeros((T, N))
    for n in range(N):
        L = lengths[n]
        scores = np.tanh(hs[:L, n] @ W.T + b) @ v
        e = np.exp(scores - scores.max())
        weights[:L, n] = e / e.sum()
    context = (weights[:, :, None] * hs).sum(axis=0)
    return context, weights
