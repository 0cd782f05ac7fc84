"""The README's commands run as written, so the documentation cannot drift."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text()
BIN = Path(sys.executable).parent


def _quick_start_commands() -> list[str]:
    section = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    commands = []
    for block in re.findall(r"```bash\n(.*?)```", section, flags=re.S):
        for line in block.splitlines():
            line = line.split("  #", 1)[0].strip()
            if line:
                commands.append(line)
    return commands


def test_quick_start_names_the_two_commands() -> None:
    commands = _quick_start_commands()
    assert "make demo" in commands and "make test" in commands
    makefile = (ROOT / "Makefile").read_text()
    for target in ("demo", "test", "app"):
        assert re.search(rf"^{target}:", makefile, flags=re.M), target


def test_reference_commands_all_have_help() -> None:
    table = README.split("## Command reference", 1)[1]
    names = sorted(set(re.findall(r"^\| `mixwise (\w+)", table, flags=re.M)))
    assert len(names) >= 14
    for name in names:
        result = subprocess.run([str(BIN / "mixwise"), name, "--help"], capture_output=True, text=True, timeout=60)
        assert result.returncode == 0, (name, result.stderr)
        assert "Usage" in result.stdout


@pytest.mark.slow
def test_quick_start_commands_run(tmp_path: Path) -> None:
    env = dict(os.environ, MIXWISE_CACHE_DIR=str(tmp_path / "cache"), COLUMNS="120")
    env.pop("ANTHROPIC_API_KEY", None)
    ran = 0
    for command in _quick_start_commands():
        if command.startswith("make "):
            continue  # make demo / make test are what CI itself runs
        argv = command.split(" ", 1)
        exe = argv[0].replace(".venv/bin/", "")
        rest = re.findall(r'"[^"]*"|\S+', argv[1]) if len(argv) > 1 else []
        rest = [a.strip('"') for a in rest]
        if exe == "python":  # the seed scripts live at the repository root
            full, cwd = [sys.executable, *rest], ROOT
        else:
            full, cwd = [str(BIN / exe), *rest], tmp_path
        stdin = "quit\n" if rest[:1] == ["chat"] or "main.py" in rest else None
        result = subprocess.run(full, cwd=cwd, env=env, input=stdin, capture_output=True, text=True, timeout=600)
        assert result.returncode == 0, (command, result.stdout[-2000:], result.stderr[-2000:])
        assert "Traceback" not in result.stderr, command
        ran += 1
    assert ran >= 3
