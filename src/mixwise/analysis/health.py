"""Model health: structured PASS / REVIEW / FAIL checks with a recommendation each.

In the spirit of Meridian's model reviewer. Checks (thresholds in :data:`THRESHOLDS`):

* ``convergence``: max R-hat, min effective sample size, divergences (``model.diagnostics_``);
  SKIP for point-estimate models (OLS).
* ``fit_in_sample``: R2 and MAPE of the mean prediction; ``fit_out_of_sample``: holdout MAPE when
  the model was fitted with a holdout (SKIP otherwise).
* ``negative_baseline``: share of draws in which baseline + trend + seasonality is below zero in any week.
* ``roi_plausibility``: channels whose mean ROI lies outside ``ROI_RANGE``.
* ``prior_posterior``: channels whose ROI posterior barely moved from its prior (``prior_roi_`` or the
  Bayesian model's ROI prior), or, without prior information, whose 90% interval is wider than twice
  its mean; SKIP for OLS.
* ``data_adequacy`` (weeks of history per parameter), ``collinearity`` (largest correlation between
  channels' spend), ``data_validation`` (non-PASS checks of the validation report, when given).
* ``residual_autocorrelation``: Durbin-Watson statistic of the mean residuals.
* ``carryover_shape``: geometric channels whose effect seems to peak after the week of spend
  (:mod:`mixwise.analysis.health_carryover`).

``HealthReport.caveats`` holds one short sentence per REVIEW/FAIL check, to attach to every answer.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from mixwise.analysis.fit import accuracy
from mixwise.analysis.health_carryover import delayed_peak
from mixwise.models.base import MMMBase

__all__ = ["HealthCheck", "HealthReport", "health", "ROI_RANGE", "THRESHOLDS"]

#: Plausible range of a channel's ROI (kpi per currency unit); outside it the estimate needs review.
ROI_RANGE = (0.05, 20.0)
#: (review, fail) thresholds of each numeric check.
THRESHOLDS: dict[str, tuple[float, float]] = {
    "max_rhat": (1.02, 1.1),
    "min_ess": (400.0, 100.0),
    "r2": (0.5, 0.2),
    "mape": (0.10, 0.20),
    "holdout_mape": (0.15, 0.30),
    "negative_baseline": (0.05, 0.20),
    "collinearity": (0.9, 0.97),
    "weeks_per_parameter": (5.0, 2.0),
}
_ORDER = {"SKIP": -1, "PASS": 0, "REVIEW": 1, "FAIL": 2}


@dataclass(frozen=True)
class HealthCheck:
    """One check: ``status`` PASS, REVIEW, FAIL or SKIP (not applicable), what was found, what to do."""

    check: str
    status: str
    value: float | None
    message: str
    recommendation: str = ""
    caveat: str = ""

    def __post_init__(self) -> None:
        if self.status not in _ORDER:
            raise ValueError(f"status must be one of {', '.join(_ORDER)}; received {self.status!r}.")


@dataclass(frozen=True)
class HealthReport:
    """All health checks of a fitted model.

    Attributes:
        checks: Every check in order; status: the worst status (PASS, REVIEW or FAIL).
        caveats: One short sentence per REVIEW/FAIL check.
        headline: One sentence.
    """

    checks: tuple[HealthCheck, ...]
    status: str
    caveats: tuple[str, ...]
    headline: str

    @property
    def table(self) -> pd.DataFrame:
        """Frame ``check, status, value, message, recommendation``."""
        return pd.DataFrame(
            [(c.check, c.status, c.value, c.message, c.recommendation) for c in self.checks],
            columns=["check", "status", "value", "message", "recommendation"],
        )

    def get(self, name: str) -> HealthCheck:
        """The check called ``name`` (KeyError if absent)."""
        for c in self.checks:
            if c.check == name:
                return c
        raise KeyError(name)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict."""
        return {
            "status": self.status,
            "checks": [
                {
                    "check": c.check,
                    "status": c.status,
                    "value": c.value,
                    "message": c.message,
                    "recommendation": c.recommendation,
                }
                for c in self.checks
            ],
            "caveats": list(self.caveats),
            "headline": self.headline,
        }


