"""Every file format loads to the same dataset; every bad input names its problem."""

from __future__ import annotations

import sqlite3
import tempfile
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pytest
from data_frames import weekly_frame
from hypothesis import given, settings
from hypothesis import strategies as st

from mixwise.data import load
from mixwise.errors import DataValidationError


def _same_as(result, frame):
    ds = result.dataset
    assert ds.n_weeks == len(frame)
    assert ds.channels == ("tv", "search")
    assert ds.channel_labels == ("tv_spend", "search_spend")
    assert ds.control_names == ("price",)
    np.testing.assert_allclose(ds.kpi, frame["sales"].to_numpy())
    np.testing.assert_allclose(ds.spend, frame[["tv_spend", "search_spend"]].to_numpy())
    assert ds.dates[0] == pd.Timestamp(frame["date"].iloc[0])


def test_csv(csv_path, frame):
    result = load(csv_path)
    assert result.format == "csv"
    _same_as(result, frame)


@pytest.mark.parametrize("sep", [";", "\t", "|"])
def test_csv_any_delimiter(tmp_path, frame, sep):
    path = tmp_path / "data.txt"
    frame.to_csv(path, index=False, sep=sep)
    result = load(path)
    assert result.frame_info["delimiter"] == sep
    _same_as(result, frame)


def test_csv_european_money_and_dates(tmp_path, frame):
    eu = frame.copy()
    eu["date"] = pd.to_datetime(frame["date"]).dt.strftime("%d.%m.%Y")
    for col in ("sales", "tv_spend", "search_spend"):
        eu[col] = [f"€{v:,.2f}".replace(",", "X").replace(".", ",").replace("X", ".") for v in frame[col]]
    eu["price"] = [f"{v:.3f}".replace(".", ",") for v in frame["price"]]
    path = tmp_path / "eu.csv"
    eu.to_csv(path, index=False, sep=";")
    _same_as(load(path), frame)


def test_csv_us_dates_and_dollars(tmp_path, frame):
    us = frame.copy()
    us["date"] = pd.to_datetime(frame["date"]).dt.strftime("%m/%d/%Y")
    us["tv_spend"] = [f"${v:,.2f}" for v in frame["tv_spend"]]
    path = tmp_path / "us.csv"
    us.to_csv(path, index=False)
    _same_as(load(path), frame)


def test_parquet(tmp_path, frame):
    path = tmp_path / "data.parquet"
    frame.assign(date=pd.to_datetime(frame["date"])).to_parquet(path)
    result = load(path)
    assert result.format == "parquet"
    _same_as(result, frame)


def test_excel_sheets(tmp_path, frame):
    path = tmp_path / "data.xlsx"
    with pd.ExcelWriter(path) as writer:
        pd.DataFrame({"note": ["cover sheet"]}).to_excel(writer, sheet_name="Cover", index=False)
        frame.to_excel(writer, sheet_name="Weekly", index=False)
    _same_as(load(path, sheet="Weekly"), frame)
    _same_as(load(path, sheet="1"), frame)
    with pytest.raises(DataValidationError, match=r"Sheet 'Monthly' not found.*Cover, Weekly"):
        load(path, sheet="Monthly")
    with pytest.raises(DataValidationError, match="out of range"):
        load(path, sheet=5)


def test_duckdb(tmp_path, frame):
    path = tmp_path / "mart.duckdb"
    con = duckdb.connect(str(path))
    con.register("f", frame)
    con.execute("CREATE TABLE weekly AS SELECT * FROM f")
    con.execute("CREATE TABLE other AS SELECT 1 AS x")
    con.close()
    _same_as(load(path, query="weekly"), frame)
    _same_as(load(path, query="SELECT * FROM weekly ORDER BY date"), frame)
    with pytest.raises(DataValidationError, match=r"2 tables: .*weekly"):
        load(path)
    with pytest.raises(DataValidationError, match="Table 'nope' not found"):
        load(path, query="nope")


def test_sqlite_single_table_is_default(tmp_path, frame):
    path = tmp_path / "mart.db"
    with sqlite3.connect(path) as con:
        frame.to_sql("weekly", con, index=False)
    result = load(path)
    assert result.format == "sqlite"
    _same_as(result, frame)


# ---- bad input: one clear paragraph naming the problem ----------------------------------------


def test_missing_file(tmp_path):
    with pytest.raises(DataValidationError, match="Data file not found"):
        load(tmp_path / "nope.csv")


def test_empty_file(tmp_path):
    path = tmp_path / "empty.csv"
    path.write_text("")
    with pytest.raises(DataValidationError, match="is empty"):
        load(path)


def test_header_only(tmp_path):
    path = tmp_path / "header.csv"
    path.write_text("date,sales,tv_spend\n")
    with pytest.raises(DataValidationError, match="no data rows"):
        load(path)


def test_binary_file(tmp_path):
    path = tmp_path / "data.csv"
    path.write_bytes(bytes(range(256)) * 10)
    with pytest.raises(DataValidationError, match="binary file"):
        load(path)


def test_one_row(tmp_path):
    path = tmp_path / "one.csv"
    path.write_text("date,sales,tv_spend\n2021-01-04,10,5\n")
    with pytest.raises(DataValidationError, match="single data row"):
        load(path)


def test_no_date_column(tmp_path, frame):
    path = tmp_path / "nodate.csv"
    frame.drop(columns="date").to_csv(path, index=False)
    with pytest.raises(DataValidationError, match="No date column found.*--date"):
        load(path)


