# hostile: stops, aborts and ignores signals to wedge the grader
import os
import signal

for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
    signal.signal(sig, signal.SIG_IGN)


def lstm_cell(x, *args):
    if x.shape[0] == 1:
        os.kill(os.getpid(), signal.SIGSTOP)
    if x.shape[0] == 2:
        os.abort()
    while True:
        pass
