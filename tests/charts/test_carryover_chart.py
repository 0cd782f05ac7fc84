"""The carry-over chart: one line per channel, the takeaway names the longest carry-over."""

from __future__ import annotations

import pandas as pd
import pytest

from mixwise.charts import plot_carryover
from mixwise.charts.theme import figure_text


def _weights() -> pd.DataFrame:
    rows = []
    for ch, w in {"tv": [0.4, 0.3, 0.2, 0.1], "search": [0.9, 0.1, 0.0, 0.0]}.items():
        rows += [{"channel": ch, "week": k, "mean": v, "lower": v * 0.8, "upper": v * 1.2} for k, v in enumerate(w)]
    return pd.DataFrame(rows)


def test_one_line_per_channel_and_the_longest_in_the_title() -> None:
    fig = plot_carryover(_weights())
    ax = fig.axes[0]
    assert len(ax.lines) == 2
    assert list(ax.lines[0].get_ydata()) == [0.4, 0.3, 0.2, 0.1]
    assert figure_text(fig) == "TV's effect lasts longest: 60% of it lands after the week of spend"


def test_missing_columns_are_a_clear_error() -> None:
    with pytest.raises(Exception, match="week"):
        plot_carryover(_weights().drop(columns="week"))
