# expect: EOS not emitted
import numpy as np

PAD, BOS, EOS = 0, 1, 2


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def lstm_step(x, h, c, W_ih, W_hh, b_ih, b_hh):
    i, f, g, o = np.split(x @ W_ih.T + b_ih + h @ W_hh.T + b_hh, 4, axis=1)
    c = sigmoid(f) * c + sigmoid(i) * np.tanh(g)
    return sigmoid(o) * np.tanh(c), c


def encode(src, p):
    N, H = src.shape[1], p["enc_W_hh"].shape[1]
    h, c = np.zeros((N, H)), np.zeros((N, H))
    for t in range(src.shape[0]):
        x = p["emb_src"][src[t]]
        h, c = lstm_step(x, h, c, p["enc_W_ih"], p["enc_W_hh"], p["enc_b_ih"], p["enc_b_hh"])
    return h, c


def decode_step(y, h, c, p):
    x = p["emb_tgt"][y]
    h, c = lstm_step(x, h, c, p["dec_W_ih"], p["dec_W_hh"], p["dec_b_ih"], p["dec_b_hh"])
    return h, c, h @ p["W_out"].T + p["b_out"]


def seq2seq_train_logits(src, tgt, params):
    h, c = encode(src, params)
    T, N = tgt.shape
    y = np.full(N, BOS)
    logits = []
    for t in range(T):
        h, c, out = decode_step(y, h, c, params)
        logits.append(out)
        y = tgt[t]
    return np.stack(logits)


def seq2seq_greedy_decode(src, params, max_len):
    h, c = encode(src, params)
    N = src.shape[1]
    tokens = np.zeros((N, max_len), dtype=np.int64)
    y = np.full(N, BOS)
    finished = np.zeros(N, dtype=bool)
    for t in range(max_len):
        h, c, out = decode_step(y, h, c, params)
        y = out.argmax(axis=1)
        finished = finished | (y == EOS)  # updated before writing: the EOS becomes PAD
        tokens[:, t] = np.where(finished, PAD, y)
    return tokens
