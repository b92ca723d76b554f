"""Reference: truncated backpropagation through time over one long sequence."""


def tbptt_train(model, optimizer, loss_fn, x, y, k):
    losses = []
    state = None  # the model starts from zeros
    for start in range(0, x.shape[1], k):  # the last chunk may be shorter than k
        chunk_x, chunk_y = x[:, start : start + k], y[:, start : start + k]
        optimizer.zero_grad()
        out, state = model(chunk_x, state)
        loss = loss_fn(out, chunk_y)
        loss.backward()
        optimizer.step()
        # keep the values, cut the graph: the next chunk starts from here, but its
        # backward stops at this boundary (and this chunk's graph can be freed)
        state = tuple(s.detach() for s in state)
        losses.append(loss.item())
    return losses
