# expect: clipped has 1 arrays
import numpy as np


def clip_grad_norm(grads, max_norm):
    flat = np.concatenate([g.ravel() for g in grads])
    total = np.linalg.norm(flat)
    scale = max_norm / (total + 1e-6)
    return [flat * min(scale, 1.0)], total
