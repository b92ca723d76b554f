# expect: blanks dropped before repeats were merged
import numpy as np


def ctc_greedy_decode(log_probs, lengths, blank=0):
    best = np.argmax(log_probs, axis=2)
    decoded = []
    for n in range(best.shape[1]):
        labels = [k for k in best[: lengths[n], n].tolist() if k != blank]  # blanks out first
        decoded.append([k for i, k in enumerate(labels) if i == 0 or k != labels[i - 1]])
    return decoded
