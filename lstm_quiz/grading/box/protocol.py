"""The wire protocol between the trusted grader and the box: frames and values.

A frame is an 8-byte header (JSON length, blob length), a JSON object, then
raw blobs. Values cross as JSON plus raw array bytes, never as pickles: the
trusted side rebuilds arrays with ``numpy.frombuffer`` from a dtype it checks
against a short list of numeric kinds. Both sides bound what they accept, so
a hostile run cannot make the trusted process hold a gigabyte of JSON.
"""

from __future__ import annotations

import json
import socket
import struct
import sys
from typing import Any

HEADER = struct.Struct("!II")
MAX_JSON_BYTES = 4 << 20  # the JSON part of one frame
MAX_BLOB_BYTES = 256 << 20  # array bytes of one frame
MAX_ITEMS = 20_000  # values described in one frame (containers and leaves)
_NUMERIC_KINDS = "biufc"
_MAX_DEPTH = 8
REPR_LIMIT = 300
NAME_LIMIT = 200


class ProtocolError(Exception):
    """The other side sent something that is not a valid frame."""


# ---------------------------------------------------------------- framing


def pack_frame(message: dict[str, Any], blobs: list[bytes] | tuple[bytes, ...] = ()) -> bytes:
    message = dict(message)
    message["_blobs"] = [len(b) for b in blobs]
    body = json.dumps(message, separators=(",", ":")).encode()
    return HEADER.pack(len(body), sum(len(b) for b in blobs)) + body


def send_frame(
    sock: socket.socket, message: dict[str, Any], blobs: list[bytes] | tuple[bytes, ...] = ()
) -> None:
    sock.sendall(pack_frame(message, blobs))
    for blob in blobs:
        sock.sendall(blob)


def recv_exact(sock: socket.socket, size: int) -> bytes:
    chunks = bytearray()
    while len(chunks) < size:
        chunk = sock.recv(min(size - len(chunks), 1 << 20))
        if not chunk:
            raise EOFError("connection closed")
        chunks += chunk
    return bytes(chunks)


def parse_header(header: bytes) -> tuple[int, int]:
    body_len, blob_len = HEADER.unpack(header)
    if body_len > MAX_JSON_BYTES:
        raise ProtocolError(f"a message of {body_len} bytes of JSON is over the limit")
    if blob_len > MAX_BLOB_BYTES:
        raise ProtocolError(f"{blob_len} bytes of array data is over the limit")
    return body_len, blob_len


def recv_frame(sock: socket.socket) -> tuple[dict[str, Any], list[bytes]]:
    """One frame; raises EOFError on a closed socket, ProtocolError on garbage."""
    body_len, blob_len = parse_header(recv_exact(sock, HEADER.size))
    return finish_frame(sock, recv_exact(sock, body_len), blob_len)


def finish_frame(
    sock: socket.socket, body: bytes, blob_len: int
) -> tuple[dict[str, Any], list[bytes]]:
    try:
        message = json.loads(body)
    except (ValueError, RecursionError) as error:
        raise ProtocolError(f"not JSON: {str(error)[:100]}") from None
    if not isinstance(message, dict):
        raise ProtocolError("message is not an object")
    sizes = message.pop("_blobs", [])
    if (
        not isinstance(sizes, list)
        or not all(isinstance(s, int) and s >= 0 for s in sizes)
        or sum(sizes) != blob_len
    ):
        raise ProtocolError("blob sizes do not add up")
    data = recv_exact(sock, blob_len)
    blobs, offset = [], 0
    for size in sizes:
        blobs.append(data[offset : offset + size])
        offset += size
    return message, blobs


# ---------------------------------------------------------------- values


def type_name(value: Any) -> str:
    cls = type(value)
    try:
        module, name = str(cls.__module__), str(cls.__qualname__)
    except BaseException:
        return "<unnamed type>"
    full = name if module == "builtins" else f"{module}.{name}"
    return full if len(full) <= NAME_LIMIT else full[: NAME_LIMIT - 3] + "..."


def safe_repr(value: Any) -> str:
    try:
        text = repr(value)
        if not isinstance(text, str):
            raise TypeError
    except BaseException:
        text = f"<{type_name(value)}>"
    return text if len(text) <= REPR_LIMIT else text[: REPR_LIMIT - 3] + "..."


