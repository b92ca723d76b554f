"""The untrusted side of grading: a fork server and the sandboxed solution process.

This file has two roles:

* Run as a script (``python -I worker.py zygote FD OPTIONS``), it is the *fork
  server* ("zygote"): it imports NumPy once, then forks one limited child per
  grading run. The child drops privileges, applies resource limits, imports
  the learner's file and answers function calls over a socket. Forking a warm
  process costs milliseconds; a fresh interpreter costs ~0.1 s of CPU.
* Imported by the trusted side (``lstm_quiz.grading.sandbox``), it provides the
  message framing and the value codec, so both sides share one definition.

It must import nothing from ``lstm_quiz`` at module level: the zygote runs it
as a plain script in an interpreter where ``lstm_quiz`` cannot be imported.

Values cross the boundary as JSON plus raw array bytes, never as pickles:
the trusted side decodes arrays with ``numpy.frombuffer`` from a dtype it
checks against a short list of numeric kinds.
"""

from __future__ import annotations

import json
import os
import socket
import struct
import sys
import time
from typing import Any

# Frame: 8-byte header (JSON length, blob length), the JSON, then the blobs.
_HEADER = struct.Struct("!II")
MAX_FRAME_BYTES = 256 * 1024 * 1024
_NUMERIC_KINDS = "biufc"
_MAX_DEPTH = 8
_REPR_LIMIT = 300


class ProtocolError(Exception):
    """The other side sent something that is not a valid frame."""


# ---------------------------------------------------------------- framing


def send_frame(sock: socket.socket, message: dict[str, Any], blobs: list[bytes] = ()) -> None:  # type: ignore[assignment]
    message = dict(message)
    message["_blobs"] = [len(b) for b in blobs]
    body = json.dumps(message, separators=(",", ":")).encode()
    total = sum(len(b) for b in blobs)
    sock.sendall(_HEADER.pack(len(body), total) + body)
    for blob in blobs:
        sock.sendall(blob)


def _recv_exact(sock: socket.socket, size: int) -> bytes:
    chunks = bytearray()
    while len(chunks) < size:
        chunk = sock.recv(min(size - len(chunks), 1 << 20))
        if not chunk:
            raise EOFError("connection closed")
        chunks += chunk
    return bytes(chunks)


def recv_frame(sock: socket.socket) -> tuple[dict[str, Any], list[bytes]]:
    """One frame; raises EOFError on a closed socket, ProtocolError on garbage."""
    header = _recv_exact(sock, _HEADER.size)
    body_len, blob_len = _HEADER.unpack(header)
    if body_len + blob_len > MAX_FRAME_BYTES:
        raise ProtocolError(f"message of {body_len + blob_len} bytes is over the limit")
    try:
        message = json.loads(_recv_exact(sock, body_len))
    except ValueError as error:
        raise ProtocolError(f"not JSON: {error}") from None
    if not isinstance(message, dict):
        raise ProtocolError("message is not an object")
    sizes = message.pop("_blobs", [])
    if not isinstance(sizes, list) or sum(int(s) for s in sizes) != blob_len:
        raise ProtocolError("blob sizes do not add up")
    data = _recv_exact(sock, blob_len)
    blobs, offset = [], 0
    for size in sizes:
        blobs.append(data[offset : offset + int(size)])
        offset += int(size)
    return message, blobs


# ---------------------------------------------------------------- values


def _type_name(value: Any) -> str:
    cls = type(value)
    module = cls.__module__
    return cls.__qualname__ if module == "builtins" else f"{module}.{cls.__qualname__}"


def _safe_repr(value: Any) -> str:
    try:
        text = repr(value)
    except BaseException:
        text = f"<{_type_name(value)}>"
    return text if len(text) <= _REPR_LIMIT else text[: _REPR_LIMIT - 3] + "..."


