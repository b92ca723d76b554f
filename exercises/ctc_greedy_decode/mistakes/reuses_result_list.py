# expect: returns memory it reuses
import numpy as np

# One result list kept at module level and cleared on each call "to avoid
# allocating": a caller that keeps the first batch's transcripts sees them vanish.
_DECODED = []


def ctc_greedy_decode(log_probs, lengths, blank=0):
    _DECODED.clear()
    best = np.argmax(log_probs, axis=2)
    for n in range(best.shape[1]):
        tokens, previous = [], None
        for k in best[: int(lengths[n]), n].tolist():
            if k != previous and k != blank:
                tokens.append(k)
            previous = k
        _DECODED.append(tokens)
    return _DECODED
