"""Benchmark of the offline question router on the held-out labelled questions.

Prints intent accuracy, entity exact-match accuracy (channels, pct, amount and period all equal to the labels) and
milliseconds per question, then the misses. Follow-up questions are routed after their context question.

    .venv/bin/python benchmarks/router.py            # held-out part (the benchmark)
    .venv/bin/python benchmarks/router.py --train    # training part (a sanity check, not a benchmark)
    .venv/bin/python benchmarks/router.py --file questions_blind.jsonl --quiet   # another labelled file
    .venv/bin/python benchmarks/router.py --file questions_blind2.jsonl --quiet  # the second blind set

It also times ``mixwise route "tv roi?" --json`` as a whole process (skip with --no-process).
"""

from __future__ import annotations

import argparse
import json
import math
import statistics
import subprocess
import sys
import time
from pathlib import Path

from mixwise.agent.router import RouterContext, route
from mixwise.agent.router.classifier import load_classifier

DATA = Path(__file__).resolve().parents[1] / "src" / "mixwise" / "agent" / "data"


def _same(a: object, b: object) -> bool:
    if isinstance(a, float) and isinstance(b, float):
        return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)
    return a == b


def entities_match(result: dict, row: dict) -> bool:
    """Exact match of channels (in order), pct, amount and period."""
    return all(_same(result[k], row[k]) for k in ("channels", "pct", "amount", "period"))


def time_process(runs: int = 5) -> tuple[float, float] | None:
    """Median and max wall time (s) of ``mixwise route "tv roi?" --json`` as a whole process, or None."""
    exe = Path(sys.executable).with_name("mixwise")
    if not exe.exists():
        return None
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([str(exe), "route", "tv roi?", "--json"], check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times), max(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--train", action="store_true", help="score the training questions instead")
    parser.add_argument(
        "--file",
        help="labelled JSONL file to score (a path, or a name in mixwise/agent/data/), e.g. questions_blind.jsonl",
    )
    parser.add_argument("--quiet", action="store_true", help="do not list the misses")
    parser.add_argument("--no-process", action="store_true", help="skip timing the mixwise route process")
    args = parser.parse_args()
    path = DATA / ("questions_train.jsonl" if args.train else "questions_holdout.jsonl")
    if args.file:
        path = Path(args.file) if Path(args.file).exists() else DATA / args.file
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    load_classifier()  # load once, outside the timing (route() startup is timed separately)
    route("warm up")
    intent_ok = entity_ok = 0
    misses = []
    elapsed = 0.0
    for row in rows:
        context = None
        if row.get("context"):
            context = RouterContext()
            context.remember(route(row["context"]))
        start = time.perf_counter()
        result = route(row["question"], context=context).to_dict()
        elapsed += time.perf_counter() - start
        i_ok = result["intent"] == row["intent"]
        e_ok = entities_match(result, row)
        intent_ok += i_ok
        entity_ok += e_ok
        if not (i_ok and e_ok):
            misses.append((row, result))
    n = len(rows)
    print(f"questions: {n} ({path.name})")
    print(f"intent accuracy: {intent_ok / n:.1%} ({intent_ok}/{n})")
    print(f"entity exact match: {entity_ok / n:.1%} ({entity_ok}/{n})")
    print(f"ms per question: {1000 * elapsed / n:.2f}")
    timing = None if args.no_process else time_process()
    if timing:
        print(
            f'mixwise route "tv roi?" --json, whole process: median {timing[0]:.2f} s, max {timing[1]:.2f} s (5 runs)'
        )
    if not args.quiet:
        for row, result in misses:
            got = {k: result[k] for k in ("intent", "channels", "pct", "amount", "period")}
            want = {k: row[k] for k in ("intent", "channels", "pct", "amount", "period")}
            print(f"- {row['question']!r}\n    got  {got}\n    want {want}")


if __name__ == "__main__":
    main()
