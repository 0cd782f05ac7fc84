"""ROI recovery benchmark for BayesianMMM on synthetic data with known truth.

Each dataset is fitted in its own subprocess (so wall time and peak memory are per fit; the JAX
compile cache is shared, so only the first fit of each shape compiles; ``--cold`` gives every
fit a fresh cache). Per dataset it prints:
wall time of the fit process, fit seconds, ROI MAPE (posterior mean vs true ROI), the share of
true ROIs inside the 90% interval, max R-hat, min ESS, divergences, peak RSS, and the MAPE of an
"oracle" least-squares fit that knows the true adstock/saturation parameters (the information
floor: the noise alone makes the best possible estimate that far off) and the "floor": the
posterior-mean MAPE the Bayesian model would reach with the true curves and its default ROI prior
(:func:`bayes_floor_roi`). Then the aggregate.

Usage:
    .venv/bin/python benchmarks/recovery.py                  # all datasets, default settings
    .venv/bin/python benchmarks/recovery.py --only s1 weak   # some datasets
    .venv/bin/python benchmarks/recovery.py --one s1         # one dataset in-process, JSON line
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

TEN = ("tv", "radio", "digital", "print", "search", "social", "ooh", "video", "audio", "email")

#: name -> arguments of mixwise.data.synthetic.generate
DATASETS: dict[str, dict[str, Any]] = {
    **{f"s{seed}": {"seed": seed} for seed in range(1, 6)},
    "ten": {"seed": 11, "n_weeks": 156, "channels": TEN},
    "weak": {"seed": 12, "signal": 0.3},
}


def oracle_roi(syn: Any) -> np.ndarray:
    """Least-squares ROI with the true decay, half-saturation and slope known (linear part only)."""
    from mixwise.models.bayes_design import fourier_features
    from mixwise.transforms.adstock import geometric_adstock
    from mixwise.transforms.saturation import hill

    ds, tr = syn.dataset, syn.truth["channels"]
    p = {k: np.array([tr[c][k] for c in ds.channels]) for k in ("decay", "half_saturation", "slope")}
    sat = hill(geometric_adstock(ds.spend, p["decay"], syn.truth["max_lag"]), p["half_saturation"], p["slope"])
    t = np.arange(ds.n_weeks) / (ds.n_weeks - 1)
    x = np.column_stack([np.ones(ds.n_weeks), t, fourier_features(ds.dates, 2), ds.controls, sat])
    coef = np.linalg.lstsq(x, ds.kpi, rcond=None)[0][-ds.n_channels :]
    return coef * sat.sum(0) / ds.spend.sum(0)


def bayes_floor_roi(syn: Any, n_proposals: int = 400_000, seed: int = 0) -> np.ndarray:
    """Posterior mean ROI of the Bayesian model if it knew the true curves and noise sd.

    Same scaling, linear-part priors (integrated out) and default ROI prior (LogNormal, median 1,
    sigma 1) as BayesianMMM, but decay, half-saturation, slope and sigma fixed at the truth. Given
    the curves, media is linear in ROI, so the likelihood of the ROI vector is Gaussian; the
    posterior mean comes from importance sampling (proposal: that Gaussian with doubled covariance,
    truncated to positive ROIs). Its MAPE is what the model would reach if the data pinned the
    curves down exactly, so the gap between the model and this figure is roughly what better
    curve priors could gain.
    """
    from mixwise.models.bayes_design import build_design
    from mixwise.models.priors import Priors
    from mixwise.transforms.adstock import geometric_adstock
    from mixwise.transforms.saturation import hill

    ds, tr = syn.dataset, syn.truth["channels"]
    priors = Priors()
    a = build_design(ds, max_lag=8, n_fourier=2, holdout_weeks=0, priors=priors, roi_priors={}, experiments=[]).arrays
    p = {k: np.array([tr[c][k] for c in ds.channels]) for k in ("decay", "half_saturation", "slope")}
    sat = hill(geometric_adstock(ds.spend, p["decay"], syn.truth["max_lag"]), p["half_saturation"], p["slope"])
    per_roi = sat * a["roi_factor"] / sat.sum(0)  # scaled weekly media per unit of ROI, (T, C)
    x, sd = a["X"], a["lin_sd"]
    noise = syn.truth["noise_sd"] / float(ds.kpi.mean())
    prec = np.linalg.inv(noise**2 * np.eye(ds.n_weeks) + (x * sd**2) @ x.T)
    resid = a["y"] - x @ a["lin_mean"]
    info = per_roi.T @ prec @ per_roi
    mean = np.linalg.solve(info, per_roi.T @ prec @ resid)
    cov = 2.0 * np.linalg.inv(info)
    draws = np.random.default_rng(seed).multivariate_normal(mean, cov, n_proposals)
    draws = draws[(draws > 0).all(axis=1)]
    dev = draws - mean
    log_q = -0.5 * np.sum((dev @ np.linalg.inv(cov)) * dev, axis=1)
    log_lik = -0.5 * np.sum((dev @ info) * dev, axis=1)
    log_roi = np.log(draws)
    log_prior = np.sum(-log_roi - 0.5 * np.square((log_roi - priors.roi.mu) / priors.roi.sigma), axis=1)
    log_w = log_lik + log_prior - log_q
    w = np.exp(log_w - log_w.max())
    return (w[:, None] * draws).sum(axis=0) / w.sum()


def lift_tests(syn: Any, start: int = 60, weeks: int = 12, rel_se: float = 0.15) -> list[dict[str, Any]]:
    """One lift test per channel: its true incremental kpi over ``weeks`` weeks from week ``start``,
    with a standard error of ``rel_se`` of the lift (what a well-run geo experiment reports)."""
    from mixwise.transforms.adstock import geometric_adstock
    from mixwise.transforms.saturation import hill

    ds, tr = syn.dataset, syn.truth["channels"]
    p = {k: np.array([tr[c][k] for c in ds.channels]) for k in ("decay", "half_saturation", "slope", "coef")}
    weekly = p["coef"] * hill(
        geometric_adstock(ds.spend, p["decay"], syn.truth["max_lag"]), p["half_saturation"], p["slope"]
    )
    window = slice(start, start + weeks)
    return [
        {
            "channel": ch,
            "start": str(ds.dates[start].date()),
            "end": str(ds.dates[start + weeks - 1].date()),
            "lift": float(weekly[window, i].sum()),
            "se": max(rel_se * float(weekly[window, i].sum()), 1000.0),
        }
        for i, ch in enumerate(ds.channels)
    ]


def run_one(name: str, settings: dict[str, Any], with_lift_tests: bool = False) -> dict[str, Any]:
    """Fit one dataset in this process and return its metrics."""
    import resource
    import warnings

    from mixwise.data.synthetic import generate
    from mixwise.models.bayesian import BayesianMMM

    syn = generate(**DATASETS[name])
    if with_lift_tests:
        settings = {**settings, "experiments": lift_tests(syn)}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        model = BayesianMMM(**settings).fit(syn.dataset)
    roi = model.posterior_["roi"]
    truth = np.array([syn.truth["channels"][c]["roi"] for c in syn.dataset.channels])
    mean = roi.mean(0)
    lo, hi = np.quantile(roi, [0.05, 0.95], axis=0)
    ape = np.abs(mean - truth) / truth
    spend = syn.dataset.spend.sum(0)
    oracle = oracle_roi(syn)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    cpu_seconds = sum(resource.getrusage(resource.RUSAGE_SELF)[:2])
    floor = bayes_floor_roi(syn)
    return {
        "dataset": name,
        "n_weeks": syn.dataset.n_weeks,
        "n_channels": syn.dataset.n_channels,
        "fit_seconds": model.fit_seconds_,
        "mape": float(ape.mean()),
        "spend_weighted_ape": float((ape * spend).sum() / spend.sum()),
        "coverage": float(np.mean((truth >= lo) & (truth <= hi))),
        "oracle_mape": float(np.mean(np.abs(oracle - truth) / truth)),
        "floor_mape": float(np.mean(np.abs(floor - truth) / truth)),
        "max_rhat": model.diagnostics_["max_rhat"],
        "min_ess": model.diagnostics_["min_ess"],
        "divergences": model.diagnostics_["divergences"],
        "peak_mb": peak_mb,
        "cpu_seconds": cpu_seconds,
        "truth": truth.round(3).tolist(),
        "mean": mean.round(3).tolist(),
        "lower": lo.round(3).tolist(),
        "upper": hi.round(3).tolist(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--one", help="fit one dataset in-process and print a JSON line")
    parser.add_argument("--only", nargs="*", default=list(DATASETS), help="datasets to run")
    parser.add_argument("--settings", default="{}", help="JSON hyper-parameters for BayesianMMM")
    parser.add_argument("--lift-tests", action="store_true", help="calibrate with one lift test per channel")
    parser.add_argument("--cold", action="store_true", help="fresh JAX compile cache for every dataset")
    parser.add_argument("--verbose", action="store_true", help="print per-channel truth and intervals")
    args = parser.parse_args()
    settings = json.loads(args.settings)
    if args.one:
        print(json.dumps(run_one(args.one, settings, args.lift_tests)))
        return

    env = dict(os.environ)
    env.setdefault("MIXWISE_CACHE_DIR", str(Path.home() / ".cache" / "mixwise"))
    rows = []
    header = (
        f"{'dataset':8} {'weeks':>5} {'ch':>3} {'wall_s':>7} {'fit_s':>6} {'MAPE':>6} {'wMAPE':>6} {'cover':>6} "
        f"{'oracle':>7} {'floor':>6} {'rhat':>6} {'ess':>6} {'div':>4} {'peakMB':>7} {'cpu_s':>6}"
    )
    print(header)
    for name in args.only:
        cold_dir = tempfile.mkdtemp(prefix="mixwise-recovery-") if args.cold else None
        if cold_dir:
            env["MIXWISE_CACHE_DIR"] = cold_dir
        start = time.perf_counter()
        proc = subprocess.run(
            [sys.executable, __file__, "--one", name, "--settings", json.dumps(settings)]
            + (["--lift-tests"] if args.lift_tests else []),
            capture_output=True,
            text=True,
            env=env,
            check=False,
        )
        wall = time.perf_counter() - start
        if cold_dir:
            shutil.rmtree(cold_dir, ignore_errors=True)
        if proc.returncode != 0:
            print(f"{name:8} FAILED\n{proc.stderr[-2000:]}")
            continue
        row = json.loads(proc.stdout.strip().splitlines()[-1])
        row["wall_seconds"] = wall
        rows.append(row)
        print(
            f"{name:8} {row['n_weeks']:5d} {row['n_channels']:3d} {wall:7.1f} {row['fit_seconds']:6.1f} "
            f"{row['mape']:6.1%} {row['spend_weighted_ape']:6.1%} {row['coverage']:6.0%} {row['oracle_mape']:7.1%} {row['floor_mape']:6.1%} "
            f"{row['max_rhat']:6.3f} {row['min_ess']:6.0f} {row['divergences']:4d} {row['peak_mb']:7.0f} "
            f"{row['cpu_seconds']:6.1f}",
            flush=True,
        )
        if args.verbose:
            for key in ("truth", "mean", "lower", "upper"):
                print(f"    {key:6} {row[key]}")
    if not rows:
        return
    n_ch = sum(r["n_channels"] for r in rows)
    covered = sum(r["coverage"] * r["n_channels"] for r in rows)
    print(
        f"\nAGGREGATE over {len(rows)} datasets ({n_ch} channels): mean ROI MAPE "
        f"{np.mean([r['mape'] for r in rows]):.1%} (spend-weighted {np.mean([r['spend_weighted_ape'] for r in rows]):.1%};"
        f" oracle {np.mean([r['oracle_mape'] for r in rows]):.1%}, floor {np.mean([r['floor_mape'] for r in rows]):.1%}),"
        f" 90% coverage {covered / n_ch:.0%}, "
        f"max R-hat {max(r['max_rhat'] for r in rows):.3f}, divergences {sum(r['divergences'] for r in rows)}, "
        f"peak {max(r['peak_mb'] for r in rows):.0f} MB, max wall {max(r['wall_seconds'] for r in rows):.1f} s"
    )


if __name__ == "__main__":
    main()
