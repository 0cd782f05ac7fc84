"""Write the recovery benchmark's datasets (and their truth) to CSV/JSON for peer libraries.

The peers (PyMC-Marketing, Google Meridian) run in their own virtual environments, outside this
project, so they read the same data from files instead of importing mixwise. Each dataset becomes
``<out>/<name>.csv`` (date, sales, <channel>_spend..., price, promo) and ``<out>/<name>.truth.json``
(``{"channels": {ch: {"roi", "decay", "half_saturation", "slope", "spend", "contribution"}}, ...}``).

Usage:
    .venv/bin/python benchmarks/peers/export.py --out /tmp/mixwise-peers
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from recovery import DATASETS  # noqa: E402

from mixwise.data.synthetic import generate  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", default="/tmp/mixwise-peers", help="folder to write into")
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    for name, kwargs in DATASETS.items():
        syn = generate(**kwargs)
        syn.frame.to_csv(out / f"{name}.csv", index=False)
        (out / f"{name}.truth.json").write_text(json.dumps(syn.truth, indent=1, default=float))
        print(f"{name}: {syn.dataset.n_weeks} weeks x {syn.dataset.n_channels} channels -> {out / (name + '.csv')}")


if __name__ == "__main__":
    main()
