"""Decisions: what-if scenarios and the budget optimiser (built on the fitted response curves)."""

from __future__ import annotations

from mixwise.optimize.money import format_money, parse_money
from mixwise.optimize.optimizer import optimize
from mixwise.optimize.plan import AllocationPlan, parse_bounds
from mixwise.optimize.scenarios import Change, Scenario, ScenarioResult, Shift, run_scenario

__all__ = [
    "AllocationPlan",
    "Change",
    "Scenario",
    "ScenarioResult",
    "Shift",
    "format_money",
    "optimize",
    "parse_bounds",
    "parse_money",
    "run_scenario",
]
