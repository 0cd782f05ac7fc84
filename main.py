"""Interactive analyst: ``python main.py [--csv PATH] [--no-charts]`` (a thin wrapper over ``mixwise chat``)."""

from __future__ import annotations

import os
import sys
from pathlib import Path


def run_command(command: str) -> None:
    try:
        from mixwise.cli.main import app
    except ModuleNotFoundError:
        venv_python = Path(__file__).resolve().parent / ".venv" / "bin" / "python"
        if venv_python.exists() and Path(sys.executable).resolve() != venv_python.resolve():
            os.execv(str(venv_python), [str(venv_python), *sys.argv])
        sys.exit("mixwise is not installed yet: run `make demo` once (it creates .venv), then try again.")
    app(args=[command, *sys.argv[1:]], prog_name="mixwise")


if __name__ == "__main__":
    run_command("chat")
