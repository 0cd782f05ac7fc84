"""Number formatting for answers: the shared style of :mod:`mixwise.formatting` ($, k/M, %, ROI per $1)."""

from __future__ import annotations

from mixwise.formatting import (
    display_name,
    fmt_kpi,
    fmt_money,
    fmt_number,
    fmt_pct,
    fmt_range,
    fmt_roi,
    fmt_signed_money,
    is_money_kpi,
    join_names,
)

__all__ = [
    "display_name",
    "fmt_kpi",
    "fmt_money",
    "fmt_number",
    "fmt_pct",
    "fmt_range",
    "fmt_roi",
    "fmt_signed_money",
    "is_money_kpi",
    "join_names",
]
