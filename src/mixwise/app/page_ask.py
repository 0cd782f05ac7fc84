"""Ask page: chat with the analyst; answers show their charts inline, with suggested and follow-up questions.

The LLM agent answers when a key is configured (``ANTHROPIC_API_KEY``); otherwise the offline router
does, with the same tools and numbers.
"""

from __future__ import annotations

import time
from typing import Any

import pandas as pd
import streamlit as st

from mixwise.app.charts import answer_charts
from mixwise.app.state import AppState
from mixwise.app.ui import fit_with_progress, go_to, md

__all__ = ["render", "ask", "add_charts", "FOLLOW_UPS", "PENDING_KEY"]

#: Session-state key holding a question chosen by a button (suggestion or follow-up).
PENDING_KEY = "ask_pending"

#: Follow-up questions offered after an answer from each tool.
FOLLOW_UPS: dict[str, tuple[str, ...]] = {
    "channel_roi": ("Which channels are saturated?", "Where should the next dollar go?"),
    "compare_channels": ("Which channels are saturated?", "Optimise my budget for next quarter"),
    "saturation": ("What if we cut the most saturated channel by 20%?", "Optimise my budget for next quarter"),
    "contributions": ("What is the ROI of each channel?", "What drove Q4?"),
    "scenario": ("Optimise my budget for next quarter", "Which channels are saturated?"),
    "optimize_budget": ("Which channels are saturated?", "How good is the model?"),
    "period_drivers": ("What is the ROI of each channel?", "Give me an executive summary"),
    "forecast": ("Optimise my budget for next quarter", "How good is the model?"),
    "model_health": ("Is my data OK?", "What is the ROI of each channel?"),
    "data_quality": ("How good is the model?", "Give me an executive summary"),
    "executive_summary": ("Which channels are saturated?", "What drove Q4?"),
    "help": ("Give me an executive summary", "Which channels are saturated?"),
}


def _use_llm(state: AppState) -> bool:
    from mixwise.agent.llm_client import llm_configured

    if not llm_configured(False):
        return False
    return bool(st.session_state.get("ask_use_llm", True))


def ask(state: AppState, question: str, with_charts: bool = True) -> dict[str, Any]:
    """Answer ``question`` in the session (fitting first when needed); returns the chat entry.

    The entry holds ``question``, ``markdown``, ``charts`` (PNG bytes; filled by :func:`add_charts`
    unless ``with_charts``), ``rows``, ``caveats``, ``clarify``, ``tool``, ``source``, ``seconds``
    and the tool ``result``.
    """
    from mixwise.agent.answer import answer
    from mixwise.agent.narratives import render_markdown

    session = state.session
    if not session.is_fitted:
        fit_with_progress(state)
    t0 = time.perf_counter()
    agent = _agent(state) if _use_llm(state) else None
    ans = agent.ask(question) if agent is not None else answer(session, question)
    result = ans.result
    text = ans.text if (ans.source == "llm" or result is None) else render_markdown(result)
    entry = {
        "question": question,
        "markdown": text,
        "charts": [],
        "rows": list(result.rows) if result is not None else [],
        "caveats": list(result.caveats) if result is not None else [],
        "clarify": list(ans.clarify or []),
        "tool": result.tool if result is not None else "",
        "source": ans.source,
        "seconds": time.perf_counter() - t0,
        "result": result,
    }
    state.chat.append(entry)
    if with_charts:
        add_charts(state, entry)
    return entry


def _agent(state: AppState) -> Any:
    """The LLM agent (created once per session), or None with a warning when it cannot start."""
    if state.agent is None:
        try:
            from mixwise.agent.llm import LLMAgent

            state.agent = LLMAgent.from_env(state.session)
        except Exception as exc:  # noqa: BLE001 - the offline analyst always works
            st.warning(md(f"Claude is not available ({exc}); the offline analyst answers instead."))
            return None
    return state.agent


