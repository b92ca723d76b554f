"""Reference: CTC best-path (greedy) decoding in NumPy (Graves et al., 2006, sections 3.1-3.2).

Proven in the project's tests against an independent itertools.groupby
implementation and against torch.nn.CTCLoss (on peaked inputs the decoded
labelling is the most likely one).
"""

import numpy as np


def ctc_greedy_decode(log_probs, lengths, blank=0):
    best = np.argmax(log_probs, axis=2)  # (T, N); a tie goes to the lowest class index
    decoded = []
    for n in range(best.shape[1]):
        tokens = []
        previous = None
        for k in best[: int(lengths[n]), n].tolist():
            if k != previous and k != blank:  # a new run of a non-blank label
                tokens.append(k)
            previous = k  # updated on blank frames too: "a _ a" is two a's
        decoded.append(tokens)
    return decoded
