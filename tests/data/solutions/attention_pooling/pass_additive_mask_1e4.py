# expect: pass
# An additive mask is accepted when what it leaves is below the tolerance: the prompt
# promises -1e4 passes (scores stay within ±900). Computed in float32 to be sure it holds there.
import numpy as np


def attention_pooling(hs, mask, W, b, v):
    hs32, W, b, v = (a.astype(np.float32) for a in (hs, W, b, v))
    scores = np.tanh(hs32 @ W.T + b) @ v
    scores = scores + (1.0 - mask.astype(np.float32)) * np.float32(-1e4)
    e = np.exp(scores - scores.max(axis=0, keepdims=True))
    weights = e / e.sum(axis=0, keepdims=True)
    context = (weights[:, :, None] * hs32).sum(axis=0)
    return context, weights
