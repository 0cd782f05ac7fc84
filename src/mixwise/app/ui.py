"""Small UI helpers shared by the pages: error guard, status badges, money text, the fit button."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import streamlit as st

from mixwise.app.state import AppState, ensure_model
from mixwise.errors import MixwiseError

__all__ = ["guard", "md", "status_icon", "fit_with_progress", "require_model", "go_to"]

logger = logging.getLogger(__name__)

_BADGES = {"PASS": "green", "WARN": "orange", "REVIEW": "orange", "FAIL": "red", "SKIP": "gray"}


def status_icon(status: str) -> str:
    """A coloured markdown badge for a PASS / WARN / REVIEW / FAIL / SKIP status (no emoji: fonts vary)."""
    text = str(status).upper()
    return f":{_BADGES.get(text, 'gray')}-badge[{text}]"


def md(text: str) -> str:
    """Text safe for ``st.markdown``: dollar signs are escaped (Streamlit reads ``$...$`` as LaTeX)."""
    return str(text).replace("\\$", "$").replace("$", "\\$")


@contextmanager
def guard(what: str = "this page") -> Iterator[None]:
    """Show errors as ``st.error`` with the fix, never a traceback.

    A :class:`MixwiseError` shows its own message (it says what is wrong and what to do); anything else
    shows a friendly message and is logged with its traceback on the server.
    """
    try:
        yield
    except MixwiseError as exc:
        st.error(md(str(exc)), icon=":material/error:")
    except Exception as exc:  # noqa: BLE001 - the app must never show a raw traceback
        logger.exception("Unexpected error in %s", what)
        st.error(
            md(
                f"Something went wrong in {what} ({type(exc).__name__}: {str(exc)[:200]}). "
                "Try again; if it persists, reload the data on the Data page or switch to the OLS model "
                "on the Model page."
            ),
            icon=":material/error:",
        )


def go_to(page: str) -> None:
    """Callback: switch the sidebar navigation to ``page``."""
    st.session_state["nav"] = page


def fit_with_progress(state: AppState) -> Any:
    """Fit (or fetch) the model with a progress bar; returns the fitted model."""
    label = "Bayesian" if state.model_name == "bayes" else "OLS"
    bar = st.progress(0.0, text=f"Fitting the {label} model on {state.dataset.n_weeks} weeks...")
    messages: list[str] = []

    def progress(*args: Any) -> None:
        if len(args) == 2 and all(isinstance(a, int | float) for a in args):
            done, total = args
            frac = float(done) / float(total) if total else 0.0
            text = (
                f"Fitting the {label} model: {frac:.0%} of the sampler's iterations"
                if frac > 0
                else f"Fitting the {label} model: preparing the sampler (the first fit on a machine compiles it)..."
            )
            bar.progress(min(max(frac, 0.0), 1.0), text=text)
        elif args:
            messages.append(str(args[0]))
            bar.progress(0.05, text=str(args[0])[:150])

    model = ensure_model(state, progress=progress)
    bar.progress(1.0, text=f"{label} model ready.")
    bar.empty()
    return model


def require_model(state: AppState, page: str) -> bool:
    """True when data is loaded and the model is fitted; otherwise explain and offer to fit now."""
    if state.dataset is None:
        st.info("Load data first: open the **Data** page and use the sample or upload a file.")
        st.button("Go to Data", on_click=go_to, args=("Data",), key=f"{page}_to_data")
        return False
    if state.fitted:
        return True
    st.info(f"{page} needs a fitted model. Fit it here, or choose the model on the **Model** page.")
    if st.button("Fit the model now", type="primary", key=f"{page}_fit"):
        fit_with_progress(state)
        st.rerun()
    return False
