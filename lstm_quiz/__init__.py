"""lstm-quiz: a terminal trainer for LSTM/RNN interviews."""

__version__ = "0.1.0"


def load_ipython_extension(ipython):  # type: ignore[no-untyped-def]
    """`%load_ext lstm_quiz` in IPython or Jupyter: the `%lstm_quiz` and `%%lstm_quiz` magics.

    Imported only when the extension is loaded, so `import lstm_quiz` stays free.
    """
    from lstm_quiz.integrations.jupyter import load_ipython_extension as load

    load(ipython)
