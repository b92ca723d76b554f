"""`lstm-quiz doctor`: how learner code is contained on this machine, and what is missing."""

from __future__ import annotations

import argparse
import sys

HELP = "check how graded code is isolated here, and what is missing"
DESCRIPTION = """\
Start a grading box the way 'check' and 'grade' do and report what contains
the learner's code: sealed (bubblewrap: its own user, PID, IPC, network and
mount namespaces, no capabilities, seccomp) or weak (limits only), with the
reason and how to fix it.

Exit status: 0 when runs are sealed, 1 when isolation is weak.
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print the findings as JSON")


def _read(path: str) -> str:
    try:
        with open(path) as file:
            return file.read().strip()
    except OSError:
        return ""


def findings() -> dict[str, object]:
    import os
    import platform
    import subprocess

    from lstm_quiz.grading import sealing
    from lstm_quiz.grading.box import seccomp
    from lstm_quiz.grading.sandbox import ForkServer

    bwrap = sealing.bwrap_path()
    version = ""
    if bwrap:
        try:
            version = subprocess.run(
                [bwrap, "--version"], capture_output=True, text=True, timeout=5
            ).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            version = "(does not run)"
    with ForkServer("numpy") as server:
        isolation, problem = server.isolation, server.isolation_problem
    return {
        "isolation": isolation,
        "problem": problem,
        "python": sys.version.split()[0],
        "platform": f"{platform.system()} {platform.release()} {platform.machine()}",
        "user": "root" if os.geteuid() == 0 else f"uid {os.geteuid()}",
        "bubblewrap": bwrap or "",
        "bubblewrap_version": version,
        "max_user_namespaces": _read("/proc/sys/user/max_user_namespaces"),
        "unprivileged_userns_clone": _read("/proc/sys/kernel/unprivileged_userns_clone"),
        "apparmor_restrict_unprivileged_userns": _read(
            "/proc/sys/kernel/apparmor_restrict_unprivileged_userns"
        ),
        "seccomp_filter": seccomp.supported(),
        "fix": "" if isolation == "sealed" else sealing.INSTALL_HINT,
    }


def run(args: argparse.Namespace) -> int:
    found = findings()
    if args.json:
        import json

        print(json.dumps(found, indent=2))
        return 0 if found["isolation"] == "sealed" else 1
    sealed = found["isolation"] == "sealed"
    print(f"isolation: {found['isolation']}" + ("" if sealed else f" ({found['problem']})"))
    if sealed:
        print("  each run: its own user, PID, IPC, network and mount namespaces; no capabilities;")
        print("  a read-only view of the interpreter and NumPy; a 64 MiB tmpfs; a seccomp filter")
    print(f"python:     {found['python']} on {found['platform']}, as {found['user']}")
    print(
        f"bubblewrap: {found['bubblewrap'] or 'not found'} {found['bubblewrap_version']}".rstrip()
    )
    print(f"user namespaces: max {found['max_user_namespaces'] or '?'}", end="")
    for key in ("unprivileged_userns_clone", "apparmor_restrict_unprivileged_userns"):
        if found[key]:
            print(f", {key}={found[key]}", end="")
    print()
    print(f"seccomp filter: {'yes' if found['seccomp_filter'] else 'no (x86_64 only)'}")
    if not sealed:
        print(f"to seal runs: {found['fix']}")
        print("until then 'check' still grades your own code; 'grade' needs --allow-weak-isolation")
    return 0 if sealed else 1
