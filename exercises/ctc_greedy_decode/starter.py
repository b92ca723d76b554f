import numpy as np


def ctc_greedy_decode(log_probs, lengths, blank=0):
    """CTC best-path (greedy) decoding of a padded batch.

    log_probs: (T, N, C) float, time-major, per-frame log-probabilities of the
               C classes (the layout torch.nn.CTCLoss takes)
    lengths:   (N,) ints, 1 <= lengths[n] <= T; frames t >= lengths[n] are padding
    blank:     the index of the blank class

    For each sequence n: take the argmax class of every frame t < lengths[n]
    (a tie goes to the lowest class index), merge runs of the same class into
    one, then drop the blanks.
    Returns a list of N lists of ints (each of its own length, possibly empty).
    The inputs must be left unchanged.
    """
    raise NotImplementedError("argmax per frame, merge repeats, then drop blanks")
