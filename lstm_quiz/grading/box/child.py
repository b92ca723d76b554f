"""The learner's run, once sealed: import their source and answer calls over a socket.

Trusted code of the exercise (a harness) may drive the solution from inside
the run; it returns plain data, and the trusted side still makes every
comparison. Values returned earlier are re-read after each call, so a
function that hands back a view of a buffer it later overwrites is caught.
"""

from __future__ import annotations

import json
import socket
import sys
import time
import types
from typing import Any

from .protocol import decode_value, encode_value, recv_frame, send_frame, type_name

_KEPT_RESULTS = 4  # earlier results re-read after each call
_KEPT_BYTES = 1 << 20


def flush_output() -> None:
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except BaseException:
            pass


def source_text(source: bytes) -> str:
    """The text of the file as Python decodes it (BOM, PEP 263), for tracebacks."""
    import io
    import tokenize

    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(source).readline)
    except SyntaxError:
        encoding = "utf-8"
    return source.decode(encoding, errors="replace").removeprefix("\ufeff")


def serve(sock: socket.socket, source: bytes, display: str, harness_source: str | None) -> None:
    import linecache

    sys.argv = [display]
    text = source_text(source)
    linecache.cache[display] = (len(text), None, text.splitlines(True), display)
    module = types.ModuleType("solution")
    module.__file__ = display
    sys.modules["solution"] = module
    try:
        # compile() reads the bytes as the import system does: a BOM, a PEP 263
        # coding line, and Python's own error for a file that is not UTF-8.
        exec(compile(source, display, "exec"), module.__dict__)
    except BaseException as error:
        flush_output()
        send_frame(sock, {"op": "import_error", **describe_exception(error, display)})
        return
    flush_output()
    namespaces: dict[str, Any] = {"": module}
    if harness_source:
        harness = types.ModuleType("harness")
        harness.solution = module  # type: ignore[attr-defined]
        try:
            exec(compile(harness_source, "<exercise harness>", "exec"), harness.__dict__)
        except BaseException as error:
            flush_output()
            described = describe_exception(error, display)
            described["harness_failed"] = True  # the trusted side says so in the learner's language
            send_frame(sock, {"op": "import_error", **described})
            return
        namespaces["harness"] = harness
    send_frame(sock, {"op": "ready"})
    kept: list[tuple[str, Any, list[bytes]]] = []  # (function, value, its encoding)
    while True:
        try:
            request, blobs = recv_frame(sock)
        except (EOFError, OSError, ValueError):
            return
        if request.get("op") != "call":
            return
        serve_call(sock, namespaces, request, blobs, display, kept)


def _encoding(value: Any) -> list[bytes]:
    """What the trusted side would receive for ``value``: its structure and its array bytes,
    so a reused list of ints is caught as well as a reused array."""
    blobs: list[bytes] = []
    structure = _without_reprs(encode_value(value, blobs))
    return [json.dumps(structure, sort_keys=True).encode(), *blobs]


def _without_reprs(structure: Any) -> Any:
    """An opaque object (a model, a tensor) may change its repr legitimately: not compared."""
    if isinstance(structure, dict):
        return {k: _without_reprs(v) for k, v in structure.items() if k != "repr"}
    if isinstance(structure, list):
        return [_without_reprs(v) for v in structure]
    return structure


def _changed_earlier_result(kept: list[tuple[str, Any, list[bytes]]]) -> str | None:
    for name, value, before in kept:
        try:
            after = _encoding(value)
        except BaseException:
            continue
        if after != before:
            return name
    return None


