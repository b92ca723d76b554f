# expect: modified its input(s) grads
import numpy as np


def clip_grad_norm(grads, max_norm):
    total = np.sqrt(sum(np.sum(g**2) for g in grads))
    scale = max_norm / (total + 1e-6)
    if scale < 1:
        for g in grads:
            g *= scale  # in place, as clip_grad_norm_ does to .grad, but here the caller keeps its arrays
    return grads, total
