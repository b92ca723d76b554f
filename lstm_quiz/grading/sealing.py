"""How the fork server is started: sealed under bubblewrap, or with weak isolation.

Sealed: ``bwrap`` gives the fork server its own user, PID, IPC, network, UTS
and mount namespaces, no capabilities, and a read-only view holding only the
interpreter, the standard library (its site-packages masked), the system's
shared libraries, NumPy (and torch with what it imports, for torch
exercises) and the box's own code. Never lstm_quiz, never an exercise
folder, never the user's files. Each run then gets a box of its own inside
(see box/isolation.py).

Weak: where bubblewrap or unprivileged user namespaces are missing, the fork
server runs as a plain process and each run gets rlimits, Landlock and the
seccomp filter only. ``check`` says so; ``grade`` refuses unless told.
"""

from __future__ import annotations

import functools
import os
import shutil
import site
import sys
import sysconfig
from dataclasses import dataclass, field
from pathlib import Path

BOX_CODE = Path(__file__).with_name("box")
BOX_MOUNT = "/opt/lstm-quiz"
ZYGOTE_UID = 1000
INSTALL_HINT = (
    "install bubblewrap (Debian/Ubuntu: apt-get install bubblewrap; Fedora: dnf install "
    "bubblewrap) and allow unprivileged user namespaces (sysctl kernel.unprivileged_userns_clone=1; "
    "on Ubuntu 24.04+ also kernel.apparmor_restrict_unprivileged_userns=0)"
)
BOOT = "import sys; sys.path.insert(0, {path!r}); from box.zygote import boot; boot(sys.argv[1:])"


@dataclass(frozen=True)
class Plan:
    """How to start one fork server."""

    sealed: bool
    argv_prefix: list[str]  # bwrap and its options, or empty
    python: str
    path: list[str]  # sys.path inside
    problem: str = ""  # why not sealed, for the learner
    bound: list[str] = field(default_factory=list)  # what the box can read (for doctor)

    @property
    def isolation(self) -> str:
        return "sealed" if self.sealed else "weak"


def bwrap_path() -> str | None:
    override = os.environ.get("LSTM_QUIZ_BWRAP")
    if override is not None:
        return override if os.path.isfile(override) and os.access(override, os.X_OK) else None
    return shutil.which("bwrap")


def weak_plan(problem: str) -> Plan:
    return Plan(False, [], sys.executable, [p for p in sys.path if p], problem)


@functools.cache
def plan_for(framework: str) -> Plan:
    if os.environ.get("LSTM_QUIZ_ISOLATION", "").lower() == "weak":
        return weak_plan("weak isolation was asked for (LSTM_QUIZ_ISOLATION=weak)")
    if not sys.platform.startswith("linux"):
        return weak_plan(f"no kernel isolation on {sys.platform} (Linux only)")
    bwrap = bwrap_path()
    if bwrap is None:
        return weak_plan("bubblewrap (bwrap) is not installed")
    view = _View()
    python = os.path.realpath(sys.executable)
    view.file(python)
    for folder in _runtime_folders():
        view.folder(folder)
    packages = _kept_package_paths(["numpy"] + (["torch"] if framework == "torch" else []))
    for site_dir in _site_dirs():
        view.mask(site_dir)
    for package in packages:
        view.folder(package)
    path = _inner_sys_path(packages)
    argv = [
        bwrap,
        "--unshare-user", "--unshare-pid", "--unshare-ipc", "--unshare-net", "--unshare-uts",
        "--unshare-cgroup-try", "--uid", str(ZYGOTE_UID), "--gid", str(ZYGOTE_UID),
        "--die-with-parent", "--new-session", "--cap-drop", "ALL", "--hostname", "lstm-quiz-box",
        *view.args,
        "--ro-bind", str(BOX_CODE), f"{BOX_MOUNT}/box",
        "--ro-bind-try", "/etc/ld.so.cache", "/etc/ld.so.cache",
        "--ro-bind-try", "/sys/devices/system/cpu", "/sys/devices/system/cpu",
        "--proc", "/proc", "--dev", "/dev", "--remount-ro", "/dev", "--dir", "/box",
        "--remount-ro", "/", "--chdir", "/",
        "--",
    ]  # fmt: skip
    return Plan(True, argv, python, path, bound=view.bound)


