"""Error types raised by mixwise.

Every message says what was wrong, the value received, what is allowed and what to do next.
Interfaces (CLI, app, MCP) translate :class:`MixwiseError` once; the library never prints.
"""

from __future__ import annotations

__all__ = [
    "MixwiseError",
    "DataValidationError",
    "UnknownChannelError",
    "NotFittedError",
    "OptimizationError",
    "ConfigError",
]


class MixwiseError(Exception):
    """Base class of every error mixwise raises on purpose."""


class DataValidationError(MixwiseError, ValueError):
    """The input data cannot be used as given (unreadable, missing columns, failed checks)."""


class ConfigError(MixwiseError, ValueError):
    """A setting (flag, project file key, prior, bound) is invalid."""


class UnknownChannelError(MixwiseError, ValueError):
    """A channel name that the data does not contain."""

    def __init__(self, name: str, known: list[str] | tuple[str, ...]):
        self.name = name
        self.known = tuple(known)
        super().__init__(f"Unknown channel '{name}'. Known channels: {', '.join(self.known)}.")


class NotFittedError(MixwiseError, ValueError, AttributeError):
    """A fitted-model method was called before ``fit``."""


class OptimizationError(MixwiseError, RuntimeError):
    """The budget optimiser could not find a plan that satisfies the constraints."""
