"""Offline question router: intent classification and entity extraction, no LLM and no network.

>>> from mixwise.agent.router import route
>>> route("tv roi?").intent
'roi'
"""

from __future__ import annotations

from mixwise.agent.router.router import INTENTS, Router, RouterContext, RouteResult, route

__all__ = ["INTENTS", "RouteResult", "Router", "RouterContext", "route"]
