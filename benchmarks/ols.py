"""Measure the OLS model: fit time, analysis time, ROI recovery on synthetic data, Robyn data.

Run: ``.venv/bin/python benchmarks/ols.py [--seeds 10]``. Prints measured figures only.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

import numpy as np
import pandas as pd
from scipy import stats

from mixwise import analysis as A
from mixwise.data.dataset import Dataset
from mixwise.data.synthetic import generate
from mixwise.models.ols import OLSMMM

ROBYN = Path(__file__).resolve().parents[2] / "shared" / "data" / "robyn" / "dt_simulated_weekly.csv"


def timed(func, repeat: int = 5) -> tuple[float, object]:
    times, out = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = func()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), out


def speed() -> None:
    ds = generate(seed=0).dataset
    sec, model = timed(lambda: OLSMMM().fit(ds))
    print(f"fit 208 weeks x 4 channels, 200 bootstrap draws: median {sec:.3f} s (bar: < 2 s)")
    for name, func in (
        ("roi", A.roi),
        ("marginal_roi", A.marginal_roi),
        ("contribution_shares", A.contribution_shares),
        ("response_curves (41 points)", A.response_curves),
        ("saturation", A.saturation),
        ("summarize", A.summarize),
    ):
        s, _ = timed(lambda f=func: f(model), repeat=3)
        print(f"  {name:<28} {s * 1000:7.1f} ms")


def recovery(seeds: int) -> None:
    for noise in (0.02, 0.04):
        rhos, errors, exact, covered = [], [], 0, []
        for seed in range(seeds):
            s = generate(seed=seed, noise=noise)
            frame = A.roi(OLSMMM().fit(s.dataset))
            est = frame["mean"].to_numpy()
            true = np.array([s.truth["channels"][ch]["roi"] for ch in s.dataset.channels])
            covered.append((frame["lower"].to_numpy() <= true) & (true <= frame["upper"].to_numpy()))
            rhos.append(stats.spearmanr(est, true)[0])
            errors.append(np.abs(est - true) / true)
            exact += int(np.array_equal(np.argsort(est), np.argsort(true)))
        err = np.median(np.array(errors), axis=0)
        print(
            f"noise {noise:.0%}, {seeds} seeds: exact ROI ranking {exact}/{seeds}, median Spearman "
            f"{np.median(rhos):.2f}, median |ROI error| per channel "
            + ", ".join(f"{ch} {e:.0%}" for ch, e in zip(("tv", "radio", "digital", "print"), err, strict=True))
            + f"; true ROI inside the 90% interval {np.mean(covered):.0%}"
        )


def robyn() -> None:
    if not ROBYN.exists():
        print(f"Robyn data not found at {ROBYN}: skipped")
        return
    frame = pd.read_csv(ROBYN, parse_dates=["DATE"])
    cols = ["tv_S", "ooh_S", "print_S", "facebook_S", "search_S"]
    ds = Dataset(
        frame["DATE"],
        frame["revenue"].to_numpy(float),
        frame[cols].to_numpy(float),
        ("tv", "ooh", "print", "facebook", "search"),
        frame[["competitor_sales_B"]].to_numpy(float),
        ("competitor_sales_B",),
        "revenue",
    )
    sec, model = timed(lambda: OLSMMM().fit(ds), repeat=3)
    r = A.roi(model)
    print(
        f"Robyn simulated weekly ({ds.n_weeks} weeks x {ds.n_channels} channels): fit {sec:.3f} s, "
        f"R2 {model.fit_stats_['r2']:.3f}, ROI "
        + ", ".join(f"{c} {m:.2f}" for c, m in zip(r["channel"], r["mean"], strict=True))
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seeds", type=int, default=10)
    args = parser.parse_args()
    speed()
    recovery(args.seeds)
    robyn()


if __name__ == "__main__":
    main()
