"""Reference: an LSTM encoder-decoder in NumPy, trained with teacher forcing and decoded greedily.

Equal to torch.nn.Embedding + torch.nn.LSTM (encoder and decoder) + torch.nn.Linear
(proven in the project's tests).
"""

import numpy as np

PAD, BOS, EOS = 0, 1, 2


def sigmoid(z):
    # exact and overflow-free: tanh saturates instead of exp overflowing
    return 0.5 * (1.0 + np.tanh(0.5 * z))


def lstm_cell(x, h, c, W_ih, W_hh, b_ih, b_hh):
    i, f, g, o = np.split(x @ W_ih.T + b_ih + h @ W_hh.T + b_hh, 4, axis=1)
    c = sigmoid(f) * c + sigmoid(i) * np.tanh(g)
    return sigmoid(o) * np.tanh(c), c


def encode(src, p):
    """The encoder's final (h, c) after reading src[0], ..., src[T_src - 1] from a zero state."""
    N, H = src.shape[1], p["enc_W_hh"].shape[1]
    h = c = np.zeros((N, H), dtype=np.result_type(p["enc_W_ih"], p["emb_src"]))
    weights = (p["enc_W_ih"], p["enc_W_hh"], p["enc_b_ih"], p["enc_b_hh"])
    for t in range(src.shape[0]):
        h, c = lstm_cell(p["emb_src"][src[t]], h, c, *weights)
    return h, c


def decoder_step(y, h, c, p):
    """One decoder step on input tokens y (N,): the new (h, c) and the logits (N, V)."""
    weights = (p["dec_W_ih"], p["dec_W_hh"], p["dec_b_ih"], p["dec_b_hh"])
    h, c = lstm_cell(p["emb_tgt"][y], h, c, *weights)
    return h, c, h @ p["W_out"].T + p["b_out"]


def seq2seq_train_logits(src, tgt, params):
    h, c = encode(src, params)
    T, N = tgt.shape
    inputs = [np.full(N, BOS), *tgt[:-1]]  # teacher forcing: step t reads the gold token t - 1
    logits = []
    for t in range(T):
        h, c, step_logits = decoder_step(inputs[t], h, c, params)
        logits.append(step_logits)
    return np.stack(logits)


def seq2seq_greedy_decode(src, params, max_len):
    h, c = encode(src, params)
    N = src.shape[1]
    tokens = np.full((N, max_len), PAD, dtype=np.int64)
    y = np.full(N, BOS)
    done = np.zeros(N, dtype=bool)
    for t in range(max_len):
        h, c, logits = decoder_step(y, h, c, params)
        y = np.argmax(logits, axis=1)  # a tie goes to the lowest token id
        tokens[:, t] = np.where(done, PAD, y)  # a finished row only pads
        done |= y == EOS
    return tokens