def _grade(value: float, name: str, higher_is_worse: bool = True) -> str:
    review, fail = THRESHOLDS[name]
    if higher_is_worse:
        return "FAIL" if value > fail else "REVIEW" if value > review else "PASS"
    return "FAIL" if value < fail else "REVIEW" if value < review else "PASS"


def _worst(*statuses: str) -> str:
    return max(statuses, key=_ORDER.__getitem__)


def _is_point_model(model: MMMBase) -> bool:
    d = getattr(model, "diagnostics_", {}) or {}
    return model.model_name == "ols" or d.get("max_rhat") is None


def _convergence(model: MMMBase) -> HealthCheck:
    d = getattr(model, "diagnostics_", {}) or {}
    if _is_point_model(model):
        return HealthCheck("convergence", "SKIP", None, "Not applicable: the model is not sampled (no MCMC).")
    rhat, ess, div = float(d["max_rhat"]), float(d.get("min_ess") or math.nan), int(d.get("divergences") or 0)
    n = model.media_params_.n_draws
    status = _worst(_grade(rhat, "max_rhat"), _grade(ess, "min_ess", False) if ess == ess else "PASS")
    if div:
        status = _worst(status, "FAIL" if div > 0.01 * n else "REVIEW")
    msg = f"Max R-hat {rhat:.3f}, min effective sample size {ess:.0f}, {div} divergent transitions."
    rec = "" if status == "PASS" else "Sample longer (draws=1000, warmup=1000) or raise target_accept to 0.95."
    return HealthCheck(
        "convergence",
        status,
        rhat,
        msg,
        rec,
        "" if status == "PASS" else "The sampler did not fully converge; treat intervals with care.",
    )


def _fit(model: MMMBase) -> list[HealthCheck]:
    acc = accuracy(model.dataset_.kpi, model.predict().mean(axis=0))
    r2, mape = acc["r2"], acc["mape"]
    status = _worst(_grade(r2, "r2", False) if r2 == r2 else "REVIEW", _grade(mape, "mape") if mape == mape else "PASS")
    out = [
        HealthCheck(
            "fit_in_sample",
            status,
            r2,
            f"R2 {r2:.3f}, MAPE {mape:.1%} in sample.",
            ""
            if status == "PASS"
            else "Add missing drivers as controls (price, promotions, events) or check the data for breaks.",
            ""
            if status == "PASS"
            else f"The model explains the history only moderately (R2 {r2:.2f}, MAPE {mape:.0%}).",
        )
    ]
    hold = (getattr(model, "holdout_metrics_", None) or {}).get("holdout_mape")
    hold = hold if hold is not None else (getattr(model, "diagnostics_", {}) or {}).get("holdout_mape")
    if hold is None or not math.isfinite(hold):
        out.append(
            HealthCheck(
                "fit_out_of_sample",
                "SKIP",
                None,
                "No holdout was used.",
                "Refit with holdout_weeks=13 to measure forecast accuracy.",
            )
        )
    else:
        s = _grade(float(hold), "holdout_mape")
        out.append(
            HealthCheck(
                "fit_out_of_sample",
                s,
                float(hold),
                f"Holdout MAPE {hold:.1%}.",
                ""
                if s == "PASS"
                else "Forecasts are less accurate than the fit suggests; prefer longer history or fewer free parameters.",
                "" if s == "PASS" else f"Out-of-sample error is {hold:.0%}: forecasts and what-ifs are uncertain.",
            )
        )
    return out


def _negative_baseline(model: MMMBase) -> HealthCheck:
    comps = model.base_components(model.dataset_.dates, model.dataset_.controls)
    base = comps["baseline"] + comps["trend"] + comps["seasonality"]
    share = float(np.mean(np.any(base < 0, axis=1)))
    s = _grade(share, "negative_baseline")
    return HealthCheck(
        "negative_baseline",
        s,
        share,
        f"Baseline below zero in some week in {share:.0%} of draws.",
        ""
        if s == "PASS"
        else "Media is probably over-credited: tighten ROI priors or add controls that explain the base.",
        "" if s == "PASS" else "The baseline goes negative in many draws, so media contributions may be overstated.",
    )


