# expect: chunks of k + 1 steps
def tbptt_train(model, optimizer, loss_fn, x, y, k):
    losses = []
    state = None
    T = x.shape[1]
    for start in range(0, T, k):
        chunk_x, chunk_y = x[:, start : start + k + 1], y[:, start : start + k + 1]
        optimizer.zero_grad()
        out, state = model(chunk_x, state)
        loss = loss_fn(out, chunk_y)
        loss.backward()
        optimizer.step()
        state = tuple(s.detach() for s in state)
        losses.append(loss.item())
    return losses