def command(plan: Plan, control_fd: int, options_json: str) -> list[str]:
    boot_path = BOX_MOUNT if plan.sealed else str(BOX_CODE.parent)
    flags = ["-I", "-S"] if plan.sealed else ["-I"]
    return [
        *plan.argv_prefix,
        plan.python,
        *flags,
        "-c",
        BOOT.format(path=boot_path),
        str(control_fd),
        options_json,
    ]


# ---------------------------------------------------------------- the view


class _View:
    """bwrap arguments for a read-only view, remembering what is bound."""

    def __init__(self) -> None:
        self.args: list[str] = []
        self.bound: list[str] = []
        self.masked: list[str] = []
        for top in ("/usr/lib", "/usr/lib64", "/lib", "/lib64", "/bin"):
            if os.path.islink(top):
                self.args += ["--symlink", os.readlink(top), top]
            elif top != "/bin" and os.path.isdir(top):
                self.folder(top)

    def _inside_bound(self, path: str) -> bool:
        return any(path == b or path.startswith(b.rstrip("/") + "/") for b in self.bound)

    def file(self, path: str) -> None:
        if not self._inside_bound(path):
            self.args += ["--ro-bind", path, path]
            self.bound.append(path)

    def folder(self, path: str) -> None:
        """Bind a folder (or a module file), unless it is already visible through a bound one."""
        path = os.path.realpath(path)
        if not os.path.exists(path):
            return
        hidden = any(path.startswith(m + "/") for m in self.masked)
        if self._inside_bound(path) and not hidden:
            return
        self.args += ["--ro-bind", path, path]
        self.bound.append(path)

    def mask(self, path: str) -> None:
        """Hide a folder that a bound folder contains (site-packages inside the stdlib)."""
        path = os.path.realpath(path)
        if os.path.isdir(path) and self._inside_bound(path) and path not in self.masked:
            self.args += ["--tmpfs", path]
            self.masked.append(path)


def _stdlib() -> tuple[str, str]:
    """The standard library's folder and its lib-dynload, as this interpreter really has them."""
    stdlib = os.path.dirname(os.path.realpath(os.__file__))
    dynload = os.path.join(stdlib, "lib-dynload")
    if not os.path.isdir(dynload):
        dynload = str(sysconfig.get_config_var("DESTSHARED") or dynload)
    return stdlib, dynload


def _runtime_folders() -> list[str]:
    """The standard library (with lib-dynload) and the folder of libpython."""
    folders = list(_stdlib())
    libdir = sysconfig.get_config_var("LIBDIR")
    if libdir:
        folders.append(str(libdir))
    return [f for f in folders if f and os.path.isdir(f)]


def _site_dirs() -> list[str]:
    """Every folder packages are installed in: masked unless a package is bound back in."""
    found = set(site.getsitepackages()) | {site.getusersitepackages()}
    for scheme_vars in ({}, {"base": sys.base_prefix, "platbase": sys.base_prefix}):
        paths = sysconfig.get_paths(vars=scheme_vars)
        found.update(p for k, p in paths.items() if k in ("purelib", "platlib"))
    stdlib, _ = _stdlib()
    for entry in sys.path:
        if entry and not entry.startswith(stdlib) and not entry.endswith(".zip"):
            found.add(entry)
    version = f"python{sys.version_info.major}.{sys.version_info.minor}"
    found.update(
        [
            "/usr/lib/python3/dist-packages",
            f"/usr/lib/{version}/dist-packages",
            f"/usr/lib/{version}/site-packages",
            f"/usr/local/lib/{version}/dist-packages",
        ]
    )
    return sorted(p for p in found if p and os.path.isdir(p))


