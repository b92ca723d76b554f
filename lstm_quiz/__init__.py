"""lstm-quiz: a terminal trainer for LSTM/RNN interviews."""

__version__ = "0.1.0"
