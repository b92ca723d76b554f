"""The trusted side of the sandbox: a fork server, and runs of one solution each.

``ForkServer`` starts the box's fork server (box/zygote.py), sealed under
bubblewrap where the machine allows it (see sealing.py), else with weak
isolation. ``ForkServer.spawn`` sends it the learner's source as bytes and
gets back a run in a box of its own; ``SolutionRun.call`` sends arguments and
reads the result back as data. Every way a run can end badly (a timeout, a
crash, an exit, too much memory) comes back as a ``CallFailure`` with a
message for the learner, never as an exception that stops the grader.

The trusted side never opens a path the run could have changed: the run's
output goes to a file this side created and reads through its own
descriptor; the run's folder lives and dies with the run's namespace.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from lstm_quiz.errors import LstmQuizError
from lstm_quiz.grading import sealing
from lstm_quiz.grading.box.protocol import (
    ProtocolError,
    decode_value,
    encode_value,
    pack_frame,
    recv_frame,
    send_frame,
)
from lstm_quiz.grading.engine_texts import ENGINE, engine
from lstm_quiz.grading.messages import Text
from lstm_quiz.grading.safe_text import safe_text

OUTPUT_LIMIT = 4000  # characters of a solution's output kept per test
SOURCE_LIMIT = 1 << 20  # bytes of a solution file
_RESTARTS = 3  # a fork server that dies is started again, this many times


@dataclass(frozen=True)
class Limits:
    """What one run of a solution may use."""

    call_seconds: float = 5.0  # wall clock for one call (and for importing the file)
    run_seconds: float = 30.0  # wall clock for the whole run, all calls together
    memory_bytes: int = 2 << 30  # address space
    cpu_seconds: int = 60
    file_bytes: int = 8 << 20  # one file, and the run's printed output
    disk_bytes: int = 64 << 20  # the run's folder, all files together (sealed)
    inodes: int = 2048  # files and folders in the run's folder (sealed)
    processes: int = 0  # new processes or threads the solution may start

    def for_worker(self) -> dict[str, Any]:
        return {
            "memory_bytes": self.memory_bytes,
            "cpu_seconds": self.cpu_seconds,
            "file_bytes": self.file_bytes,
            "disk_bytes": self.disk_bytes,
            "inodes": self.inodes,
            "processes": self.processes,
        }


@dataclass
class CallFailure(Exception):
    """A call that did not return a value: the message is for the learner."""

    kind: str  # timeout | exit | crash | memory | exception | missing | import | budget | aliasing
    message: str  # in English; given a Text, ``text`` keeps it to be rendered in other languages
    output: str = ""
    text: Text = field(default_factory=lambda: Text(""))

    def __post_init__(self) -> None:
        given: Text | str = self.message
        if isinstance(given, Text):
            self.text = given
        elif not self.text:
            self.text = Text(given)
        self.message = safe_text(str(given))

    def __str__(self) -> str:
        return self.message


@dataclass
class CallResult:
    value: Any
    args_after: list[Any]
    elapsed: float
    output: str = ""


def read_source(path: Path) -> bytes:
    """The bytes of a solution file, opened without following a link or blocking on a FIFO.

    Raises CallFailure(kind='import') with a message for the learner.
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError as error:
        if error.errno == 40:  # ELOOP: the last component is a symbolic link
            raise CallFailure(
                "import",
                engine("call.symlink", file=path.name),  # type: ignore[arg-type]
            ) from None
        raise CallFailure(
            "import",
            engine("call.unreadable", reason=str(error.strerror)),  # type: ignore[arg-type]
        ) from None
    try:
        import stat

        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise CallFailure("import", _t("call.not_regular", file=path.name))
        if info.st_size > SOURCE_LIMIT:
            raise CallFailure(
                "import", _t("call.too_large", file=path.name, kib=SOURCE_LIMIT >> 10)
            )
        data = os.read(fd, SOURCE_LIMIT + 1)
    finally:
        os.close(fd)
    return data[:SOURCE_LIMIT]


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
    return {
        "PATH": "/usr/bin:/bin",
        "LANG": "C.UTF-8",
        "PYTHONHASHSEED": "0",
        "PYTHONDONTWRITEBYTECODE": "1",
        # One thread each: runs are parallel at the process level, and a
        # solution may not start threads anyway.
        "OPENBLAS_NUM_THREADS": "1",
        "OMP_NUM_THREADS": "1",
        "MKL_NUM_THREADS": "1",
    }


