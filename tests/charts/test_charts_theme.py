"""Theme: channel colours, greys, number formats, tick formatting, display names."""

from __future__ import annotations

import math

import matplotlib as mpl
import pytest

from mixwise.charts.theme import (
    FIXED_COLORS,
    MoneyFormatter,
    base_colors,
    channel_colors,
    display_name,
    fmt_money,
    fmt_number,
    fmt_pct,
    fmt_roi,
    fmt_signed_money,
    short_list,
)


def test_sample_channels_have_fixed_colours():
    colors = channel_colors(["tv", "radio", "digital", "print"])
    assert colors == {"tv": "#4E79A7", "radio": "#F28E2B", "digital": "#59A14F", "print": "#B07AA1"}


def test_colour_depends_on_name_not_order_or_subset():
    full = channel_colors(["tv", "radio", "digital", "print", "podcast", "affiliate"])
    assert channel_colors(["affiliate", "print", "podcast", "tv"]) == {
        k: full[k] for k in ("affiliate", "print", "podcast", "tv")
    }
    assert channel_colors(["TV"])["TV"] == FIXED_COLORS["tv"]


def test_unknown_channels_are_deterministic_distinct_and_avoid_fixed_ones():
    names = ["podcast", "affiliate", "tiktok", "influencer", "cinema"]
    first = channel_colors(["tv", "digital", *names])
    again = channel_colors(["tv", "digital", *reversed(names)])
    assert first == again
    assert len(set(first.values())) == len(first)
    assert all(mpl.colors.is_color_like(c) for c in first.values())


def test_many_channels_all_get_colours():
    names = [f"channel_{i}" for i in range(25)]
    colors = channel_colors(names)
    assert set(colors) == set(names)
    assert len(set(colors.values())) >= 20


def test_base_components_are_grey():
    greys = base_colors(["baseline", "trend", "seasonality", "price", "promo"])
    for color in greys.values():
        r, g, b = mpl.colors.to_rgb(color)
        assert r == pytest.approx(g) == pytest.approx(b)
    assert greys["price"] != greys["promo"]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (1_234_567, "$1.2M"),
        (-50_000, "-$50.0k"),
        (12_345, "$12.3k"),
        (999.96, "$1.0k"),
        (123, "$123"),
        (12.5, "$12.5"),
        (0, "$0"),
        (2_500_000_000, "$2.5B"),
        (float("nan"), "n/a"),
        (None, "n/a"),
    ],
)
def test_fmt_money(value, expected):
    assert fmt_money(value) == expected


def test_other_formats():
    assert fmt_roi(1.85) == "$1.85"
    assert fmt_roi(2.8) == "$2.80"
    assert fmt_roi(1.853, "€") == "€1.85"
    assert fmt_pct(0.123) == "12.3%"
    assert fmt_pct(0.05, 0, signed=True) == "+5%"
    assert fmt_pct(-0.2, 0, signed=True) == "-20%"
    assert fmt_signed_money(1200) == "+$1.2k"
    assert fmt_signed_money(-1200) == "-$1.2k"
    assert fmt_number(1.5) == "1.5"
    assert fmt_money(1_234_567, "£", 2) == "£1.23M"
    assert fmt_roi(math.nan) == "n/a"


def test_money_ticks_share_one_unit_and_minimal_decimals():
    fmt = MoneyFormatter("$")
    assert fmt.format_ticks([0, 500_000, 1_000_000, 1_500_000]) == ["$0", "$0.5M", "$1.0M", "$1.5M"]
    assert fmt.format_ticks([0, 250_000, 500_000]) == ["$0", "$250k", "$500k"]
    assert fmt.format_ticks([1_000_000, 1_250_000, 1_500_000]) == ["$1.00M", "$1.25M", "$1.50M"]
    assert fmt.format_ticks([-50_000, 0, 50_000]) == ["-$50k", "$0", "$50k"]
    assert fmt.format_ticks([0, 0.5, 1.0]) == ["$0", "$0.5", "$1.0"]


def test_display_names_and_lists():
    assert display_name("tv") == "TV"
    assert display_name("paid_social") == "Paid Social"
    assert display_name("ooh") == "OOH"
    assert display_name("Digital") == "Digital"
    assert short_list(["TV"]) == "TV"
    assert short_list(["TV", "Radio"]) == "TV and Radio"
    assert short_list(["TV", "Radio", "Print"]) == "TV, Radio and Print"
