# expect: pass
import numpy as np


def clip_grad_norm(grads, max_norm):
    total = np.linalg.norm([np.linalg.norm(g) for g in grads])  # the norm of the norms: the same number
    factor = min(1.0, max_norm / (total + 1e-6))
    return [factor * g for g in grads], total
