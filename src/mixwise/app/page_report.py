"""Report page: build the executive report once, download it as PDF or PowerPoint."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import streamlit as st

from mixwise.app.state import AppState
from mixwise.app.ui import md, require_model

__all__ = ["render", "build_report", "FORMATS"]

#: Format -> (button label, file suffix, MIME type).
FORMATS = {
    "pdf": ("PDF report", "pdf", "application/pdf"),
    "pptx": ("PowerPoint deck", "pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
}


def _content(state: AppState) -> Any:
    from mixwise.reports import build_report_content

    session = state.session
    folder = state.private_dir() / "report"
    key = f"app_report_content:{id(state.plan)}"
    return session.memo(
        key,
        lambda: build_report_content(
            session.model,
            load_report=session.report,
            plan=state.plan,
            health=session.health,
            chart_dir=folder / "charts",
            data_name=state.source_name or None,
        ),
    )


def build_report(state: AppState, fmt: str) -> bytes:
    """Render the report as ``fmt`` (``pdf`` or ``pptx``) and return its bytes (kept in the session)."""
    from mixwise.reports import render_report

    if fmt not in state.reports:
        content = _content(state)
        path = state.private_dir() / "report" / f"mixwise_report.{FORMATS[fmt][1]}"
        path.parent.mkdir(parents=True, exist_ok=True)
        written = render_report(content, path, fmt)
        state.reports[fmt] = Path(written).read_bytes()
    return state.reports[fmt]


def render(state: AppState) -> None:
    """The Report page."""
    st.header("6 · Report")
    st.caption(
        "An executive report: five headlines, ROI, saturation, the recommended plan (the one from the Optimise "
        "page when you ran it, else the same budget re-split for the next 13 weeks), model health and data checks."
    )
    if not require_model(state, "Report"):
        return
    if state.plan is not None:
        st.caption(md(f"Plan included: {state.plan.headline}"))
    cols = st.columns(len(FORMATS))
    for col, (fmt, (label, suffix, mime)) in zip(cols, FORMATS.items(), strict=True):
        with col:
            if fmt in state.reports:
                st.download_button(
                    f"Download the {label}",
                    data=state.reports[fmt],
                    file_name=f"mixwise_report.{suffix}",
                    mime=mime,
                    key=f"report_download_{fmt}",
                    type="primary",
                )
                st.caption(f"{len(state.reports[fmt]) / 1e6:.1f} MB")
            elif st.button(f"Prepare the {label}", key=f"report_build_{fmt}"):
                with st.spinner(f"Building the {label} (charts included)..."):
                    build_report(state, fmt)
                st.rerun()
