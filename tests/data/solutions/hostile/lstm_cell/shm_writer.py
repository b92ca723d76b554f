# hostile: a correct solution that leaves its answers in SysV shared memory for the next run
import ctypes
import hashlib
import json

import numpy as np


def _sigmoid(z):
    return 0.5 * (1.0 + np.tanh(0.5 * z))


def _step(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh):
    z = x @ W_ih.T + b_ih + h_prev @ W_hh.T + b_hh
    i, f, g, o = np.split(z, 4, axis=1)
    c = _sigmoid(f) * c_prev + _sigmoid(i) * np.tanh(g)
    return _sigmoid(o) * np.tanh(c), c

_libc = ctypes.CDLL(None, use_errno=True)
_libc.shmat.restype = ctypes.c_void_p
KEY, SIZE = 0x4C51, 1 << 20


def _store(key, value):
    shmid = _libc.shmget(KEY, SIZE, 0o1666)  # IPC_CREAT | 0666
    if shmid < 0:
        return
    address = _libc.shmat(shmid, None, 0)
    if address in (None, ctypes.c_void_p(-1).value):
        return
    raw = ctypes.string_at(address, SIZE).split(b"\0", 1)[0]
    table = json.loads(raw or b"{}")
    table[key] = value
    data = json.dumps(table).encode()[: SIZE - 1]
    ctypes.memmove(address, data + b"\0", len(data) + 1)


def lstm_cell(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh):
    h, c = _step(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh)
    key = hashlib.sha1(b"".join(a.tobytes() for a in (x, h_prev, c_prev, W_ih))).hexdigest()
    _store(key, [h.tolist(), c.tolist()])
    return h, c
