"""Reference: beam search over a first-order model with GNMT's length penalty, in NumPy.

Proven in the project's tests against an exhaustive search (width >= every
candidate count keeps every hypothesis), against greedy decoding at width 1,
and against an independent array implementation.
"""


def length_penalty(length, alpha):
    # Wu et al. (2016), GNMT, eq. 14: lp(Y) = (5 + |Y|)^alpha / (5 + 1)^alpha
    return ((5.0 + length) / 6.0) ** alpha


def beam_search(log_init, log_trans, beam_width, max_len, eos, alpha):
    V = log_init.shape[0]
    # step 1: the beam_width best first tokens; a stable sort keeps lower ids first on a tie
    candidates = [([int(v)], float(log_init[v])) for v in range(V)]
    finished, beam = [], []
    for step in range(1, max_len + 1):
        candidates.sort(key=lambda hyp: -hyp[1])  # stable: ties keep (parent rank, token id) order
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
    finished += beam  # alive after max_len tokens: finished without eos
    scored = [(tokens, logp / length_penalty(len(tokens), alpha)) for tokens, logp in finished]
    return max(scored, key=lambda hyp: hyp[1])  # the first of equal scores
