"""Answer latency on a cached model: in-process per question, and `mixwise ask` as a whole process.

Usage: .venv/bin/python benchmarks/ask.py [--model bayes|ols]

Bars (issue #5): a cached model answers any question in under 1 s (optimise under 3 s).
The first run fits and caches the model (not timed as an answer).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

QUESTIONS = (
    "What is the ROI of TV vs Digital?",
    "Which channels are saturated?",
    "What if we cut TV by 20%?",
    "What drove Q4?",
    "How should I split $2M next quarter?",
    "What will sales be next quarter?",
    "How good is the model?",
    "Give me an executive summary",
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--model", default="bayes")
    args = parser.parse_args()
    os.environ.pop("ANTHROPIC_API_KEY", None)

    from mixwise.agent.answer import answer
    from mixwise.agent.session import AnalystSession

    t0 = time.perf_counter()
    session = AnalystSession.from_source(None, model_name=args.model)
    _ = session.model
    print(f"load + fit-or-load ({args.model}): {time.perf_counter() - t0:.2f} s")
    for q in QUESTIONS:
        t = time.perf_counter()
        ans = answer(session, q)
        print(f"{time.perf_counter() - t:6.3f} s  {ans.intent:18s} {q}")

    exe = Path(sys.executable).parent / "mixwise"
    for q in (QUESTIONS[1], QUESTIONS[4]):
        t = time.perf_counter()
        subprocess.run(
            [str(exe), "ask", q, "--model", args.model, "--no-charts", "--quiet"], check=True, capture_output=True
        )
        print(f"process `mixwise ask` (cached model, no charts): {time.perf_counter() - t:.2f} s  {q}")


if __name__ == "__main__":
    main()
