"""Reference: global-norm gradient clipping, equal to torch.nn.utils.clip_grad_norm_."""

import numpy as np


def clip_grad_norm(grads, max_norm):
    total_norm = float(np.sqrt(sum(np.sum(np.square(g, dtype=np.float64)) for g in grads)))
    scale = max_norm / (total_norm + 1e-6)
    clipped = [g * scale if scale < 1 else np.array(g, copy=True) for g in grads]
    return clipped, total_norm
