#!/usr/bin/env bash
# Create the PyMC-Marketing peer venv OUTSIDE the repo (never in mixwise's .venv or uv.lock).
# PyMC-Marketing 1.x needs Python >= 3.12. Pins: the exact set uv resolved for pymc-marketing==1.3.0
# on 2026-11-24 (key packages pinned explicitly so a re-run gets the same sampler and model code).
# Usage: bash benchmarks/peers/setup_pymc.sh   (then see benchmarks/peers/pymc_recovery.py)
set -euo pipefail
VENV=${VENV:-/work/peers/pymc-venv}
PYTHON=${PYTHON:-/root/.pyenv/versions/3.12.1/bin/python}
UV=${UV:-/work/main/.venv/bin/uv}

"$UV" venv --python "$PYTHON" "$VENV"
VIRTUAL_ENV="$VENV" "$UV" pip install --compile-bytecode \
  pymc-marketing==1.3.0 \
  pymc==6.3.2 \
  pytensor==3.3.8 \
  pymc-extras==0.15.1 \
  numba==0.68.0 \
  numpy==2.4.6 \
  pandas==3.1.1 \
  scipy==1.18.1 \
  xarray==2026.9.0 \
  arviz==1.3.0 \
  arviz-base==1.3.1 \
  arviz-stats==1.3.3 \
  arviz-plots==1.3.2 \
  preliz==0.28.0 \
  pydantic==2.14.3
"$VENV/bin/python" -c "import pymc_marketing; print('pymc-marketing', pymc_marketing.__version__)"