def _requirements(name: str) -> list[str]:
    from importlib import metadata

    try:
        requires = metadata.requires(name) or []
    except metadata.PackageNotFoundError:
        return []
    names = []
    for requirement in requires:
        spec, _, marker = requirement.partition(";")
        if "extra" in marker:
            continue
        if marker.strip():
            try:
                from packaging.markers import Marker

                if not Marker(marker).evaluate():
                    continue
            except Exception:
                continue
        bare = spec.strip().split("[")[0]
        for stop in "<>=!~ (":
            bare = bare.split(stop)[0]
        if bare:
            names.append(bare)
    return names


def _kept_package_paths(roots: list[str]) -> list[str]:
    """`_package_paths`, kept in the cache dir: reading the packages' metadata costs
    ~0.1 s, on the critical path of every `check`. The key holds the interpreter,
    sys.path and each entry's mtime (an install or removal changes its folder), and
    a kept path is used only if it still exists inside a sys.path entry."""
    import hashlib
    import json
    import tempfile

    from lstm_quiz.paths import cache_dir

    entries = [p for p in sys.path if p and os.path.isdir(p)]
    # Packages are installed in site-/dist-packages: their mtimes change with an install.
    # (Not every entry's: the script's or the current folder changes with every save.)
    stamp = [
        os.stat(p).st_mtime_ns
        for p in entries
        if os.path.basename(p.rstrip("/")) in ("site-packages", "dist-packages")
    ]
    key = json.dumps([1, sys.executable, sorted(roots), entries, stamp])
    folder = cache_dir()
    kept = (
        folder / f"sealed-view-{hashlib.sha256(key.encode()).hexdigest()[:24]}.json"
        if folder
        else None
    )
    if kept is not None:
        try:
            with kept.open("rb") as file:
                if os.fstat(file.fileno()).st_uid == os.getuid():
                    paths = json.loads(file.read())
                    inside = tuple(os.path.realpath(p).rstrip("/") + "/" for p in entries)
                    if isinstance(paths, list) and all(
                        isinstance(p, str) and os.path.exists(p) and p.startswith(inside)
                        for p in paths
                    ):
                        return paths
        except (OSError, ValueError):
            pass  # missing or damaged: read the metadata again
    paths = _package_paths(roots)
    if kept is not None:
        try:
            kept.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(
                "w", dir=kept.parent, prefix=".sealed-view-", delete=False
            ) as out:
                json.dump(paths, out)
            os.replace(out.name, kept)
        except OSError:
            pass  # read-only or full: the next start reads the metadata again
    return paths


def _package_paths(roots: list[str]) -> list[str]:
    """The installed folders (and single-file modules) of these distributions and what they require."""
    from importlib import metadata

    seen: set[str] = set()
    todo = list(roots)
    paths: set[str] = set()
    while todo:
        name = todo.pop()
        key = name.lower().replace("-", "_")
        if key in seen:
            continue
        seen.add(key)
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue
        tops = {str(f).split("/")[0] for f in dist.files or [] if not str(f).startswith("..")}
        for top in tops:
            if top.endswith((".dist-info", ".egg-info", ".pth")) or top in ("__pycache__", "bin"):
                continue
            located = str(dist.locate_file(top))
            if os.path.exists(located) and "lstm_quiz" not in top:
                paths.add(located)
        todo.extend(_requirements(name))
    return sorted(paths)


def _inner_sys_path(packages: list[str]) -> list[str]:
    stdlib, dynload = _stdlib()
    path = [p for p in sys.path if p.endswith(".zip")]
    path += [stdlib, dynload]
    for package in packages:
        parent = os.path.dirname(package)
        if parent not in path:
            path.append(parent)
    return path