def encode_value(value: Any, blobs: list[bytes], depth: int = 0) -> Any:
    """A JSON-able description of ``value``; array bytes are appended to ``blobs``.

    Anything that is not an array, a number, a string, None or a container of
    those is described by its type name and repr, so the trusted side can say
    "you returned a torch.Tensor" without ever holding the object.
    """
    np = sys.modules.get("numpy")
    if depth > _MAX_DEPTH:
        return {"t": "other", "type": _type_name(value), "repr": "(nested too deeply)"}
    if value is None or isinstance(value, bool | str):
        return {"t": "json", "v": value}
    if isinstance(value, int):
        return {"t": "json", "v": value} if abs(value) < 2**63 else {"t": "json", "v": float(value)}
    if np is not None and isinstance(value, np.ndarray | np.generic):
        array = np.asarray(value)
        if array.dtype.kind not in _NUMERIC_KINDS or array.dtype.hasobject:
            return {
                "t": "other",
                "type": f"numpy.ndarray[{array.dtype}]",
                "repr": _safe_repr(value),
            }
        data = np.ascontiguousarray(array).tobytes()
        blobs.append(data)
        kind = "scalar" if isinstance(value, np.generic) else "array"
        return {
            "t": kind,
            "dtype": array.dtype.str,
            "shape": list(array.shape),
            "blob": len(blobs) - 1,
        }
    if isinstance(value, float):
        return {"t": "float", "v": float.__repr__(value)}  # keeps nan/inf and every digit
    if isinstance(value, tuple | list):
        kind = "tuple" if isinstance(value, tuple) else "list"
        return {"t": kind, "items": [encode_value(v, blobs, depth + 1) for v in value]}
    if isinstance(value, dict) and all(isinstance(k, str) for k in value):
        return {
            "t": "dict",
            "items": {k: encode_value(v, blobs, depth + 1) for k, v in value.items()},
        }
    return {"t": "other", "type": _type_name(value), "repr": _safe_repr(value)}


class Opaque:
    """A value the solution returned that cannot cross as data (a tensor, an object...)."""

    def __init__(self, type_name: str, text: str) -> None:
        self.type_name = type_name
        self.text = text

    def __repr__(self) -> str:
        return f"<{self.type_name}: {self.text}>"


def decode_value(desc: Any, blobs: list[bytes]) -> Any:
    """The trusted side's inverse of ``encode_value``; never unpickles."""
    import numpy as np

    if not isinstance(desc, dict):
        raise ProtocolError("value description is not an object")
    kind = desc.get("t")
    if kind == "json":
        return desc["v"]
    if kind == "float":
        return float(desc["v"])
    if kind in ("array", "scalar"):
        dtype = np.dtype(str(desc["dtype"]))
        if dtype.kind not in _NUMERIC_KINDS or dtype.hasobject:
            raise ProtocolError(f"refused dtype {dtype}")
        shape = tuple(int(n) for n in desc["shape"])
        data = blobs[int(desc["blob"])]
        count = 1
        for n in shape:
            count *= n
        if count * dtype.itemsize != len(data):
            raise ProtocolError("array size does not match its shape")
        array = np.frombuffer(data, dtype=dtype).reshape(shape).copy()
        return array[()] if kind == "scalar" else array
    if kind == "tuple":
        return tuple(decode_value(v, blobs) for v in desc["items"])
    if kind == "list":
        return [decode_value(v, blobs) for v in desc["items"]]
    if kind == "dict":
        return {str(k): decode_value(v, blobs) for k, v in desc["items"].items()}
    if kind == "other":
        return Opaque(str(desc.get("type", "?")), str(desc.get("repr", "")))
    raise ProtocolError(f"unknown value kind {kind!r}")


# ---------------------------------------------------------------- zygote


class _ImportBlocker:
    """Refuses imports the solution must not make (the grader, the references, torch)."""

    def __init__(self, blocked: dict[str, str]) -> None:
        self.blocked = blocked

    def find_spec(self, name: str, path: Any = None, target: Any = None) -> None:
        top = name.partition(".")[0]
        reason = self.blocked.get(top)
        if reason is not None:
            raise ImportError(reason, name=name)
        return None


