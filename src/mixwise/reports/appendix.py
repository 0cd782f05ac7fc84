"""Appendix sections: model health, data quality and the methodology in plain words.

Health and validation checks are read through their agreed fields (``check``/``name``,
``status``, ``message``, ``recommendation``), whether they arrive as objects or dicts.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from mixwise.formatting import fmt_number, fmt_pct, join_names
from mixwise.reports.structure import ReportSection, ReportTable

__all__ = ["field_of", "checks_of", "health_section", "data_quality_section", "methodology_section"]

_PASS = {"PASS", "OK"}
_SKIP = {"SKIP", "N/A", "NA"}


def field_of(obj: Any, *names: str, default: Any = None) -> Any:
    """The first present attribute (or dict key) of ``obj`` among ``names``."""
    for name in names:
        value = obj.get(name) if isinstance(obj, dict) else getattr(obj, name, None)
        if value is not None:
            return value
    return default


def _check_name(name: Any) -> str:
    words = str(name).replace("_", " ").split()
    return " ".join(w.upper() if w.lower() in ("roi", "kpi", "mroi", "vif") else w for w in words)


def checks_of(report: Any) -> list[dict[str, str]]:
    """Checks of a health or validation report as dicts ``name, status, message, recommendation``."""
    out = []
    for check in field_of(report, "checks", default=()) or ():
        status = field_of(check, "status", default="")
        status = str(getattr(status, "value", status)).upper()
        out.append(
            {
                "name": _check_name(field_of(check, "check", "name", "title", default="check")),
                "status": status,
                "message": str(field_of(check, "message", "detail", "finding", default="")),
                "recommendation": str(field_of(check, "recommendation", "action", default="") or ""),
            }
        )
    return out


def _summary(checks: Sequence[dict[str, str]], what: str) -> str:
    checks = [c for c in checks if c["status"] not in _SKIP]
    n = len(checks)
    passed = sum(c["status"] in _PASS for c in checks)
    failed = [c["name"] for c in checks if c["status"] == "FAIL"]
    review = [c["name"] for c in checks if c["status"] not in _PASS and c["status"] != "FAIL"]
    text = f"{passed} of {n} {what} checks pass"
    if failed:
        text += f"; {len(failed)} failed ({join_names(failed)})"
    if review:
        text += f"; review {join_names(review)}"
    return text + ("." if failed or review else ", so the results can be used with the usual care.")


def _order(check: dict[str, str]) -> int:
    status = check["status"]
    return 0 if status == "FAIL" else 3 if status in _SKIP else 2 if status in _PASS else 1


def _checks_table(checks: Sequence[dict[str, str]], note: str) -> ReportTable:
    rows = [
        (c["name"][:1].upper() + c["name"][1:], c["status"], c["message"], c["recommendation"] or "-")
        for c in sorted(checks, key=_order)
    ]
    columns: tuple[str, ...] = ("Check", "Status", "Finding", "Recommendation")
    if all(r[3] == "-" for r in rows):  # nothing to recommend: drop the empty column
        columns, rows = columns[:3], [r[:3] for r in rows]
    return ReportTable(
        columns=columns,
        rows=tuple(rows),
        align=("left",) * len(columns),
        note=note,
        status_column=1,
    )


def health_section(health: Any, fit: dict[str, float] | None = None, chart_dir: Path | None = None) -> ReportSection:
    """Model health: structured PASS / REVIEW / FAIL checks with a recommendation each."""
    checks = checks_of(health) if health is not None else []
    charts = (
        () if chart_dir is None else tuple(p for p in [Path(chart_dir) / "08_actual_vs_predicted.png"] if p.is_file())
    )
    if not checks:
        headline = "Model health checks were not run for this report."
        bullets: list[str] = ["Run `mixwise health` to check convergence, fit, plausibility and residuals."]
        return ReportSection("health", "Model health", headline, tuple(bullets), charts=charts, appendix=True)
    headline = _summary(checks, "model health")
    bullets = []
    if fit:
        parts = []
        if "r2" in fit:
            parts.append(f"R² {fmt_number(fit['r2'])}")
        if "mape" in fit:
            parts.append(f"in-sample error (MAPE) {fmt_pct(fit['mape'])}")
        if "holdout_mape" in fit:
            parts.append(f"holdout error (MAPE) {fmt_pct(fit['holdout_mape'])}")
        if parts:
            bullets.append("Fit: " + ", ".join(parts) + ".")
    bullets.extend(str(c) for c in (field_of(health, "caveats", default=()) or ())[:5])
    table = _checks_table(
        checks,
        "PASS = fine; REVIEW = read the recommendation before relying on the numbers; FAIL = fix first; "
        "SKIP = does not apply to this model.",
    )
    return ReportSection("health", "Model health", headline, tuple(bullets), table, charts, appendix=True)


def data_quality_section(load_report: Any) -> ReportSection | None:
    """Data-quality appendix from the validation report (``None`` when no report was given)."""
    if load_report is None:
        return None
    checks = checks_of(load_report)
    if not checks:
        return None
    headline = _summary(checks, "data quality")
    own = field_of(load_report, "headline")
    bullets = (str(own),) if own and str(own) != headline else ()
    table = _checks_table(checks, "Checks run on the data when it was loaded; WARN items travel as caveats.")
    return ReportSection("data_quality", "Data quality", headline, bullets, table, appendix=True)


def methodology_section(model_type: str, n_weeks: int, n_channels: int, max_lag: int, n_draws: int) -> ReportSection:
    """What an MMM is and how to read its numbers, in plain words (with this model's settings)."""
    paragraphs = (
        (
            "What a marketing-mix model is",
            f"A marketing-mix model (MMM) explains {n_weeks} weeks of sales as the sum of a base "
            f"(what would sell with no paid media: a baseline level, a trend, seasonality and controls such as "
            f"price or promotions) and the effect of each of the {n_channels} media channels. It learns from how "
            "sales moved when spend moved, across the whole history, without needing user-level tracking.",
        ),
        (
            "Adstock: advertising carries over",
            f"An ad seen this week still works in the following weeks. The model spreads each week's spend over up "
            f"to {max_lag} later weeks with a decaying weight (adstock). The half-life is the number of weeks "
            "until half the effect has faded.",
        ),
        (
            "Saturation: diminishing returns",
            "Each extra dollar in a channel buys a little less than the one before. A saturation (Hill) curve "
            "captures this: at low spend the response grows almost in proportion; near saturation extra spend adds "
            "little. Marginal ROI, the return of the next dollar, shows where a channel sits on its curve.",
        ),
        (
            "Intervals: how sure we are",
            f"The {model_type} gives {n_draws} plausible versions of the answer (draws). Every range in this report "
            "is a 90% interval over those draws: the middle 90% of plausible values. Wide ranges mean the data "
            "cannot pin the number down; two channels whose ranges overlap may not really differ.",
        ),
        (
            "What the numbers mean, and what they do not",
            "ROI is the sales contributed per dollar over the data window; it describes the past at past spend "
            "levels. Recommendations assume the future behaves like the data (same creative, prices and market). "
            "An MMM shows correlation structured by marketing knowledge, not a controlled experiment: confirm "
            "big moves with a lift test, and re-fit as new weeks arrive.",
        ),
    )
    return ReportSection(
        "methodology",
        "Methodology",
        "How to read these numbers: base versus media, carry-over, diminishing returns and 90% ranges.",
        paragraphs=paragraphs,
        appendix=True,
    )
