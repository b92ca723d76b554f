import torch


def tbptt_train(model, optimizer, loss_fn, x, y, k):
    """Truncated BPTT over one long sequence: one optimizer step per chunk of k steps.

    model(x_chunk, state) -> (out, state): x_chunk (1, L, D), out (1, L, O); state is None at the
        start (zeros), then the (h, c) tuple the previous call returned
    optimizer: built on model.parameters(); loss_fn(out, y_chunk) -> a scalar tensor
    x: (1, T, D), y: (1, T, O), batch-first; chunks x[:, 0:k], x[:, k:2k], ..., the last may be shorter
    The state is carried from chunk to chunk and detached between them.
    Returns the list of the chunks' losses (floats), in order.
    """
    raise NotImplementedError(
        "loop over the chunks: zero_grad, forward, loss, backward, step, detach"
    )
