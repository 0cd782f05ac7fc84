"""Health check: does a channel's effect arrive later than its geometric carry-over lets it?

A geometric kernel puts a channel's peak effect in the week of spend. When the true effect peaks a week or two
later, the fitted model over-predicts in the weeks of spend and under-predicts one to two weeks after: the
residuals correlate negatively with the channel's spend in the same week and positively with its spend one or
two weeks earlier. Measured on ``generate(seed, delayed={"tv": (2.5, 0.35)})`` (seeds 1-3, Bayesian model):
same-week correlation -0.24 to -0.29 and two-week-lag correlation +0.33 to +0.38 for TV, while every channel of
the undelayed data stayed within +/-0.11. With about 200 weeks a correlation has a standard error of about 0.07,
so requiring both signs beyond ``LIMIT`` = 0.15 rarely fires by chance.
"""

from __future__ import annotations

from typing import Any

import numpy as np

__all__ = ["delayed_peak", "LIMIT"]

#: A same-week correlation below -LIMIT together with a 1-2 week lag correlation above +LIMIT flags a channel.
LIMIT = 0.15


def _corr(a: np.ndarray, b: np.ndarray) -> float:
    if np.ptp(a) == 0 or np.ptp(b) == 0:
        return 0.0
    return float(np.corrcoef(a, b)[0, 1])


def _lagged(x: np.ndarray, k: int) -> np.ndarray:
    return np.r_[np.zeros(k), x[: len(x) - k]] if k else x


def delayed_peak(model: Any) -> Any:
    """``carryover_shape`` check: REVIEW for geometric channels whose effect seems to peak after the week of
    spend (with the setting to try), PASS otherwise."""
    from mixwise.analysis.health import HealthCheck

    ds, params = model.dataset_, model.media_params_
    resid = ds.kpi - model.predict().mean(axis=0)
    flagged: list[str] = []
    strongest = 0.0
    for i, channel in enumerate(ds.channels):
        if params.adstock[i] != "geometric":
            continue
        x = ds.spend[:, i]
        same, later = _corr(resid, x), max(_corr(resid, _lagged(x, 1)), _corr(resid, _lagged(x, 2)))
        strongest = max(strongest, later - same)
        if same < -LIMIT and later > LIMIT:
            flagged.append(channel)
    if not flagged:
        return HealthCheck(
            "carryover_shape",
            "PASS",
            strongest,
            "No sign that a channel's effect peaks later than its carry-over allows.",
        )
    names = ", ".join(flagged)
    table = ", ".join(f'{c} = "weibull"' for c in flagged)
    return HealthCheck(
        "carryover_shape",
        "REVIEW",
        strongest,
        f"The model's errors rise one to two weeks after {names} spend: the effect may peak after the week of spend.",
        f"Refit the Bayesian model with a delayed-peak carry-over for {names}: adstock = {{{table}}} under [model] "
        "in mixwise.toml "
        "(or choose the channels on the app's Model page).",
        f"{names}'s effect may arrive later than the model assumes, so its ROI may be off.",
    )
