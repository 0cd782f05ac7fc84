"""Budget optimiser: the split of a period's budget that maximises the expected kpi (or profit).

Model of the period (documented assumptions):

* The period is the next ``weeks`` weeks (default 13) and **each channel keeps its weekly pattern of
  the last ``weeks`` weeks**: a plan only changes each channel's total, and week ``t`` gets the
  channel's total times its share of the last-``weeks``-weeks spend in week ``t`` (spread evenly for
  a channel that spent nothing then). With S-shaped curves a pulsed channel sits higher on its
  curve than the same money spread flat, so flattening would misjudge it. This is the convention of
  :func:`mixwise.optimize.run_scenario` for a future window: the optimiser's numbers equal the
  scenario's for the same split.
* The kpi credited to the plan is ``coef * hill(adstock(spend))`` summed over the period and the
  ``max_lag`` weeks after it (carry-over tail), minus what the carry-over from the last ``max_lag``
  weeks of history would bring on its own (see :mod:`mixwise.optimize.response`).
* Current allocation = each channel's spend over the last ``weeks`` weeks of history, scaled to the
  budget when a different budget is asked (and the plan's notes say so).
* The objective is the expected response averaged over (thinned, default 200) parameter draws,
  with its exact gradient (:func:`mixwise.transforms.saturation.hill_derivative` form), solved by
  SciPy SLSQP from several starts including the current allocation. The best plan is kept, and the
  current allocation when no start beats it (so a plan never predicts less than the current split at
  the same budget when that split is within the bounds). A channel's marginal ROI in the plan is
  that exact gradient: equal across channels not on a bound at an optimum.

Goals: ``kpi`` (fixed budget, spent exactly), ``profit`` (maximise ``margin * kpi - spend`` with the
budget as a cap), ``target_mroi`` (spend up to where marginal ROI falls to ``target``, budget as a
cap), ``target_kpi`` (least spend whose expected media kpi reaches ``target``), ``target_roi`` (the
largest kpi whose overall ROI stays at or above ``target``, budget as a cap).
"""

from __future__ import annotations

import math
import time
from typing import Literal

import numpy as np
from scipy.optimize import minimize

from mixwise.errors import ConfigError, OptimizationError
from mixwise.models.base import MMMBase
from mixwise.optimize.money import format_kpi, format_money
from mixwise.optimize.plan import AllocationPlan, parse_bounds, resolve_bounds
from mixwise.optimize.plan_text import build_frame, headline_for
from mixwise.optimize.response import PeriodResponse, weekly_pattern
from mixwise.optimize.scenarios import window_spend

__all__ = ["optimize", "PeriodResponse", "project_to_budget"]

Goal = Literal["kpi", "profit", "target_kpi", "target_roi", "target_mroi"]
GOALS = ("kpi", "profit", "target_kpi", "target_roi", "target_mroi")


def project_to_budget(y: np.ndarray, lo: np.ndarray, hi: np.ndarray, budget: float) -> np.ndarray:
    """Closest point (shift-and-clip) to ``y`` with ``lo <= x <= hi`` and ``sum(x) == budget``.

    Raises:
        OptimizationError: the budget is outside ``[sum(lo), sum(hi)]``.
    """
    if budget < lo.sum() - 1e-9 * max(budget, 1) or budget > hi.sum() + 1e-9 * max(budget, 1):
        raise OptimizationError(
            f"No split of {format_money(budget)} fits the bounds: they allow between {format_money(lo.sum())} "
            f"and {format_money(hi.sum())} in total. Widen the bounds, unlock a channel or change the budget."
        )
    a, b = (y - hi).min() - 1.0, (y - lo).max() + 1.0
    a, b = -b, -a
    for _ in range(200):
        mid = 0.5 * (a + b)
        if np.clip(y + mid, lo, hi).sum() < budget:
            a = mid
        else:
            b = mid
    x = np.clip(y + 0.5 * (a + b), lo, hi)
    return _fix_sum(x, lo, hi, budget)


def _fix_sum(x: np.ndarray, lo: np.ndarray, hi: np.ndarray, budget: float) -> np.ndarray:
    """Spread the rounding residual over channels with room, so the sum is the budget exactly."""
    x = np.clip(x, lo, hi)
    for _ in range(3):
        gap = budget - x.sum()
        if gap == 0:
            break
        room = (hi - x) if gap > 0 else (x - lo)
        if room.sum() <= 0:
            break
        x = np.clip(x + gap * room / room.sum(), lo, hi)
    return x


