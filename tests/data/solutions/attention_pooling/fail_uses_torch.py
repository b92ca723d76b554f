# expect: torch is not available here
import torch


def attention_pooling(hs, mask, W, b, v):
    hs, mask = torch.from_numpy(hs), torch.from_numpy(mask)
    scores = torch.tanh(hs @ torch.from_numpy(W).T + torch.from_numpy(b)) @ torch.from_numpy(v)
    weights = torch.softmax(scores.masked_fill(~mask, float("-inf")), dim=0)
    context = (weights.unsqueeze(-1) * hs).sum(dim=0)
    return context.numpy(), weights.numpy()
