"""ROI recovery of Google Meridian (google-meridian 2.1.0) on mixwise's synthetic benchmark datasets.

Runs inside its own virtual environment (``benchmarks/peers/setup_meridian.sh`` creates
/work/peers/meridian-venv), never inside mixwise's. It reads the CSV/truth files written by
``benchmarks/peers/export.py`` and fits each dataset with Meridian's documented defaults:
national model (no geo column, population 1), ``kpi_type="revenue"``, media = media_spend = the
``*_spend`` columns, controls price and promo, ``ModelSpec()`` (ROI prior LogNormal(0.2, 0.9),
geometric adstock, Hill after adstock, max_lag 8, default knots), and
``sample_posterior(n_chains=7, n_adapt=500, n_burnin=500, n_keep=1000)`` from the user guide
(override with --chains/--adapt/--burnin/--keep). ROI per draw comes from
``Analyzer(mmm).roi(use_posterior=True)`` over all weeks (incremental revenue / spend), and the
metrics are the same as ``benchmarks/recovery.py``: MAPE of the posterior mean against the true
ROI, spend-weighted APE, share of true ROIs inside the central 90% interval, max R-hat,
divergences, fit wall seconds.

Each dataset is fitted in its own subprocess (one at a time); the JSON file is rewritten after
every dataset so partial runs keep their results.

Usage:
    /work/peers/meridian-venv/bin/python benchmarks/peers/meridian_recovery.py \\
        --data /tmp/mixwise-peers --json-out benchmarks/peers/meridian_results.json
    ... meridian_recovery.py --only s1 --chains 2 --keep 500       # a quicker check
    ... meridian_recovery.py --one s1                              # one fit in-process, JSON line
"""

from __future__ import annotations

import argparse
import json
import platform
import subprocess
import sys
import time
from importlib import metadata
from pathlib import Path
from typing import Any

import numpy as np

DATASETS = ("s1", "s2", "s3", "s4", "s5", "ten", "weak")
CONTROLS = ["price", "promo"]
PINNED = ("google-meridian", "jax", "jaxlib", "tfp-nightly", "tensorflow", "numpy", "pandas", "xarray", "arviz")
DOC_SAMPLER = {"n_chains": 7, "n_adapt": 500, "n_burnin": 500, "n_keep": 1000}


def load(data_dir: Path, name: str) -> tuple[Any, list[str], dict[str, Any]]:
    """Read ``<name>.csv`` and ``<name>.truth.json``; returns (frame, channels, truth)."""
    import pandas as pd

    frame = pd.read_csv(data_dir / f"{name}.csv")
    truth = json.loads((data_dir / f"{name}.truth.json").read_text())
    channels = [c[: -len("_spend")] for c in frame.columns if c.endswith("_spend")]
    return frame, channels, truth


def trend_fourier(dates: Any, n_fourier: int = 2) -> dict[str, np.ndarray]:
    """Linear trend (0 to 1) and yearly Fourier terms sin/cos(2 pi k doy / 365.25), k = 1..n_fourier.

    The same baseline terms mixwise's BayesianMMM uses (trend + 2 Fourier pairs); columns named
    trend, sin_1, cos_1, sin_2, cos_2.
    """
    import pandas as pd

    dates = pd.to_datetime(dates)
    doy = np.asarray(dates.dt.day_of_year, dtype=float) / 365.25
    out = {"trend": np.arange(len(dates)) / max(len(dates) - 1, 1)}
    for k in range(1, n_fourier + 1):
        out[f"sin_{k}"] = np.sin(2 * np.pi * k * doy)
        out[f"cos_{k}"] = np.cos(2 * np.pi * k * doy)
    return out


def build_input(frame: Any, channels: list[str], controls: list[str] | None = None) -> Any:
    """Meridian InputData for a national revenue model (no geo column -> national, population 1).

    ``controls`` defaults to price and promo; names from :func:`trend_fourier` are computed here.
    """
    from meridian.data import data_frame_input_data_builder as dfb

    controls = controls or CONTROLS
    df = frame.rename(columns={"date": "time"})
    extra = trend_fourier(df["time"])
    df = df.assign(**{k: v for k, v in extra.items() if k in controls})
    spend_cols = [f"{c}_spend" for c in channels]
    builder = (
        dfb.DataFrameInputDataBuilder(kpi_type="revenue")
        .with_kpi(df, kpi_col="sales")
        .with_controls(df, control_cols=controls)
        .with_media(df, media_cols=spend_cols, media_spend_cols=spend_cols, media_channels=channels)
    )
    return builder.build()


