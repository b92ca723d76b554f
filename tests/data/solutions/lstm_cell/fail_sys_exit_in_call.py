# expect: called sys.exit(0)
import sys


def lstm_cell(x, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh):
    sys.exit(0)
