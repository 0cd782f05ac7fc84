"""Decomposition of the kpi into base, control and media contributions."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from mixwise.analysis._common import check_level, fitted, summarize_draws

__all__ = ["contributions", "contribution_shares", "component_kind"]

_BASE = ("baseline", "trend", "seasonality")


def component_kind(model: Any, name: str) -> str:
    """``"base"``, ``"control"`` or ``"media"`` for a component name of ``model``."""
    if name in model.channels_:
        return "media"
    if name in model.dataset_.control_names:
        return "control"
    return "base"


def contributions(model: Any) -> pd.DataFrame:
    """Weekly decomposition (means over draws).

    Returns:
        Wide frame with columns ``date, baseline, trend, seasonality, <each control>, <each
        channel>, predicted, actual`` in kpi units; the components sum to ``predicted``.
    """
    model = fitted(model)
    ds = model.dataset_
    comps = model.components()
    frame = pd.DataFrame({"date": ds.dates})
    for name, draws in comps.items():
        frame[name] = draws.mean(axis=0)
    frame["predicted"] = sum(d for d in comps.values()).mean(axis=0)
    frame["actual"] = ds.kpi
    media = frame[list(model.channels_)].to_numpy().sum()
    share = media / frame["predicted"].sum() if frame["predicted"].sum() else float("nan")
    frame.attrs["headline"] = (
        f"Over {ds.n_weeks} weeks, paid media drove {share:.0%} of predicted {ds.kpi_name}; "
        "the rest came from baseline, trend, seasonality and controls."
    )
    return frame


def contribution_shares(model: Any, level: float = 0.9) -> pd.DataFrame:
    """Each component's share of total predicted kpi over the window, with intervals.

    Returns:
        Frame with columns ``component, kind, contribution, share, lower, upper``: kind is
        ``base``/``control``/``media``; contribution is the mean total over the window; share,
        lower and upper summarise ``component total / predicted total`` per draw. Controls can have
        negative shares (e.g. a price above zero lowers sales relative to a zero reference).
    """
    level = check_level(level)
    model = fitted(model)
    comps = model.components()
    totals = {name: d.sum(axis=1) for name, d in comps.items()}  # (D,)
    grand = sum(totals.values())
    rows = []
    for name, tot in totals.items():
        with np.errstate(divide="ignore", invalid="ignore"):
            share_draws = tot / grand
        mean, lower, upper = summarize_draws(share_draws[:, None], level)
        rows.append(
            {
                "component": name,
                "kind": component_kind(model, name),
                "contribution": float(tot.mean()),
                "share": float(mean[0]),
                "lower": float(lower[0]),
                "upper": float(upper[0]),
            }
        )
    frame = pd.DataFrame(rows, columns=["component", "kind", "contribution", "share", "lower", "upper"])
    media = frame[frame["kind"] == "media"]
    media_share = media["share"].sum()
    top = media.loc[media["share"].idxmax()] if not media.empty else None
    text = f"Paid media drove {media_share:.0%} of predicted {model.dataset_.kpi_name}"
    if top is not None:
        text += f", led by {top['component']} at {top['share']:.0%}"
    frame.attrs["headline"] = text + "."
    return frame
