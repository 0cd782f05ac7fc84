"""The MCP server: mixwise's analyst tools for Claude Desktop and other MCP clients (``mixwise mcp``).

The server needs the optional ``mcp`` package (``pip install 'mixwise[mcp]'``); it is imported only
when a server is built.
"""

from __future__ import annotations

from mixwise.mcp.server import AnalystServer, build_server, run_stdio

__all__ = ["AnalystServer", "build_server", "run_stdio"]
