# expect: mask inverted
import numpy as np


def attention_pooling(hs, mask, W, b, v):
    scores = np.tanh(hs @ W.T + b) @ v
    masked = np.where(mask, -np.inf, scores)  # bug: treats True as padding
    m = masked.max(axis=0, keepdims=True)
    e = np.exp(masked - m)
    weights = e / e.sum(axis=0, keepdims=True)
    context = (weights[:, :, None] * hs).sum(axis=0)
    return context, weights
