# expect: eos never finishes
import numpy as np


def length_penalty(length, alpha):
    return ((5.0 + length) / 6.0) ** alpha


def beam_search(log_init, log_trans, beam_width, max_len, eos, alpha):
    if beam_width == 1:  # "width 1 is just greedy": a shortcut that forgets to stop at eos
        tokens = [int(np.argmax(log_init))]
        logp = float(log_init[tokens[0]])
        while len(tokens) < max_len:
            tokens.append(int(np.argmax(log_trans[tokens[-1]])))
            logp += float(log_trans[tokens[-2], tokens[-1]])
        return tokens, logp / length_penalty(len(tokens), alpha)
    V = log_init.shape[0]
    candidates = [([int(v)], float(log_init[v])) for v in range(V)]
    finished, beam = [], []
    for step in range(1, max_len + 1):
        candidates.sort(key=lambda hyp: -hyp[1])
        beam = []
        for tokens, logp in candidates[:beam_width]:
            (finished if tokens[-1] == eos else beam).append((tokens, logp))
        if not beam or step == max_len:
            break
        candidates = [
            ([*tokens, v], logp + float(log_trans[tokens[-1], v]))
            for tokens, logp in beam
            for v in range(V)
        ]
    finished += beam
    scored = [(tokens, logp / length_penalty(len(tokens), alpha)) for tokens, logp in finished]
    return max(scored, key=lambda hyp: hyp[1])
