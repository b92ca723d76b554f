# expect: scores multiplied by the mask
import numpy as np


def attention_pooling(hs, mask, W, b, v):
    scores = np.tanh(hs @ W.T + b) @ v
    scores = scores * mask  # bug: padding scores become 0, not -inf
    e = np.exp(scores - scores.max(axis=0, keepdims=True))
    weights = e / e.sum(axis=0, keepdims=True)
    context = (weights[:, :, None] * hs).sum(axis=0)
    return context, weights
