"""Analyses over any fitted model: tidy frames with fixed columns and a one-sentence headline.

Every function takes a fitted :class:`~mixwise.models.base.MMMBase` and works on its draws, so
the OLS and the Bayesian model give tables with identical schemas.
"""

from __future__ import annotations

from mixwise.analysis.carryover import carryover, carryover_sentence, carryover_weights
from mixwise.analysis.contributions import contribution_shares, contributions
from mixwise.analysis.fit import fit_metrics, holdout_metrics
from mixwise.analysis.response import response_curve, response_curves, saturation
from mixwise.analysis.roi import marginal_roi, roi
from mixwise.analysis.summary import summarize

__all__ = [
    "roi",
    "marginal_roi",
    "contributions",
    "contribution_shares",
    "response_curve",
    "response_curves",
    "saturation",
    "carryover",
    "carryover_weights",
    "carryover_sentence",
    "fit_metrics",
    "holdout_metrics",
    "summarize",
]
