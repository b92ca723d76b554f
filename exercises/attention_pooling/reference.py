"""Reference: additive attention pooling over LSTM outputs, NumPy (equal to a torch version, proven in the project's tests)."""

import numpy as np


def attention_pooling(hs, mask, W, b, v):
    scores = np.tanh(hs @ W.T + b) @ v  # (T, N, A) -> (T, N)
    # Padding is left out before the max: the max is over the real steps only,
    # so exp(scores - max) <= 1 never overflows and the largest real term is 1.
    masked = np.where(mask, scores, -np.inf)
    top = masked.max(axis=0, keepdims=True)  # finite: every sequence has a real step
    e = np.where(mask, np.exp(masked - top), 0.0)  # exactly 0 on padding
    weights = e / e.sum(axis=0, keepdims=True)
    context = np.einsum("tn,tnh->nh", weights, hs)
    return context, weights
