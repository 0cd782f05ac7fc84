"""One-shot executive demo: ``python demo.py [--csv PATH] [--out DIR] [--no-charts]`` (wraps ``mixwise demo``)."""

from __future__ import annotations

from main import run_command

if __name__ == "__main__":
    run_command("demo")
