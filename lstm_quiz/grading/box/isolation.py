"""Sealing one run: namespaces, capabilities, mounts and limits (inside the box).

Sealed mode (the fork server runs under bubblewrap): the forked child enters a
new user, PID, mount, IPC, network and UTS namespace in one ``unshare``,
mounts a size- and inode-limited tmpfs as the run's folder, and forks the run
as PID 1 of its own PID namespace; killing that process ends everything in
the box. The run then drops every capability.

Weak mode (no bubblewrap or no user namespaces): the run gets rlimits, a
private folder, Landlock where the kernel has it, and the seccomp filter.
"""

from __future__ import annotations

import ctypes
import os
import sys
from typing import Any

CLONE_NEWNS, CLONE_NEWUTS, CLONE_NEWIPC = 0x00020000, 0x04000000, 0x08000000
CLONE_NEWUSER, CLONE_NEWPID, CLONE_NEWNET = 0x10000000, 0x20000000, 0x40000000
MS_NOSUID, MS_NODEV, MS_NOEXEC, MS_REC, MS_PRIVATE = 2, 4, 8, 1 << 14, 1 << 18
RUN_DIR = "/box"
RUN_UID = RUN_GID = 1000  # the run's identity inside its user namespace

_libc: Any = None


def libc() -> Any:
    global _libc
    if _libc is None:
        _libc = ctypes.CDLL(None, use_errno=True)
    return _libc


def _check(result: int, what: str) -> None:
    if result != 0:
        errno = ctypes.get_errno()
        raise OSError(errno, f"{what}: {os.strerror(errno)}")


def _write(path: str, text: str) -> None:
    fd = os.open(path, os.O_WRONLY)
    try:
        os.write(fd, text.encode())
    finally:
        os.close(fd)


def enter_run_namespaces(disk_bytes: int, inodes: int) -> None:
    """In the child of the fork server: a new namespace of every kind, and the run's tmpfs.

    Runs before the run's PID 1 is forked (CLONE_NEWPID applies to children).
    """
    uid, gid = os.geteuid(), os.getegid()
    flags = CLONE_NEWUSER | CLONE_NEWNS | CLONE_NEWPID | CLONE_NEWIPC | CLONE_NEWNET | CLONE_NEWUTS
    _check(libc().unshare(flags), "unshare")
    _write("/proc/self/setgroups", "deny")
    _write("/proc/self/uid_map", f"{RUN_UID} {uid} 1")
    _write("/proc/self/gid_map", f"{RUN_GID} {gid} 1")
    mount = libc().mount
    _check(mount(None, b"/", None, MS_REC | MS_PRIVATE, None), "make mounts private")
    options = f"size={disk_bytes},nr_inodes={inodes},mode=0700,uid={RUN_UID},gid={RUN_GID}"
    _check(
        mount(b"tmpfs", RUN_DIR.encode(), b"tmpfs", MS_NOSUID | MS_NODEV, options.encode()),
        "mount the run folder",
    )


def mount_own_proc() -> None:
    """As PID 1 of the run's namespace: a /proc that shows only this run."""
    flags = MS_NOSUID | MS_NODEV | MS_NOEXEC
    if libc().mount(b"proc", b"/proc", b"proc", flags, None) != 0:
        # The kernel refuses a new proc where the outer one is partly covered:
        # hide it altogether instead.
        _check(
            libc().mount(b"tmpfs", b"/proc", b"tmpfs", flags, b"size=4k,mode=0555"), "hide /proc"
        )


def drop_capabilities() -> None:
    """No capability left, none to regain (bounding set emptied, no_new_privs)."""
    pr_capbset_drop, pr_cap_ambient, pr_cap_ambient_clear_all = 24, 47, 4
    for cap in range(64):
        if libc().prctl(pr_capbset_drop, cap, 0, 0, 0) != 0:
            break  # past the last capability this kernel knows
    libc().prctl(pr_cap_ambient, pr_cap_ambient_clear_all, 0, 0, 0)

    class Header(ctypes.Structure):
        _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]

    class Data(ctypes.Structure):
        _fields_ = [
            ("effective", ctypes.c_uint32),
            ("permitted", ctypes.c_uint32),
            ("inheritable", ctypes.c_uint32),
        ]

    header = Header(0x20080522, 0)  # _LINUX_CAPABILITY_VERSION_3
    data = (Data * 2)()
    _check(libc().capset(ctypes.byref(header), data), "drop capabilities")
    _check(libc().prctl(38, 1, 0, 0, 0), "no_new_privs")


