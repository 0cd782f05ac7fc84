from __future__ import annotations

import pytest
from truth_model import TruthModel

from mixwise.data.synthetic import generate


@pytest.fixture(scope="session")
def synth():
    return generate(seed=1, n_weeks=156)


@pytest.fixture(scope="session")
def model(synth):
    return TruthModel(synth.truth, draws=30, jitter=0.05).fit(synth.dataset)


@pytest.fixture(scope="session")
def point_model(synth):
    return TruthModel(synth.truth, draws=1, jitter=0.0).fit(synth.dataset)
