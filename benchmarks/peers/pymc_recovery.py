"""ROI recovery of PyMC-Marketing's MMM on mixwise's benchmark datasets (known truth).

Runs inside the peer venv (/work/peers/pymc-venv, made by ``benchmarks/peers/setup_pymc.sh``), never in
mixwise's own .venv. It reads the CSV + truth files written by ``benchmarks/peers/export.py`` and fits
``pymc_marketing.mmm.MMM`` with its documented defaults: ``GeometricAdstock(l_max=8)``,
``LogisticSaturation()``, default priors and max-abs scaling, ``yearly_seasonality=2``, controls ``price`` and
``promo``, pm.sample defaults (1000 tune + 1000 draws, default NUTS) with ``chains=4, cores=2`` and a fixed seed.

Metrics per dataset, as in ``benchmarks/recovery.py``: ROI per posterior draw per channel = the channel's
contribution in original units (``mmm.data.get_channel_contributions(period="all_time")``) summed over all
weeks / total spend; point estimate = posterior mean; MAPE = mean |mean - truth| / truth over channels;
spend-weighted APE; coverage of the central 90% interval (5%-95% quantiles); fit seconds (``mmm.fit``),
wall seconds (read CSV to ROI), max R-hat over the free parameters, min bulk ESS, divergences.

Results are merged into ``--json-out`` after every dataset, so a long run can be stopped and resumed.

Usage (from /work/main):
    /work/peers/pymc-venv/bin/python benchmarks/peers/pymc_recovery.py --only s1            # one dataset
    /work/peers/pymc-venv/bin/python benchmarks/peers/pymc_recovery.py                      # all 7
    /work/peers/pymc-venv/bin/python benchmarks/peers/pymc_recovery.py --chains 2 --tune 500 --draws 500
    /work/peers/pymc-venv/bin/python benchmarks/peers/pymc_recovery.py --table               # print table only
Options: --data DIR (default /tmp/mixwise-peers), --json-out FILE (default benchmarks/peers/pymc_results.json).
"""

from __future__ import annotations

import argparse
import json
import platform
import time
import warnings
from importlib.metadata import version
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

DATASETS = ("s1", "s2", "s3", "s4", "s5", "ten", "weak")
CONTROLS = ["price", "promo"]
PACKAGES = ("pymc-marketing", "pymc", "pytensor", "numpy", "pandas", "arviz", "arviz-stats", "numba", "xarray")


def diagnostics(idata: Any, free_vars: list[str]) -> dict[str, float]:
    """Max R-hat and min bulk ESS over the free parameters, and the divergence count."""
    import arviz as az

    post = idata.posterior.to_dataset() if hasattr(idata.posterior, "to_dataset") else idata.posterior
    post = post[[v for v in free_vars if v in post]]
    rhat = az.rhat(post)
    ess = az.ess(post, method="bulk")
    rhat_ds = rhat.to_dataset() if hasattr(rhat, "to_dataset") else rhat
    ess_ds = ess.to_dataset() if hasattr(ess, "to_dataset") else ess
    max_rhat = max(float(np.nanmax(rhat_ds[v].values)) for v in rhat_ds.data_vars)
    min_ess = min(float(np.nanmin(ess_ds[v].values)) for v in ess_ds.data_vars)
    stats = idata.sample_stats
    divergences = int(np.asarray(stats["diverging"]).sum()) if "diverging" in stats else -1
    return {"max_rhat": max_rhat, "min_ess": min_ess, "divergences": divergences}


def run_one(name: str, data_dir: Path, sampler: dict[str, Any], trend: bool = False) -> dict[str, Any]:
    """Fit one dataset with PyMC-Marketing and return its metrics.

    With ``trend`` the model also gets the trend term of PyMC-Marketing's ``add_mu_effect`` docstring
    example, ``LinearTrendEffect(trend=LinearTrend(n_changepoints=10), prefix="linear_trend")`` (a
    sensitivity run: the default MMM has no trend term).
    """
    from pymc_marketing.mmm import MMM, GeometricAdstock, LinearTrend, LogisticSaturation
    from pymc_marketing.mmm.additive_effect import LinearTrendEffect

    start = time.perf_counter()
    frame = pd.read_csv(data_dir / f"{name}.csv", parse_dates=["date"])
    truth_doc = json.loads((data_dir / f"{name}.truth.json").read_text())
    spend_cols = [c for c in frame.columns if c.endswith("_spend")]
    channels = [c.removesuffix("_spend") for c in spend_cols]
    mmm = MMM(
        date_column="date",
        channel_columns=spend_cols,
        target_column="sales",
        control_columns=CONTROLS,
        adstock=GeometricAdstock(l_max=8),
        saturation=LogisticSaturation(),
        yearly_seasonality=2,
    )
    if trend:
        mmm.add_mu_effect(LinearTrendEffect(trend=LinearTrend(n_changepoints=10), prefix="linear_trend"))
    x = frame.drop(columns=["sales"])
    y = frame["sales"]
    fit_start = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", (UserWarning, FutureWarning))
        idata = mmm.fit(x, y, progressbar=False, **sampler)
    fit_seconds = time.perf_counter() - fit_start

    contrib = mmm.data.get_channel_contributions(original_scale=True, period="all_time")
    contrib = contrib.transpose("chain", "draw", "channel").sel(channel=spend_cols)
    total = np.asarray(contrib.values).reshape(-1, len(spend_cols))  # (chains * draws, C)
    spend = frame[spend_cols].to_numpy().sum(0)
    roi = total / spend
    truth = np.array([truth_doc["channels"][c]["roi"] for c in channels])
    mean = roi.mean(0)
    lo, hi = np.quantile(roi, [0.05, 0.95], axis=0)
    ape = np.abs(mean - truth) / truth
    free_vars = [rv.name for rv in mmm.model.free_RVs]
    diag = diagnostics(idata, free_vars)
    return {
        "dataset": name,
        "n_weeks": len(frame),
        "n_channels": len(channels),
        "channels": channels,
        "wall_seconds": time.perf_counter() - start,
        "fit_seconds": fit_seconds,
        "mape": float(ape.mean()),
        "spend_weighted_ape": float((ape * spend).sum() / spend.sum()),
        "coverage": float(np.mean((truth >= lo) & (truth <= hi))),
        **diag,
        "n_draws_total": int(roi.shape[0]),
        "spend": spend.round(2).tolist(),
        "truth": truth.round(3).tolist(),
        "mean": mean.round(3).tolist(),
        "lower": lo.round(3).tolist(),
        "upper": hi.round(3).tolist(),
        "ape": ape.round(4).tolist(),
    }


