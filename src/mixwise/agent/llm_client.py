"""The LLM client interface, its settings and the adapter over the Anthropic SDK.

The agent talks to any object with ``create(**kwargs)`` returning a message-like object (``.content``
blocks with ``.type`` text / tool_use, ``.stop_reason``), or the same as dicts. The Anthropic SDK is
imported here, lazily, and nowhere else in mixwise.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable

from mixwise.errors import ConfigError

__all__ = [
    "DEFAULT_MODEL",
    "LLMClient",
    "LLMSettings",
    "AnthropicClient",
    "as_client",
    "make_client",
    "llm_configured",
    "secret_values",
    "redact",
]

#: The Claude model used unless ``MIXWISE_LLM_MODEL`` says otherwise (current Sonnet, not deprecated).
DEFAULT_MODEL = "claude-sonnet-5-5"

_PROVIDERS = ("anthropic", "bedrock", "vertex")
_SECRET_NAME = re.compile(r"KEY|TOKEN|SECRET|PASSWORD|CREDENTIAL", re.IGNORECASE)


@runtime_checkable
class LLMClient(Protocol):
    """Anything that sends one Messages API request and returns the message."""

    def create(self, **kwargs: Any) -> Any:
        """Send ``model``, ``system``, ``messages``, ``tools``, ``max_tokens``; return the response message."""
        ...


@dataclass(frozen=True)
class LLMSettings:
    """How the LLM agent runs.

    Attributes:
        model: Claude model id (env ``MIXWISE_LLM_MODEL``).
        max_turns: Model calls per question, tool calls and the grounding retry included.
        max_tokens: Output tokens per model call.
        provider: ``anthropic`` (API key), ``bedrock`` or ``vertex`` (env ``MIXWISE_LLM_PROVIDER``).
    """

    model: str = DEFAULT_MODEL
    max_turns: int = 6
    max_tokens: int = 1024
    provider: str = "anthropic"

    def __post_init__(self) -> None:
        if self.max_turns < 1:
            raise ConfigError(f"max_turns must be at least 1; received {self.max_turns}. Use the default, 6.")
        if self.max_tokens < 16:
            raise ConfigError(f"max_tokens must be at least 16; received {self.max_tokens}. Use the default, 1024.")
        if self.provider not in _PROVIDERS:
            raise ConfigError(
                f"Unknown LLM provider '{self.provider}'. Allowed: {', '.join(_PROVIDERS)}. "
                "Set MIXWISE_LLM_PROVIDER to one of them or unset it."
            )

    @classmethod
    def from_env(cls, **overrides: Any) -> LLMSettings:
        """Settings from ``MIXWISE_LLM_MODEL``, ``MIXWISE_LLM_MAX_TURNS``, ``MIXWISE_LLM_PROVIDER``."""
        values: dict[str, Any] = {}
        if os.environ.get("MIXWISE_LLM_MODEL"):
            values["model"] = os.environ["MIXWISE_LLM_MODEL"].strip()
        if os.environ.get("MIXWISE_LLM_MAX_TURNS"):
            raw = os.environ["MIXWISE_LLM_MAX_TURNS"]
            try:
                values["max_turns"] = int(raw)
            except ValueError as exc:
                raise ConfigError(f"MIXWISE_LLM_MAX_TURNS must be a whole number; received '{raw}'.") from exc
        if os.environ.get("MIXWISE_LLM_PROVIDER"):
            values["provider"] = os.environ["MIXWISE_LLM_PROVIDER"].strip().lower()
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)


class AnthropicClient:
    """Adapter: ``create(**kwargs)`` over ``anthropic.Anthropic`` / ``AnthropicBedrock`` / ``AnthropicVertex``."""

    def __init__(self, sdk_client: Any) -> None:
        self.sdk_client = sdk_client

    def create(self, **kwargs: Any) -> Any:
        """One ``messages.create`` call."""
        return self.sdk_client.messages.create(**kwargs)


def as_client(obj: Any) -> LLMClient:
    """Wrap an SDK client (anything with ``.messages.create``); pass an :class:`LLMClient` through."""
    if hasattr(obj, "messages") and hasattr(obj.messages, "create"):
        return AnthropicClient(obj)
    if callable(getattr(obj, "create", None)):
        return obj
    raise ConfigError(
        f"Not an LLM client: {type(obj).__name__}. Pass an anthropic.Anthropic client or an object with create(**kwargs)."
    )


def make_client(provider: str | None = None, **kwargs: Any) -> LLMClient:
    """An Anthropic SDK client for ``provider`` (credentials from the environment, as the SDK reads them).

    Args:
        provider: ``anthropic`` (``ANTHROPIC_API_KEY``), ``bedrock`` (AWS credentials) or ``vertex`` (Google
            credentials); defaults to ``MIXWISE_LLM_PROVIDER`` or ``anthropic``.
        **kwargs: Passed to the SDK client (``api_key``, ``http_client``, ``max_retries``...).
    """
    provider = (provider or os.environ.get("MIXWISE_LLM_PROVIDER") or "anthropic").lower()
    try:
        import anthropic
    except ImportError as exc:  # the optional extra is not installed
        raise ConfigError(
            "The LLM agent needs the 'anthropic' package. Install it with: pip install 'mixwise[llm]', "
            "or answer offline with --no-llm."
        ) from exc
    classes = {"anthropic": "Anthropic", "bedrock": "AnthropicBedrock", "vertex": "AnthropicVertex"}
    if provider not in classes:
        raise ConfigError(f"Unknown LLM provider '{provider}'. Allowed: {', '.join(classes)}.")
    kwargs.setdefault("timeout", 60.0)  # a stuck request falls back to the offline analyst within a minute
    return AnthropicClient(getattr(anthropic, classes[provider])(**kwargs))


def llm_configured(no_llm: bool = False) -> bool:
    """Whether the LLM agent should answer: not disabled, and a key (or a cloud provider) is configured."""
    if no_llm:
        return False
    provider = (os.environ.get("MIXWISE_LLM_PROVIDER") or "anthropic").lower()
    return provider in {"bedrock", "vertex"} or bool(os.environ.get("ANTHROPIC_API_KEY"))


def secret_values(extra: tuple[str, ...] = ()) -> list[str]:
    """Values of environment variables that look like secrets (API keys, tokens), longest first."""
    found = {v for k, v in os.environ.items() if _SECRET_NAME.search(k) and v and len(v) >= 8}
    found.update(v for v in extra if v and len(v) >= 8)
    return sorted(found, key=len, reverse=True)


def redact(text: str, secrets: list[str]) -> str:
    """``text`` with every secret replaced by ``[redacted]``."""
    for secret in secrets:
        if secret in text:
            text = text.replace(secret, "[redacted]")
    return text