def encode_value(value: Any, blobs: list[bytes], depth: int = 0) -> Any:
    """A JSON-able description of ``value``; array bytes are appended to ``blobs``.

    Anything that is not an array, a number, a string, None or a container of
    those is described by its type name and repr, so the trusted side can say
    "you returned a torch.Tensor" without ever holding the object.
    """
    np = sys.modules.get("numpy")
    if depth > _MAX_DEPTH:
        return {"t": "other", "type": type_name(value), "repr": "(nested too deeply)"}
    if value is None or type(value) in (bool, str):
        return {"t": "json", "v": value if not isinstance(value, str) else value[:10_000]}
    if type(value) is int:
        return {"t": "json", "v": value} if abs(value) < 2**63 else {"t": "json", "v": float(value)}
    if np is not None and isinstance(value, np.ndarray | np.generic):
        array = np.asarray(value)
        if array.dtype.kind not in _NUMERIC_KINDS or array.dtype.hasobject:
            return {"t": "other", "type": f"numpy.ndarray[{array.dtype}]", "repr": safe_repr(value)}
        blobs.append(np.ascontiguousarray(array).tobytes())
        kind = "scalar" if isinstance(value, np.generic) else "array"
        return {
            "t": kind,
            "dtype": array.dtype.str,
            "shape": list(array.shape),
            "blob": len(blobs) - 1,
        }
    if type(value) is float:
        return {"t": "float", "v": float.__repr__(value)}  # keeps nan/inf and every digit
    if type(value) in (tuple, list):
        kind = "tuple" if type(value) is tuple else "list"
        return {"t": kind, "items": [encode_value(v, blobs, depth + 1) for v in value]}
    if type(value) is dict and all(type(k) is str for k in value):
        return {
            "t": "dict",
            "items": {k: encode_value(v, blobs, depth + 1) for k, v in value.items()},
        }
    return {"t": "other", "type": type_name(value), "repr": safe_repr(value)}


class Opaque:
    """A value the solution returned that cannot cross as data (a tensor, an object...)."""

    def __init__(self, type_name: str, text: str) -> None:
        self.type_name = type_name
        self.text = text

    def __repr__(self) -> str:
        return f"<{self.type_name}: {self.text}>"


class _Budget:
    def __init__(self) -> None:
        self.left = MAX_ITEMS

    def take(self) -> None:
        self.left -= 1
        if self.left < 0:
            raise ProtocolError(f"a value of more than {MAX_ITEMS} items")


def decode_value(
    desc: Any, blobs: list[bytes], _budget: _Budget | None = None, _depth: int = 0
) -> Any:
    """The trusted side's inverse of ``encode_value``; never unpickles, bounded in size and depth."""
    import numpy as np

    budget = _budget or _Budget()
    budget.take()
    if _depth > _MAX_DEPTH + 1:
        raise ProtocolError("a value nested too deeply")
    if not isinstance(desc, dict):
        raise ProtocolError("value description is not an object")
    kind = desc.get("t")
    if kind == "json":
        value = desc.get("v")
        if value is not None and not isinstance(value, bool | int | float | str):
            raise ProtocolError("a plain value that is not plain")
        return value
    if kind == "float":
        return float(str(desc["v"])[:40])
    if kind in ("array", "scalar"):
        dtype = np.dtype(str(desc["dtype"])[:8])
        if dtype.kind not in _NUMERIC_KINDS or dtype.hasobject:
            raise ProtocolError(f"refused dtype {dtype}")
        shape = tuple(int(n) for n in desc["shape"][:32])
        data = blobs[int(desc["blob"])]
        count = 1
        for n in shape:
            if n < 0:
                raise ProtocolError("a negative dimension")
            count *= n
        if count * dtype.itemsize != len(data):
            raise ProtocolError("array size does not match its shape")
        array = np.frombuffer(data, dtype=dtype).reshape(shape).copy()
        return array[()] if kind == "scalar" else array
    if kind in ("tuple", "list"):
        items = desc.get("items")
        if not isinstance(items, list):
            raise ProtocolError("a sequence without items")
        decoded = [decode_value(v, blobs, budget, _depth + 1) for v in items]
        return tuple(decoded) if kind == "tuple" else decoded
    if kind == "dict":
        items = desc.get("items")
        if not isinstance(items, dict):
            raise ProtocolError("a dict without items")
        return {
            str(k)[:NAME_LIMIT]: decode_value(v, blobs, budget, _depth + 1)
            for k, v in items.items()
        }
    if kind == "other":
        return Opaque(
            str(desc.get("type", "?"))[:NAME_LIMIT], str(desc.get("repr", ""))[:REPR_LIMIT]
        )
    raise ProtocolError(f"unknown value kind {str(kind)[:20]!r}")