def _starts(cur: np.ndarray, lo: np.ndarray, hi: np.ndarray, budget: float, n_random: int, seed: int) -> list:
    rng = np.random.default_rng(seed)
    c = len(cur)
    raw = [cur, 0.5 * (lo + hi), np.full(c, budget / c), hi]
    raw += [rng.dirichlet(np.ones(c)) * budget for _ in range(n_random)]
    return [project_to_budget(y, lo, hi, budget) for y in raw]


def _solve_fixed(resp: PeriodResponse, lo, hi, budget, cur, n_random, seed, warm=None) -> tuple[np.ndarray, int]:
    """Maximise expected kpi with ``sum(x) == budget``; returns (x, number of solver runs)."""
    scale = max(budget, 1.0)
    r0 = max(abs(resp.value(cur)), 1e-9)
    bnds = list(zip(lo / scale, hi / scale, strict=True))

    def f(z):
        return -resp.value(z * scale) / r0

    def g(z):
        return -resp.marginal(z * scale) * scale / r0

    cons = [{"type": "eq", "fun": lambda z: z.sum() - budget / scale, "jac": lambda z: np.ones_like(z)}]
    best, best_val, runs = None, -np.inf, 0
    starts = _starts(cur, lo, hi, budget, n_random, seed) if warm is None else [project_to_budget(warm, lo, hi, budget)]
    for x0 in starts:
        res = minimize(f, x0 / scale, jac=g, bounds=bnds, constraints=cons, method="SLSQP",
                       options={"maxiter": 300, "ftol": 1e-12})  # fmt: skip
        runs += 1
        x = project_to_budget(res.x * scale, lo, hi, budget)
        val = resp.value(x)
        if val > best_val:
            best, best_val = x, val
    return best, runs


def _solve_penalised(resp, lo, hi, cap, cur, price, n_random, seed) -> tuple[np.ndarray, int]:
    """Maximise ``kpi - price * spend`` with ``sum(x) <= cap``."""
    scale = max(cap, 1.0)
    r0 = max(abs(resp.value(cur)), 1e-9)
    bnds = list(zip(lo / scale, hi / scale, strict=True))

    def f(z):
        return -(resp.value(z * scale) - price * z.sum() * scale) / r0

    def g(z):
        return -(resp.marginal(z * scale) - price) * scale / r0

    cons = [{"type": "ineq", "fun": lambda z: cap / scale - z.sum(), "jac": lambda z: -np.ones_like(z)}]
    best, best_val, runs = None, -np.inf, 0
    budgets = [min(max(cur.sum(), lo.sum()), cap), lo.sum(), cap]
    starts = [s for b in budgets for s in _starts(cur, lo, hi, b, 0, seed)][: 4 + n_random]
    for x0 in starts:
        res = minimize(f, x0 / scale, jac=g, bounds=bnds, constraints=cons, method="SLSQP",
                       options={"maxiter": 300, "ftol": 1e-12})  # fmt: skip
        runs += 1
        x = np.clip(res.x * scale, lo, hi)
        if x.sum() > cap:
            x = project_to_budget(x, lo, hi, cap)
        val = resp.value(x) - price * x.sum()
        if val > best_val:
            best, best_val = x, val
    return best, runs


def _bisect_budget(resp, lo, hi, b_min, b_max, cur, ok, seed, smallest: bool) -> tuple[np.ndarray | None, int]:
    """Smallest (or largest) budget in [b_min, b_max] whose optimal split satisfies ``ok(value, budget)``."""
    a, b = b_min, b_max
    x_edge, runs = _solve_fixed(resp, lo, hi, b if smallest else a, cur, 0, seed)
    if not ok(resp.value(x_edge), x_edge.sum()):
        return None, runs
    best = x_edge
    for _ in range(40):
        if b - a <= 1e-6 * max(b, 1.0):
            break
        mid = 0.5 * (a + b)
        x, r = _solve_fixed(resp, lo, hi, mid, cur, 0, seed, warm=best)
        runs += r
        good = ok(resp.value(x), mid)
        if good:
            best = x
        if good == smallest:
            b = mid
        else:
            a = mid
    return best, runs


