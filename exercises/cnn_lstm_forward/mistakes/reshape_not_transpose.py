# expect: reshaped to (L_out, N, C_out) instead of transposed
import numpy as np


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def lstm_last(seq, W_ih, W_hh, b_ih, b_hh):
    N, H = seq.shape[1], W_hh.shape[1]
    h, c = np.zeros((N, H)), np.zeros((N, H))
    for x_t in seq:
        z = x_t @ W_ih.T + b_ih + h @ W_hh.T + b_hh
        i, f, g, o = np.split(z, 4, axis=1)
        c = sigmoid(f) * c + sigmoid(i) * np.tanh(g)
        h = sigmoid(o) * np.tanh(c)
    return h



def conv1d(x, W, b, stride):
    K = W.shape[2]
    L_out = (x.shape[2] - K) // stride + 1
    cols = [np.einsum("ock,nck->no", W, x[:, :, t * stride : t * stride + K]) for t in range(L_out)]
    return np.stack(cols, axis=2) + b[:, None]




def cnn_lstm_forward(x, conv_W, conv_b, stride, W_ih, W_hh, b_ih, b_hh, W_out, b_out):
    feats = np.maximum(conv1d(x, conv_W, conv_b, stride), 0)
    N, C_out, L_out = feats.shape
    h = lstm_last(feats.reshape(L_out, N, C_out), W_ih, W_hh, b_ih, b_hh)
    return h @ W_out.T + b_out
