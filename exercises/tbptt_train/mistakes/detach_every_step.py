# expect: detached after every step inside the chunk
import torch


def tbptt_train(model, optimizer, loss_fn, x, y, k):
    losses = []
    state = None
    T = x.shape[1]
    for start in range(0, T, k):
        chunk_x, chunk_y = x[:, start : start + k], y[:, start : start + k]
        optimizer.zero_grad()
        outs = []
        for t in range(chunk_x.shape[1]):
            step_out, state = model(chunk_x[:, t : t + 1], state)
            state = tuple(s.detach() for s in state)
            outs.append(step_out)
        out = torch.cat(outs, dim=1)
        loss = loss_fn(out, chunk_y)
        loss.backward()
        optimizer.step()
        state = tuple(s.detach() for s in state)
        losses.append(loss.item())
    return losses
