"""mixwise web app: the analyst in a browser (run with ``mixwise app`` or ``streamlit run main.py``).

Pages: Data, Model, Ask, Scenarios, Optimise, Report, all over one per-session state
(:mod:`mixwise.app.state`). Errors show as ``st.error`` with the fix, never a traceback.

Environment: ``MIXWISE_APP_CSV`` offers a data file at start; ``MIXWISE_APP_MODEL`` (``bayes`` or
``ols``) sets the default model.
"""

from __future__ import annotations

import streamlit as st

from mixwise.app.state import MODEL_LABELS, AppState, get_state
from mixwise.app.ui import guard, md
from mixwise.app.warm import warm_up

PAGES = ("Data", "Model", "Ask", "Scenarios", "Optimise", "Report")
_ICONS = {
    "Data": ":material/table_chart:",
    "Model": ":material/functions:",
    "Ask": ":material/chat:",
    "Scenarios": ":material/tune:",
    "Optimise": ":material/target:",
    "Report": ":material/description:",
}


def _sidebar() -> tuple[str, object]:
    with st.sidebar:
        st.markdown("## :material/insights: mixwise")
        st.caption("Marketing-mix analyst: what each channel returns and where the next dollar should go.")
        page = st.radio("Go to", PAGES, format_func=lambda p: f"{_ICONS[p]} {p}", key="nav")
        st.divider()
        status = st.empty()
    return str(page), status


def _status(status: object, state: AppState) -> None:
    """Data and model status in the sidebar (drawn after the page, so it is current)."""
    with status.container():  # type: ignore[attr-defined]
        ds = state.dataset
        if ds is None:
            st.caption("No data loaded yet.")
            return
        st.caption(md(f"**Data:** {state.source_name} · {ds.n_weeks} weeks · {ds.n_channels} channels"))
        model = MODEL_LABELS[state.model_name].split(":")[0]
        st.caption(f"**Model:** {model} · {'fitted' if state.fitted else 'not fitted yet'}")


def _render(page: str, state: AppState) -> None:
    if page == "Data":
        from mixwise.app.page_data import render
    elif page == "Model":
        from mixwise.app.page_model import render
    elif page == "Ask":
        from mixwise.app.page_ask import render
    elif page == "Scenarios":
        from mixwise.app.page_decide import render_scenarios as render
    elif page == "Optimise":
        from mixwise.app.page_decide import render_optimise as render
    else:
        from mixwise.app.page_report import render
    render(state)


def main() -> None:
    """Draw the app: sidebar navigation, then the chosen page inside an error guard."""
    st.set_page_config(page_title="mixwise", page_icon=":material/insights:", layout="wide")
    st.set_option("client.toolbarMode", "viewer")  # no deploy / clear-cache buttons for business users
    st.set_option("client.showErrorDetails", "none")  # never a traceback, even past the guard
    state = get_state()
    page, status = _sidebar()
    with guard(f"the {page} page"):
        _render(page, state)
    _status(status, state)
    warm_up()  # after the page is drawn: the first render never waits for it


main()