class _Zygote:
    """One fork-server process and its control socket."""

    def __init__(self, plan: sealing.Plan, framework: str) -> None:
        parent_end, child_end = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        options = {
            "preload": ["numpy"] + (["torch"] if framework == "torch" else []),
            "blocked": _blocked_modules(framework),
            "sealed": plan.sealed,
            "allow_threads": framework == "torch",
            "path": plan.path,
            # Shown in `ps` with the fork server and every run: which job they belong to.
            "tag": os.environ.get("LSTM_QUIZ_JOB_TAG", "")[:64],
        }
        self.log = tempfile.TemporaryFile()  # noqa: SIM115 - open for the life of the server
        self.process = subprocess.Popen(
            sealing.command(plan, child_end.fileno(), json.dumps(options)),
            pass_fds=[child_end.fileno()],
            env=_worker_env(),
            stdin=subprocess.DEVNULL,
            stdout=self.log,
            stderr=self.log,
            start_new_session=True,  # Ctrl-C in the terminal reaches the trusted side only
        )
        child_end.close()
        self.control = parent_end
        self.plan = plan

    def wait_ready(self) -> dict[str, Any]:
        self.control.settimeout(60)
        try:
            message, _ = recv_frame(self.control)
        except (EOFError, OSError, ProtocolError):
            raise LstmQuizError(f"the grading worker did not start: {self.log_text()}") from None
        if message.get("op") != "ready":
            raise LstmQuizError("the grading worker did not start")
        return message

    def log_text(self) -> str:
        self.log.seek(0)
        text = self.log.read().decode(errors="replace").strip()
        return safe_text(text.splitlines()[-1], 300) if text else "no output"

    def close(self) -> None:
        try:
            self.control.close()
        except OSError:
            pass
        # The zygote sees the closed socket, kills what is left of its runs and
        # exits; a stuck one is killed (bwrap's --die-with-parent ends the rest).
        try:
            self.process.wait(timeout=2)
        except subprocess.TimeoutExpired:
            try:
                os.killpg(self.process.pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
            self.process.wait()
        self.log.close()


class ForkServer:
    """A warm process that forks one sealed run per request. Thread-safe."""

    def __init__(self, framework: str = "numpy") -> None:
        self.framework = framework
        self.plan = sealing.plan_for(framework)
        self._zygote: _Zygote | None = _Zygote(self.plan, framework)
        self._lock = threading.Lock()
        self._ready = False
        self._closed = False
        self._restarts = 0

    @property
    def isolation(self) -> str:
        """'sealed' or 'weak' (known once the server has started)."""
        with self._lock:
            self._ensure_ready()
        return self.plan.isolation

    @property
    def isolation_problem(self) -> str:
        return self.plan.problem

    @property
    def restarts(self) -> int:
        """How often the fork server died and was started again."""
        return self._restarts

    def _ensure_ready(self) -> None:
        if self._ready:
            return
        if self._zygote is None:
            self._zygote = _Zygote(self.plan, self.framework)
        try:
            ready = self._zygote.wait_ready()
        except LstmQuizError:
            if not self.plan.sealed:
                raise
            problem = f"bubblewrap could not start the box ({self._zygote.log_text()})"
            self._fall_back(problem)
            return
        if self.plan.sealed and not ready.get("sealed"):
            self._fall_back(str(ready.get("problem") or "no box"))
            return
        self._ready = True

    def _fall_back(self, problem: str) -> None:
        """Sealing is not possible here: the same server with weak isolation."""
        assert self._zygote is not None
        self._zygote.close()
        self.plan = sealing.weak_plan(safe_text(problem, 300))
        self._zygote = _Zygote(self.plan, self.framework)
        self._zygote.wait_ready()
        self._ready = True

    def _request(
        self, message: dict[str, Any], fds: list[int], blobs: list[bytes]
    ) -> dict[str, Any]:
        if self._closed:
            raise LstmQuizError("the grading worker was shut down")
        self._ensure_ready()
        assert self._zygote is not None
        control = self._zygote.control
        try:
            socket.send_fds(control, [pack_frame(message, blobs)], fds)
            for blob in blobs:
                control.sendall(blob)
            control.settimeout(30)
            reply, _ = recv_frame(control)
        except (EOFError, OSError, ProtocolError):
            text = self._zygote.log_text()
            self._zygote.close()
            self._zygote = None
            self._ready = False
            raise LstmQuizError(f"the grading worker stopped: {text}") from None
        return reply

    def spawn(
        self,
        source: bytes,
        limits: Limits,
        display_name: str = "solution.py",
        harness_source: str | None = None,
    ) -> SolutionRun:
        """A new run of ``source`` in a box of its own. A dead fork server is started again."""
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        output = tempfile.TemporaryFile()  # noqa: SIM115 - closed with the run
        message = {
            "op": "spawn",
            "display_name": display_name,
            "limits": limits.for_worker(),
            "harness_source": harness_source,
        }
        try:
            with self._lock:
                try:
                    reply = self._request(message, [theirs.fileno(), output.fileno()], [source])
                except LstmQuizError:
                    if self._closed or self._restarts >= _RESTARTS:
                        raise
                    self._restarts += 1
                    reply = self._request(message, [theirs.fileno(), output.fileno()], [source])
        except BaseException:
            ours.close()
            output.close()
            raise
        finally:
            theirs.close()
        if reply.get("op") != "spawned":
            ours.close()
            output.close()
            raise LstmQuizError(
                f"the grading worker could not start a run: {safe_text(reply.get('message', ''), 200)}"
            )
        return SolutionRun(self, int(reply["pid"]), ours, output, limits)

    def finish(self, pid: int, grace: float = 0.0) -> dict[str, Any]:
        """Kill the run (its whole box) and return how it ended."""
        with self._lock:
            return self._request({"op": "finish", "pid": pid, "grace": grace}, [], [])

    def close(self) -> None:
        with self._lock:
            if self._closed:
                return
            self._closed = True
            if self._zygote is not None:
                self._zygote.close()
                self._zygote = None

    def __enter__(self) -> ForkServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _t(key: str, **params: Any) -> str:
    """An engine text where CallFailure's ``message`` is typed str (it takes a Text too)."""
    return engine(key, **params)  # type: ignore[return-value]


def _describe_status(status: dict[str, Any], limits: Limits) -> tuple[str, Text]:
    """(kind, message) for a run that ended without answering."""
    if status.get("status") == "exited":
        return "exit", engine("call.exit", code=status.get("code"))
    if status.get("status") == "signaled":
        number = int(status.get("signal", 0))
        if number == signal.SIGXCPU:
            return "timeout", engine("call.cpu", seconds=limits.cpu_seconds)
        if number == signal.SIGXFSZ:
            return "crash", engine("call.file_limit")
        try:
            name = signal.Signals(number).name
        except ValueError:
            name = f"signal {number}"
        if number == signal.SIGKILL:
            return "crash", engine("call.killed", mib=limits.memory_bytes >> 20)
        return "crash", engine("call.crashed", signal=name)
    return "crash", engine("call.ended")


@dataclass
class SolutionRun:
    """One sealed run with one learner file imported."""

    server: ForkServer
    pid: int
    sock: socket.socket
    output_file: IO[bytes]
    limits: Limits
    started: float = field(default_factory=time.monotonic)
    alive: bool = True
    _output_offset: int = 0
    _finished: bool = False

    def _remaining(self) -> float:
        return self.limits.run_seconds - (time.monotonic() - self.started)

    def read_new_output(self) -> str:
        """What the run printed since the last read, through our own descriptor."""
        try:
            data = os.pread(self.output_file.fileno(), OUTPUT_LIMIT * 4 + 1, self._output_offset)
        except (OSError, ValueError):
            return ""
        self._output_offset += len(data)
        text = data.decode(errors="replace")
        if len(text) > OUTPUT_LIMIT:
            text = text[:OUTPUT_LIMIT] + "\n... (output truncated)"
        return safe_text(text, OUTPUT_LIMIT + 40)

    def _receive(self, timeout: float, what: Text) -> tuple[dict[str, Any], list[bytes]]:
        if timeout <= 0:
            self._end()
            raise CallFailure("budget", _t("call.budget", seconds=self.limits.run_seconds))
        self.sock.settimeout(timeout)
        try:
            return recv_frame(self.sock)
        except TimeoutError:
            self._end()
            raise CallFailure(
                "timeout",
                _t("call.timeout", what=what, seconds=timeout),
                self.read_new_output(),
            ) from None
        except ProtocolError as error:
            self._end()
            raise CallFailure(
                "crash",
                _t("call.garbage", what=what, error=str(error)),
                self.read_new_output(),
            ) from None
        except (EOFError, OSError):
            status = self._end(grace=0.5)
            kind, message = _describe_status(status, self.limits)
            raise CallFailure(
                kind, _t("call.no_return", what=what, reason=message), self.read_new_output()
            ) from None

    def wait_ready(self) -> None:
        """Wait until the solution file is imported; raises CallFailure(kind='import')."""
        timeout = min(self.limits.call_seconds, self._remaining())
        try:
            message, _ = self._receive(timeout, engine("call.importing"))
        except CallFailure as failure:
            raise CallFailure("import", failure.message, failure.output, failure.text) from None
        if message.get("op") == "ready":
            return
        self._end()
        raise CallFailure(
            "import",
            _t("call.import_failed", error=_exception_text(message)),
            self.read_new_output(),
        )

    def call(self, function: str, args: list[Any]) -> CallResult:
        if not self.alive:
            raise CallFailure("crash", _t("call.gone"))
        blobs: list[bytes] = []
        encoded = [encode_value(a, blobs) for a in args]
        try:
            send_frame(self.sock, {"op": "call", "function": function, "args": encoded}, blobs)
        except OSError:
            status = self._end(grace=0.5)
            kind, text = _describe_status(status, self.limits)
            raise CallFailure(kind, text, self.read_new_output()) from None  # type: ignore[arg-type]
        timeout = min(self.limits.call_seconds, self._remaining())
        shown = engine("call.function", function=function)
        if function.startswith("harness."):
            shown = engine("call.harness", function=function.removeprefix("harness."))
        message, reply_blobs = self._receive(timeout, shown)
        output = self.read_new_output()
        if message.get("op") == "result":
            try:
                value = decode_value(message.get("value"), reply_blobs)
                args_after = [decode_value(a, reply_blobs) for a in message.get("args_after", [])][
                    : len(args)
                ]
            except (ProtocolError, KeyError, ValueError, TypeError, IndexError) as error:
                self._end()
                raise CallFailure(
                    "crash", _t("call.garbage_reply", error=str(error)), output
                ) from None
            try:
                elapsed = float(message.get("elapsed", 0.0))
            except (TypeError, ValueError):
                elapsed = 0.0
            return CallResult(value, args_after, elapsed, output)
        kind = str(message.get("kind", "exception"))
        if kind == "exit":
            self._end()
            raise CallFailure(
                "exit",
                _t("call.sys_exit", what=shown, call=str(message.get("message"))),
                output,
            )
        if kind == "memory":
            self._end()
            raise CallFailure(
                "memory",
                _t("call.memory", what=shown, mib=self.limits.memory_bytes >> 20),
                output,
            )
        if kind in ("missing", "aliasing"):
            raise CallFailure(kind, _reported_text(message), output)
        raise CallFailure(
            "exception", _t("call.raised", what=shown, error=_exception_text(message)), output
        )

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
        self.output_file.close()


def _exception_text(message: dict[str, Any]) -> Text | str:
    """ "ValueError: ... (line 12: code)"; the exception's own words stay as they are."""
    text = safe_text(
        f"{message.get('type', 'Exception')}: {message.get('message', '')}".rstrip(": ")
    )
    frames = message.get("frames") or []
    result: Text | str = text
    if isinstance(frames, list) and frames and isinstance(frames[-1], dict):
        last = frames[-1]
        line, code = safe_text(str(last.get("line"))), safe_text(str(last.get("code") or ""))
        if code:
            result = engine("call.where_code", error=text, line=line, code=code)
        else:
            result = engine("call.where", error=text, line=line)
    if message.get("harness_failed"):
        return engine("call.harness_failed", error=result)
    return result


def _reported_text(message: dict[str, Any]) -> str:
    """The box's message for a missing function or reused memory, as an engine text.

    The box names the template and its values; anything else falls back to its
    English words. Values are the box's (learner-controlled) text: bounded by safe_text.
    """
    key, params = message.get("text"), message.get("params")
    if isinstance(key, str) and key in ENGINE and isinstance(params, dict):
        values = {str(k): safe_text(str(v), 200) for k, v in params.items()}
        try:
            ENGINE[key][0].format(**values)
            ENGINE[key][1].format(**values)
        except (KeyError, IndexError, ValueError):
            return str(message.get("message"))
        return _t(key, **values)
    return str(message.get("message"))
