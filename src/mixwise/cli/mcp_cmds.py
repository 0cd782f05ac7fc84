"""``mixwise mcp``: serve the analyst's tools over stdio to Claude Desktop or any MCP client."""

from __future__ import annotations

import importlib
import importlib.util
from typing import Annotated

import typer

from mixwise.cli.common import (
    DataArgs,
    data_command,
    err_console,
    handle_errors,
)
from mixwise.errors import ConfigError

__all__ = ["register"]

ModelOpt = Annotated[
    str, typer.Option("--model", help="bayes (default, Bayesian) or ols (fast regression); fit_model can switch.")
]
NoCacheOpt = Annotated[bool, typer.Option("--no-cache", help="Refit instead of reusing a cached model fit.")]

_MODELS = ("bayes", "ols")


def register(app: typer.Typer) -> None:
    """Add ``mcp`` to ``app``."""

    @app.command("mcp")
    @handle_errors
    @data_command
    def mcp_command(
        data: DataArgs | None = None,
        model: ModelOpt = "bayes",
        no_cache: NoCacheOpt = False,
    ) -> None:
        """Serve the analyst over stdio (MCP) for Claude Desktop: every analyst tool, plus load_data,
        fit_model and ask. The data is checked before the server starts; stdout carries only MCP messages."""
        if model not in _MODELS:
            raise ConfigError(f"Unknown model '{model}'. Allowed: {', '.join(_MODELS)}. Use --model bayes or ols.")
        if importlib.util.find_spec("mcp") is None:
            raise ConfigError("The MCP server needs the 'mcp' package. Install it with: pip install 'mixwise[mcp]'.")
        # cli and mcp are sibling interfaces (neither imports the other statically): load the server by name.
        server_module = importlib.import_module("mixwise.mcp.server")
        from mixwise.agent.session import AnalystSession

        options = data.options()
        loaded = data.load()  # fail fast, in the terminal, on unreadable data
        session = AnalystSession(loaded, model_name=model, use_cache=not no_cache)
        analyst = server_module.AnalystServer(
            data.csv, model_name=model, load_options=options, session=session, use_cache=not no_cache
        )
        err_console.print(
            f"mixwise MCP server: {loaded.dataset.n_weeks} weeks, {loaded.dataset.n_channels} channels, "
            f"model {model}. Waiting for a client on stdio (Ctrl+C to stop).",
            highlight=False,
        )
        server_module.run_stdio(analyst)
