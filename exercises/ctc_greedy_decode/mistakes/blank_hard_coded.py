# expect: argument ignored (blank taken as 0)
import numpy as np


def ctc_greedy_decode(log_probs, lengths, blank=0):
    best = np.argmax(log_probs, axis=2)
    decoded = []
    for n in range(best.shape[1]):
        tokens, previous = [], None
        for k in best[: lengths[n], n].tolist():
            if k != previous and k != 0:  # blank hard-coded
                tokens.append(k)
            previous = k
        decoded.append(tokens)
    return decoded
