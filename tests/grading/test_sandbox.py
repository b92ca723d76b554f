"""The sandbox on its own: the codec, the limits, and processes that try to outlive a run."""

from __future__ import annotations

import os
import socket
import time
from pathlib import Path

import numpy as np
import pytest

from lstm_quiz.grading.sandbox import CallFailure, Limits
from lstm_quiz.grading.box.protocol import (
    Opaque,
    ProtocolError,
    decode_value,
    encode_value,
    recv_frame,
    send_frame,
)


def roundtrip(value):
    blobs: list[bytes] = []
    return decode_value(encode_value(value, blobs), blobs)


def test_codec_keeps_arrays_containers_and_scalars() -> None:
    value = (
        np.arange(6.0).reshape(2, 3),
        [np.float32(1.5), 2, None],
        {"a": np.ones(2, dtype=np.float32)},
        float("nan"),
    )
    got = roundtrip(value)
    assert isinstance(got, tuple) and isinstance(got[1], list)
    np.testing.assert_array_equal(got[0], value[0])
    assert got[1][0].dtype == np.float32 and got[1][1:] == [2, None]
    assert got[2]["a"].dtype == np.float32
    assert np.isnan(got[3])


def test_codec_describes_objects_without_transferring_them() -> None:
    got = roundtrip([object(), np.array(["a"], dtype=object)])
    assert isinstance(got[0], Opaque) and got[0].type_name == "object"
    assert isinstance(got[1], Opaque) and "object" in got[1].type_name


def test_decoder_refuses_object_dtypes_and_bad_sizes() -> None:
    with pytest.raises(ProtocolError):
        decode_value({"t": "array", "dtype": "|O", "shape": [1], "blob": 0}, [b"\0" * 8])
    with pytest.raises(ProtocolError):
        decode_value({"t": "array", "dtype": "<f8", "shape": [3], "blob": 0}, [b"\0" * 8])


def test_frames_survive_a_socket() -> None:
    a, b = socket.socketpair()
    send_frame(a, {"op": "x"}, [b"abc", b"de"])
    message, blobs = recv_frame(b)
    assert message == {"op": "x"} and blobs == [b"abc", b"de"]


def write(tmp_path: Path, source: str) -> Path:
    path = tmp_path / "solution.py"
    path.write_text(source)
    return path


def test_a_grandchild_started_through_ctypes_is_killed_with_the_run(
    tmp_path: Path, fork_server
) -> None:
    """Python-level process creation is refused; a raw fork(2) escapes that but not the cleanup."""
    marker = tmp_path / "survived"
    source = f"""
import ctypes, os, time

def escape():
    pid = ctypes.CDLL(None).fork()
    if pid == 0:
        try:
            os.setsid()
        except OSError:
            pass
        time.sleep(1.0)
        open({str(marker)!r}, "w").write("alive")
        os._exit(0)
    return pid
"""
    run = fork_server.spawn(write(tmp_path, source), Limits(call_seconds=5))
    run.wait_ready()
    try:
        child = run.call("escape", []).value
    except CallFailure:
        child = None  # the process limit refused the fork: nothing escaped
    run.close()
    time.sleep(1.5)
    assert not marker.exists()
    if child:
        assert (
            not Path(f"/proc/{child}").exists()
            or "Z" in Path(f"/proc/{child}/stat").read_text().split()[2]
        )


def test_run_ends_with_its_process_gone(tmp_path: Path, fork_server) -> None:
    run = fork_server.spawn(write(tmp_path, "def f():\n    return 1\n"), Limits())
    run.wait_ready()
    assert run.call("f", []).value == 1
    pid = run.pid
    run.close()
    assert not Path(f"/proc/{pid}").exists()
    assert not run.workdir.exists()


def test_solution_cannot_write_outside_its_limits(tmp_path: Path, fork_server) -> None:
    source = "def f():\n    open('big', 'wb').write(b'x' * (64 << 20))\n"
    run = fork_server.spawn(write(tmp_path, source), Limits(file_bytes=1 << 20))
    run.wait_ready()
    with pytest.raises(CallFailure):
        run.call("f", [])
    run.close()


def test_working_directory_is_fresh_and_private(tmp_path: Path, fork_server) -> None:
    source = "import os\ndef f():\n    return os.getcwd()\n"
    run = fork_server.spawn(write(tmp_path, source), Limits())
    run.wait_ready()
    cwd = run.call("f", []).value
    assert cwd == str(run.workdir) and cwd != os.getcwd()
    run.close()


def landlock_available() -> bool:
    import ctypes

    try:
        return ctypes.CDLL(None, use_errno=True).syscall(444, None, 0, 1) >= 1
    except (OSError, AttributeError):
        return False


@pytest.mark.skipif(not landlock_available(), reason="this kernel has no Landlock")
def test_solution_cannot_read_or_write_files_outside_its_folder(
    tmp_path: Path, fork_server
) -> None:
    """Other submissions, the references and the user's files are out of reach."""
    secret = tmp_path / "other_student.py"
    secret.write_text("def lstm_cell(): ...")
    source = f"""
def read():
    return open({str(secret)!r}).read()

def write():
    open({str(tmp_path / "planted.py")!r}, "w").write("x")

def own_folder():
    open("scratch.txt", "w").write("mine")
    return open("scratch.txt").read()
"""
    (tmp_path / "sol").mkdir()
    run = fork_server.spawn(write(tmp_path / "sol", source), Limits())
    run.wait_ready()
    for function in ("read", "write"):
        with pytest.raises(CallFailure, match="PermissionError"):
            run.call(function, [])
    assert not (tmp_path / "planted.py").exists()
    assert run.call("own_folder", []).value == "mine"
    run.close()


def test_codec_keeps_numpy_scalars_that_subclass_float() -> None:
    got = roundtrip([np.float64(4.5), np.float32(2.5), np.int64(3), np.bool_(True)])
    assert got == [4.5, 2.5, 3, True]
    assert isinstance(got[0], np.float64) and isinstance(got[2], np.int64)