def set_limits(limits: dict[str, Any]) -> None:
    import resource

    def set_limit(which: int, value: int) -> None:
        try:
            resource.setrlimit(which, (value, value))
        except (ValueError, OSError):
            pass

    set_limit(resource.RLIMIT_AS, int(limits.get("memory_bytes", 2 << 30)))
    set_limit(resource.RLIMIT_CPU, int(limits.get("cpu_seconds", 60)))
    set_limit(resource.RLIMIT_FSIZE, int(limits.get("file_bytes", 8 << 20)))
    set_limit(resource.RLIMIT_NOFILE, 256)
    set_limit(resource.RLIMIT_CORE, 0)
    set_limit(resource.RLIMIT_NPROC, int(limits.get("processes", 0)))


# ---------------------------------------------------------------- weak mode


def _readable_by_others(path: str) -> bool:
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


def drop_privileges(workdir: str) -> bool:
    """Running as root without a user namespace: become `nobody` where it can still run."""
    if os.geteuid() != 0:
        return True
    numpy = sys.modules.get("numpy")
    needed = [os.path.dirname(os.__file__), sys.executable]
    if numpy is not None and numpy.__file__:
        needed.append(os.path.dirname(numpy.__file__))
    if not all(_readable_by_others(p) for p in needed):
        return False
    nobody = 65534
    try:
        os.chown(workdir, nobody, nobody)
        os.setgroups([])
        os.setgid(nobody)
        os.setuid(nobody)
    except OSError:
        return False
    return True


# Landlock (Linux >= 5.13): read the interpreter and NumPy, read/write the run folder.
_LANDLOCK_CREATE_RULESET, _LANDLOCK_ADD_RULE, _LANDLOCK_RESTRICT_SELF = 444, 445, 446
_FS_EXECUTE, _FS_WRITE_FILE, _FS_READ_FILE, _FS_READ_DIR = 1 << 0, 1 << 1, 1 << 2, 1 << 3
_FS_REFER, _FS_TRUNCATE, _FS_IOCTL_DEV = 1 << 13, 1 << 14, 1 << 15


def restrict_files(read_only: list[str], read_write: list[str]) -> bool:
    lib = libc()
    abi = lib.syscall(_LANDLOCK_CREATE_RULESET, None, ctypes.c_size_t(0), ctypes.c_uint32(1))
    if abi < 1:
        return False
    handled = (1 << 13) - 1
    file_rights = _FS_EXECUTE | _FS_WRITE_FILE | _FS_READ_FILE
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

    attr = ctypes.c_uint64(handled)
    ruleset = lib.syscall(
        _LANDLOCK_CREATE_RULESET, ctypes.byref(attr), ctypes.c_size_t(8), ctypes.c_uint32(0)
    )
    if ruleset < 0:
        return False
    try:
        rules = [(p, _FS_EXECUTE | _FS_READ_FILE | _FS_READ_DIR) for p in read_only]
        rules += [(p, handled) for p in read_write]
        for path, rights in rules:
            try:
                fd = os.open(path, os.O_PATH | os.O_CLOEXEC)
            except OSError:
                continue
            try:
                if not os.path.isdir(path):
                    rights &= file_rights
                rule = PathBeneath(rights & handled, fd)
                lib.syscall(_LANDLOCK_ADD_RULE, ruleset, 1, ctypes.byref(rule), ctypes.c_uint32(0))
            finally:
                os.close(fd)
        lib.prctl(38, 1, 0, 0, 0)
        return lib.syscall(_LANDLOCK_RESTRICT_SELF, ruleset, ctypes.c_uint32(0)) == 0
    finally:
        os.close(ruleset)


def remove_tree(top: str) -> None:
    """Remove a folder the run wrote, whatever it holds: never recursing (a 10,000-deep
    tree must not raise), never following a link, with a constant number of open
    descriptors: each subfolder's subfolders are moved up to the top, then emptied."""
    flags = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW
    try:
        top_fd = os.open(top, flags)
    except OSError:
        return
    counter = 0
    try:
        stuck: set[str] = set()
        while True:
            names = [n for n in os.listdir(top_fd) if n not in stuck]
            if not names:
                break
            for name in names:
                try:
                    os.unlink(name, dir_fd=top_fd)
                    continue
                except IsADirectoryError:
                    pass
                except OSError:
                    pass
                try:
                    os.chmod(name, 0o700, dir_fd=top_fd, follow_symlinks=False)
                except (OSError, NotImplementedError):
                    pass
                try:
                    fd = os.open(name, flags, dir_fd=top_fd)
                except OSError:
                    stuck.add(name)
                    continue
                try:
                    for child in os.listdir(fd):
                        try:
                            os.unlink(child, dir_fd=fd)
                        except OSError:
                            counter += 1
                            try:
                                os.rename(child, f".rm-{counter}", src_dir_fd=fd, dst_dir_fd=top_fd)
                            except OSError:
                                pass
                finally:
                    os.close(fd)
                try:
                    os.rmdir(name, dir_fd=top_fd)
                except OSError:
                    stuck.add(name)
    finally:
        os.close(top_fd)
    try:
        os.rmdir(top)
    except OSError:
        pass
