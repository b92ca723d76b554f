# expect: normalised over all T×N scores at once
import numpy as np


def attention_pooling(hs, mask, W, b, v):
    scores = np.tanh(hs @ W.T + b) @ v
    masked = np.where(mask, scores, -np.inf)
    e = np.where(mask, np.exp(masked - masked.max()), 0.0)
    weights = e / e.sum()  # bug: no axis, one softmax over the whole batch
    context = (weights[:, :, None] * hs).sum(axis=0)
    return context, weights
