# expect: the norm measured after clipping
import numpy as np


def clip_grad_norm(grads, max_norm):
    total = np.sqrt(sum(np.sum(g**2) for g in grads))
    scale = max_norm / (total + 1e-6)
    clipped = [g * scale if scale < 1 else g for g in grads]
    return clipped, np.sqrt(sum(np.sum(g**2) for g in clipped))  # the norm after clipping