def _zygote_main(control_fd: int, options: dict[str, Any]) -> None:
    import signal

    control = socket.socket(fileno=control_fd)
    # Nothing of lstm-quiz (or the exercise folders) may be importable from a solution:
    # drop the source checkout from the path; an installed copy is refused by the blocker.
    sys.path[:] = [p for p in sys.path if p and not _is_project_checkout(p)]
    for name in options.get("preload", []):
        __import__(name)
    if "torch" in sys.modules:
        torch = sys.modules["torch"]
        # One thread: the solution may not start threads, and runs are parallel per process.
        torch.set_num_threads(1)
        torch.set_num_interop_threads(1)
    sys.meta_path.insert(0, _ImportBlocker(dict(options.get("blocked", {}))))
    _become_subreaper()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the trusted side's to handle
    send_frame(control, {"op": "ready", "pid": os.getpid()})
    exited: dict[int, int] = {}
    active: set[int] = set()
    # Every run's folder, removed when the zygote ends: the trusted side removes
    # them as runs close, but a trusted process that is killed cannot.
    workdirs: list[str] = []
    while True:
        try:
            message, fds = _recv_command(control)
        except (EOFError, ConnectionError, OSError):
            break
        _reap(exited)
        op = message.get("op")
        if op == "spawn":
            pid = os.fork()
            if pid == 0:
                control.close()
                try:
                    _child_main(fds[0], message)
                except BaseException:
                    import traceback

                    traceback.print_exc()
                    _flush_output()
                finally:
                    os._exit(70)
            os.close(fds[0])
            active.add(pid)
            workdirs.append(str(message["workdir"]))
            send_frame(control, {"op": "spawned", "pid": pid})
        elif op == "finish":
            pid = int(message["pid"])
            status = _kill_and_wait(pid, exited, float(message.get("grace", 0.0)))
            active.discard(pid)
            _kill_orphans(active)
            send_frame(control, {"op": "finished", "pid": pid, **status})
        else:
            send_frame(control, {"op": "error", "message": f"unknown op {op!r}"})
    for pid in active:
        _killpg(pid)
    _kill_orphans(set())
    import shutil

    for workdir in workdirs:
        shutil.rmtree(workdir, ignore_errors=True)


def _is_project_checkout(path: str) -> bool:
    return os.path.isfile(os.path.join(path, "lstm_quiz", "__init__.py")) and not os.path.isdir(
        os.path.join(path, "numpy")
    )


def _recv_command(control: socket.socket) -> tuple[dict[str, Any], list[int]]:
    header, fds, _flags, _addr = socket.recv_fds(control, _HEADER.size, 4)
    if not header:
        raise EOFError
    header += (
        _recv_exact(control, _HEADER.size - len(header)) if len(header) < _HEADER.size else b""
    )
    body_len, _ = _HEADER.unpack(header)
    message = json.loads(_recv_exact(control, body_len))
    message.pop("_blobs", None)
    return message, list(fds)


def _become_subreaper() -> None:
    """Orphans of a run are re-parented to the zygote, so it can kill them."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        pr_set_child_subreaper = 36
        libc.prctl(pr_set_child_subreaper, 1, 0, 0, 0)
    except Exception:
        pass


def _reap(exited: dict[int, int]) -> None:
    while True:
        try:
            pid, status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return
        exited[pid] = status


def _killpg(pid: int) -> None:
    for kill in (os.killpg, os.kill):
        try:
            kill(pid, 9)
        except (ProcessLookupError, PermissionError):
            pass


def _kill_and_wait(pid: int, exited: dict[int, int], grace: float) -> dict[str, Any]:
    """The run's exit status: waits up to ``grace`` s for it to end by itself, then kills."""
    deadline = time.monotonic() + grace
    while pid not in exited and time.monotonic() < deadline:
        _reap(exited)
        if pid not in exited:
            time.sleep(0.002)
    killed = pid not in exited
    _killpg(pid)
    while pid not in exited:
        try:
            _, status = os.waitpid(pid, 0)
            exited[pid] = status
        except ChildProcessError:
            exited[pid] = -1
    status = exited.pop(pid)
    if status == -1:
        return {"status": "unknown", "killed": killed}
    if os.WIFSIGNALED(status):
        return {"status": "signaled", "signal": os.WTERMSIG(status), "killed": killed}
    return {"status": "exited", "code": os.WEXITSTATUS(status), "killed": killed}


def _kill_orphans(active: set[int]) -> None:
    """Kill every child of the zygote that is not a live run: escaped grandchildren."""
    me = os.getpid()
    try:
        entries = os.listdir("/proc")
    except OSError:
        return
    for entry in entries:
        if not entry.isdigit() or int(entry) in active:
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as stat:
                fields = stat.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == me:
            _killpg(int(entry))
            try:
                os.waitpid(int(entry), 0)
            except ChildProcessError:
                pass


# ---------------------------------------------------------------- child


