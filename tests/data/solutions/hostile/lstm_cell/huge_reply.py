# hostile: a reply of millions of tiny values, to blow up the trusted side's memory
def lstm_cell(*args):
    return [{}] * 3_000_000, [[]] * 3_000_000
