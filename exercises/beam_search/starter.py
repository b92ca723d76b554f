import numpy as np


def beam_search(log_init, log_trans, beam_width, max_len, eos, alpha):
    """Beam search over a first-order model, ranked with GNMT's length penalty.

    log_init:  (V,) float, log p(first token)
    log_trans: (V, V) float, log_trans[prev, next] = log p(next | prev)
    beam_width, max_len: ints >= 1; eos: the end token's id; alpha: float >= 0

    Step 1's candidates are the V one-token hypotheses; each later step's are every
    unfinished hypothesis extended by every token (logP adds up). At every step keep the
    beam_width best candidates by logP (a stable sort: on a tie, the earlier parent, then
    the lower token id); those ending in eos are finished and leave the beam. Stop when
    the beam is empty or the hypotheses have max_len tokens; the unfinished ones finish then.
    Returns (tokens, score) of the finished hypothesis with the highest
        score = logP / ((5 + |Y|) / 6) ** alpha    (|Y| = len(tokens), eos included),
    the first one finished on a tie: tokens a list of ints, score a float.
    """
    raise NotImplementedError("keep the beam_width best candidates at every step")