def _child_main(fd: int, spec: dict[str, Any]) -> None:
    """Runs in the forked child: sandbox itself, import the solution, serve calls."""
    import linecache
    import resource
    import signal
    import warnings

    os.setsid()
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    sock = socket.socket(fileno=fd)
    workdir = str(spec["workdir"])
    path = str(spec["solution"])
    display = str(spec.get("display_name", os.path.basename(path)))
    limits = dict(spec.get("limits", {}))
    try:
        with open(path, encoding="utf-8", errors="replace") as source_file:
            source = source_file.read()
    except OSError as error:
        send_frame(
            sock,
            {"op": "import_error", "kind": "unreadable", "type": "OSError", "message": str(error)},
        )
        return
    os.chdir(workdir)
    output = os.open(
        os.path.join(workdir, "output.txt"), os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o666
    )
    os.dup2(output, 1)
    os.dup2(output, 2)
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    _drop_privileges(workdir)
    _restrict_files(workdir)
    _set_limits(resource, limits)
    _forbid_processes()
    os.environ["HOME"] = workdir
    os.environ["TMPDIR"] = workdir
    warnings.simplefilter("ignore", RuntimeWarning)  # overflow in a correct sigmoid is fine
    sys.argv = [display]
    linecache.cache[display] = (len(source), None, source.splitlines(True), display)

    import types

    module = types.ModuleType("solution")
    module.__file__ = display
    sys.modules["solution"] = module
    try:
        code = compile(source, display, "exec")
        exec(code, module.__dict__)
    except BaseException as error:
        _flush_output()
        send_frame(sock, {"op": "import_error", **_describe_exception(error, display)})
        return
    _flush_output()
    namespaces = {"": module}
    harness_source = spec.get("harness_source")
    if harness_source:
        # Trusted code of the exercise that drives the solution from inside the
        # sandbox (to build a model class, train it...). It returns plain data;
        # the trusted side still makes every comparison.
        harness = types.ModuleType("harness")
        harness.solution = module  # type: ignore[attr-defined]
        try:
            exec(compile(harness_source, "<exercise harness>", "exec"), harness.__dict__)
        except BaseException as error:
            _flush_output()
            described = _describe_exception(error, display)
            described["message"] = "the exercise harness failed: " + described["message"]
            send_frame(sock, {"op": "import_error", **described})
            return
        namespaces["harness"] = harness
    send_frame(sock, {"op": "ready"})
    while True:
        try:
            request, blobs = recv_frame(sock)
        except (EOFError, OSError):
            return
        if request.get("op") != "call":
            return
        _serve_call(sock, namespaces, request, blobs, display)


def _flush_output() -> None:
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except BaseException:
            pass


def _readable_by_others(path: str) -> bool:
    """Whether an unprivileged user can reach ``path`` (every parent searchable)."""
    import stat

    path = os.path.abspath(path)
    while True:
        try:
            mode = os.stat(path).st_mode
        except OSError:
            return False
        if not mode & stat.S_IXOTH:
            return False
        parent = os.path.dirname(path)
        if parent == path:
            return True
        path = parent


def _drop_privileges(workdir: str) -> None:
    """Running as root, become `nobody`: the process limit then applies, other files are safe.

    Only where `nobody` can still read the interpreter and NumPy (a Python
    installed under /root cannot be); otherwise the other guards must do.
    """
    if os.geteuid() != 0:
        return
    numpy = sys.modules.get("numpy")
    needed = [os.path.dirname(os.__file__)]
    if numpy is not None and numpy.__file__:
        needed.append(os.path.dirname(numpy.__file__))
    if not all(_readable_by_others(p) for p in needed):
        return
    nobody = 65534
    try:
        os.chown(workdir, nobody, nobody)
        os.chown(os.path.join(workdir, "output.txt"), nobody, nobody)
        os.setgroups([])
        os.setgid(nobody)
        os.setuid(nobody)
    except OSError:
        pass  # no user namespace for it (some containers): the rlimits still apply


