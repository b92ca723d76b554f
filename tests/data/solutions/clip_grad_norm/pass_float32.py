# expect: pass
import numpy as np


def clip_grad_norm(grads, max_norm):
    grads32 = [np.asarray(g, dtype=np.float32) for g in grads]
    total = np.sqrt(sum(np.sum(g * g) for g in grads32))
    scale = max_norm / (total + 1e-6)
    return [g * scale if scale < 1 else g.copy() for g in grads32], total
