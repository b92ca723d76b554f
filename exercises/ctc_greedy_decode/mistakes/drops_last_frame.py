# expect: last frame of every sequence dropped
import numpy as np


def ctc_greedy_decode(log_probs, lengths, blank=0):
    best = np.argmax(log_probs, axis=2)
    decoded = []
    for n in range(best.shape[1]):
        tokens, previous = [], None
        for k in best[: lengths[n] - 1, n].tolist():  # lengths[n] - 1 read as the end
            if k != previous and k != blank:
                tokens.append(k)
            previous = k
        decoded.append(tokens)
    return decoded
