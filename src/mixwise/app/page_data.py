"""Data page: the sample or an upload, a column-mapping form pre-filled by detection, the validation report."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

from mixwise.app.state import ALLOWED_TYPES, MAX_UPLOAD_MB, AppState, save_upload, set_load_result
from mixwise.app.ui import go_to, md, status_icon
from mixwise.errors import DataValidationError

__all__ = ["render", "UPLOAD_KEY", "SAMPLE", "UPLOAD"]

#: Tests (and scripts) may put ``(file name, bytes)`` here instead of using the upload widget.
UPLOAD_KEY = "mixwise_upload"
SAMPLE = "Bundled sample data"
UPLOAD = "Upload a file"
_NONE = "(none)"


def _source_options() -> list[str]:
    env = os.environ.get("MIXWISE_APP_CSV")
    options = [SAMPLE, UPLOAD]
    if env:
        options.insert(0, f"File given at start: {Path(env).name}")
    return options


def _upload_path(state: AppState) -> Path | None:
    hook = st.session_state.get(UPLOAD_KEY)
    if hook:
        name, data = hook
        sig = (str(name), len(data))
        if state.upload_sig != sig or not Path(state.upload_path).exists():
            state.upload_path = str(save_upload(state, str(name), bytes(data)))
            state.upload_sig = sig
        return Path(state.upload_path)
    file = st.file_uploader(
        f"CSV or Excel file (up to {MAX_UPLOAD_MB} MB): one row per week (or day), a date column, "
        "the KPI and one spend column per channel",
        type=list(ALLOWED_TYPES),
        key="uploader",
    )
    if file is None:
        if state.upload_path and Path(state.upload_path).exists():
            st.caption(f"Using the file uploaded earlier: {Path(state.upload_path).name}")
            return Path(state.upload_path)
        return None
    sig = (file.name, int(file.size))
    if state.upload_sig != sig or not Path(state.upload_path).exists():
        if file.size > MAX_UPLOAD_MB * 1_000_000:
            raise DataValidationError(
                f"'{file.name}' is {file.size / 1e6:.1f} MB; the app accepts files up to {MAX_UPLOAD_MB} MB. "
                "Aggregate the data to weeks and upload again, or use the CLI for large files."
            )
        state.upload_path = str(save_upload(state, file.name, file.getvalue()))
        state.upload_sig = sig
    return Path(state.upload_path)


def _source_key(path: Path | None) -> str:
    if path is None:
        return "sample"
    stat = path.stat()
    return f"{path}|{stat.st_size}|{stat.st_mtime_ns}"


def _sheet(path: Path | None) -> str | None:
    """For a workbook with several sheets, a picker (the first sheet by default); else None."""
    if path is None or path.suffix.lower() not in (".xlsx", ".xls", ".xlsm"):
        return None
    try:
        sheets = [str(s) for s in pd.ExcelFile(path).sheet_names]
    except Exception:  # noqa: BLE001 - the loader reports unreadable workbooks with the fix
        return None
    if len(sheets) < 2:
        return None
    return str(st.selectbox("Sheet", sheets, key=f"sheet_{hashlib.sha1(str(path).encode()).hexdigest()[:8]}"))


def _detect(state: AppState, path: Path | None, name: str, sheet: str | None = None) -> None:
    """Auto-detect the columns of a new source and load it when every check passes.

    Daily data is summed to weeks (the form's daily box comes pre-ticked).
    """
    from mixwise.data import load

    key = f"{_source_key(path)}|{sheet}"
    if state.detected.get("key") == key:
        return
    daily = False
    try:
        try:
            result = load(path, sheet=sheet, strict=False)
        except DataValidationError as exc:
            if "daily" not in str(exc).lower():
                raise
            result = load(path, sheet=sheet, freq="W", strict=False)
            daily = True
        columns = result.frame_info.get("columns", [])
        state.detected = {"key": key, "columns": columns, "result": result, "error": "", "daily": daily}
        if result.dataset is not None:
            set_load_result(state, result, name)
    except DataValidationError as exc:
        from mixwise.data.readers import read_table

        columns = [str(c) for c in read_table(path, sheet=sheet).frame.columns] if path is not None else []
        state.detected = {"key": key, "columns": columns, "result": None, "error": str(exc), "daily": False}
    state.detected["sheet"] = sheet


def _mapping_form(state: AppState, path: Path | None, name: str) -> None:
    det = state.detected
    columns: list[str] = det["columns"]
    roles = det["result"].roles if det.get("result") is not None else None
    tag = hashlib.sha1(det["key"].encode()).hexdigest()[:8]

    def pick(value: str | None) -> int:
        return columns.index(value) if value in columns else 0

    with st.form(f"mapping_{tag}"):
        st.markdown("**Column mapping** (pre-filled by auto-detection; change it if a column is wrong)")
        c1, c2, c3 = st.columns(3)
        date = c1.selectbox("Date column", columns, index=pick(roles.date if roles else None), key=f"map_date_{tag}")
        kpi = c2.selectbox(
            "KPI (sales, revenue...)", columns, index=pick(roles.kpi if roles else None), key=f"map_kpi_{tag}"
        )
        geo_opts = [_NONE, *columns]
        geo_idx = geo_opts.index(roles.geo) if roles and roles.geo in geo_opts else 0
        geo = c3.selectbox("Geo column (summed to national)", geo_opts, index=geo_idx, key=f"map_geo_{tag}")
        spend = st.multiselect(
            "Paid media spend columns (one per channel)",
            columns,
            default=[c for c in (roles.spend.values() if roles else []) if c in columns],
            key=f"map_spend_{tag}",
        )
        controls = st.multiselect(
            "Control columns (price, promotions, holidays...)",
            columns,
            default=[c for c in (roles.controls if roles else ()) if c in columns],
            key=f"map_controls_{tag}",
        )
        daily = st.checkbox(
            "The data is daily: sum it to weeks starting Monday", value=bool(det.get("daily")), key=f"map_daily_{tag}"
        )
        submitted = st.form_submit_button("Load with this mapping", type="primary")
    if submitted:
        _apply_mapping(state, path, name, date, kpi, geo, spend, controls, daily)


def _apply_mapping(
    state: AppState,
    path: Path | None,
    name: str,
    date: str,
    kpi: str,
    geo: str,
    spend: list[str],
    controls: list[str],
    daily: bool,
) -> None:
    from mixwise.data import channel_name, load

    if not spend:
        raise DataValidationError(
            "No spend column chosen. Pick at least one paid media spend column (one per channel) and load again."
        )
    clash = {date, kpi} & set(spend) | ({date, kpi} & set(controls)) | (set(spend) & set(controls))
    if date == kpi or clash:
        raise DataValidationError(
            f"A column has two roles ({', '.join(sorted(clash | ({date} if date == kpi else set())))}). "
            "Give each column one role: date, KPI, spend or control."
        )
    result = load(
        path,
        sheet=state.detected.get("sheet"),
        date=date,
        kpi=kpi,
        spend={channel_name(c): c for c in spend},
        controls=list(controls) if controls else "none",
        geo=None if geo == _NONE else geo,
        freq="W" if daily else None,
        strict=False,
    )
    state.detected = {**state.detected, "result": result, "error": ""}
    if result.dataset is not None:
        set_load_result(state, result, name)
        st.success(md(result.headline))
    else:
        st.error(md(result.report.headline))


def _report(result: Any) -> None:
    report = result.report
    st.subheader("Data checks")
    st.markdown(f"{status_icon(report.status)} {md(report.headline)}")
    for c in report.failures:
        st.error(md(f"**{c.check}**: {c.message} **Fix:** {c.recommendation}"))
    for c in report.warnings:
        st.warning(md(f"**{c.check}**: {c.message}" + (f" **Fix:** {c.recommendation}" if c.recommendation else "")))
    frame = report.to_frame()
    with st.expander(f"All {len(frame)} checks"):
        st.dataframe(frame.drop(columns=["column"]), hide_index=True, width="stretch")


def _summary(state: AppState) -> None:
    result = state.load_result
    doc = result.summary()
    st.subheader("Your data")
    st.caption(md(f"Source: {state.source_name}. {result.headline}"))
    from mixwise.formatting import display_name, fmt_money, fmt_number

    ds = state.dataset
    c1, c2, c3, c4 = st.columns(4)
    c1.metric("Weeks", doc["n_weeks"])
    years = (
        f"{ds.dates[0].year}–{ds.dates[-1].year}" if ds.dates[0].year != ds.dates[-1].year else str(ds.dates[0].year)
    )
    c2.metric("Years", years, help=f"{doc['start']} to {doc['end']}")
    c3.metric(f"Total {doc['kpi']}", fmt_number(doc["kpi_total"]), help=f"{doc['kpi_total']:,.0f}")
    c4.metric("Total spend", fmt_money(doc["total_spend"]), help=f"${doc['total_spend']:,.0f}")
    channels = pd.DataFrame(doc["channels"])
    channels["channel"] = [display_name(c) for c in channels["channel"]]
    channels["total_spend"] = [fmt_money(v) for v in channels["total_spend"]]
    channels["share"] = [f"{v:.1%}" for v in channels["share"]]
    channels = channels.rename(columns={"total_spend": "total spend", "active_weeks": "weeks with spend"})
    st.dataframe(channels, hide_index=True, width="stretch")
    st.line_chart(pd.DataFrame({ds.kpi_name: ds.kpi}, index=ds.dates), height=220)
    for note in doc.get("notes", []):
        st.caption(md(note))


def render(state: AppState) -> None:
    """The Data page."""
    st.header("1 · Data")
    st.caption("Load weekly sales and media spend. The sample data has a known true ROI per channel.")
    choice = st.radio("Data source", _source_options(), horizontal=True, key="data_source")
    if choice == UPLOAD:
        path = _upload_path(state)
        if path is None:
            st.info("Choose a file to upload, or switch to the bundled sample data.")
            return
        name = path.name
    elif choice == SAMPLE:
        path, name = None, "bundled sample data"
    else:
        env = Path(os.environ["MIXWISE_APP_CSV"]).expanduser()
        path, name = env, env.name
    _detect(state, path, name, _sheet(path))
    det = state.detected
    if det.get("error"):
        st.error(md(det["error"]), icon=":material/error:")
        st.caption("In the app, fix it with the mapping form below: pick the date, KPI and spend columns, then load.")
    elif det.get("daily"):
        st.info("Daily data detected: summed to weeks starting Monday.")
    _mapping_form(state, path, name)
    if det.get("result") is not None:
        _report(det["result"])
    current = det.get("result") is state.load_result
    if state.dataset is not None and not current:
        st.warning(md(f"The other pages still use {state.source_name} until this data loads without failures."))
    if state.load_result is not None and state.dataset is not None and current:
        _summary(state)
        st.button("Next: fit the model →", type="primary", on_click=go_to, args=("Model",), key="data_next")
