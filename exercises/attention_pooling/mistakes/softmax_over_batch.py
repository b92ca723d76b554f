# expect: softmax taken over the batch axis
import numpy as np


def attention_pooling(hs, mask, W, b, v):
    scores = np.tanh(hs @ W.T + b) @ v
    masked = np.where(mask, scores, -np.inf)
    m = masked.max(axis=1, keepdims=True)  # bug: axis 1 is the batch
    e = np.where(mask, np.exp(masked - m), 0.0)
    weights = e / e.sum(axis=1, keepdims=True)
    context = (weights[:, :, None] * hs).sum(axis=0)
    return context, weights
