# expect: weights returned as (N, T)
import numpy as np


def attention_pooling(hs, mask, W, b, v):
    scores = np.tanh(hs @ W.T + b) @ v
    masked = np.where(mask, scores, -np.inf)
    e = np.where(mask, np.exp(masked - masked.max(axis=0, keepdims=True)), 0.0)
    weights = e / e.sum(axis=0, keepdims=True)
    context = (weights[:, :, None] * hs).sum(axis=0)
    return context, weights.T  # bug: one weight row per sequence
