"""Budget bounds (parsed from ``tv=0.8:1.2,print=0:50000``) and the :class:`AllocationPlan` result.

Bound syntax, one ``channel=LOW:HIGH`` per channel, comma separated:

* **Multiplicative** (times the channel's current spend in the period): plain numbers up to 10
  (``tv=0.8:1.2``), numbers with an ``x`` (``tv=0.5x:2x``) or percentages (``tv=-20%:+20%``).
* **Absolute** (currency, total over the period): a number above 10 or one with a money mark
  (``print=0:50000``, ``print=10k:$50k``).
* An empty side is open: ``tv=:1.5`` (no floor), ``search=20k:`` (no cap).

Defaults: a channel not named keeps within ``DEFAULT_BOUNDS`` = 0.3x..3x of its current spend; a
channel with no current spend stays at zero unless given bounds; locked channels keep their spend.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from mixwise.errors import ConfigError
from mixwise.optimize.money import parse_money

__all__ = ["DEFAULT_BOUNDS", "BoundSpec", "parse_bounds", "resolve_bounds", "AllocationPlan"]

#: Default multiplicative range around current spend for channels without explicit bounds.
DEFAULT_BOUNDS = (0.3, 3.0)


@dataclass(frozen=True)
class BoundSpec:
    """One channel's bounds: ``kind`` ``"mult"`` (times current) or ``"abs"`` (currency); None = open."""

    low: float | None
    high: float | None
    kind: str

    def __post_init__(self) -> None:
        if self.kind not in ("mult", "abs"):
            raise ConfigError(f"Bound kind must be 'mult' or 'abs'; received {self.kind!r}.")
        for side in (self.low, self.high):
            if side is not None and (not math.isfinite(side) or side < 0):
                raise ConfigError(f"Bounds must be finite and >= 0; received {side}.")
        if self.low is not None and self.high is not None and self.low > self.high:
            raise ConfigError(f"Lower bound {self.low:g} is above upper bound {self.high:g}; swap them.")


def _side(text: str) -> tuple[float | None, str | None]:
    """Value and kind hint (``mult``/``abs``/None) of one side of a bound."""
    t = text.strip().lower()
    if not t:
        return None, None
    if t.endswith("%"):
        try:
            return 1.0 + float(t[:-1]) / 100.0, "mult"
        except ValueError:
            raise ConfigError(f"Could not read bound '{text}'; write e.g. -20% or +20%.") from None
    if t.endswith("x"):
        try:
            return float(t[:-1]), "mult"
        except ValueError:
            raise ConfigError(f"Could not read bound '{text}'; write e.g. 0.5x or 2x.") from None
    value = parse_money(t, "bound")
    money_mark = any(ch in t for ch in "$€£km") or t.endswith("b") or t.endswith("bn")
    return value, ("abs" if money_mark or value > 10 else None)


def parse_bounds(text: str | dict[str, Any] | None) -> dict[str, BoundSpec]:
    """Parse ``"tv=0.8:1.2,print=0:50000"`` (or a dict ``{ch: "0.8:1.2"}``, ``{ch: (lo, hi)}`` read with
    the same rule, or ``{ch: (lo, hi, "mult"|"abs")}``).

    Returns:
        ``channel -> BoundSpec`` (channel names as typed; the optimiser resolves them).

    Raises:
        ConfigError: unreadable text, with an example of the syntax.
    """
    if not text:
        return {}
    items = text.items() if isinstance(text, dict) else (_pair(p) for p in str(text).split(",") if p.strip())
    out: dict[str, BoundSpec] = {}
    for name, value in items:
        if isinstance(value, BoundSpec):
            out[name] = value
            continue
        if isinstance(value, tuple | list):
            if len(value) == 3:
                out[name] = BoundSpec(value[0], value[1], value[2])
                continue
            nums = [v for v in value[:2] if v is not None]
            if all(isinstance(v, int | float) for v in nums):
                lo, hi = (None if v is None else float(v) for v in value[:2])
                out[name] = BoundSpec(lo, hi, "abs" if any(v > 10 for v in nums) else "mult")
                continue
            value = f"{'' if value[0] is None else value[0]}:{'' if value[1] is None else value[1]}"
        if ":" not in str(value):
            raise ConfigError(
                f"Could not read bounds for {name}: '{value}'. Write LOW:HIGH, e.g. tv=0.8:1.2 (times current) "
                "or print=0:50000 (currency)."
            )
        lo_text, hi_text = str(value).split(":", 1)
        (lo, lo_kind), (hi, hi_kind) = _side(lo_text), _side(hi_text)
        kinds = {k for k in (lo_kind, hi_kind) if k}
        if len(kinds) > 1:
            raise ConfigError(f"Bounds for {name} mix a multiplier and an amount ('{value}'); use one kind.")
        out[name] = BoundSpec(lo, hi, kinds.pop() if kinds else "mult")
    return out


