# expect: no tanh in the scores
import numpy as np


def attention_pooling(hs, mask, W, b, v):
    scores = (hs @ W.T + b) @ v  # bug: tanh missing
    masked = np.where(mask, scores, -np.inf)
    e = np.where(mask, np.exp(masked - masked.max(axis=0, keepdims=True)), 0.0)
    weights = e / e.sum(axis=0, keepdims=True)
    context = (weights[:, :, None] * hs).sum(axis=0)
    return context, weights
