"""Benchmark: load a 1,000,000-row daily geo CSV, aggregate to weekly national, validate.

Run: ``.venv/bin/python benchmarks/load.py [--days 1370] [--geos 730] [--messy]``. Generates the file in a
temporary folder (not timed), then times :func:`mixwise.data.load` end to end (read + detect
roles + parse + row checks + geo sum + daily-to-weekly + weekly checks + Dataset) and prints the
figures. The bar: under 10 s on a 2-core machine.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

from mixwise.data import load


def make_csv(path: Path, n_days: int, n_geos: int, seed: int = 0, messy: bool = False) -> int:
    """Write ``geo, date, sales, tv_spend, search_spend, social_spend, price, promo`` (one row per geo-day).

    ``messy``: a European export instead: ";" delimiter, d.m.Y dates and spend as "1.234,50 €" strings.
    """
    rng = np.random.default_rng(seed)
    dates = pd.date_range("2021-01-04", periods=n_days, freq="D")
    n = n_days * n_geos
    size = rng.uniform(0.5, 2.0, n_geos)
    frame = pd.DataFrame(
        {
            "geo": np.repeat([f"G{g:04d}" for g in range(n_geos)], n_days),
            "date": np.tile(dates.strftime("%Y-%m-%d"), n_geos),
            "sales": np.round(np.repeat(size, n_days) * rng.uniform(800, 1200, n), 2),
            "tv_spend": np.round(rng.uniform(0, 50, n) * (rng.random(n) < 0.6), 2),
            "search_spend": np.round(rng.uniform(5, 30, n), 2),
            "social_spend": np.round(rng.uniform(0, 20, n), 2),
            "price": np.round(rng.normal(1.0, 0.03, n), 3),
            "promo": (rng.random(n) < 0.1).astype(int),
        }
    )
    if messy:
        frame["date"] = np.tile(dates.strftime("%d.%m.%Y"), n_geos)
        for col in ("tv_spend", "search_spend", "social_spend"):
            text = pd.Series(frame[col].map("{:,.2f} €".format), dtype="string")
            frame[col] = text.str.replace(",", "_").str.replace(".", ",").str.replace("_", ".")
        frame.to_csv(path, index=False, sep=";", decimal=",")
    else:
        frame.to_csv(path, index=False)
    return n


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--days", type=int, default=1370)
    parser.add_argument("--geos", type=int, default=730)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--messy", action="store_true", help="European CSV: ';', d.m.Y dates, '1.234,50 €' spend")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "daily_geo.csv"
        t0 = time.perf_counter()
        n_rows = make_csv(path, args.days, args.geos, messy=args.messy)
        print(f"generated {n_rows:,} rows ({path.stat().st_size / 1e6:.0f} MB) in {time.perf_counter() - t0:.1f} s")
        timings = []
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            result = load(path, freq="W")
            timings.append(time.perf_counter() - t0)
        ds = result.dataset
        print(
            f"load + aggregate + validate: best {min(timings):.2f} s, median {np.median(timings):.2f} s "
            f"over {args.repeat} runs"
        )
        print(
            f"-> {ds.n_weeks} weeks x {ds.n_channels} channels, {result.n_geos} geos, "
            f"geo frame {len(result.geo_frame):,} rows; {result.report.headline}"
        )
        print("bar: < 10 s", "PASS" if min(timings) < 10 else "FAIL")


if __name__ == "__main__":
    main()
