"""Set up and run the project with one command: ``serve`` or ``test``.

    python3 scripts/dev.py serve   # make .venv, install pins, serve on 127.0.0.1:8000
    python3 scripts/dev.py test    # make .venv, install pins, run every test
    python3 scripts/dev.py build   # make .venv, install pins, strict build into site/

Uses only the standard library, so it runs before anything is installed. The
virtual environment is reinstalled only when requirements.txt changes.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
STAMP = VENV / ".requirements.sha256"


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


def run(cmd: list[str]) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}
    code = subprocess.call(cmd, cwd=ROOT, env=env)
    if code:
        sys.exit(code)


def main(argv: list[str]) -> None:
    task = argv[0] if argv else ""
    rest = argv[1:]
    if task not in ("serve", "test", "build"):
        sys.exit(__doc__)
    python = ensure_venv()
    if task == "serve":
        run([str(python), "-m", "mkdocs", "serve", "--dev-addr", "127.0.0.1:8000", *rest])
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
