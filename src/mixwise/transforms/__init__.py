"""Adstock and saturation transforms shared by every model."""

from __future__ import annotations

from mixwise.transforms.adstock import geometric_adstock, half_life, weibull_adstock
from mixwise.transforms.media import MediaParams, media_contribution
from mixwise.transforms.saturation import hill, logistic

__all__ = [
    "geometric_adstock",
    "weibull_adstock",
    "half_life",
    "hill",
    "logistic",
    "MediaParams",
    "media_contribution",
]
