# expect: beams not re-ranked across parents
import numpy as np


def beam_search(log_init, log_trans, beam_width, max_len, eos, alpha):
    V = len(log_init)
    beam, finished = [], []
    for v in np.argsort(-log_init, kind="stable")[:beam_width]:
        hyp = ([int(v)], float(log_init[v]))
        (finished if v == eos else beam).append(hyp)
    for _ in range(max_len - 1):
        if not beam:
            break
        parents, beam = beam, []
        for tokens, logp in parents:  # each hypothesis extended by its own best token
            v = int(np.argmax(log_trans[tokens[-1]]))
            child = ([*tokens, v], float(logp + log_trans[tokens[-1], v]))
            (finished if v == eos else beam).append(child)
    finished += beam

    def score(hyp):
        return hyp[1] / ((5 + len(hyp[0])) / 6) ** alpha

    best = max(finished, key=score)
    return best[0], score(best)