# Landlock (Linux >= 5.13): the solution may read the interpreter and NumPy and
# read/write its own folder, nothing else: not other submissions, not the
# references, not the user's files. Where the kernel lacks it, the other
# limits still apply.
_SYS_LANDLOCK_CREATE_RULESET, _SYS_LANDLOCK_ADD_RULE, _SYS_LANDLOCK_RESTRICT_SELF = 444, 445, 446
_FS_EXECUTE, _FS_WRITE_FILE, _FS_READ_FILE, _FS_READ_DIR = 1 << 0, 1 << 1, 1 << 2, 1 << 3
_FS_FILE_RIGHTS_V1 = _FS_EXECUTE | _FS_WRITE_FILE | _FS_READ_FILE
_FS_TRUNCATE, _FS_REFER, _FS_IOCTL_DEV = 1 << 14, 1 << 13, 1 << 15


def _landlock_paths(workdir: str) -> tuple[list[str], list[str]]:
    """(read-only paths, read-write paths) a solution needs: the standard library,
    the packages the fork server preloaded (NumPy, torch and what they import),
    the system's shared libraries, and its own folder."""
    read_only = {
        os.path.dirname(os.__file__),
        "/usr/lib",
        "/lib",
        "/lib64",
        "/usr/lib64",
        "/dev/urandom",
        "/proc/cpuinfo",  # CPU feature detection (torch's cpuinfo, NumPy's dispatch)
        "/sys/devices/system/cpu",
    }
    for module in list(sys.modules.values()):
        path = getattr(module, "__file__", None)
        if not path or ("site-packages" not in path and "dist-packages" not in path):
            continue
        top = module.__name__.partition(".")[0]
        if top == "lstm_quiz":
            continue
        root, _, rest = path.partition(os.sep + top)
        package_dir = (
            root + os.sep + top if rest.startswith(os.sep) else path
        )  # a package, or a plain module
        read_only.add(package_dir)
        read_only.add(
            package_dir + ".libs"
        )  # vendored shared libraries (numpy.libs, torch.libs...)
        read_only.add(os.path.join(root, top + ".libs"))
    torch = sys.modules.get("torch")
    if torch is not None and torch.__file__:
        # torch imports much of its stack lazily (torch.optim pulls in sympy...):
        # a torch exercise may read the whole site-packages folder that holds it.
        read_only.add(os.path.dirname(os.path.dirname(torch.__file__)))
    return sorted(p for p in read_only if os.path.exists(p)), [workdir, os.devnull]


def _restrict_files(workdir: str) -> bool:
    import ctypes

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        abi = libc.syscall(
            _SYS_LANDLOCK_CREATE_RULESET, None, ctypes.c_size_t(0), ctypes.c_uint32(1)
        )
    except (OSError, AttributeError):
        return False
    if abi < 1:
        return False
    handled = (1 << 13) - 1
    file_rights = _FS_FILE_RIGHTS_V1
    if abi >= 2:
        handled |= _FS_REFER
    if abi >= 3:
        handled |= _FS_TRUNCATE
        file_rights |= _FS_TRUNCATE
    if abi >= 5:
        handled |= _FS_IOCTL_DEV
        file_rights |= _FS_IOCTL_DEV

    class PathBeneath(ctypes.Structure):
        _pack_ = 1
        _fields_ = [("allowed_access", ctypes.c_uint64), ("parent_fd", ctypes.c_int32)]

    attr = ctypes.c_uint64(handled)  # struct landlock_ruleset_attr, first field only
    ruleset = libc.syscall(
        _SYS_LANDLOCK_CREATE_RULESET, ctypes.byref(attr), ctypes.c_size_t(8), ctypes.c_uint32(0)
    )
    if ruleset < 0:
        return False
    read_only, read_write = _landlock_paths(workdir)
    try:
        for path, rights in [(p, _FS_EXECUTE | _FS_READ_FILE | _FS_READ_DIR) for p in read_only] + [
            (p, handled) for p in read_write
        ]:
            fd = os.open(path, os.O_PATH | os.O_CLOEXEC)
            try:
                if not os.path.isdir(path):
                    rights &= file_rights
                rule = PathBeneath(rights & handled, fd)
                libc.syscall(
                    _SYS_LANDLOCK_ADD_RULE, ruleset, 1, ctypes.byref(rule), ctypes.c_uint32(0)
                )
            finally:
                os.close(fd)
        pr_set_no_new_privs = 38
        libc.prctl(pr_set_no_new_privs, 1, 0, 0, 0)
        return libc.syscall(_SYS_LANDLOCK_RESTRICT_SELF, ruleset, ctypes.c_uint32(0)) == 0
    finally:
        os.close(ruleset)


