# expect: modified its input(s) log_probs
import numpy as np


def ctc_greedy_decode(log_probs, lengths, blank=0):
    probs = np.exp(log_probs, out=log_probs)  # writes the probabilities into the caller's array
    best = np.argmax(probs, axis=2)
    decoded = []
    for n in range(best.shape[1]):
        tokens, previous = [], None
        for k in best[: lengths[n], n].tolist():
            if k != previous and k != blank:
                tokens.append(k)
            previous = k
        decoded.append(tokens)
    return decoded