def _rois(model: MMMBase) -> np.ndarray:
    spend = model.dataset_.spend.sum(axis=0)
    contrib = model.media_contribution().sum(axis=1)  # (D, C)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(spend > 0, contrib / spend, np.nan)


def _roi_plausibility(model: MMMBase, rois: np.ndarray) -> HealthCheck:
    mean = np.nanmean(rois, axis=0)
    lo, hi = ROI_RANGE
    bad = [f"{ch} {m:.2f}" for ch, m in zip(model.channels_, mean, strict=True) if m == m and not lo <= m <= hi]
    status = "REVIEW" if bad else "PASS"
    if any(m > 5 * hi for m in mean if m == m):
        status = "FAIL"
    msg = (
        f"ROI outside {lo:g}..{hi:g}: {', '.join(bad)}." if bad else f"Every channel's ROI lies within {lo:g}..{hi:g}."
    )
    return HealthCheck(
        "roi_plausibility",
        status,
        float(np.nanmax(mean)) if np.isfinite(mean).any() else None,
        msg,
        ""
        if not bad
        else "Check those channels' spend data and consider an ROI prior from a lift test or industry benchmark.",
        "" if not bad else f"Implausible ROI for {', '.join(b.split()[0] for b in bad)}.",
    )


def _prior_posterior(model: MMMBase, rois: np.ndarray) -> HealthCheck:
    if _is_point_model(model) and getattr(model, "prior_roi_", None) is None:
        return HealthCheck("prior_posterior", "SKIP", None, "Not applicable: the model has no priors.")
    prior_sd = _prior_log_sd(model)
    channels = model.channels_
    if prior_sd is not None:
        post_sd = np.nanstd(np.log(np.clip(rois, 1e-12, None)), axis=0)
        ratio = post_sd / prior_sd
        weak = [ch for ch, r in zip(channels, ratio, strict=True) if r == r and r > 0.9]
        value, msg = float(np.nanmax(ratio)), "Posterior ROI spread vs prior spread (log scale), max {:.2f}."
    else:
        lo, hi = np.nanquantile(rois, [0.05, 0.95], axis=0)
        mean = np.nanmean(rois, axis=0)
        with np.errstate(divide="ignore", invalid="ignore"):
            width = (hi - lo) / np.abs(mean)
        weak = [ch for ch, w in zip(channels, width, strict=True) if w == w and w > 2]
        value, msg = float(np.nanmax(width)), "90% ROI interval width relative to the mean, max {:.2f}."
    msg = msg.format(value) + (f" Data barely informs: {', '.join(weak)}." if weak else "")
    return HealthCheck(
        "prior_posterior",
        "REVIEW" if weak else "PASS",
        value,
        msg,
        "" if not weak else "Vary those channels' spend (or run a lift test) before trusting their ROI.",
        "" if not weak else f"ROI of {', '.join(weak)} mostly reflects the prior, not the data.",
    )


def _prior_log_sd(model: MMMBase) -> np.ndarray | None:
    prior = getattr(model, "prior_roi_", None)
    if prior is not None:
        if isinstance(prior, dict):
            vals = [prior.get(ch) for ch in model.channels_]
            sds = [
                np.std(np.log(np.clip(v, 1e-12, None)))
                if np.ndim(v) == 1 and len(v) > 2
                else (v[1] / max(v[0], 1e-12) if v is not None else np.nan)
                for v in vals
            ]
            return np.asarray(sds, dtype=float)
        arr = np.asarray(prior, dtype=float)
        return np.std(np.log(np.clip(arr, 1e-12, None)), axis=0)
    design = getattr(model, "design_", None)
    arrays = getattr(design, "arrays", None) or {}
    if "roi_sigma" in arrays:
        return np.asarray(arrays["roi_sigma"], dtype=float).reshape(-1)
    return None


