import numpy as np


def clip_grad_norm(grads, max_norm):
    """Clip a list of gradients by their global L2 norm, like torch.nn.utils.clip_grad_norm_.

    grads: list of float arrays (any shapes); max_norm: positive float.
    Returns (clipped, total_norm): a new list of arrays shaped like grads, and the
    global norm before clipping. The input arrays are not modified.
    """
    raise NotImplementedError("one norm over all the gradients, then one scale")
