"""The trusted side of the sandbox: a fork server, and runs of one solution each.

``ForkServer`` starts ``worker.py`` as a separate, isolated interpreter that
imports NumPy once. ``ForkServer.spawn`` forks a limited child that imports
one learner file; ``SolutionRun.call`` sends it arguments and reads back the
result as data. Every way a run can end badly (a timeout, a crash, an exit,
too much memory) comes back as a ``CallFailure`` with a message for the
learner, never as an exception that stops the grader.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lstm_quiz.errors import LstmQuizError
from lstm_quiz.grading import worker
from lstm_quiz.grading.worker import (
    ProtocolError,
    decode_value,
    encode_value,
    recv_frame,
    send_frame,
)

WORKER_SCRIPT = Path(worker.__file__).resolve()
OUTPUT_LIMIT = 4000  # characters of a solution's output kept per test


@dataclass(frozen=True)
class Limits:
    """What one run of a solution may use."""

    call_seconds: float = 5.0  # wall clock for one call (and for importing the file)
    run_seconds: float = 30.0  # wall clock for the whole run, all calls together
    memory_bytes: int = 2 << 30  # address space
    cpu_seconds: int = 60
    file_bytes: int = 16 << 20
    processes: int = 0  # new processes or threads the solution may start

    def for_worker(self) -> dict[str, Any]:
        return {
            "memory_bytes": self.memory_bytes,
            "cpu_seconds": self.cpu_seconds,
            "file_bytes": self.file_bytes,
            "processes": self.processes,
        }


@dataclass
class CallFailure(Exception):
    """A call that did not return a value: the message is for the learner."""

    kind: str  # timeout | exit | crash | memory | exception | missing | import | budget
    message: str
    output: str = ""

    def __str__(self) -> str:
        return self.message


@dataclass
class CallResult:
    value: Any
    args_after: list[Any]
    elapsed: float
    output: str = ""


def _blocked_modules(framework: str) -> dict[str, str]:
    blocked = {
        "lstm_quiz": "lstm_quiz cannot be imported by a solution: the grader runs your file on its own",
        "exercises": "the exercise folders cannot be imported by a solution",
        "reference": "the reference solution cannot be imported by a solution",
    }
    if framework == "numpy":
        for name in ("torch", "tensorflow", "jax", "keras"):
            blocked[name] = (
                f"{name} is not available here: this exercise is solved with NumPy alone"
            )
    return blocked


def _worker_env() -> dict[str, str]:
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "LANG": "C.UTF-8",
        "PYTHONHASHSEED": "0",
        "PYTHONDONTWRITEBYTECODE": "1",
        # One thread each: runs are parallel at the process level, and a
        # solution may not start threads (RLIMIT_NPROC) anyway.
        "OPENBLAS_NUM_THREADS": "1",
        "OMP_NUM_THREADS": "1",
        "MKL_NUM_THREADS": "1",
    }
    return env


class ForkServer:
    """A warm process that forks one sandboxed child per run. Thread-safe."""

    def __init__(self, framework: str = "numpy") -> None:
        self.framework = framework
        parent_end, child_end = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        options = {
            "preload": ["numpy"] + (["torch"] if framework == "torch" else []),
            "blocked": _blocked_modules(framework),
        }
        self._log = tempfile.TemporaryFile()  # noqa: SIM115 - open for the life of the server
        self._process = subprocess.Popen(
            [
                sys.executable,
                "-I",
                str(WORKER_SCRIPT),
                "zygote",
                str(child_end.fileno()),
                json.dumps(options),
            ],
            pass_fds=[child_end.fileno()],
            env=_worker_env(),
            stdin=subprocess.DEVNULL,
            stdout=self._log,
            stderr=self._log,
            start_new_session=True,  # Ctrl-C in the terminal reaches the trusted side only
        )
        child_end.close()
        self._control = parent_end
        self._lock = threading.Lock()
        self._ready = False
        self._closed = False

    def _ensure_ready(self) -> None:
        if self._ready:
            return
        self._control.settimeout(60)
        try:
            message, _ = recv_frame(self._control)
        except (EOFError, OSError, ProtocolError):
            raise LstmQuizError(f"the grading worker did not start: {self._log_text()}") from None
        if message.get("op") != "ready":
            raise LstmQuizError(f"the grading worker did not start: {message}")
        self._ready = True

    def _log_text(self) -> str:
        self._log.seek(0)
        text = self._log.read().decode(errors="replace").strip()
        return text.splitlines()[-1] if text else "no output"

    def _request(self, message: dict[str, Any], fds: list[int] = ()) -> dict[str, Any]:  # type: ignore[assignment]
        with self._lock:
            if self._closed:
                raise LstmQuizError("the grading worker was shut down")
            self._ensure_ready()
            body = json.dumps({**message, "_blobs": []}).encode()
            frame = worker._HEADER.pack(len(body), 0) + body
            try:
                socket.send_fds(self._control, [frame], list(fds))
                self._control.settimeout(30)
                reply, _ = recv_frame(self._control)
            except (EOFError, OSError, ProtocolError):
                raise LstmQuizError(f"the grading worker stopped: {self._log_text()}") from None
            return reply

    def spawn(
        self,
        solution: Path,
        limits: Limits,
        display_name: str | None = None,
        harness_source: str | None = None,
    ) -> SolutionRun:
        workdir = tempfile.mkdtemp(prefix="lstm-quiz-run-")
        os.chmod(workdir, 0o755)
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            reply = self._request(
                {
                    "op": "spawn",
                    "solution": str(solution),
                    "display_name": display_name or solution.name,
                    "workdir": workdir,
                    "limits": limits.for_worker(),
                    "harness_source": harness_source,
                },
                [theirs.fileno()],
            )
        finally:
            theirs.close()
        return SolutionRun(self, int(reply["pid"]), ours, Path(workdir), limits)

    def finish(self, pid: int, grace: float = 0.0) -> dict[str, Any]:
        """Kill the run's process group and return how it ended."""
        return self._request({"op": "finish", "pid": pid, "grace": grace})

    def close(self) -> None:
        with self._lock:
            if self._closed:
                return
            self._closed = True
            self._control.close()
        # The zygote sees the closed socket, kills what is left of its runs,
        # removes their folders and exits; a stuck one is killed.
        try:
            self._process.wait(timeout=2)
        except subprocess.TimeoutExpired:
            try:
                os.killpg(self._process.pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
            self._process.wait()
        self._log.close()

    def __enter__(self) -> ForkServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _describe_status(status: dict[str, Any], limits: Limits) -> tuple[str, str]:
    """(kind, message) for a child that ended without answering."""
    if status.get("status") == "exited":
        code = status.get("code")
        return "exit", f"your code ended the process (exit status {code}, e.g. os._exit({code}))"
    if status.get("status") == "signaled":
        number = int(status.get("signal", 0))
        if number == signal.SIGXCPU:
            return "timeout", f"your code used more than {limits.cpu_seconds} s of CPU time"
        if number == signal.SIGXFSZ:
            return "crash", "your code wrote a file larger than the limit"
        try:
            name = signal.Signals(number).name
        except ValueError:
            name = f"signal {number}"
        if number == signal.SIGKILL:
            return "crash", (
                "the process was killed (SIGKILL), e.g. for using too much memory "
                f"(limit {limits.memory_bytes >> 20} MiB)"
            )
        return "crash", f"the process crashed ({name})"
    return "crash", "the process ended unexpectedly"


@dataclass
class SolutionRun:
    """One sandboxed process with one learner file imported."""

    server: ForkServer
    pid: int
    sock: socket.socket
    workdir: Path
    limits: Limits
    started: float = field(default_factory=time.monotonic)
    alive: bool = True
    _output_offset: int = 0
    _finished: bool = False

    def _remaining(self) -> float:
        return self.limits.run_seconds - (time.monotonic() - self.started)

    def read_new_output(self) -> str:
        path = self.workdir / "output.txt"
        try:
            with path.open("rb") as output:
                output.seek(self._output_offset)
                data = output.read(OUTPUT_LIMIT * 4 + 1)
                self._output_offset = output.tell()
        except OSError:
            return ""
        text = data.decode(errors="replace")
        if len(text) > OUTPUT_LIMIT:
            text = text[:OUTPUT_LIMIT] + "\n... (output truncated)"
        return text

    def _receive(self, timeout: float, what: str) -> tuple[dict[str, Any], list[bytes]]:
        if timeout <= 0:
            self._end()
            raise CallFailure(
                "budget",
                f"not run: the time for the whole run ({self.limits.run_seconds:g} s) is used up",
            )
        self.sock.settimeout(timeout)
        try:
            return recv_frame(self.sock)
        except TimeoutError:
            self._end()
            raise CallFailure(
                "timeout",
                f"{what} did not finish within {timeout:.1f} s (an endless loop?)",
                self.read_new_output(),
            ) from None
        except (EOFError, OSError, ProtocolError):
            status = self._end(grace=0.5)
            kind, message = _describe_status(status, self.limits)
            raise CallFailure(
                kind, f"{what} did not return: {message}", self.read_new_output()
            ) from None

    def wait_ready(self) -> None:
        """Wait until the solution file is imported; raises CallFailure(kind='import')."""
        timeout = min(self.limits.call_seconds, self._remaining())
        try:
            message, _ = self._receive(timeout, "importing your file")
        except CallFailure as failure:
            raise CallFailure("import", failure.message, failure.output) from None
        if message.get("op") == "ready":
            return
        self._end()
        raise CallFailure(
            "import",
            "your file could not be imported: " + _exception_text(message),
            self.read_new_output(),
        )

    def call(self, function: str, args: list[Any]) -> CallResult:
        if not self.alive:
            raise CallFailure("crash", "the solution process is no longer running")
        blobs: list[bytes] = []
        encoded = [encode_value(a, blobs) for a in args]
        try:
            send_frame(self.sock, {"op": "call", "function": function, "args": encoded}, blobs)
        except OSError:
            status = self._end(grace=0.5)
            kind, text = _describe_status(status, self.limits)
            raise CallFailure(kind, text, self.read_new_output()) from None
        timeout = min(self.limits.call_seconds, self._remaining())
        shown = f"{function}()"
        if function.startswith("harness."):
            shown = (
                f"{function.removeprefix('harness.')}() (the exercise's harness calling your code)"
            )
        message, reply_blobs = self._receive(timeout, shown)
        output = self.read_new_output()
        if message.get("op") == "result":
            try:
                value = decode_value(message.get("value"), reply_blobs)
                args_after = [decode_value(a, reply_blobs) for a in message.get("args_after", [])]
            except (ProtocolError, KeyError, ValueError, TypeError, IndexError) as error:
                self._end()
                raise CallFailure(
                    "crash", f"the solution process sent garbage ({error})", output
                ) from None
            return CallResult(value, args_after, float(message.get("elapsed", 0.0)), output)
        kind = str(message.get("kind", "exception"))
        if kind == "exit":
            self._end()
            raise CallFailure(
                "exit",
                f"{shown} called {message.get('message')}; return your result instead",
                output,
            )
        if kind == "memory":
            self._end()
            raise CallFailure(
                "memory",
                f"{shown} ran out of memory (limit {self.limits.memory_bytes >> 20} MiB)",
                output,
            )
        if kind == "missing":
            raise CallFailure("missing", str(message.get("message")), output)
        raise CallFailure("exception", f"{shown} raised {_exception_text(message)}", output)

    def _end(self, grace: float = 0.0) -> dict[str, Any]:
        self.alive = False
        if self._finished:
            return {"status": "unknown"}
        self._finished = True
        try:
            self.sock.close()
        except OSError:
            pass
        try:
            return self.server.finish(self.pid, grace)
        except LstmQuizError:
            return {"status": "unknown"}

    def close(self) -> None:
        self._end()
        shutil.rmtree(self.workdir, ignore_errors=True)


def _exception_text(message: dict[str, Any]) -> str:
    text = f"{message.get('type', 'Exception')}: {message.get('message', '')}".rstrip(": ")
    frames = message.get("frames") or []
    if frames:
        last = frames[-1]
        where = f"line {last.get('line')}"
        if last.get("code"):
            where += f": {last['code']}"
        text += f" ({where})"
    return text
