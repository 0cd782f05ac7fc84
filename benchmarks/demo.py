"""Time the executive demo as a whole process: cold (empty caches) and warm (cached model).

Usage: .venv/bin/python benchmarks/demo.py [--model bayes|ols] [--runs 2]

Cold = a fresh MIXWISE_CACHE_DIR (no fitted model, no JAX compilation cache). Warm = the same command
again with that cache. Prints wall seconds for each run. Bars (issue #6): cold under 60 s (target 30 s),
warm under 10 s, on a 2-core machine.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def _run(cache: Path, out: Path, model: str) -> float:
    env = dict(os.environ, MIXWISE_CACHE_DIR=str(cache))
    env.pop("ANTHROPIC_API_KEY", None)
    exe = Path(sys.executable).parent / "mixwise"
    t0 = time.perf_counter()
    subprocess.run([str(exe), "demo", "--model", model, "--out", str(out), "--quiet"], env=env, check=True)
    return time.perf_counter() - t0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--model", default="bayes")
    parser.add_argument("--runs", type=int, default=2, help="warm runs after the cold one")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        cache, out = Path(tmp) / "cache", Path(tmp) / "outputs"
        cold = _run(cache, out, args.model)
        print(f"demo ({args.model}) cold: {cold:.1f} s  (files: {len(list(out.iterdir()))})")
        for i in range(args.runs):
            print(f"demo ({args.model}) warm #{i + 1}: {_run(cache, out, args.model):.1f} s")


if __name__ == "__main__":
    main()
