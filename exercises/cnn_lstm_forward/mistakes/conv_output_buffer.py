# expect: returns memory it reuses
import numpy as np

# The conv output is written into a buffer kept between calls, and the logits
# are computed into another one: the caller's earlier logits change.
_BUFFERS = {}


def sigmoid(z):
    return 0.5 * (1.0 + np.tanh(0.5 * z))


def _buffer(name, shape):
    if (name, shape) not in _BUFFERS:
        _BUFFERS[(name, shape)] = np.empty(shape)
    return _BUFFERS[(name, shape)]


def cnn_lstm_forward(x, conv_W, conv_b, stride, W_ih, W_hh, b_ih, b_hh, W_out, b_out):
    N, _, L = x.shape
    C_out, _, K = conv_W.shape
    L_out = (L - K) // stride + 1
    conv = _buffer("conv", (N, C_out, L_out))
    for t in range(L_out):
        window = x[:, :, t * stride : t * stride + K]
        conv[:, :, t] = np.einsum("nck,ock->no", window, conv_W) + conv_b
    features = np.maximum(conv, 0.0)
    H = W_hh.shape[1]
    h, c = np.zeros((N, H)), np.zeros((N, H))
    for t in range(L_out):
        z = features[:, :, t] @ W_ih.T + b_ih + h @ W_hh.T + b_hh
        i, f, g, o = np.split(z, 4, axis=1)
        c = sigmoid(f) * c + sigmoid(i) * np.tanh(g)
        h = sigmoid(o) * np.tanh(c)
    logits = _buffer("logits", (N, W_out.shape[0]))
    np.matmul(h, W_out.T, out=logits)
    logits += b_out
    return logits