def _forbid_processes() -> None:
    """No new processes from a solution (RLIMIT_NPROC does not bind root)."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError("starting processes is not allowed in a graded solution")

    for name in (
        "fork",
        "forkpty",
        "system",
        "popen",
        "posix_spawn",
        "posix_spawnp",
        "spawnv",
        "spawnve",
        "execv",
        "execve",
        "execvp",
        "execvpe",
        "execl",
        "execle",
        "execlp",
        "execlpe",
    ):
        if hasattr(os, name):
            setattr(os, name, refuse)
    import _posixsubprocess  # the fork behind subprocess.Popen

    _posixsubprocess.fork_exec = refuse  # type: ignore[assignment]


def _set_limits(resource: Any, limits: dict[str, Any]) -> None:
    def set_limit(which: int, value: int) -> None:
        try:
            resource.setrlimit(which, (value, value))
        except (ValueError, OSError):
            pass

    memory = int(limits.get("memory_bytes", 2 << 30))
    set_limit(resource.RLIMIT_AS, memory)
    set_limit(resource.RLIMIT_CPU, int(limits.get("cpu_seconds", 60)))
    set_limit(resource.RLIMIT_FSIZE, int(limits.get("file_bytes", 16 << 20)))
    set_limit(resource.RLIMIT_NPROC, int(limits.get("processes", 0)))
    set_limit(resource.RLIMIT_CORE, 0)


def _serve_call(
    sock: socket.socket,
    namespaces: dict[str, Any],
    request: dict[str, Any],
    blobs: list[bytes],
    display: str,
) -> None:
    name = str(request.get("function"))
    space, _, attribute = name.rpartition(".")
    function = getattr(namespaces[space], attribute, None) if space in namespaces else None
    if not callable(function):
        found = (
            "is not defined" if function is None else f"is a {_type_name(function)}, not a function"
        )
        send_frame(
            sock, {"op": "error", "kind": "missing", "message": f"'{name}' {found} in {display}"}
        )
        return
    args = [decode_value(a, blobs) for a in request.get("args", [])]
    started = time.perf_counter()
    try:
        result = function(*args)
    except BaseException as error:
        elapsed = time.perf_counter() - started
        _flush_output()
        send_frame(sock, {"op": "error", "elapsed": elapsed, **_describe_exception(error, display)})
        return
    elapsed = time.perf_counter() - started
    _flush_output()
    out_blobs: list[bytes] = []
    try:
        encoded = encode_value(result, out_blobs)
        args_after = [encode_value(a, out_blobs) for a in args]
    except BaseException as error:
        send_frame(sock, {"op": "error", "elapsed": elapsed, **_describe_exception(error, display)})
        return
    send_frame(
        sock,
        {"op": "result", "elapsed": elapsed, "value": encoded, "args_after": args_after},
        out_blobs,
    )


def _describe_exception(error: BaseException, display: str) -> dict[str, Any]:
    import traceback

    if isinstance(error, SystemExit):
        return {"kind": "exit", "type": "SystemExit", "message": f"sys.exit({error.code!r})"}
    kind = "memory" if isinstance(error, MemoryError) else "exception"
    try:
        message = str(error)
    except BaseException:
        message = ""
    frames = []
    try:
        for frame in traceback.extract_tb(error.__traceback__):
            if frame.filename == display:
                frames.append(
                    {
                        "line": frame.lineno,
                        "function": frame.name,
                        "code": (frame.line or "").strip(),
                    }
                )
    except BaseException:
        pass
    if isinstance(error, SyntaxError) and error.filename == display:
        frames.append(
            {"line": error.lineno, "function": "<module>", "code": (error.text or "").strip()}
        )
        message = str(error.msg)
    return {
        "kind": kind,
        "type": type(error).__name__,
        "message": message[:2000],
        "frames": frames[-5:],
    }


def main(argv: list[str]) -> int:
    if len(argv) != 3 or argv[0] != "zygote":
        print("usage: worker.py zygote FD OPTIONS_JSON", file=sys.stderr)
        return 2
    _zygote_main(int(argv[1]), json.loads(argv[2]))
    os._exit(0)  # nothing to flush or finalise: skip the interpreter's slow teardown


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
