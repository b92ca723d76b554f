# expect: An additive mask must outweigh the scores
import numpy as np


def attention_pooling(hs, mask, W, b, v):
    scores = np.tanh(hs @ W.T + b) @ v
    scores = scores + (1.0 - mask) * -1000.0  # bug: not large enough when scores reach ±900
    e = np.exp(scores - scores.max(axis=0, keepdims=True))
    weights = e / e.sum(axis=0, keepdims=True)
    context = (weights[:, :, None] * hs).sum(axis=0)
    return context, weights