def print_table(rows: list[dict[str, Any]], verbose: bool = False) -> None:
    """One line per dataset, then the aggregate (same definitions as benchmarks/recovery.py)."""
    print(
        f"{'dataset':8} {'weeks':>5} {'ch':>3} {'wall_s':>7} {'fit_s':>7} {'MAPE':>6} {'wMAPE':>6} {'cover':>6} "
        f"{'rhat':>6} {'ess':>6} {'div':>4}"
    )
    for r in rows:
        print(
            f"{r['dataset']:8} {r['n_weeks']:5d} {r['n_channels']:3d} {r['wall_seconds']:7.1f} {r['fit_seconds']:7.1f} "
            f"{r['mape']:6.1%} {r['spend_weighted_ape']:6.1%} {r['coverage']:6.0%} {r['max_rhat']:6.3f} "
            f"{r['min_ess']:6.0f} {r['divergences']:4d}"
        )
        if verbose:
            for key in ("truth", "mean", "lower", "upper"):
                print(f"    {key:6} {r[key]}")
    if not rows:
        return
    n_ch = sum(r["n_channels"] for r in rows)
    covered = sum(r["coverage"] * r["n_channels"] for r in rows)
    print(
        f"\nAGGREGATE over {len(rows)} datasets ({n_ch} channels): mean ROI MAPE "
        f"{np.mean([r['mape'] for r in rows]):.1%} (spend-weighted {np.mean([r['spend_weighted_ape'] for r in rows]):.1%}),"
        f" 90% coverage {covered / n_ch:.0%}, max R-hat {max(r['max_rhat'] for r in rows):.3f}, "
        f"divergences {sum(r['divergences'] for r in rows)}, mean fit {np.mean([r['fit_seconds'] for r in rows]):.1f} s, "
        f"max wall {max(r['wall_seconds'] for r in rows):.1f} s"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=Path("/tmp/mixwise-peers"), help="exported datasets")
    parser.add_argument("--json-out", type=Path, default=Path(__file__).with_name("pymc_results.json"))
    parser.add_argument("--only", nargs="*", default=list(DATASETS), help="datasets to run")
    parser.add_argument("--chains", type=int, default=4)
    parser.add_argument("--cores", type=int, default=2)
    parser.add_argument("--tune", type=int, default=1000)
    parser.add_argument("--draws", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=20261124)
    parser.add_argument("--trend", action="store_true", help="sensitivity run: add the documented LinearTrendEffect")
    parser.add_argument("--table", action="store_true", help="only print the table(s) of --json-out")
    parser.add_argument("--verbose", action="store_true", help="print per-channel truth and intervals")
    args = parser.parse_args()

    doc: dict[str, Any] = json.loads(args.json_out.read_text()) if args.json_out.exists() else {"results": {}}
    trend_doc = doc.setdefault("sensitivity_trend", {"results": {}})
    if not args.table:
        sampler = {
            "chains": args.chains,
            "cores": args.cores,
            "tune": args.tune,
            "draws": args.draws,
            "random_seed": args.seed,
        }
        doc["versions"] = {p: version(p) for p in PACKAGES} | {"python": platform.python_version()}
        doc["model"] = {
            "class": "pymc_marketing.mmm.MMM",
            "adstock": "GeometricAdstock(l_max=8) default priors (alpha ~ Beta(1, 3))",
            "saturation": "LogisticSaturation() default priors (lam ~ Gamma(3, 1), beta ~ HalfNormal(2))",
            "yearly_seasonality": 2,
            "control_columns": CONTROLS,
            "scaling": "default (max-abs for target and channels)",
            "roi": "mmm.data.get_channel_contributions(original_scale=True, period='all_time') / total spend",
        }
        if args.trend:
            trend_doc["model_extra"] = (
                "mmm.add_mu_effect(LinearTrendEffect(trend=LinearTrend(n_changepoints=10), prefix='linear_trend'))"
                " (default LinearTrend priors: delta ~ Laplace(0, 0.25), no trend intercept)"
            )
        for name in args.only:
            row = run_one(name, args.data, sampler, trend=args.trend)
            row["sampler"] = sampler
            (trend_doc if args.trend else doc)["results"][name] = row
            args.json_out.write_text(json.dumps(doc, indent=1) + "\n")
            print(
                f"{name}: fit {row['fit_seconds']:.1f} s, MAPE {row['mape']:.1%}, cover {row['coverage']:.0%}",
                flush=True,
            )
    print("PyMC-Marketing MMM, documented defaults")
    print_table([doc["results"][n] for n in DATASETS if n in doc["results"]], verbose=args.verbose)
    if trend_doc["results"]:
        print("\nSensitivity: defaults + LinearTrendEffect(LinearTrend(n_changepoints=10))")
        print_table([trend_doc["results"][n] for n in DATASETS if n in trend_doc["results"]], verbose=args.verbose)


if __name__ == "__main__":
    main()
