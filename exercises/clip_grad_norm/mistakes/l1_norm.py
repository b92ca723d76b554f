# expect: an L1 norm
import numpy as np


def clip_grad_norm(grads, max_norm):
    total = sum(np.sum(np.abs(g)) for g in grads)
    scale = max_norm / (total + 1e-6)
    return [g * scale if scale < 1 else g for g in grads], total
