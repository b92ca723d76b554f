# expect: mask not applied
import numpy as np


def attention_pooling(hs, mask, W, b, v):
    scores = np.tanh(hs @ W.T + b) @ v
    e = np.exp(scores - scores.max(axis=0, keepdims=True))  # bug: mask never used
    weights = e / e.sum(axis=0, keepdims=True)
    context = (weights[:, :, None] * hs).sum(axis=0)
    return context, weights
