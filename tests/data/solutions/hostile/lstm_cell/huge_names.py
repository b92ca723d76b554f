# hostile: a 4 MB exception class name and message, and a 4 MB repr
Huge = type("E" * 4_000_000, (Exception,), {})


class Big:
    def __repr__(self):
        return "x" * 4_000_000


def lstm_cell(*args):
    if args[0].shape[0] == 1:
        return Big()
    raise Huge("m" * 4_000_000)
