# expect: carried over from one sequence to the next
import numpy as np


def ctc_greedy_decode(log_probs, lengths, blank=0):
    best = np.argmax(log_probs, axis=2)
    decoded = []
    previous = None  # set once, before the batch loop
    for n in range(best.shape[1]):
        tokens = []
        for k in best[: lengths[n], n].tolist():
            if k != previous and k != blank:
                tokens.append(k)
            previous = k
        decoded.append(tokens)
    return decoded
