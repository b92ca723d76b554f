# expect: a root-mean-square instead of the norm
import numpy as np


def clip_grad_norm(grads, max_norm):
    flat = np.concatenate([g.ravel() for g in grads])
    total = np.sqrt(np.mean(flat**2))  # a root-mean-square, not a norm
    scale = max_norm / (total + 1e-6)
    return [g * scale if scale < 1 else g for g in grads], total
