# expect: finished hypotheses did not take a place in the beam
import numpy as np


def beam_search(log_init, log_trans, beam_width, max_len, eos, alpha):
    V = len(log_init)
    beam, finished = [], []
    for v in np.argsort(-log_init, kind="stable"):
        hyp = ([int(v)], float(log_init[v]))
        (finished if v == eos else beam).append(hyp)
        if len(beam) == beam_width:
            break
    for _ in range(max_len - 1):
        if not beam:
            break
        candidates = [
            ([*tokens, v], logp + log_trans[tokens[-1], v]) for tokens, logp in beam for v in range(V)
        ]
        scores = np.array([logp for _, logp in candidates])
        beam = []
        for k in np.argsort(-scores, kind="stable"):
            tokens, logp = candidates[k]
            (finished if tokens[-1] == eos else beam).append((tokens, float(logp)))
            if len(beam) == beam_width:  # beam_width unfinished ones, however many finished
                break
    finished += beam

    def score(hyp):
        return hyp[1] / ((5 + len(hyp[0])) / 6) ** alpha

    best = max(finished, key=score)
    return best[0], score(best)
