# expect: returned one padded array
import numpy as np


def ctc_greedy_decode(log_probs, lengths, blank=0):
    T, N, _ = log_probs.shape
    best = np.argmax(log_probs, axis=2)
    out = np.full((N, T), blank)
    for n in range(N):
        tokens, previous = [], None
        for k in best[: lengths[n], n].tolist():
            if k != previous and k != blank:
                tokens.append(k)
            previous = k
        out[n, : len(tokens)] = tokens
    return out