def _data_checks(model: MMMBase, report: Any) -> list[HealthCheck]:
    ds = model.dataset_
    n_params = 4 * ds.n_channels + len(ds.control_names) + 5
    wpp = ds.n_weeks / n_params
    s = _worst(
        _grade(wpp, "weeks_per_parameter", False),
        "FAIL" if ds.n_weeks < 52 else "REVIEW" if ds.n_weeks < 104 else "PASS",
    )
    out = [
        HealthCheck(
            "data_adequacy",
            s,
            float(wpp),
            f"{ds.n_weeks} weeks for about {n_params} parameters ({wpp:.1f} weeks per parameter).",
            "" if s == "PASS" else "Use at least two years of weekly data, or fewer channels (group small ones).",
            ""
            if s == "PASS"
            else f"Only {ds.n_weeks} weeks of data for {ds.n_channels} channels: estimates are uncertain.",
        )
    ]
    spend = ds.spend[:, ds.spend.std(axis=0) > 0]
    corr = np.corrcoef(spend.T) if spend.shape[1] > 1 else np.eye(1)
    np.fill_diagonal(corr, 0.0)
    top = float(np.abs(corr).max()) if corr.size else 0.0
    s = _grade(top, "collinearity")
    out.append(
        HealthCheck(
            "collinearity",
            s,
            top,
            f"Largest correlation between two channels' spend: {top:.2f}.",
            "" if s == "PASS" else "Channels moving together cannot be told apart: combine them or add ROI priors.",
            ""
            if s == "PASS"
            else f"Some channels' spend moves together (correlation {top:.2f}); their split is uncertain.",
        )
    )
    if report is None:
        out.append(HealthCheck("data_validation", "SKIP", None, "No validation report was given."))
        return out
    bad = [c for c in getattr(report, "checks", ()) if getattr(c, "status", "PASS") != "PASS"]
    s = "FAIL" if any(c.status == "FAIL" for c in bad) else "REVIEW" if bad else "PASS"
    out.append(
        HealthCheck(
            "data_validation",
            s,
            float(len(bad)),
            "; ".join(c.message for c in bad) if bad else "Every data check passed.",
            "; ".join(c.recommendation for c in bad if c.recommendation),
            "" if not bad else f"Data warnings: {', '.join(c.check for c in bad)}.",
        )
    )
    return out


def _durbin_watson(model: MMMBase) -> HealthCheck:
    e = model.dataset_.kpi - model.predict().mean(axis=0)
    dw = float(np.sum(np.diff(e) ** 2) / max(float(e @ e), 1e-300))
    s = "PASS" if 1.5 <= dw <= 2.5 else "REVIEW" if 1.0 <= dw <= 3.0 else "FAIL"
    return HealthCheck(
        "residual_autocorrelation",
        s,
        dw,
        f"Durbin-Watson {dw:.2f} (2 = no autocorrelation).",
        "" if s == "PASS" else "A driver is missing or the trend/seasonality is too rigid; add controls or events.",
        ""
        if s == "PASS"
        else f"Residuals are autocorrelated (Durbin-Watson {dw:.2f}), so intervals may be too narrow.",
    )


def health(model: MMMBase, report: Any = None) -> HealthReport:
    """Run every health check on a fitted model.

    Args:
        model: A fitted model.
        report: Optional data validation report (anything with ``.checks`` of objects with
            ``check``, ``status`` PASS/WARN/FAIL, ``message``, ``recommendation``).

    Returns:
        A :class:`HealthReport`.
    """
    model.check_fitted()
    rois = _rois(model)
    checks = [
        _convergence(model),
        *_fit(model),
        _negative_baseline(model),
        _roi_plausibility(model, rois),
        _prior_posterior(model, rois),
        *_data_checks(model, report),
        _durbin_watson(model),
        delayed_peak(model),
    ]
    active = [c for c in checks if c.status != "SKIP"]
    status = _worst("PASS", *(c.status for c in active))
    counts = {s: sum(c.status == s for c in active) for s in ("PASS", "REVIEW", "FAIL")}
    flagged = [c.check.replace("_", " ") for c in active if c.status in ("REVIEW", "FAIL")]
    headline = (
        f"Model health {status}: {counts['PASS']} checks pass, {counts['REVIEW']} to review, {counts['FAIL']} failed"
    )
    headline += f" ({', '.join(flagged)})." if flagged else "."
    caveats = tuple(c.caveat or c.message for c in active if c.status in ("REVIEW", "FAIL"))
    return HealthReport(tuple(checks), status, caveats, headline)
