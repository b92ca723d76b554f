"""The fork server ("zygote"): imports NumPy once, then forks one sealed run per request.

Started by the trusted side as ``python -I -S -c BOOT``, inside bubblewrap
when the machine has it. Requests arrive on a control socket, with the run's
socket and output file as passed descriptors and the learner's source as
bytes: the run never opens a path the trusted side gave it.

Sealed: the zygote's child enters new namespaces (see isolation.py), forks
the run as PID 1 of its own PID namespace, reports that pid and exits; the
run is re-parented to the zygote (a subreaper), which kills and reaps it.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import sys
import time
from typing import Any

from . import isolation, seccomp
from .child import explain_refusals, flush_output, serve
from .protocol import HEADER, finish_frame, parse_header, recv_exact, send_frame


class _ImportBlocker:
    """Refuses imports the solution must not make (the grader, the references, torch)."""

    def __init__(self, blocked: dict[str, str]) -> None:
        self.blocked = blocked

    def find_spec(self, name: str, path: Any = None, target: Any = None) -> None:
        reason = self.blocked.get(name.partition(".")[0])
        if reason is not None:
            raise ImportError(reason, name=name)
        return None


def _recv_command(control: socket.socket) -> tuple[dict[str, Any], list[bytes], list[int]]:
    header, fds, _flags, _addr = socket.recv_fds(control, HEADER.size, 4)
    if not header:
        raise EOFError
    if len(header) < HEADER.size:
        header += recv_exact(control, HEADER.size - len(header))
    body_len, blob_len = parse_header(header)
    message, blobs = finish_frame(control, recv_exact(control, body_len), blob_len)
    return message, blobs, list(fds)


def _self_test(sealed: bool) -> str:
    """'' when a run's box can be made here, else why not."""
    if not sealed:
        return ""
    pid = os.fork()
    if pid == 0:
        try:
            isolation.enter_run_namespaces(1 << 20, 64)
        except BaseException:
            os._exit(1)
        os._exit(0)
    _, status = os.waitpid(pid, 0)
    if os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0:
        return ""
    return "no new user, PID and network namespaces for a run inside bubblewrap"


