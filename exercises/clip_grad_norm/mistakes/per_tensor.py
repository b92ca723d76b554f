# expect: each array clipped by its own norm
import numpy as np


def clip_grad_norm(grads, max_norm):
    clipped = []
    for g in grads:
        norm = np.sqrt(np.sum(g**2))
        clipped.append(g * min(1.0, max_norm / (norm + 1e-6)))
    total = np.sqrt(sum(np.sum(g**2) for g in grads))
    return clipped, total
