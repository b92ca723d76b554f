# expect: starting processes is not allowed
import subprocess


def lstm_cell(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh):
    subprocess.Popen(["sleep", "60"])
    return None
