"""The ``mixwise`` command line: one typer app, commands registered by topic modules.

Heavy libraries are imported inside the commands that need them, so ``mixwise --help`` and
``mixwise route`` start fast.
"""

from __future__ import annotations

import importlib

import typer

__all__ = ["app", "run"]

app = typer.Typer(
    name="mixwise",
    help="mixwise: an AI marketing-mix analyst. Fit a marketing-mix model to weekly sales and media "
    "spend, then ask plain-English questions about ROI, saturation, scenarios and budgets.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

# Each module defines ``register(app)``; a missing optional module is skipped.
_COMMAND_MODULES = (
    "mixwise.cli.data_cmds",
    "mixwise.cli.model_cmds",
    "mixwise.cli.decision_cmds",
    "mixwise.cli.agent_cmds",
    "mixwise.cli.ask_cmds",
    "mixwise.cli.output_cmds",
    "mixwise.cli.report_cmds",
    "mixwise.cli.mcp_cmds",
)

for _name in _COMMAND_MODULES:
    try:
        _module = importlib.import_module(_name)
    except ModuleNotFoundError as _exc:
        if _exc.name != _name:
            raise
        continue
    _module.register(app)


def run() -> None:
    """Console-script entry point."""
    app()
