# hostile: text the trusted side cannot encode (a lone surrogate) in a message, a repr and the output
import sys


class Weird:
    def __repr__(self):
        return "\ud800" * 50


def lstm_cell(*args):
    print("\udcff")
    if args[0].shape[0] == 1:
        return Weird()
    raise ValueError("\ud800 broken \udfff")
