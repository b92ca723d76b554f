"""The sandbox on its own: the codec, the limits, and processes that try to outlive a run."""

from __future__ import annotations

import os
import socket
from pathlib import Path

import numpy as np
import pytest

from lstm_quiz.grading.box.protocol import (
    Opaque,
    ProtocolError,
    decode_value,
    encode_value,
    recv_frame,
    send_frame,
)
from lstm_quiz.grading.sandbox import CallFailure, Limits


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


def spawn(server, source: str, limits: Limits | None = None):
    run = server.spawn(source.encode(), limits or Limits())
    run.wait_ready()
    return run


def test_a_raw_fork_is_refused_and_nothing_outlives_the_run(tmp_path: Path, fork_server) -> None:
    """Python-level process creation is refused; a raw fork(2) through ctypes is refused too."""
    source = """
import ctypes, os, time

def escape():
    libc = ctypes.CDLL(None, use_errno=True)
    pid = libc.syscall(57)  # fork(2), past every Python-level guard
    if pid == 0:
        time.sleep(5)
        os._exit(0)
    return [pid, ctypes.get_errno()]
"""
    run = spawn(fork_server, source)
    pid, errno = run.call("escape", []).value
    assert pid == -1 and errno == 1  # EPERM from the seccomp filter
    run.close()


def test_run_ends_with_its_process_gone(fork_server) -> None:
    run = spawn(fork_server, "def f():\n    return 1\n")
    assert run.call("f", []).value == 1
    run.close()
    assert run.server.finish(run.pid) == {
        "status": "unknown",
        "killed": False,
        "op": "finished",
        "pid": run.pid,
    }


def test_solution_cannot_write_past_its_file_limit(fork_server) -> None:
    source = "def f():\n    open('big', 'wb').write(b'x' * (64 << 20))\n"
    run = spawn(fork_server, source, Limits(file_bytes=1 << 20))
    with pytest.raises(CallFailure):
        run.call("f", [])
    run.close()


def test_each_run_has_a_fresh_folder(fork_server) -> None:
    source = "import os\ndef f():\n    seen = sorted(os.listdir('.'))\n    open('mine', 'w').write('x')\n    return [os.getcwd(), seen]\n"
    for _ in range(2):
        run = spawn(fork_server, source)
        cwd, seen = run.call("f", []).value
        assert seen == [] and cwd != os.getcwd()
        run.close()


def test_solution_cannot_read_or_write_files_outside_its_box(tmp_path: Path, fork_server) -> None:
    """Other submissions, the references and the user's files are out of reach."""
    secret = tmp_path / "other_student.py"
    secret.write_text("def lstm_cell(): ...")
    source = f"""
def read():
    return open({str(secret)!r}).read()

def write():
    open({str(tmp_path / "planted.py")!r}, "w").write("x")
"""
    run = spawn(fork_server, source)
    for function in ("read", "write"):
        with pytest.raises(CallFailure, match="Error"):
            run.call(function, [])
    assert not (tmp_path / "planted.py").exists()
    run.close()


def test_output_is_read_through_our_descriptor_not_a_path(fork_server) -> None:
    source = """
import os
def f():
    print("hello", flush=True)
    for make in (lambda: os.mkfifo("output.txt"), lambda: os.symlink("/etc/shadow", "output.txt")):
        try:
            make()
        except OSError:
            pass
    return 1
"""
    run = spawn(fork_server, source)
    result = run.call("f", [])
    assert result.value == 1 and result.output == "hello\n"
    run.close()


def test_a_function_returning_a_reused_buffer_is_caught(fork_server) -> None:
    source = """
import numpy as np
_buffer = np.zeros(3)
def f(x):
    _buffer[:] = x
    return _buffer
"""
    run = spawn(fork_server, source)
    assert run.call("f", [np.ones(3)]).value.tolist() == [1, 1, 1]
    with pytest.raises(CallFailure, match="changed when f\\(\\) was called again"):
        run.call("f", [np.full(3, 2.0)])
    run.close()


def test_a_new_array_each_call_is_fine(fork_server) -> None:
    run = spawn(fork_server, "import numpy as np\ndef f(x):\n    return x * 2\n")
    for n in range(6):
        assert run.call("f", [np.full(2, float(n))]).value.tolist() == [2 * n, 2 * n]
    run.close()


def test_a_dead_fork_server_is_started_again(fork_server_factory) -> None:
    server = fork_server_factory()
    run = spawn(server, "def f():\n    return 1\n")
    run.close()
    server._zygote.process.kill()  # as if something killed it
    server._zygote.process.wait()
    run = spawn(server, "def f():\n    return 2\n")
    assert run.call("f", []).value == 2 and server.restarts == 1
    run.close()


def test_decoder_bounds_what_it_accepts() -> None:
    blobs: list[bytes] = []
    desc = encode_value([{}] * 30_000, blobs)
    with pytest.raises(ProtocolError, match="items"):
        decode_value(desc, blobs)


def test_codec_keeps_numpy_scalars_that_subclass_float() -> None:
    got = roundtrip([np.float64(4.5), np.float32(2.5), np.int64(3), np.bool_(True)])
    assert got == [4.5, 2.5, 3, True]
    assert isinstance(got[0], np.float64) and isinstance(got[2], np.int64)
