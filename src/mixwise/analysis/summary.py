"""One-call summary of a fitted model (the shape of ``mixwise fit --json``)."""

from __future__ import annotations

from typing import Any

from mixwise.analysis._common import fitted
from mixwise.analysis.carryover import carryover
from mixwise.analysis.contributions import contribution_shares
from mixwise.analysis.fit import fit_metrics
from mixwise.analysis.roi import marginal_roi, roi

__all__ = ["summarize"]

_DIAGNOSTICS = ("max_rhat", "min_ess", "divergences")


def _num(value: Any) -> float | None:
    try:
        out = float(value)
    except (TypeError, ValueError):
        return None
    return out if out == out and abs(out) != float("inf") else None


def _intervals(frame: Any) -> dict[str, dict[str, float | None]]:
    return {
        row.channel: {"mean": _num(row.mean), "lower": _num(row.lower), "upper": _num(row.upper)}
        for row in frame.itertuples(index=False)
    }


def summarize(model: Any, level: float = 0.9) -> dict[str, Any]:
    """Headline numbers of a fitted model as plain JSON-able values.

    Returns:
        ``{"model", "channels", "roi": {ch: {mean, lower, upper}}, "marginal_roi": {...},
        "contribution_share": {ch: fraction of predicted kpi}, "carryover": {ch: {kernel, mean_lag_weeks,
        peak_week, half_life_weeks}}, "fit": {r2, mape, holdout_mape},
        "diagnostics": {max_rhat, min_ess, divergences} (None where not applicable, e.g. OLS),
        "seconds": fit wall time, "headline": one sentence}``.
    """
    model = fitted(model)
    roi_frame = roi(model, level)
    shares = contribution_shares(model, level)
    media = shares[shares["kind"] == "media"]
    metrics = fit_metrics(model)
    diag = getattr(model, "diagnostics_", None) or {}
    return {
        "model": model.model_name,
        "channels": list(model.channels_),
        "roi": _intervals(roi_frame),
        "marginal_roi": _intervals(marginal_roi(model, level)),
        "contribution_share": {r.component: _num(r.share) for r in media.itertuples(index=False)},
        "carryover": {
            r.channel: {
                "kernel": r.kernel,
                "mean_lag_weeks": _num(r.mean_lag_weeks),
                "peak_week": int(r.peak_week),
                "half_life_weeks": _num(r.half_life_weeks),
            }
            for r in carryover(model, level).itertuples(index=False)
        },
        "fit": {k: _num(metrics.get(k)) for k in ("r2", "mape", "holdout_mape")},
        "diagnostics": {k: _num(diag.get(k)) for k in _DIAGNOSTICS},
        "seconds": _num(getattr(model, "fit_seconds_", None)),
        "headline": roi_frame.attrs.get("headline", ""),
    }
