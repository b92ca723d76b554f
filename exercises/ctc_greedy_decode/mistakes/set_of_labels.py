# expect: every duplicate label dropped
import numpy as np


def ctc_greedy_decode(log_probs, lengths, blank=0):
    best = np.argmax(log_probs, axis=2)
    decoded = []
    for n in range(best.shape[1]):
        labels = best[: lengths[n], n].tolist()
        decoded.append([k for k in dict.fromkeys(labels) if k != blank])  # unique, in order
    return decoded
