# expect: reset to zeros at every chunk
def tbptt_train(model, optimizer, loss_fn, x, y, k):
    losses = []
    state = None
    T = x.shape[1]
    for start in range(0, T, k):
        chunk_x, chunk_y = x[:, start : start + k], y[:, start : start + k]
        optimizer.zero_grad()
        out, state = model(chunk_x, None)
        loss = loss_fn(out, chunk_y)
        loss.backward()
        optimizer.step()
        state = tuple(s.detach() for s in state)
        losses.append(loss.item())
    return losses