def add_charts(state: AppState, entry: dict[str, Any]) -> list[bytes]:
    """Draw the charts of a chat entry once (kept as PNG bytes in the entry)."""
    t0 = time.perf_counter()
    entry["charts"] = answer_charts(state.session, entry.get("result"))
    entry["chart_seconds"] = time.perf_counter() - t0
    return entry["charts"]


def _text(entry: dict[str, Any]) -> None:
    body = md(entry["markdown"])
    st.markdown(body.replace("\n", "  \n") if entry["source"] == "llm" else body)


def _tail(entry: dict[str, Any], index: int, last: bool) -> None:
    if entry["rows"]:
        with st.expander("The numbers behind this answer"):
            st.dataframe(pd.DataFrame(entry["rows"]), hide_index=True, width="stretch")
    who = "Claude (grounded in mixwise tools)" if entry["source"] == "llm" else "offline analyst"
    st.caption(f"Answered by the {who} in {entry['seconds']:.1f} s.")
    if last:
        options = entry["clarify"] or list(FOLLOW_UPS.get(entry["tool"], ()))
        if options:
            st.caption("Did you mean:" if entry["clarify"] else "Follow up:")
            cols = st.columns(len(options[:3]))
            for i, (col, q) in enumerate(zip(cols, options[:3], strict=False)):
                col.button(q, key=f"follow_{index}_{i}", on_click=_choose, args=(q,))


def _show(entry: dict[str, Any], index: int, last: bool) -> None:
    with st.chat_message("user"):
        st.markdown(md(entry["question"]))
    with st.chat_message("assistant"):
        _text(entry)
        for png in entry["charts"]:
            st.image(png, width="stretch")
        _tail(entry, index, last)


def _answer_live(state: AppState, question: str) -> None:
    """Answer a new question: the text shows as soon as it is ready, the charts follow."""
    with st.chat_message("user"):
        st.markdown(md(question))
    with st.chat_message("assistant"):
        with st.spinner("Thinking..."):
            entry = ask(state, question, with_charts=False)
        _text(entry)
        if entry.get("result") is not None and entry["result"].charts:
            with st.spinner("Drawing the chart..."):
                add_charts(state, entry)
        for png in entry["charts"]:
            st.image(png, width="stretch")
        _tail(entry, len(state.chat) - 1, last=True)


def _choose(question: str) -> None:
    st.session_state[PENDING_KEY] = question


def render(state: AppState) -> None:
    """The Ask page."""
    from mixwise.agent.llm_client import llm_configured
    from mixwise.agent.tools_data import EXAMPLE_QUESTIONS

    st.header("3 · Ask the analyst")
    if state.dataset is None:
        st.info("Load data first: open the **Data** page and use the sample or upload a file.")
        st.button("Go to Data", on_click=go_to, args=("Data",), key="ask_to_data")
        return
    if llm_configured(False):
        st.toggle("Answer with Claude (an API key is configured)", value=True, key="ask_use_llm")
    else:
        st.caption(
            "Offline analyst (no API key set): questions are routed to mixwise's tools, no data leaves this machine."
        )
    typed = st.chat_input("Ask about ROI, saturation, what-ifs, budgets, drivers...", key="ask_input")
    question = typed or st.session_state.pop(PENDING_KEY, None)
    if not state.chat and not question:
        st.markdown("**Try one of these:**")
        _suggestions(EXAMPLE_QUESTIONS)
    for i, entry in enumerate(state.chat):
        _show(entry, i, last=not question and i == len(state.chat) - 1)
    if question:
        _answer_live(state, str(question))
    if state.chat:
        with st.expander("Suggested questions"):
            _suggestions(EXAMPLE_QUESTIONS)
        st.button("Clear the conversation", key="ask_clear", on_click=_clear, args=(state,))


def _suggestions(questions: tuple[str, ...]) -> None:
    cols = st.columns(4)
    for i, q in enumerate(questions):
        cols[i % 4].button(q, key=f"suggest_{i}", on_click=_choose, args=(q,), width="stretch")


def _clear(state: AppState) -> None:
    state.chat.clear()
    if state.session is not None:
        state.session.history.clear()
        state.session.router_context = None
