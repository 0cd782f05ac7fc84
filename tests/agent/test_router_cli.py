"""``mixwise route`` through typer's CliRunner: JSON shape, --file order, --channels, errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from mixwise.cli import agent_cmds

KEYS = {"intent", "confidence", "channels", "pct", "amount", "period"}


@pytest.fixture(scope="module")
def app() -> typer.Typer:
    app = typer.Typer()
    agent_cmds.register(app)

    @app.command("noop")
    def _noop() -> None:  # a second command keeps 'route' a named subcommand
        pass

    return app


def _run(app: typer.Typer, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_json_single_question(app: typer.Typer) -> None:
    code, out, _ = _run(app, "route", "What if we cut TV by 20% in Q4 2023?", "--json")
    assert code == 0
    doc = json.loads(out)
    assert set(doc) == KEYS
    assert doc["intent"] == "budget_scenario"
    assert doc["channels"] == ["tv"]
    assert doc["pct"] == pytest.approx(-0.2)
    assert doc["amount"] is None and doc["period"] == "Q4 2023"


def test_file_keeps_order(app: typer.Typer, tmp_path: Path) -> None:
    questions = ["tv roi?", "write me a poem", "how should we allocate $2M?", "is radio saturated", "and print?"]
    path = tmp_path / "questions.txt"
    path.write_text("\n".join(questions[:3]) + "\n\n" + "\n".join(questions[3:]) + "\n", encoding="utf-8")
    code, out, _ = _run(app, "route", "--file", str(path), "--json")
    assert code == 0
    docs = json.loads(out)
    assert isinstance(docs, list) and len(docs) == len(questions)
    assert [d["intent"] for d in docs[:4]] == ["roi", "out_of_scope", "budget_optimize", "saturation"]
    assert docs[2]["amount"] == 2_000_000
    assert all(set(d) == KEYS for d in docs)


def test_channels_option(app: typer.Typer) -> None:
    code, out, _ = _run(app, "route", "facebook roi", "--channels", "tv,social,search", "--json")
    assert code == 0
    assert json.loads(out)["channels"] == ["social"]


def test_table_output(app: typer.Typer) -> None:
    code, out, _ = _run(app, "route", "what if we cut telivision by a quarter?")
    assert code == 0
    assert "budget_scenario" in out and "-0.25" in out and "television" in out


def test_refusal_and_clarify_in_table(app: typer.Typer) -> None:
    assert "Sorry" in _run(app, "route", "write me a poem")[1]
    assert "Did you mean" in _run(app, "route", "asdf qwer")[1]


@pytest.mark.parametrize("args", [[], ["tv roi", "--file", "x.txt"]])
def test_question_or_file_required(app: typer.Typer, args: list[str]) -> None:
    code, out, err = _run(app, "route", *args)
    assert code == 1
    assert "QUESTION or --file" in err
    assert out == ""


def test_missing_file(app: typer.Typer, tmp_path: Path) -> None:
    code, _, err = _run(app, "route", "--file", str(tmp_path / "nope.txt"), "--json")
    assert code == 1 and "nope.txt" in err
