"""The result of a what-if scenario and its one-sentence headline."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import pandas as pd

from mixwise.optimize.money import format_kpi, format_money

if TYPE_CHECKING:
    from mixwise.optimize.scenarios import Scenario

__all__ = ["ScenarioResult", "scenario_headline"]


@dataclass(frozen=True)
class ScenarioResult:
    """The effect of a scenario.

    Attributes:
        scenario: The scenario that was run.
        delta_kpi: ``{"mean", "lower", "upper"}`` total kpi change (window + carry-over tail).
        delta_kpi_pct: Mean change as a share of the reference kpi in the window.
        delta_spend: Spend after minus spend before, currency units.
        spend_before / spend_after: Total spend in the window.
        roi: delta_kpi mean / delta_spend (NaN when spend does not change).
        marginal_roi: Extra kpi per extra unit of spend on the changed channels after the scenario
            (a 1% increase), NaN when no channel spends.
        channels: Frame ``channel, spend_before, spend_after, delta_spend, delta_kpi, lower, upper,
            marginal_roi`` (one row per channel; delta_kpi sums to the total).
        level: Interval level (0.9 = 5%..95% quantiles over draws).
        window: ``"history"`` or ``"next N weeks"``; n_weeks: weeks in the window.
        headline: One sentence for every interface.
        notes: How the numbers were computed (window, carry-over, distribution of amounts).
    """

    scenario: Scenario
    delta_kpi: dict[str, float]
    delta_kpi_pct: float
    delta_spend: float
    spend_before: float
    spend_after: float
    roi: float
    marginal_roi: float
    channels: pd.DataFrame
    level: float
    window: str
    n_weeks: int
    kpi_name: str
    headline: str
    notes: tuple[str, ...] = field(default_factory=tuple)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict (keys used by the CLI, the agent and the app)."""
        return {
            "scenario": self.scenario.describe(),
            "window": self.window,
            "n_weeks": self.n_weeks,
            "kpi_name": self.kpi_name,
            "level": self.level,
            "delta_kpi": dict(self.delta_kpi),
            "delta_kpi_pct": self.delta_kpi_pct,
            "delta_spend": self.delta_spend,
            "spend_before": self.spend_before,
            "spend_after": self.spend_after,
            "roi": self.roi,
            "marginal_roi": self.marginal_roi,
            "channels": {
                row.channel: {
                    "spend_before": row.spend_before,
                    "spend_after": row.spend_after,
                    "delta_spend": row.delta_spend,
                    "delta_kpi": row.delta_kpi,
                    "lower": row.lower,
                    "upper": row.upper,
                    "marginal_roi": row.marginal_roi,
                }
                for row in self.channels.itertuples(index=False)
            },
            "headline": self.headline,
            "notes": list(self.notes),
        }


def scenario_headline(
    scenario: Scenario,
    kpi: str,
    window: str,
    n: int,
    dk: dict[str, float],
    pct: float,
    delta_spend: float,
    roi: float,
    level: float,
) -> str:
    """One sentence: the kpi change with its interval and share, and the spend it costs or saves.

    ``delta_spend`` is exactly 0.0 for a spend-neutral scenario (``run_scenario`` snaps floating residue);
    kpi amounts use :func:`~mixwise.optimize.money.format_kpi` (money only for money-like kpis), spend
    uses :func:`~mixwise.optimize.money.format_money`.
    """
    span = f"over the {n} weeks of history" if window == "history" else f"over the next {n} weeks"
    text = (
        f"Scenario ({scenario.describe()}) {span}: {kpi} would change by {format_kpi(dk['mean'], kpi, signed=True)} "
        f"({level:.0%} interval {format_kpi(dk['lower'], kpi)} to {format_kpi(dk['upper'], kpi)}"
    )
    text += f", {pct * 100:+.1f}%)" if math.isfinite(pct) else ")"
    if delta_spend != 0.0:
        verb = "for" if delta_spend > 0 else "while saving"
        text += f" {verb} {format_money(abs(delta_spend))} of spend"
        text += f" (scenario ROI {roi:.2f})" if math.isfinite(roi) else ""
    else:
        text += " for no change in total spend"
    return text + "."
