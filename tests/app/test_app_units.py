"""Unit tests of the app's helpers: uploads, markdown escaping, model keys, and the charts answers name."""

from __future__ import annotations

import pytest

from mixwise.app import state as app_state
from mixwise.app.ui import md, status_icon
from mixwise.data import load
from mixwise.errors import DataValidationError

pytestmark = pytest.mark.xdist_group("app-units")


def test_save_upload_checks_type_size_and_name(monkeypatch: pytest.MonkeyPatch) -> None:
    st = app_state.AppState()
    path = app_state.save_upload(st, "../../etc/My Data (1).csv", b"date,sales\n")
    assert path.parent == st.private_dir() and path.name == "My_Data_1_.csv"
    with pytest.raises(DataValidationError, match=r"not a supported file type \(received \.exe\)"):
        app_state.save_upload(st, "tool.exe", b"MZ")
    monkeypatch.setattr(app_state, "MAX_UPLOAD_MB", 0.001)  # 1 kB
    with pytest.raises(DataValidationError, match=r"0\.0 MB|up to 0\.001 MB"):
        app_state.save_upload(st, "big.csv", b"x" * 2_000)
    app_state.clear_private_dir(st)
    assert st.upload_dir == ""


def test_private_dir_is_removed_with_the_session() -> None:
    import gc

    st = app_state.AppState()
    folder = st.private_dir()
    (folder / "x.csv").write_text("a")
    del st
    gc.collect()
    assert not folder.exists()


def test_md_escapes_dollars_once() -> None:
    assert md("TV returns $2.10 per $1") == "TV returns \\$2.10 per \\$1"
    assert md("already \\$5") == "already \\$5"


def test_status_badges() -> None:
    assert status_icon("pass") == ":green-badge[PASS]"
    assert status_icon("FAIL") == ":red-badge[FAIL]"
    assert status_icon("REVIEW") == ":orange-badge[REVIEW]"


def test_model_key_changes_with_model_and_settings() -> None:
    ds = load(None).dataset
    base = app_state.model_key(ds, "ols")
    assert base == app_state.model_key(ds, "ols", {})
    assert base != app_state.model_key(ds, "bayes")
    assert base != app_state.model_key(ds, "ols", {"holdout_weeks": 13})
    assert app_state.model_key(ds, "ols", {"progress": print}) == base  # callbacks are not settings


def test_store_keeps_the_most_recent() -> None:
    store = app_state._Store(size=2)
    for key in "abc":
        store.put(key, key.upper())
    assert store.get("a") is None and store.get("b") == "B" and store.get("c") == "C"


def test_every_chart_an_example_answer_names_is_drawn() -> None:
    from mixwise.agent.answer import answer
    from mixwise.agent.session import AnalystSession
    from mixwise.agent.tools_data import EXAMPLE_QUESTIONS
    from mixwise.app.charts import chart_png

    session = AnalystSession(load(None), model_name="ols")
    missing = []
    for q in EXAMPLE_QUESTIONS:
        result = answer(session, q).result
        for name in (result.charts if result else [])[:1]:
            png = chart_png(session, name)
            if not png or png[:8] != b"\x89PNG\r\n\x1a\n":
                missing.append((q, name))
    assert not missing


def test_delayed_channels_reach_the_bayesian_settings_only() -> None:
    st = app_state.AppState()
    app_state.set_load_result(st, load(None), "bundled sample")
    app_state.select_delayed(st, ["tv"])
    assert st.session.settings["adstock"] == {"tv": "weibull"}
    app_state.select_model(st, "ols")  # OLS has no Weibull kernel: the setting must not reach it
    assert "adstock" not in st.session.settings and st.delayed == ["tv"]
    app_state.select_model(st, "bayes")
    assert st.session.settings["adstock"] == {"tv": "weibull"}
    app_state.select_delayed(st, [])
    assert "adstock" not in st.session.settings
    with pytest.raises(DataValidationError, match="snapchat"):
        app_state.select_delayed(st, ["snapchat"])
