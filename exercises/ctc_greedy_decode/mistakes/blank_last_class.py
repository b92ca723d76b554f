# expect: blank taken as the last class
import numpy as np


def ctc_greedy_decode(log_probs, lengths, blank=0):
    blank = log_probs.shape[2] - 1  # as in some TensorFlow code
    best = np.argmax(log_probs, axis=2)
    decoded = []
    for n in range(best.shape[1]):
        tokens, previous = [], None
        for k in best[: lengths[n], n].tolist():
            if k != previous and k != blank:
                tokens.append(k)
            previous = k
        decoded.append(tokens)
    return decoded