def serve_call(
    sock: socket.socket,
    namespaces: dict[str, Any],
    request: dict[str, Any],
    blobs: list[bytes],
    display: str,
    kept: list[tuple[str, Any, list[bytes]]],
) -> None:
    name = str(request.get("function"))
    space, _, attribute = name.rpartition(".")
    function = getattr(namespaces[space], attribute, None) if space in namespaces else None
    if not callable(function):
        found = (
            "is not defined" if function is None else f"is a {type_name(function)}, not a function"
        )
        # "text" and "params" name the grader's template (engine_texts) so it can be shown in zh.
        text, params = (
            ("call.missing", {"name": name, "file": display})
            if function is None
            else ("call.not_function", {"name": name, "type": type_name(function), "file": display})
        )
        send_frame(
            sock,
            {
                "op": "error",
                "kind": "missing",
                "message": f"'{name}' {found} in {display}",
                "text": text,
                "params": params,
            },
        )
        return
    args = [decode_value(a, blobs) for a in request.get("args", [])]
    started = time.perf_counter()
    try:
        result = function(*args)
    except BaseException as error:
        elapsed = time.perf_counter() - started
        flush_output()
        send_frame(sock, {"op": "error", "elapsed": elapsed, **describe_exception(error, display)})
        return
    elapsed = time.perf_counter() - started
    flush_output()
    out_blobs: list[bytes] = []
    try:
        encoded = encode_value(result, out_blobs)
        args_after = [encode_value(a, out_blobs) for a in args]
        changed = _changed_earlier_result(kept)
    except BaseException as error:
        send_frame(sock, {"op": "error", "elapsed": elapsed, **describe_exception(error, display)})
        return
    if changed is not None:
        message = (
            f"a value that {changed}() returned earlier changed when {name}() was called again: "
            "your function returns memory it reuses (e.g. a module-level buffer or a view of one), "
            "so a caller that keeps two results gets corrupted data; return a new array each call"
        )
        send_frame(
            sock,
            {
                "op": "error",
                "kind": "aliasing",
                "elapsed": elapsed,
                "message": message,
                "text": "call.aliasing",
                "params": {"earlier": changed, "function": name},
            },
        )
        return
    own = _encoding(result)
    if sum(len(b) for b in own) <= _KEPT_BYTES and result is not None:
        kept.append((name, result, own))
        del kept[:-_KEPT_RESULTS]
    send_frame(
        sock,
        {"op": "result", "elapsed": elapsed, "value": encoded, "args_after": args_after},
        out_blobs,
    )


def describe_exception(error: BaseException, display: str) -> dict[str, Any]:
    import traceback

    if isinstance(error, SystemExit):
        code = error.code if isinstance(error.code, int | None) else type_name(error.code)
        return {"kind": "exit", "type": "SystemExit", "message": f"sys.exit({code!r})"}
    kind = "memory" if isinstance(error, MemoryError) else "exception"
    try:
        message = str(error)
    except BaseException:
        message = ""
    frames = []
    try:
        for frame in traceback.extract_tb(error.__traceback__):
            if frame.filename == display:
                code = (frame.line or "").strip()[:200]
                frames.append(
                    {"line": frame.lineno, "function": str(frame.name)[:100], "code": code}
                )
    except BaseException:
        pass
    if isinstance(error, SyntaxError) and error.filename == display:
        frames.append(
            {"line": error.lineno, "function": "<module>", "code": (error.text or "").strip()[:200]}
        )
        message = str(error.msg)
    return {
        "kind": kind,
        "type": str(type(error).__name__)[:100],
        "message": message[:2000],
        "frames": frames[-5:],
    }


def explain_refusals() -> None:
    """Clear messages for what the seccomp filter refuses anyway (it, not this, is the guard)."""
    import os

    def no_processes(*args: object, **kwargs: object) -> None:
        raise PermissionError("starting processes is not allowed in a graded solution")

    for name in (
        "fork", "forkpty", "system", "popen", "posix_spawn", "posix_spawnp", "spawnv", "spawnve",
        "execv", "execve", "execvp", "execvpe", "execl", "execle", "execlp", "execlpe",
    ):  # fmt: skip
        if hasattr(os, name):
            setattr(os, name, no_processes)
    import _posixsubprocess

    _posixsubprocess.fork_exec = no_processes  # type: ignore[assignment]
    import _socket

    class NoSocket(_socket.socket):  # type: ignore[misc,name-defined]
        def __init__(self, *args: object, **kwargs: object) -> None:
            if kwargs.get("fileno") is None and (len(args) < 4 or args[3] is None):
                raise PermissionError("network access is not allowed in a graded solution")
            super().__init__(*args, **kwargs)  # type: ignore[arg-type]

    _socket.socket = NoSocket  # type: ignore[misc]
