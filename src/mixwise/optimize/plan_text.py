"""The allocation table and the plain-English headline of an :class:`~mixwise.optimize.plan.AllocationPlan`."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from mixwise.optimize.money import format_kpi, format_money

__all__ = ["build_frame", "headline_for"]


def build_frame(
    channels: tuple[str, ...],
    cur: np.ndarray,
    x: np.ndarray,
    lo: np.ndarray,
    hi: np.ndarray,
    locked: set[int],
    resp: Any,
) -> tuple[pd.DataFrame, list[str]]:
    """Allocation table and the list of binding bounds (``"tv (upper)"``).

    Returns:
        Frame ``channel, current, recommended, change, change_pct, lower_bound, upper_bound, bound,
        expected_kpi, roi, marginal_roi`` and the binding list.
    """
    tol = 1e-6 * max(float(x.sum()), 1.0)
    bound, binding = [], []
    for i, ch in enumerate(channels):
        if i in locked:
            tag = "locked"
        elif hi[i] - lo[i] <= tol:
            tag = "fixed"
        elif x[i] >= hi[i] - tol:
            tag = "upper"
        elif x[i] <= lo[i] + tol:
            tag = "lower"
        else:
            tag = ""
        bound.append(tag)
        if tag in ("upper", "lower", "fixed"):
            binding.append(f"{ch} ({tag})")
    kpi = resp.per_draw(x).mean(axis=0)
    with np.errstate(divide="ignore", invalid="ignore"):
        frame = pd.DataFrame(
            {
                "channel": list(channels),
                "current": cur,
                "recommended": x,
                "change": x - cur,
                "change_pct": np.where(cur > 0, (x - cur) / cur, np.nan),
                "lower_bound": lo,
                "upper_bound": hi,
                "bound": bound,
                "expected_kpi": kpi,
                "roi": np.where(x > 0, kpi / x, np.nan),
                "marginal_roi": resp.marginal(x),
            }
        )
    return frame, binding


def _moves(frame: pd.DataFrame, budget: float) -> str:
    tol = 0.005 * max(budget, 1.0)
    ups = frame[frame.change > tol].sort_values("change", ascending=False)
    downs = frame[frame.change < -tol].sort_values("change")
    parts = [f"{r.channel} +{format_money(r.change)}" for r in ups.head(2).itertuples()]
    parts += [f"{r.channel} -{format_money(-r.change)}" for r in downs.head(2).itertuples()]
    return ", ".join(parts)


def headline_for(p: dict[str, Any], target: float | None, margin: float | None) -> str:
    """One sentence for the plan described by the keyword arguments ``p`` of AllocationPlan."""
    frame: pd.DataFrame = p["allocation"]
    weeks, kpi, goal = p["weeks"], p["kpi_name"], p["goal"]
    lift, lvl = p["expected_lift"], p["level"]
    budget, cur_total = p["budget"], p["current_total"]
    span = f"over the next {weeks} weeks"
    lift_txt = (
        f"{format_kpi(lift['mean'], kpi, signed=True)} "
        f"({lvl:.0%} interval {format_kpi(lift['lower'], kpi)} to {format_kpi(lift['upper'], kpi)}"
        + (f"; {p['lift_pct'] * 100:+.1f}% of {kpi})" if p["lift_pct"] == p["lift_pct"] else ")")
    )
    moves = _moves(frame, budget)
    if goal == "kpi":
        if not moves:
            return (
                f"The current split of {format_money(budget)} {span} is already close to the best within the "
                f"bounds; reallocating changes {kpi} by {lift_txt}."
            )
        return f"Reallocating the {format_money(budget)} budget {span} ({moves}) is expected to change {kpi} by {lift_txt} vs the current split."
    if goal == "profit":
        return (
            f"For the most profit at a {margin:.0%} margin, spend {format_money(budget)} {span} "
            f"(vs {format_money(cur_total)} now{'; ' + moves if moves else ''}); {kpi} would change by {lift_txt}."
        )
    if goal == "target_kpi":
        return (
            f"Reaching {format_kpi(target, kpi)} {kpi} from media {span} needs about {format_money(budget)} "
            f"(vs {format_money(cur_total)} now{'; ' + moves if moves else ''})."
        )
    if goal == "target_roi":
        roi = p["expected_kpi"] / budget if budget else float("nan")
        return (
            f"The largest plan keeping ROI at or above {target:g} spends {format_money(budget)} {span} "
            f"(vs {format_money(cur_total)} now), for {format_kpi(p['expected_kpi'], kpi)} {kpi} from media "
            f"(ROI {roi:.2f})."
        )
    return (
        f"Spending until marginal ROI falls to {target:g} means {format_money(budget)} {span} "
        f"(vs {format_money(cur_total)} now{'; ' + moves if moves else ''}); {kpi} would change by {lift_txt}."
    )