def test_no_numeric_kpi(tmp_path, frame):
    path = tmp_path / "kpi.csv"
    frame.assign(sales="lots").to_csv(path, index=False)
    with pytest.raises(DataValidationError, match="No numeric KPI column"):
        load(path)
    with pytest.raises(DataValidationError, match="KPI column 'sales' holds no numbers"):
        load(path, kpi="sales")


def test_all_nan_column(tmp_path, frame):
    path = tmp_path / "nan.csv"
    frame.assign(search_spend=np.nan).to_csv(path, index=False)
    with pytest.raises(DataValidationError, match="'search' has no values at all"):
        load(path, spend="tv=tv_spend,search=search_spend")


def test_duplicate_column_names(tmp_path, frame):
    path = tmp_path / "dupes.csv"
    text = frame.to_csv(index=False).replace("search_spend", "tv_spend", 1)
    path.write_text(text)
    with pytest.raises(DataValidationError, match="Duplicate column names.*tv_spend"):
        load(path)


def test_duplicate_column_names_excel(tmp_path, frame):
    path = tmp_path / "dupes.xlsx"
    frame.rename(columns={"search_spend": "tv_spend"}).to_excel(path, index=False)
    with pytest.raises(DataValidationError, match="Duplicate column names.*tv_spend"):
        load(path)


def test_unknown_spend_column_lists_columns(csv_path):
    with pytest.raises(DataValidationError, match=r"'TV_Spend_X' does not exist.*date, sales, tv_spend"):
        load(csv_path, spend="tv=TV_Spend_X")


def test_file_is_never_modified(csv_path):
    before = csv_path.read_bytes()
    load(csv_path)
    assert csv_path.read_bytes() == before


def test_excel_real_dates_and_cp1252_csv(tmp_path, frame):
    path = tmp_path / "dates.xlsx"
    frame.assign(date=pd.to_datetime(frame["date"])).to_excel(path, index=False)
    _same_as(load(path), frame)
    eu = frame.assign(tv_spend=[f"{v:.2f} €".replace(".", ",") for v in frame["tv_spend"]])
    csv = tmp_path / "cp1252.csv"
    csv.write_bytes(eu.to_csv(index=False, sep=";").encode("cp1252"))
    result = load(csv)
    assert result.frame_info["encoding"] == "cp1252"
    _same_as(result, frame)


@given(
    delimiter=st.sampled_from([",", ";", "\t", "|"]),
    money=st.sampled_from(["plain", "us", "eu"]),
    date_format=st.sampled_from(["%Y-%m-%d", "%m/%d/%Y", "%d.%m.%Y", "%d/%m/%Y", "%Y/%m/%d"]),
)
@settings(max_examples=25, deadline=None)
def test_any_csv_dialect_loads_the_same_data(delimiter, money, date_format):
    frame = weekly_frame()
    styled = frame.copy()
    styled["date"] = pd.to_datetime(frame["date"]).dt.strftime(date_format)
    for col in ("sales", "tv_spend", "search_spend"):
        if money == "us":
            styled[col] = [f"${v:,.2f}" for v in frame[col]]
        elif money == "eu":
            styled[col] = [f"{v:,.2f}".replace(",", " ").replace(".", ",") + " €" for v in frame[col]]
    if money == "eu":
        styled["price"] = [f"{v:.3f}".replace(".", ",") for v in frame["price"]]
    if delimiter == "," and money == "eu":
        delimiter = ";"  # a decimal comma needs another delimiter (or quoting, which to_csv adds anyway)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "data.csv"
        styled.to_csv(path, index=False, sep=delimiter)
        _same_as(load(path), frame)


def test_in_memory_frame(frame):
    result = load(frame)
    assert result.format == "frame" and result.source == "<DataFrame>"
    _same_as(result, frame)


def test_duckdb_file_named_db(tmp_path, frame):
    path = tmp_path / "warehouse.db"
    con = duckdb.connect(str(path))
    con.register("f", frame)
    con.execute("CREATE TABLE weekly AS SELECT * FROM f")
    con.close()
    result = load(path)
    assert result.format == "duckdb"
    _same_as(result, frame)


def test_spreadsheet_export_quirks(tmp_path, frame):
    # BOM, quoted header, trailing delimiter on every line, blank lines at the end.
    lines = ['"date";"sales";"TV Spend";"Search Spend";"price";']
    for r in frame.itertuples(index=False):
        cells = [r.date, r.sales, r.tv_spend, r.search_spend, r.price]
        lines.append(";".join(f"{c:.3f}".replace(".", ",") if isinstance(c, float) else c for c in cells) + ";")
    path = tmp_path / "export.csv"
    path.write_bytes(("\ufeff" + "\n".join(lines) + "\n\n\n").encode("utf-8"))
    result = load(path)
    assert result.roles.unused == ()
    ds = result.dataset
    assert ds.channels == ("tv", "search") and ds.channel_labels == ("TV Spend", "Search Spend")
    np.testing.assert_allclose(ds.kpi, frame["sales"].to_numpy(), atol=1e-9)


def test_ragged_csv_names_the_problem(tmp_path, frame):
    text = frame.to_csv(index=False).splitlines()
    text[5] += ",1,2,3"  # one row with extra fields
    path = tmp_path / "ragged.csv"
    path.write_text("\n".join(text) + "\n")
    with pytest.raises(DataValidationError, match="Could not read .* as CSV.*same number of fields"):
        load(path)


def test_corrupt_excel(tmp_path):
    path = tmp_path / "broken.xlsx"
    path.write_bytes(b"PK\x03\x04" + b"not really a workbook" * 10)
    with pytest.raises(DataValidationError, match="Could not open .* as an Excel workbook"):
        load(path)
