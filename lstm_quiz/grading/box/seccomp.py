"""A seccomp filter for a learner's run: what namespaces (or their absence) leave open.

Built by hand as a classic BPF program (no libseccomp in a plain Python), for
x86_64, where the syscall numbers are stable ABI. It refuses, with EPERM:
new processes and threads (fork, clone, clone3; threads only where the
exercise needs them), exec, signals to anything but the run itself, sockets,
SysV and POSIX IPC objects, metadata changes (chmod, chown, utime, xattrs),
and every way to change namespaces, mounts, keys, tracing or the kernel.
"""

from __future__ import annotations

import os
import platform
import struct

_AUDIT_ARCH_X86_64 = 0xC000003E
_X32_BIT = 0x40000000
_CLONE_THREAD = 0x00010000

_LD_ABS_W, _JEQ, _JGE, _JSET, _RET = 0x20, 0x15, 0x35, 0x45, 0x06
_ALLOW = 0x7FFF0000
_KILL_PROCESS = 0x80000000
_EPERM = 0x00050000 | 1
_ENOSYS = 0x00050000 | 38

# x86_64 syscall numbers (arch/x86/entry/syscalls/syscall_64.tbl).
_DENIED = {
    "fork": 57, "vfork": 58, "execve": 59, "execveat": 322,
    "ptrace": 101, "process_vm_readv": 310, "process_vm_writev": 311, "process_madvise": 440,
    "pidfd_open": 434, "pidfd_send_signal": 424, "pidfd_getfd": 438,
    "socket": 41,
    "shmget": 29, "shmat": 30, "shmctl": 31, "semget": 64, "semop": 65, "semctl": 66,
    "semtimedop": 220, "msgget": 68, "msgsnd": 69, "msgrcv": 70, "msgctl": 71, "mq_open": 240,
    "chmod": 90, "fchmod": 91, "fchmodat": 268, "fchmodat2": 452,
    "chown": 92, "fchown": 93, "lchown": 94, "fchownat": 260,
    "utime": 132, "utimes": 235, "utimensat": 280, "futimesat": 261,
    "setxattr": 188, "lsetxattr": 189, "fsetxattr": 190,
    "removexattr": 197, "lremovexattr": 198, "fremovexattr": 199,
    "mknod": 133, "mknodat": 259,
    "mount": 165, "umount2": 166, "pivot_root": 155, "chroot": 161, "unshare": 272, "setns": 308,
    "open_tree": 428, "move_mount": 429, "fsopen": 430, "fsconfig": 431, "fsmount": 432,
    "fspick": 433, "mount_setattr": 442, "name_to_handle_at": 303, "open_by_handle_at": 304,
    "keyctl": 250, "add_key": 248, "request_key": 249,
    "bpf": 321, "perf_event_open": 298, "userfaultfd": 323,
    "io_uring_setup": 425, "io_uring_enter": 426, "io_uring_register": 427,
    "kexec_load": 246, "init_module": 175, "finit_module": 313, "delete_module": 176,
    "personality": 135, "acct": 163, "swapon": 167, "swapoff": 168, "reboot": 169,
    "sethostname": 170, "setdomainname": 171, "settimeofday": 164, "clock_settime": 227,
    "adjtimex": 159, "quotactl": 179, "vhangup": 153, "iopl": 172, "ioperm": 173,
}  # fmt: skip
# Signals: allowed only when the first argument (pid or tgid) is the run itself.
_SELF_ONLY = {
    "kill": 62,
    "tkill": 200,
    "tgkill": 234,
    "rt_sigqueueinfo": 129,
    "rt_tgsigqueueinfo": 297,
}
_CLONE, _CLONE3 = 56, 435


def supported() -> bool:
    return platform.machine() in ("x86_64", "AMD64") and hasattr(os, "getpid")


def build_filter(own_pid: int, *, allow_threads: bool = False) -> bytes:
    """The BPF program as bytes (struct sock_filter[])."""
    program: list[tuple[int, int | str, int | str, int]] = []

    def op(code: int, k: int, jt: int | str = 0, jf: int | str = 0) -> None:
        program.append((code, jt, jf, k))

    op(_LD_ABS_W, 4)  # seccomp_data.arch
    op(_JEQ, _AUDIT_ARCH_X86_64, 1, 0)
    op(_RET, _KILL_PROCESS)
    op(_LD_ABS_W, 0)  # seccomp_data.nr
    op(_JGE, _X32_BIT, "deny", 0)
    for number in sorted(_DENIED.values()):
        op(_JEQ, number, "deny", 0)
    for number in sorted(_SELF_ONLY.values()):
        op(_JEQ, number, "self", 0)
    if allow_threads:
        op(_JEQ, _CLONE3, "nosys", 0)  # glibc then falls back to clone(), checked below
        op(_JEQ, _CLONE, "thread", 0)
    else:
        op(_JEQ, _CLONE3, "deny", 0)
        op(_JEQ, _CLONE, "deny", 0)
    op(_RET, _ALLOW)
    labels = {"self": len(program)}
    op(_LD_ABS_W, 16)  # args[0], low 32 bits
    op(_JEQ, own_pid & 0xFFFFFFFF, 0, "deny")
    op(_RET, _ALLOW)
    labels["nosys"] = len(program)
    op(_RET, _ENOSYS)
    labels["thread"] = len(program)
    op(_LD_ABS_W, 16)  # clone flags, low 32 bits
    op(_JSET, _CLONE_THREAD, 0, "deny")
    op(_RET, _ALLOW)
    labels["deny"] = len(program)  # last: classic BPF jumps only forward
    op(_RET, _EPERM)

    out = bytearray()
    for index, (code, jt, jf, k) in enumerate(program):
        out += struct.pack("HBBI", code, _jump(jt, index, labels), _jump(jf, index, labels), k)
    return bytes(out)


def _jump(target: int | str, index: int, labels: dict[str, int]) -> int:
    """A jump's offset from the instruction after ``index``; labels lie ahead (BPF jumps forward)."""
    if isinstance(target, int):
        return target
    jump = labels[target] - index - 1
    if not 0 <= jump < 256:
        raise ValueError("BPF jump out of range")
    return jump


def install(own_pid: int, *, allow_threads: bool = False) -> bool:
    """Load the filter into this process (and any thread it starts). False where unsupported."""
    if not supported():
        return False
    import ctypes

    code = build_filter(own_pid, allow_threads=allow_threads)
    buffer = ctypes.create_string_buffer(code, len(code))

    class SockFprog(ctypes.Structure):
        _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]

    prog = SockFprog(len(code) // 8, ctypes.cast(buffer, ctypes.c_void_p))
    libc = ctypes.CDLL(None, use_errno=True)
    pr_set_no_new_privs, pr_set_seccomp, seccomp_mode_filter = 38, 22, 2
    if libc.prctl(pr_set_no_new_privs, 1, 0, 0, 0) != 0:
        return False
    return libc.prctl(pr_set_seccomp, seccomp_mode_filter, ctypes.byref(prog), 0, 0) == 0
