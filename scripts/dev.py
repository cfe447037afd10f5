"""Set up and run the project with one command.

    python3 scripts/dev.py serve             # serve on http://127.0.0.1:8000 while you write
    python3 scripts/dev.py serve -a 127.0.0.1:8001   # the same on another port
    python3 scripts/dev.py test              # run every test (pytest options may follow)
    python3 scripts/dev.py build             # strict build into site/
    python3 scripts/dev.py check             # check all content without building
    python3 scripts/dev.py new module <id>   # start a module (or: new case <id>)
    python3 scripts/dev.py report            # words, reading ease, questions per module
    python3 scripts/dev.py course <args>     # scripts/build_course.py, e.g. course --all
    python3 scripts/dev.py bench             # time the builds

Each makes .venv and installs the pins in requirements.txt first (again only
when that file changes). Uses only the standard library, so it runs before
anything is installed.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import shutil
import socket
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
STAMP = VENV / ".requirements.sha256"
DEFAULT_ADDR = "127.0.0.1:8000"
# Tasks that run one of the project's scripts with the virtual environment's Python.
SCRIPTS = {
    "check": "check.py",
    "new": "new.py",
    "report": "report.py",
    "course": "build_course.py",
    "bench": "bench.py",
}


def ensure_venv() -> Path:
    """Create .venv and install requirements.txt if they are missing or out of date."""
    if sys.version_info < (3, 11):  # noqa: UP036 - dev.py runs on whatever python3 the machine has
        sys.exit(f"Python 3.11 or newer is needed; this is {sys.version.split()[0]}.")
    python = BIN / "python"
    if not python.exists():
        print("Creating the virtual environment in .venv ...", flush=True)
        try:
            venv.EnvBuilder(with_pip=True, clear=True).create(VENV)
        except (subprocess.CalledProcessError, OSError) as err:
            shutil.rmtree(VENV, ignore_errors=True)
            sys.exit(f"Could not create .venv ({err}). On Debian or Ubuntu run: sudo apt-get install python3-venv")
    wanted = hashlib.sha256((ROOT / "requirements.txt").read_bytes()).hexdigest()
    if not STAMP.exists() or STAMP.read_text().strip() != wanted:
        print("Installing pinned requirements ...", flush=True)
        run(
            [
                str(python),
                "-m",
                "pip",
                "install",
                "--quiet",
                "--disable-pip-version-check",
                "-r",
                str(ROOT / "requirements.txt"),
            ]
        )
        STAMP.write_text(wanted)
    return python


def ensure_js_tools() -> None:
    """Install the test-only JavaScript tools (the QTI player) from tests/js's lock file.

    Runs ``npm ci`` only when node_modules is missing or older than the lock
    file, so later test runs start at once. Without npm the tests that need
    these tools are skipped (and fail under CI), with a message naming the fix.
    """
    js = ROOT / "tests" / "js"
    lock = js / "package-lock.json"
    installed = js / "node_modules" / ".package-lock.json"
    if not lock.exists() or (installed.exists() and installed.stat().st_mtime >= lock.stat().st_mtime):
        return
    if shutil.which("npm") is None:
        print("Note: no npm, so the QTI player tests will be skipped. Install it with: sudo apt-get install npm")
        return
    print("Installing the test-only JavaScript tools in tests/js ...", flush=True)
    run(["npm", "ci", "--prefix", str(js), "--no-audit", "--no-fund", "--loglevel=error"])


def use_venv(script: str, argv: list[str], needs: str = "mkdocs") -> None:
    """Re-run ``script`` with .venv's Python when this Python lacks the project's packages.

    So ``python3 scripts/check.py`` works from a fresh clone, outside the
    virtual environment, exactly as ``.venv/bin/python scripts/check.py`` does.
    """
    if importlib.util.find_spec(needs) is not None:
        return
    if os.environ.get("PW_IN_VENV"):  # already re-run once: .venv itself is broken
        sys.exit(f"'{needs}' is missing from .venv; delete the .venv folder and run python3 scripts/dev.py test")
    python = ensure_venv()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PW_IN_VENV": "1"}
    os.execve(str(python), [str(python), script, *argv], env)


def dev_addr(argv: list[str]) -> tuple[str, list[str]]:
    """The -a/--dev-addr value in ``argv`` (default 127.0.0.1:8000) and the other arguments."""
    addr, rest, i = DEFAULT_ADDR, [], 0
    while i < len(argv):
        arg = argv[i]
        if arg in ("-a", "--dev-addr") and i + 1 < len(argv):
            addr, i = argv[i + 1], i + 2
            continue
        if arg.startswith("--dev-addr="):
            addr = arg.split("=", 1)[1]
        elif arg.startswith("-a") and len(arg) > 2:
            addr = arg[2:].lstrip("=")
        else:
            rest.append(arg)
        i += 1
    return addr, rest


def port_problem(addr: str) -> str | None:
    """One line naming the fix if the address cannot be served on, else None. Checked before any build."""
    host, _, port = addr.rpartition(":")
    if not host or not port.isdigit():
        return f"'{addr}' is not an address; write it as host:port, e.g. -a {DEFAULT_ADDR}"
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host.strip("[]"), int(port)))
        except OSError as err:
            other = f"{host}:{int(port) + 1}"
            reason = (
                "is already in use (is the site already being served?)"
                if err.errno == 98
                else f"cannot be used ({err.strerror})"
            )
            return f"Port {port} on {host} {reason}; stop the other server or pick another port: python3 scripts/dev.py serve -a {other}"
    return None


def run(cmd: list[str]) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}
    code = subprocess.call(cmd, cwd=ROOT, env=env)
    if code:
        sys.exit(code)


def main(argv: list[str]) -> None:
    task = argv[0] if argv else ""
    rest = argv[1:]
    if task not in ("serve", "test", "build", *SCRIPTS):
        sys.exit(__doc__)
    if task == "serve":
        addr, rest = dev_addr(rest)
        problem = port_problem(addr)
        if problem:
            sys.exit(problem)
    python = ensure_venv()
    if task == "serve":
        run([str(python), str(ROOT / "scripts" / "serve.py"), "--dev-addr", addr, *rest])
    elif task in SCRIPTS:
        run([str(python), str(ROOT / "scripts" / SCRIPTS[task]), *rest])
    elif task == "build":
        run([str(python), "-m", "mkdocs", "build", "--strict", *rest])
    else:
        if not Path("/usr/bin/chromium").exists() and not os.environ.get("CI"):
            print(
                "Note: no Chromium at /usr/bin/chromium, so browser tests will be skipped. "
                "Install it with: sudo apt-get install chromium",
                flush=True,
            )
        ensure_js_tools()
        run([str(python), "-m", "pytest", *rest])


if __name__ == "__main__":
    main(sys.argv[1:])
