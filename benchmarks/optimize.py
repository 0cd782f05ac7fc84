"""Time the budget optimiser on 4 and 10 channels (OLS fit on synthetic data, 200 draws).

Run: ``.venv/bin/python benchmarks/optimize.py`` (prints one line per case; fitting is not timed), then one
line per model comparing the default plan with :func:`mixwise.optimize.run_scenario` on the same weeks (the
optimiser keeps each channel's weekly pattern, so the two should agree to rounding).
"""

from __future__ import annotations

import statistics
import time

from mixwise.data.synthetic import generate
from mixwise.models import OLSMMM
from mixwise.optimize import Change, Scenario, optimize, run_scenario

CASES = {
    "kpi, default bounds": {},
    "kpi, budget +20%, bounds, lock": {"budget_scale": 1.2, "bounds": "ch0=0.8:1.2", "locked": ["ch1"]},
    "profit (margin 0.5)": {"goal": "profit", "margin": 0.5},
    "target_mroi 1.0": {"goal": "target_mroi", "target": 1.0},
    "target_kpi (+5% media kpi)": {"goal": "target_kpi", "target_scale": 1.05},
}


def main(repeats: int = 5) -> None:
    for n in (4, 10):
        channels = tuple(f"ch{i}" for i in range(n))
        data = generate(seed=7, n_weeks=156, channels=channels)
        model = OLSMMM().fit(data.dataset)
        current = float(data.dataset.spend[-13:].sum())
        for name, kw in CASES.items():
            kw = dict(kw)
            if "budget_scale" in kw:
                kw["budget"] = current * kw.pop("budget_scale")
            if "target_scale" in kw:
                kw["target"] = optimize(model, weeks=13).expected_kpi_current * kw.pop("target_scale")
            times, plan = [], None
            for _ in range(repeats):
                t0 = time.perf_counter()
                plan = optimize(model, weeks=13, **kw)
                times.append(time.perf_counter() - t0)
            print(
                f"{n:>2} channels | {name:<32} | median {statistics.median(times):.3f} s | max {max(times):.3f} s | "
                f"draws {model.n_draws} | lift {plan.expected_lift['mean']:,.0f}"
            )
        plan = optimize(model, weeks=13)
        cut = Scenario(tuple(Change(ch, "pct", -1.0) for ch in channels), weeks=13)
        to_plan = Scenario(
            tuple(Change(r.channel, "set", r.recommended) for r in plan.allocation.itertuples()), weeks=13
        )
        media = -run_scenario(model, cut).delta_kpi["mean"]
        delta = run_scenario(model, to_plan).delta_kpi["mean"]
        print(
            f"{n:>2} channels | vs run_scenario: current media kpi {plan.expected_kpi_current:,.0f} vs {media:,.0f}; "
            f"lift {plan.expected_lift['mean']:,.0f} vs {delta:,.0f}"
        )


if __name__ == "__main__":
    main()