def optimize(
    model: MMMBase,
    budget: float | None = None,
    weeks: int = 13,
    bounds: str | dict | None = None,
    locked: list[str] | tuple[str, ...] = (),
    goal: Goal = "kpi",
    margin: float | None = None,
    target: float | None = None,
    level: float = 0.9,
    n_draws: int = 200,
    n_starts: int = 4,
    seed: int = 0,
) -> AllocationPlan:
    """Recommend a budget split for the next ``weeks`` weeks (see the module docstring).

    Args:
        model: A fitted model.
        budget: Total spend over the period; the current spend of the last ``weeks`` weeks when
            omitted. A cap for the ``profit``, ``target_mroi`` and ``target_roi`` goals.
        weeks: Period length in weeks.
        bounds: Per-channel bounds (``"tv=0.8:1.2,print=0:50000"``, see :mod:`mixwise.optimize.plan`).
        locked: Channels whose spend stays at the current level.
        goal: ``kpi``, ``profit`` (needs ``margin``), ``target_kpi``, ``target_roi``, ``target_mroi``
            (need ``target``: media kpi over the period, an ROI, or a marginal ROI).
        margin: Profit per unit of kpi (0.3 = 30% margin on revenue) for ``profit``.
        target: Target for the ``target_*`` goals.
        level: Interval level of the expected lift.
        n_draws: Parameter draws averaged in the objective.
        n_starts: Random starts added to the current, mid-bounds, equal and upper-heavy starts.
        seed: Seed of the random starts.

    Returns:
        An :class:`AllocationPlan`.

    Raises:
        ConfigError: invalid goal, weeks, margin, target or bounds; UnknownChannelError for names.
        OptimizationError: no split satisfies the bounds, budget and target.
    """
    t0 = time.perf_counter()
    model.check_fitted()
    ds = model.dataset_
    _check_args(goal, weeks, margin, target, level, budget)
    params = model.media_params_.thin(n_draws)
    hist, before = window_spend(ds.spend, weeks)
    resp = PeriodResponse(params, weeks, pattern=weekly_pattern(hist), carry=before)
    current_raw = hist.sum(axis=0)
    notes = [
        f"Period: the next {weeks} weeks; each channel keeps its weekly pattern of the last {weeks} weeks "
        f"(the plan changes its total, not its timing); current allocation = the last {weeks} weeks of spend "
        f"({format_money(current_raw.sum())}).",
        f"Expected {ds.kpi_name} = coef x hill(adstock(spend)) over the period and the {params.max_lag} weeks "
        f"after it (carry-over), net of carry-over from earlier spend, averaged over {params.n_draws} "
        "parameter draws; the same numbers as a what-if scenario of these weeks.",
    ]
    specs = {ds.channel_index(name): spec for name, spec in parse_bounds(bounds).items()}
    lock_idx = {ds.channel_index(name) for name in locked}
    if current_raw.sum() <= 0:
        raise OptimizationError(
            f"No channel spent anything in the last {weeks} weeks, so there is no current split to start from. "
            "Use a longer period (--weeks) or give every channel absolute bounds."
        )
    total = float(budget) if budget is not None else float(current_raw.sum())
    cur = _scaled_current(current_raw, lock_idx, total)
    if not math.isclose(total, current_raw.sum(), rel_tol=1e-9):
        notes.append(
            f"The current split was scaled from {format_money(current_raw.sum())} to the {format_money(total)} "
            "budget to compare like with like" + (" (locked channels keep their spend)." if lock_idx else ".")
        )
    open_cap = 10.0 * max(total, cur.sum(), 1.0)
    lo, hi = resolve_bounds(specs, lock_idx, cur, total if goal == "kpi" else open_cap)
    if np.any(lo > hi):
        bad = [ds.channels[i] for i in np.flatnonzero(lo > hi)]
        raise ConfigError(f"Bounds for {', '.join(bad)} have a lower limit above the upper limit; fix them.")
    if not specs:
        notes.append("Default bounds: each channel between 0.3x and 3x of its current spend.")
    if np.any(current_raw == 0):
        zero = [ds.channels[i] for i in np.flatnonzero(current_raw == 0) if i not in specs]
        if zero:
            notes.append(f"No spend in the period for {', '.join(zero)}: kept at zero (give bounds to include).")
    cap = total if (goal == "kpi" or budget is not None) else open_cap
    x, runs = _run_goal(goal, resp, lo, hi, cap, cur, margin, target, n_starts, seed, ds.kpi_name)
    feasible_cur = bool(np.all(cur >= lo - 1e-9 * max(total, 1)) and np.all(cur <= hi + 1e-9 * max(total, 1)))
    fell_back = False
    if goal == "kpi" and feasible_cur and resp.value(x) < resp.value(cur):
        x, fell_back = cur.copy(), True
        notes.append("No split beat the current one within the bounds; the current split is kept.")
    frame, binding = build_frame(ds.channels, cur, x, lo, hi, lock_idx, resp)
    lift = resp.per_draw(x).sum(axis=1) - resp.per_draw(cur).sum(axis=1)
    q = np.quantile(lift, [(1 - level) / 2, (1 + level) / 2])
    lift_d = {"mean": float(lift.mean()), "lower": float(q[0]), "upper": float(q[1])}
    ref_kpi = float(ds.kpi[(np.arange(weeks) - weeks) % ds.n_weeks].sum())
    plan_args = dict(
        goal=goal,
        weeks=weeks,
        budget=float(x.sum()),
        current_total=float(cur.sum()),
        allocation=frame,
        expected_kpi_current=resp.value(cur),
        expected_kpi=resp.value(x),
        expected_lift=lift_d,
        lift_pct=lift_d["mean"] / ref_kpi if ref_kpi else math.nan,
        binding=tuple(binding),
        level=level,
        kpi_name=ds.kpi_name,
        notes=tuple(notes),
        solver={"method": "SLSQP", "runs": runs, "fell_back": fell_back, "seconds": time.perf_counter() - t0},
    )
    return AllocationPlan(headline=headline_for(plan_args, target, margin), **plan_args)


