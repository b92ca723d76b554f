# expect: mask applied after the softmax without renormalising
import numpy as np


def attention_pooling(hs, mask, W, b, v):
    scores = np.tanh(hs @ W.T + b) @ v
    e = np.exp(scores - scores.max(axis=0, keepdims=True))
    weights = e / e.sum(axis=0, keepdims=True)
    weights = weights * mask  # bug: padding zeroed, the rest no longer sums to 1
    context = (weights[:, :, None] * hs).sum(axis=0)
    return context, weights
