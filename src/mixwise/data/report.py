"""The validation report: every data issue at once, each with a status and a recommendation."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

import pandas as pd

from mixwise.errors import DataValidationError

__all__ = ["Check", "ValidationReport", "Status"]

Status = Literal["PASS", "WARN", "FAIL"]
_STATUSES = ("PASS", "WARN", "FAIL")


@dataclass(frozen=True)
class Check:
    """One data-quality check.

    Attributes:
        check: Short identifier (``negative_spend``, ``collinearity``...).
        status: ``PASS``, ``WARN`` (a caveat that travels with every result) or ``FAIL`` (stops).
        message: What was found, with the values involved.
        recommendation: What to do about it ("" for a PASS).
        column: The column concerned, when there is one.
    """

    check: str
    status: Status
    message: str
    recommendation: str = ""
    column: str | None = None

    def __post_init__(self) -> None:
        if self.status not in _STATUSES:
            raise ValueError(f"Check status must be one of {', '.join(_STATUSES)}; received {self.status!r}.")

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready copy."""
        return {
            "check": self.check,
            "status": self.status,
            "message": self.message,
            "recommendation": self.recommendation,
            "column": self.column,
        }


@dataclass(frozen=True)
class ValidationReport:
    """All checks run on one dataset.

    Attributes:
        checks: Every check, in the order run.
    """

    checks: tuple[Check, ...] = ()

    @property
    def failures(self) -> tuple[Check, ...]:
        """Checks with status FAIL: the data cannot be modelled until they are fixed."""
        return tuple(c for c in self.checks if c.status == "FAIL")

    @property
    def warnings(self) -> tuple[Check, ...]:
        """Checks with status WARN: caveats that travel with every result."""
        return tuple(c for c in self.checks if c.status == "WARN")

    @property
    def caveats(self) -> tuple[str, ...]:
        """The warning messages as plain sentences."""
        return tuple(c.message for c in self.warnings)

    @property
    def ok(self) -> bool:
        """True when nothing failed."""
        return not self.failures

    @property
    def status(self) -> Status:
        """Worst status over all checks."""
        if self.failures:
            return "FAIL"
        return "WARN" if self.warnings else "PASS"

    @property
    def headline(self) -> str:
        """One sentence: how many checks passed, warned and failed, and the first failure."""
        n_pass = sum(c.status == "PASS" for c in self.checks)
        text = (
            f"Data checks: {n_pass} passed, {len(self.warnings)} warning(s), {len(self.failures)} failure(s)"
            f" out of {len(self.checks)}."
        )
        if self.failures:
            text += f" First failure: {self.failures[0].message}"
        return text

    def raise_if_failed(self) -> None:
        """Raise one DataValidationError listing every failure (and its fix); do nothing when none failed."""
        if not self.failures:
            return
        parts = [f"{c.message} {c.recommendation}".strip() for c in self.failures]
        n = len(parts)
        raise DataValidationError(
            f"The data failed {n} check{'s' if n > 1 else ''}: "
            + " | ".join(f"({i}) {p}" for i, p in enumerate(parts, 1))
        )

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: ``{"status", "headline", "n_pass", "n_warn", "n_fail", "checks": [...]}``."""
        return {
            "status": self.status,
            "headline": self.headline,
            "n_pass": sum(c.status == "PASS" for c in self.checks),
            "n_warn": len(self.warnings),
            "n_fail": len(self.failures),
            "checks": [c.to_dict() for c in self.checks],
        }

    def to_frame(self) -> pd.DataFrame:
        """Tidy table: columns ``check, status, message, recommendation, column``."""
        return pd.DataFrame(
            [c.to_dict() for c in self.checks], columns=["check", "status", "message", "recommendation", "column"]
        )

    def __add__(self, other: ValidationReport) -> ValidationReport:
        return ValidationReport(self.checks + other.checks)
