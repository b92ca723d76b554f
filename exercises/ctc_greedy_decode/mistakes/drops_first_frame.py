# expect: first frame of every sequence dropped
import numpy as np


def ctc_greedy_decode(log_probs, lengths, blank=0):
    best = np.argmax(log_probs, axis=2)
    decoded = []
    for n in range(best.shape[1]):
        path = best[: lengths[n], n].tolist()
        tokens = []
        for t in range(1, len(path)):  # compares with the frame before, from t = 1
            if path[t] != path[t - 1] and path[t] != blank:
                tokens.append(path[t])
        decoded.append(tokens)
    return decoded