def _pair(text: str) -> tuple[str, str]:
    if "=" not in text:
        raise ConfigError(
            f"Could not read bound '{text.strip()}'. Write CHANNEL=LOW:HIGH, e.g. tv=0.8:1.2 or print=0:50000."
        )
    name, value = text.split("=", 1)
    return name.strip(), value.strip()


def resolve_bounds(
    specs: dict[int, BoundSpec], locked: set[int], current: np.ndarray, cap: float
) -> tuple[np.ndarray, np.ndarray]:
    """Absolute (lower, upper) spend per channel for the period.

    Args:
        specs: Bounds by channel position.
        locked: Positions of locked channels (lower = upper = current).
        current: Current spend per channel for the period, shape (C,).
        cap: Upper value used for open upper sides (the largest budget considered).

    Returns:
        Two arrays of shape (C,).
    """
    lo = current * DEFAULT_BOUNDS[0]
    hi = current * DEFAULT_BOUNDS[1]
    for i, spec in specs.items():
        scale = current[i] if spec.kind == "mult" else 1.0
        lo[i] = 0.0 if spec.low is None else spec.low * scale
        hi[i] = cap if spec.high is None else spec.high * scale
    for i in locked:
        lo[i] = hi[i] = current[i]
    return lo, hi


@dataclass(frozen=True)
class AllocationPlan:
    """A recommended budget split for a period.

    Attributes:
        goal: ``kpi``, ``profit``, ``target_kpi``, ``target_roi`` or ``target_mroi``.
        weeks: Period length; budget: total recommended spend; current_total: current spend
            for the period (scaled to the budget when a different budget was asked).
        allocation: Frame ``channel, current, recommended, change, change_pct, lower_bound,
            upper_bound, bound, expected_kpi, roi, marginal_roi`` (period totals; marginal ROI at
            the recommended spend, kpi per currency unit).
        expected_kpi_current / expected_kpi: Media-driven kpi over the period (mean over draws).
        expected_lift: ``{"mean", "lower", "upper"}`` kpi gained vs the current split.
        lift_pct: Mean lift as a share of the kpi of the last ``weeks`` weeks.
        binding: Channels sitting on a bound (``"tv (upper)"``).
        headline: One sentence; notes: assumptions and fallbacks, in plain words.
    """

    goal: str
    weeks: int
    budget: float
    current_total: float
    allocation: pd.DataFrame
    expected_kpi_current: float
    expected_kpi: float
    expected_lift: dict[str, float]
    lift_pct: float
    binding: tuple[str, ...]
    level: float
    kpi_name: str
    headline: str
    notes: tuple[str, ...] = field(default_factory=tuple)
    solver: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict used by the CLI, the agent and the app."""
        return {
            "goal": self.goal,
            "weeks": self.weeks,
            "budget": self.budget,
            "current_total": self.current_total,
            "kpi_name": self.kpi_name,
            "level": self.level,
            "allocation": {
                row["channel"]: {k: v for k, v in row.items() if k != "channel"}
                for row in self.allocation.to_dict(orient="records")
            },
            "expected_kpi_current": self.expected_kpi_current,
            "expected_kpi": self.expected_kpi,
            "expected_lift": dict(self.expected_lift),
            "lift_pct": self.lift_pct,
            "binding": list(self.binding),
            "headline": self.headline,
            "notes": list(self.notes),
            "solver": dict(self.solver),
        }
