"""What-if scenarios: change channels' spend and read the kpi effect with its uncertainty.

A :class:`Scenario` is a frozen, self-validating list of :class:`Change` (a percentage, an amount,
or an absolute level for one channel) and :class:`Shift` (move money from one channel to another),
applied either to the historical window (every training week) or to a future plan of ``weeks``
weeks.

Conventions (documented, tested):

* **Window.** ``weeks=None``: the training weeks. ``weeks=N``: a future plan whose week ``k`` repeats
  the spend of week ``T - N + k`` of history (the last N weeks, wrapped around when N exceeds the
  history), preceded by the last ``max_lag`` weeks of real history so carry-over into the plan and
  saturation levels are realistic.
* **Amounts and levels are totals over the window.** ``print -50k`` removes 50,000 from print's
  total in the window, keeping its weekly pattern (every week scaled by the same factor); a channel
  with no spend in the window receives added money evenly across weeks. ``set tv=100k`` makes tv's
  window total 100,000.
* **Carry-over.** ``max_lag`` zero-spend weeks are appended after the window, so effects that land
  after the window ends are counted (and the result notes say so).
* **Spend-neutral scenarios.** A change of total spend below ``SPEND_NEUTRAL_TOL`` (1e-6) times the
  window's spend is floating-point residue (a shift): ``delta_spend`` is 0.0 and the scenario ROI NaN.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import pandas as pd

from mixwise.errors import ConfigError, UnknownChannelError
from mixwise.models.base import MMMBase
from mixwise.optimize.money import format_money, parse_amount_or_pct, parse_money
from mixwise.optimize.scenario_result import ScenarioResult, scenario_headline
from mixwise.transforms.media import media_contribution

__all__ = ["Change", "Shift", "Scenario", "ScenarioResult", "ScenarioChannelError", "run_scenario", "window_spend"]

ChangeKind = Literal["pct", "amount", "set"]

#: A total spend change below this share of the window's spend counts as none (delta_spend 0.0, ROI NaN).
SPEND_NEUTRAL_TOL = 1e-6


class ScenarioChannelError(UnknownChannelError, ConfigError):
    """An unknown channel in a scenario (both an :class:`UnknownChannelError` and a :class:`ConfigError`)."""


def _finite(value: float, what: str) -> float:
    value = float(value)
    if not math.isfinite(value):
        raise ConfigError(f"{what} must be a finite number; received {value}.")
    return value


@dataclass(frozen=True)
class Change:
    """A change to one channel's spend over the scenario window.

    Attributes:
        channel: Channel name (normalised name or the user's label).
        kind: ``"pct"`` (value is a fraction: -0.2 = cut 20%), ``"amount"`` (add/remove this much
            money in total), or ``"set"`` (make the window total equal to value).
        value: The fraction or the amount in currency units.
    """

    channel: str
    kind: ChangeKind
    value: float

    def __post_init__(self) -> None:
        if not str(self.channel).strip():
            raise ConfigError("A scenario change needs a channel name, e.g. tv=-20%.")
        if self.kind not in ("pct", "amount", "set"):
            raise ConfigError(f"Unknown change kind '{self.kind}'. Allowed: pct, amount, set.")
        value = _finite(self.value, f"The change to {self.channel}")
        object.__setattr__(self, "value", value)
        if self.kind == "pct" and value < -1.0:
            raise ConfigError(
                f"Cannot cut {self.channel} by {-value:.0%}: spend cannot go below zero. Use a cut of at most -100%."
            )
        if self.kind == "set" and value < 0:
            raise ConfigError(f"Cannot set {self.channel} to {format_money(value)}: spend must be >= 0.")

    def describe(self) -> str:
        """Plain words: ``tv -20%``, ``print -$50k``, ``tv set to $100k``."""
        if self.kind == "pct":
            return f"{self.channel} {self.value * 100:+.0f}%"
        if self.kind == "amount":
            return f"{self.channel} {'+' if self.value >= 0 else '-'}{format_money(abs(self.value))}"
        return f"{self.channel} set to {format_money(self.value)}"


@dataclass(frozen=True)
class Shift:
    """Move ``amount`` of spend from ``source`` to ``target`` over the window (total spend unchanged)."""

    source: str
    target: str
    amount: float

    def __post_init__(self) -> None:
        amount = _finite(self.amount, "The amount to shift")
        object.__setattr__(self, "amount", amount)
        if amount <= 0:
            raise ConfigError(
                f"The amount to shift from {self.source} to {self.target} must be > 0; received {amount}. "
                "Swap the channels to move money the other way."
            )
        if self.source.strip().lower() == self.target.strip().lower():
            raise ConfigError(f"Cannot shift money from {self.source} to itself; name two different channels.")

    def describe(self) -> str:
        """Plain words: ``move $50k from print to digital``."""
        return f"move {format_money(self.amount)} from {self.source} to {self.target}"


@dataclass(frozen=True)
class Scenario:
    """A what-if: changes and shifts applied over the historical window or a future plan.

    Attributes:
        changes: Per-channel changes, applied in order.
        shifts: Money moved between channels, applied after the changes.
        weeks: ``None`` for the historical window, else the length of a future plan (see module doc).
        name: Optional label.
    """

    changes: tuple[Change, ...] = ()
    shifts: tuple[Shift, ...] = ()
    weeks: int | None = None
    name: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "changes", tuple(self.changes))
        object.__setattr__(self, "shifts", tuple(self.shifts))
        for item in (*self.changes, *self.shifts):
            if not isinstance(item, Change | Shift):
                raise ConfigError(f"A scenario holds Change and Shift objects; received {type(item).__name__}.")
        if self.weeks is not None:
            if int(self.weeks) != self.weeks or self.weeks < 1:
                raise ConfigError(f"weeks must be a whole number >= 1 (or omitted for history); received {self.weeks}.")
            object.__setattr__(self, "weeks", int(self.weeks))

    @classmethod
    def from_strings(
        cls,
        change: list[str] | tuple[str, ...] = (),
        set_: list[str] | tuple[str, ...] = (),
        shift: list[str] | tuple[str, ...] = (),
        weeks: int | None = None,
    ) -> Scenario:
        """Build from CLI-style strings: ``tv=-20%``, ``print=-50000``, ``tv=+10k``; ``tv=100000``
        for ``set_``; ``print:digital=50k`` for ``shift``."""
        changes = []
        for text in change:
            ch, value = _split_pair(text, "--change", "tv=-20%")
            kind, number = parse_amount_or_pct(value, f"change for {ch}")
            changes.append(Change(ch, kind, number))
        for text in set_:
            ch, value = _split_pair(text, "--set", "tv=100000")
            changes.append(Change(ch, "set", parse_money(value, f"level for {ch}")))
        shifts = []
        for text in shift:
            pair, value = _split_pair(text, "--shift", "print:digital=50000")
            if ":" not in pair:
                raise ConfigError(f"Could not read shift '{text}'. Write SOURCE:TARGET=AMOUNT, e.g. print:digital=50k.")
            source, target = (p.strip() for p in pair.split(":", 1))
            shifts.append(Shift(source, target, parse_money(value, "amount to shift")))
        return cls(tuple(changes), tuple(shifts), weeks)

    def describe(self) -> str:
        """All changes in plain words, e.g. ``tv -20%; move $50k from print to digital``."""
        parts = [c.describe() for c in self.changes] + [s.describe() for s in self.shifts]
        return "; ".join(parts) if parts else "no change"


def _split_pair(text: str, flag: str, example: str) -> tuple[str, str]:
    if "=" not in str(text):
        raise ConfigError(f"Could not read {flag} '{text}'. Write CHANNEL=VALUE, e.g. {example}.")
    name, value = str(text).split("=", 1)
    return name.strip(), value.strip()


def window_spend(spend: np.ndarray, weeks: int | None) -> tuple[np.ndarray, np.ndarray]:
    """The spend of a scenario window and the history before it.

    Args:
        spend: Training spend (T, C).
        weeks: ``None`` for history, else plan length N.

    Returns:
        ``(window, prefix)``: the window spend (T or N, C), week k of a plan = history row
        ``(T-N+k) mod T``; and the history before the window (empty for history; the caller uses
        its last ``max_lag`` rows for carry-over).
    """
    t = spend.shape[0]
    if weeks is None:
        return spend.copy(), spend[:0]
    idx = (np.arange(weeks) - weeks) % t
    return spend[idx].copy(), spend


def _resolve(ds_channel_index: Any, name: str, known: tuple[str, ...]) -> int:
    try:
        return ds_channel_index(name)
    except UnknownChannelError:
        raise ScenarioChannelError(name, known) from None


def _rescale(col: np.ndarray, new_total: float) -> np.ndarray:
    total = col.sum()
    if total > 0:
        return col * (new_total / total)
    return np.full_like(col, new_total / len(col))


def _apply(scenario: Scenario, before: np.ndarray, ds: Any) -> np.ndarray:
    after = before.copy()
    for c in scenario.changes:
        i = _resolve(ds.channel_index, c.channel, ds.channels)
        total = after[:, i].sum()
        if c.kind == "pct":
            after[:, i] = after[:, i] * (1.0 + c.value)
            continue
        new_total = total + c.value if c.kind == "amount" else c.value
        if new_total < -1e-9 * max(1.0, total):
            raise ConfigError(
                f"Cannot remove {format_money(-c.value)} from {ds.channels[i]}: it spends only "
                f"{format_money(total)} in the scenario window, and spend cannot go below zero. "
                f"Cut at most {format_money(total)} (or use a percentage such as {ds.channels[i]}=-100%)."
            )
        after[:, i] = _rescale(after[:, i], max(new_total, 0.0))
    for s in scenario.shifts:
        i = _resolve(ds.channel_index, s.source, ds.channels)
        j = _resolve(ds.channel_index, s.target, ds.channels)
        available = after[:, i].sum()
        if s.amount > available * (1 + 1e-9):
            raise ConfigError(
                f"Cannot move {format_money(s.amount)} from {ds.channels[i]}: it spends only "
                f"{format_money(available)} in the scenario window. Move at most {format_money(available)}."
            )
        after[:, i] = _rescale(after[:, i], max(available - s.amount, 0.0))
        after[:, j] = _rescale(after[:, j], after[:, j].sum() + s.amount)
    return after


def _summary(x: np.ndarray, level: float) -> dict[str, float]:
    lo, hi = np.quantile(x, [(1 - level) / 2, (1 + level) / 2])
    return {"mean": float(np.mean(x)), "lower": float(lo), "upper": float(hi)}


def run_scenario(model: MMMBase, scenario: Scenario, level: float = 0.9, max_draws: int = 1000) -> ScenarioResult:
    """Run a what-if scenario on a fitted model.

    Args:
        model: A fitted model (any :class:`MMMBase`).
        scenario: The scenario.
        level: Interval level in (0, 1).
        max_draws: Parameter draws used (evenly thinned).

    Returns:
        A :class:`ScenarioResult`.

    Raises:
        ScenarioChannelError: a channel is unknown (lists the known channels).
        ConfigError: a cut below zero, a shift larger than the source's spend, a bad level.
    """
    if not 0 < level < 1:
        raise ConfigError(f"level must be between 0 and 1 (e.g. 0.9); received {level}.")
    model.check_fitted()
    ds = model.dataset_
    params = model.media_params_.thin(max_draws)
    lag = params.max_lag
    before, prefix = window_spend(ds.spend, scenario.weeks)
    prefix = prefix[-lag:] if lag and len(prefix) else prefix[:0]
    after = _apply(scenario, before, ds)
    tail = np.zeros((lag, ds.n_channels))

    def contrib(window: np.ndarray) -> np.ndarray:
        return media_contribution(np.vstack([prefix, window, tail]), params).sum(axis=1)  # (D, C)

    base_c = contrib(before)
    delta_c = contrib(after) - base_c
    bump = contrib(after * 1.01) - contrib(after)
    total = delta_c.sum(axis=1)
    s_before, s_after = before.sum(axis=0), after.sum(axis=0)
    changed = np.abs(s_after - s_before) > 1e-9 * np.maximum(1.0, s_before)
    sel = changed if np.any(changed & (s_after > 0)) else np.ones_like(changed)
    extra = 0.01 * s_after
    with np.errstate(divide="ignore", invalid="ignore"):
        ch_mroi = np.where(extra > 0, bump.mean(axis=0) / extra, np.nan)
        mroi = float(bump[:, sel].sum(axis=1).mean() / extra[sel].sum()) if extra[sel].sum() > 0 else math.nan
    lo, hi = np.quantile(delta_c, [(1 - level) / 2, (1 + level) / 2], axis=0)
    frame = pd.DataFrame(
        {
            "channel": list(ds.channels),
            "spend_before": s_before,
            "spend_after": s_after,
            "delta_spend": s_after - s_before,
            "delta_kpi": delta_c.mean(axis=0),
            "lower": lo,
            "upper": hi,
            "marginal_roi": ch_mroi,
        }
    )
    n = before.shape[0]
    if scenario.weeks is None:
        ref_kpi, window = float(ds.kpi.sum()), "history"
    else:
        ref_kpi, window = float(ds.kpi[(np.arange(n) - n) % ds.n_weeks].sum()), f"next {n} weeks"
    delta_spend = float(s_after.sum() - s_before.sum())
    if abs(delta_spend) < SPEND_NEUTRAL_TOL * max(float(s_before.sum()), float(s_after.sum())):
        delta_spend = 0.0  # a shift moves money; what is left is floating-point residue
    dk = _summary(total, level)
    roi = dk["mean"] / delta_spend if delta_spend != 0.0 else math.nan
    pct = dk["mean"] / ref_kpi if ref_kpi else math.nan
    notes = [
        f"Effects landing up to {lag} weeks after the window are included (adstock carry-over).",
        "Amounts and levels are totals over the window; each channel keeps its weekly pattern.",
    ]
    if scenario.weeks is not None:
        notes.append(
            f"The future plan repeats the spend of the last {n} weeks of history, after the last {lag} "
            "real weeks (their carry-over is the same in both plans)."
        )
    headline = scenario_headline(scenario, ds.kpi_name, window, n, dk, pct, delta_spend, roi, level)
    return ScenarioResult(
        scenario=scenario,
        delta_kpi=dk,
        delta_kpi_pct=float(pct),
        delta_spend=delta_spend,
        spend_before=float(s_before.sum()),
        spend_after=float(s_after.sum()),
        roi=float(roi),
        marginal_roi=mroi,
        channels=frame,
        level=level,
        window=window,
        n_weeks=n,
        kpi_name=ds.kpi_name,
        headline=headline,
        notes=tuple(notes),
    )