def diagnostics(mmm: Any, analyzer: Any) -> tuple[float, int]:
    """Max R-hat over all parameters and the number of divergent transitions."""
    rhats = analyzer.get_rhat()
    max_rhat = float(max(np.nanmax(np.asarray(v)) for v in rhats.values()))
    stats = mmm.inference_data.sample_stats
    divergences = int(np.asarray(stats["diverging"]).sum()) if "diverging" in stats else -1
    return max_rhat, divergences


def run_one(
    data_dir: Path, name: str, sampler: dict[str, int], seed: int, aks: bool = False, with_trend_fourier: bool = False
) -> dict[str, Any]:
    """Fit one dataset in this process and return its metrics and raw intervals.

    Two non-default sensitivity variants (the headline run uses neither): ``aks=True`` sets
    ``ModelSpec(enable_aks=True)`` (Meridian's documented Automatic Knot Selection for time effects)
    instead of the national default of a single knot; ``with_trend_fourier=True`` adds a linear trend
    and two yearly Fourier pairs as extra controls (Meridian's documented "periodic functions"
    alternative for time effects; the same baseline terms mixwise fits), knots left at the default.
    """
    import warnings

    warnings.simplefilter("ignore")
    import meridian
    from meridian.analysis import analyzer as an
    from meridian.model import model, spec

    frame, channels, truth_doc = load(data_dir, name)
    controls = CONTROLS + (list(trend_fourier(frame["date"])) if with_trend_fourier else [])
    data = build_input(frame, channels, controls)
    model_spec = spec.ModelSpec(enable_aks=True) if aks else spec.ModelSpec()
    mmm = model.Meridian(input_data=data, model_spec=model_spec)
    start = time.perf_counter()
    mmm.sample_posterior(**sampler, seed=seed)
    fit_seconds = time.perf_counter() - start
    analyzer = an.Analyzer(mmm)
    roi = np.asarray(analyzer.roi(use_posterior=True))  # (n_chains, n_keep, n_channels)
    roi = roi.reshape(-1, roi.shape[-1])
    order = [str(c) for c in mmm.input_data.media_channel.values]
    if order != channels:
        raise RuntimeError(f"Meridian channel order {order} differs from the CSV order {channels}")
    max_rhat, divergences = diagnostics(mmm, analyzer)
    n_knots = int(mmm.knot_info.n_knots)

    truth = np.array([truth_doc["channels"][c]["roi"] for c in channels])
    spend = frame[[f"{c}_spend" for c in channels]].to_numpy().sum(0)
    mean = roi.mean(0)
    lo, hi = np.quantile(roi, [0.05, 0.95], axis=0)
    ape = np.abs(mean - truth) / truth
    versions = {"python": platform.python_version(), "meridian.__version__": meridian.__version__}
    versions.update({pkg: metadata.version(pkg) for pkg in PINNED})
    return {
        "dataset": name,
        "n_weeks": len(frame),
        "n_channels": len(channels),
        "channels": channels,
        "fit_seconds": fit_seconds,
        "mape": float(ape.mean()),
        "spend_weighted_ape": float((ape * spend).sum() / spend.sum()),
        "coverage": float(np.mean((truth >= lo) & (truth <= hi))),
        "max_rhat": max_rhat,
        "divergences": divergences,
        "n_draws": int(roi.shape[0]),
        "n_knots": n_knots,
        "truth": truth.round(3).tolist(),
        "mean": mean.round(3).tolist(),
        "lower": lo.round(3).tolist(),
        "upper": hi.round(3).tolist(),
        "spend": spend.round(2).tolist(),
        "settings": {
            "model_spec": "ModelSpec() defaults (media_prior_type roi, ROI prior LogNormal(0.2, 0.9), "
            "geometric adstock, Hill after adstock, max_lag 8, knots None -> 1 for national)"
            + (" except enable_aks=True (automatic knot selection)" if aks else ""),
            "kpi_type": "revenue",
            "controls": controls,
            "sampler": {**sampler, "seed": seed},
            "backend": "jax (2.1.0 default)",
        },
        "versions": versions,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", default="/tmp/mixwise-peers", help="folder written by export.py")
    parser.add_argument("--only", nargs="*", default=list(DATASETS), help="datasets to run")
    parser.add_argument("--one", help="fit one dataset in-process and print a JSON line")
    parser.add_argument("--json-out", help="write the raw per-dataset results here")
    parser.add_argument("--chains", type=int, default=DOC_SAMPLER["n_chains"])
    parser.add_argument("--adapt", type=int, default=DOC_SAMPLER["n_adapt"])
    parser.add_argument("--burnin", type=int, default=DOC_SAMPLER["n_burnin"])
    parser.add_argument("--keep", type=int, default=DOC_SAMPLER["n_keep"])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--aks", action="store_true", help="non-default: ModelSpec(enable_aks=True)")
    parser.add_argument("--trend-fourier", action="store_true", help="non-default: trend + 2 Fourier pairs as controls")
    args = parser.parse_args()
    data_dir = Path(args.data)
    sampler = {"n_chains": args.chains, "n_adapt": args.adapt, "n_burnin": args.burnin, "n_keep": args.keep}
    if args.one:
        print(json.dumps(run_one(data_dir, args.one, sampler, args.seed, args.aks, args.trend_fourier)))
        return

    rows: list[dict[str, Any]] = []
    print(
        f"{'dataset':8} {'weeks':>5} {'ch':>3} {'wall_s':>7} {'fit_s':>6} {'MAPE':>6} {'wMAPE':>6} "
        f"{'cover':>6} {'rhat':>6} {'div':>5} {'knots':>5}",
        flush=True,
    )
    for name in args.only:
        cmd = [sys.executable, __file__, "--one", name, "--data", str(data_dir), "--seed", str(args.seed)]
        cmd += ["--chains", str(args.chains), "--adapt", str(args.adapt)]
        cmd += ["--burnin", str(args.burnin), "--keep", str(args.keep)] + (["--aks"] if args.aks else [])
        cmd += ["--trend-fourier"] if args.trend_fourier else []
        start = time.perf_counter()
        proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
        wall = time.perf_counter() - start
        if proc.returncode != 0:
            print(f"{name:8} FAILED\n{proc.stderr[-3000:]}", flush=True)
            continue
        row = json.loads(proc.stdout.strip().splitlines()[-1])
        row["wall_seconds"] = wall
        rows.append(row)
        print(
            f"{name:8} {row['n_weeks']:5d} {row['n_channels']:3d} {wall:7.1f} {row['fit_seconds']:6.1f} "
            f"{row['mape']:6.1%} {row['spend_weighted_ape']:6.1%} {row['coverage']:6.0%} "
            f"{row['max_rhat']:6.3f} {row['divergences']:5d} {row['n_knots']:5d}",
            flush=True,
        )
        for key in ("truth", "mean", "lower", "upper"):
            print(f"    {key:6} {row[key]}", flush=True)
        if args.json_out:
            Path(args.json_out).write_text(json.dumps({"datasets": rows}, indent=1))
    if not rows:
        return
    n_ch = sum(r["n_channels"] for r in rows)
    covered = sum(r["coverage"] * r["n_channels"] for r in rows)
    aggregate = {
        "n_datasets": len(rows),
        "n_channels": n_ch,
        "mean_mape": float(np.mean([r["mape"] for r in rows])),
        "mean_spend_weighted_ape": float(np.mean([r["spend_weighted_ape"] for r in rows])),
        "coverage": covered / n_ch,
        "divergences": sum(r["divergences"] for r in rows),
        "max_rhat": max(r["max_rhat"] for r in rows),
        "mean_wall_seconds": float(np.mean([r["wall_seconds"] for r in rows])),
        "max_wall_seconds": max(r["wall_seconds"] for r in rows),
    }
    print(
        f"\nAGGREGATE over {len(rows)} datasets ({n_ch} channels): mean ROI MAPE {aggregate['mean_mape']:.1%} "
        f"(spend-weighted {aggregate['mean_spend_weighted_ape']:.1%}), 90% coverage {aggregate['coverage']:.0%}, "
        f"max R-hat {aggregate['max_rhat']:.3f}, divergences {aggregate['divergences']}, "
        f"mean wall {aggregate['mean_wall_seconds']:.1f} s, max wall {aggregate['max_wall_seconds']:.1f} s"
    )
    if args.json_out:
        Path(args.json_out).write_text(json.dumps({"aggregate": aggregate, "datasets": rows}, indent=1))


if __name__ == "__main__":
    main()
