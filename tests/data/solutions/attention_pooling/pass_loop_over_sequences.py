# expect: pass
# One sequence at a time, over its real steps only, with a log-sum-exp softmax.
import numpy as np


def attention_pooling(hs, mask, W, b, v):
    T, N, H = hs.shape
    weights = np.zeros((T, N))
    context = np.zeros((N, H))
    for n in range(N):
        real = np.flatnonzero(mask[:, n])
        outputs = hs[real, n]  # (L, H), a copy
        scores = np.array([v @ np.tanh(W @ h + b) for h in outputs])
        top = scores.max()
        log_weights = scores - (top + np.log(np.sum(np.exp(scores - top))))
        weights[real, n] = np.exp(log_weights)
        context[n] = weights[real, n] @ outputs
    return context, weights