def _scaled_current(current: np.ndarray, locked: set[int], total: float) -> np.ndarray:
    """Current split scaled to ``total``; locked channels keep their spend when the others can absorb the gap."""
    free = np.array([i not in locked for i in range(len(current))])
    locked_sum, free_sum = current[~free].sum(), current[free].sum()
    if free_sum > 0 and total >= locked_sum:
        out = current.copy()
        out[free] = current[free] * (total - locked_sum) / free_sum
        return out
    return current * (total / current.sum())


def _check_args(goal, weeks, margin, target, level, budget) -> None:
    if goal not in GOALS:
        raise ConfigError(f"Unknown goal '{goal}'. Allowed: {', '.join(GOALS)}.")
    if int(weeks) != weeks or weeks < 1:
        raise ConfigError(f"weeks must be a whole number >= 1; received {weeks}.")
    if not 0 < level < 1:
        raise ConfigError(f"level must be between 0 and 1 (e.g. 0.9); received {level}.")
    if budget is not None and (not math.isfinite(budget) or budget <= 0):
        raise ConfigError(f"The budget must be a positive amount; received {budget}.")
    if goal == "profit" and (margin is None or not 0 < margin <= 10):
        raise ConfigError(
            f"The profit goal needs --margin, the profit per unit of kpi (e.g. 0.3 for 30%); received {margin}."
        )
    if goal.startswith("target") and (target is None or not math.isfinite(target) or target <= 0):
        raise ConfigError(f"The {goal} goal needs a positive --target; received {target}.")


def _run_goal(goal, resp, lo, hi, cap, cur, margin, target, n_starts, seed, kpi_name) -> tuple[np.ndarray, int]:
    if goal == "kpi":
        return _solve_fixed(resp, lo, hi, cap, cur, n_starts, seed)
    cap = min(cap, hi.sum())
    if goal in ("profit", "target_mroi"):
        price = 1.0 / margin if goal == "profit" else float(target)
        return _solve_penalised(resp, lo, hi, cap, cur, price, n_starts, seed)
    if goal == "target_kpi":
        x, runs = _bisect_budget(resp, lo, hi, lo.sum(), cap, cur, lambda v, b: v >= target, seed, smallest=True)
        if x is None:
            best, _ = _solve_fixed(resp, lo, hi, cap, cur, 0, seed)
            raise OptimizationError(
                f"The target of {format_kpi(target, kpi_name)} {kpi_name} from media is out of reach within the "
                f"bounds: the most the channels can deliver is about {format_kpi(resp.value(best), kpi_name)} "
                f"(at {format_money(cap)}). "
                "Lower the target, raise the budget or widen the bounds."
            )
        return x, runs
    x, runs = _bisect_budget(resp, lo, hi, lo.sum(), cap, cur, lambda v, b: v >= target * b, seed, smallest=False)
    if x is None:
        raise OptimizationError(
            f"Even the smallest spend the bounds allow ({format_money(lo.sum())}) returns an ROI below {target:g}. "
            "Lower the target ROI or relax the lower bounds."
        )
    return x, runs
