import numpy as np

PAD, BOS, EOS = 0, 1, 2


def seq2seq_train_logits(src, tgt, params):
    """Logits of an LSTM encoder-decoder under teacher forcing.

    src: (T_src, N) int token ids, no padding; tgt: (T_tgt, N) int gold target ids (no BOS)
    params: dict of arrays, PyTorch layout (gates i, f, g, o):
      emb_src (V_src, E), emb_tgt (V, E)
      enc_W_ih (4H, E), enc_W_hh (4H, H), enc_b_ih (4H,), enc_b_hh (4H,)
      dec_W_ih (4H, E), dec_W_hh (4H, H), dec_b_ih (4H,), dec_b_hh (4H,)
      W_out (V, H), b_out (V,)
    The encoder reads emb_src[src[0]], ..., emb_src[src[T_src-1]] from a zero state; its
    final (h, c) is the decoder's initial state. The decoder's input at step t is
    emb_tgt[BOS] for t = 0 and emb_tgt[tgt[t-1]] after; logits[t] = h_t W_out^T + b_out.
    Returns logits: (T_tgt, N, V). The inputs must be left unchanged.
    """
    raise NotImplementedError("encode, then run the decoder on BOS, tgt[0], ..., tgt[T_tgt - 2]")


def seq2seq_greedy_decode(src, params, max_len):
    """Greedy decoding with the same model: the decoder's input is BOS, then its own argmax.

    Returns tokens: (N, max_len) int. tokens[n, t] is the argmax at step t (a tie goes to
    the lowest id) until row n emits EOS; the EOS is kept and every later position is PAD.
    """
    raise NotImplementedError("feed back the argmax of each step; pad a row after its EOS")
