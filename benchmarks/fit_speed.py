"""Wall time of the whole ``mixwise fit --model bayes --json --no-cache`` process, cold and warm.

Cold: a fresh ``MIXWISE_CACHE_DIR`` (empty JAX persistent compilation cache), so the process pays
Python imports, data loading, JAX compilation and sampling. Warm: the same command again with the
cache the cold run left (compilation is read from disk). ``--no-cache`` makes every run really fit
(the fitted-model cache would otherwise answer the warm run without sampling).

Usage:
    .venv/bin/python benchmarks/fit_speed.py                 # bundled sample data, 1 cold + 2 warm
    .venv/bin/python benchmarks/fit_speed.py --csv data.csv --warm 3
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def timed(cmd: list[str], env: dict[str, str]) -> tuple[float, float, dict]:
    """(wall seconds, child CPU seconds, parsed JSON stdout) of one run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        sys.exit(f"command failed ({proc.returncode}): {' '.join(cmd)}\n{proc.stderr[-3000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, json.loads(proc.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--csv", help="data file (default: the bundled sample data)")
    parser.add_argument("--warm", type=int, default=2, help="number of warm runs")
    args = parser.parse_args()
    exe = str(Path(sys.executable).with_name("mixwise"))
    cmd = [exe, "fit", "--model", "bayes", "--json", "--no-cache"] + (["--csv", args.csv] if args.csv else [])
    print("command:", " ".join(cmd))
    with tempfile.TemporaryDirectory(prefix="mixwise-fit-speed-") as cache:
        env = {**os.environ, "MIXWISE_CACHE_DIR": cache}
        for i in range(1 + args.warm):
            label = "cold" if i == 0 else f"warm{i}"
            wall, cpu, doc = timed(cmd, env)
            d = doc.get("diagnostics", {})
            print(
                f"{label:6} wall {wall:5.1f} s  cpu {cpu:5.1f} s  max R-hat {d.get('max_rhat')}  "
                f"divergences {d.get('divergences')}  min ESS {d.get('min_ess')}",
                flush=True,
            )
    print(f"load average now: {os.getloadavg()[0]:.1f} (on {os.cpu_count()} cores)")


if __name__ == "__main__":
    main()