class Zygote:
    def __init__(self, control: socket.socket, options: dict[str, Any]) -> None:
        self.control = control
        self.sealed = bool(options.get("sealed"))
        self.allow_threads = bool(options.get("allow_threads"))
        self.runs: dict[int, str] = {}  # pid -> weak-mode folder ("" when sealed)
        self.exited: dict[int, int] = {}

    # ------------------------------------------------------------ requests

    def loop(self) -> None:
        while True:
            try:
                message, blobs, fds = _recv_command(self.control)
            except (EOFError, OSError, ValueError):
                break
            self._reap()
            op = message.get("op")
            if op == "spawn":
                send_frame(self.control, self._spawn(message, blobs, fds))
            elif op == "finish":
                pid = int(message["pid"])
                status = self._finish(pid, float(message.get("grace", 0.0)))
                send_frame(self.control, {"op": "finished", "pid": pid, **status})
            else:
                for fd in fds:
                    os.close(fd)
                send_frame(self.control, {"op": "error", "message": f"unknown op {str(op)[:20]!r}"})
        for pid in list(self.runs):
            self._finish(pid, 0.0)

    def _spawn(self, message: dict[str, Any], blobs: list[bytes], fds: list[int]) -> dict[str, Any]:
        run_sock, output = fds[0], fds[1]
        source = blobs[0] if blobs else b""
        workdir = "" if self.sealed else _make_weak_folder()
        report_r, report_w = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(report_r)
            self.control.close()
            try:
                self._child(message, source, run_sock, output, workdir, report_w)
            except BaseException:
                import traceback

                traceback.print_exc()
                flush_output()
            finally:
                os._exit(70)
        os.close(report_w)
        os.close(run_sock)
        os.close(output)
        if self.sealed:
            # The child reports the run's pid (its PID 1) and exits at once.
            data = _read_all(report_r)
            os.close(report_r)
            self._wait(pid)
            if len(data) != 4:
                return {"op": "error", "message": "the run's box could not be made"}
            pid = int.from_bytes(data, "little")
        else:
            os.close(report_r)
        self.runs[pid] = workdir
        return {"op": "spawned", "pid": pid}

    def _child(
        self,
        spec: dict[str, Any],
        source: bytes,
        run_sock: int,
        output: int,
        workdir: str,
        report: int,
    ) -> None:
        limits = dict(spec.get("limits", {}))
        if self.sealed:
            isolation.enter_run_namespaces(
                int(limits.get("disk_bytes", 64 << 20)), int(limits.get("inodes", 2048))
            )
            run = os.fork()  # PID 1 of the new PID namespace
            if run != 0:
                os.write(report, run.to_bytes(4, "little"))
                os._exit(0)
            os.close(report)
            isolation.mount_own_proc()
            workdir = isolation.RUN_DIR
        else:
            os.close(report)
            os.setsid()
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        os.chdir(workdir)
        os.dup2(output, 1)
        os.dup2(output, 2)
        os.close(output)
        devnull = os.open(os.devnull, os.O_RDONLY)
        os.dup2(devnull, 0)
        os.close(devnull)
        os.environ["HOME"] = os.environ["TMPDIR"] = workdir
        if self.sealed:
            isolation.drop_capabilities()
        else:
            isolation.drop_privileges(workdir)
            isolation.restrict_files(_readable_paths(), [workdir, os.devnull])
        isolation.set_limits(limits)
        sock = socket.socket(fileno=run_sock)
        explain_refusals()
        seccomp.install(os.getpid(), allow_threads=self.allow_threads)
        import warnings

        warnings.simplefilter("ignore", RuntimeWarning)  # overflow in a correct sigmoid is fine
        serve(
            sock, source, str(spec.get("display_name", "solution.py")), spec.get("harness_source")
        )
        flush_output()
        os._exit(0)

    # ------------------------------------------------------------ processes

    def _reap(self) -> None:
        while True:
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                return
            if pid == 0:
                return
            self.exited[pid] = status

    def _wait(self, pid: int) -> int:
        while pid not in self.exited:
            try:
                _, status = os.waitpid(pid, 0)
                self.exited[pid] = status
            except ChildProcessError:
                self.exited[pid] = -1
        return self.exited.pop(pid)

    def _finish(self, pid: int, grace: float) -> dict[str, Any]:
        """How the run ended: waits up to ``grace`` s for it to end by itself, then kills it.

        Sealed, the pid is the PID 1 of the run's namespace: killing it ends
        every process the run started. Weak, the seccomp filter let it start none.
        """
        if pid not in self.runs:
            return {"status": "unknown", "killed": False}
        deadline = time.monotonic() + grace
        while pid not in self.exited and time.monotonic() < deadline:
            self._reap()
            if pid not in self.exited:
                time.sleep(0.002)
        killed = pid not in self.exited
        for kill in (os.killpg, os.kill):
            try:
                kill(pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
        status = self._wait(pid)
        workdir = self.runs.pop(pid)
        if workdir:
            isolation.remove_tree(workdir)
        if status == -1:
            return {"status": "unknown", "killed": killed}
        if os.WIFSIGNALED(status):
            return {"status": "signaled", "signal": os.WTERMSIG(status), "killed": killed}
        return {"status": "exited", "code": os.WEXITSTATUS(status), "killed": killed}


def _read_all(fd: int) -> bytes:
    data = b""
    while chunk := os.read(fd, 64):
        data += chunk
    return data


def _make_weak_folder() -> str:
    import tempfile

    workdir = tempfile.mkdtemp(prefix="lstm-quiz-run-")
    os.chmod(workdir, 0o755)
    return workdir


def _readable_paths() -> list[str]:
    """Weak mode's Landlock view: the interpreter, the standard library and the preloaded packages."""
    paths = {
        sys.prefix,
        sys.base_prefix,
        "/usr/lib",
        "/lib",
        "/lib64",
        "/usr/lib64",
        "/dev/urandom",
    }
    paths.update(p for p in sys.path if p)
    return sorted(p for p in paths if os.path.exists(p))


def main(control_fd: int, options: dict[str, Any]) -> None:
    control = socket.socket(fileno=control_fd)
    sys.path[:] = [p for p in options.get("path", sys.path) if p]
    for name in options.get("preload", []):
        __import__(name)
    if "torch" in sys.modules:
        torch = sys.modules["torch"]
        torch.set_num_threads(1)  # runs are parallel per process
        torch.set_num_interop_threads(1)
        # cpuinfo parses /proc/cpuinfo once per process, on first use; a run's
        # /proc is hidden, so parse it here and the forked runs inherit it
        # (else torch prints "Error in cpuinfo" into the learner's output).
        torch.backends.cpu.get_cpu_capability()
        torch.zeros(4).uniform_()
    sys.meta_path.insert(0, _ImportBlocker(dict(options.get("blocked", {}))))
    isolation.libc().prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER: runs come back to us
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the trusted side's to handle
    zygote = Zygote(control, options)
    problem = _self_test(zygote.sealed)
    send_frame(
        control,
        {
            "op": "ready",
            "pid": os.getpid(),
            "sealed": zygote.sealed and not problem,
            "problem": problem,
            "seccomp": seccomp.supported(),
        },
    )
    if problem:
        return
    zygote.loop()


def boot(argv: list[str]) -> None:
    main(int(argv[0]), json.loads(argv[1]))
    os._exit(0)  # nothing to flush or finalise: skip the interpreter's slow teardown
