#!/usr/bin/env bash
# Create Google Meridian's own virtual environment for benchmarks/peers/meridian_recovery.py.
# Lives OUTSIDE the repo (never in mixwise's .venv / uv.lock). Pins = the exact set resolved for
# google-meridian 2.1.0 on 2026-11-24 (CPython 3.12.1, linux x86_64, CPU only; JAX backend is the
# 2.1.0 default, TensorFlow is still a hard dependency).
#
# Usage: bash benchmarks/peers/setup_meridian.sh [VENV_DIR]   (default /work/peers/meridian-venv)
set -euo pipefail
VENV="${1:-/work/peers/meridian-venv}"
UV="${UV:-/work/main/.venv/bin/uv}"
PYTHON="${PYTHON:-/root/.pyenv/versions/3.12.1/bin/python}"
REQ="$(mktemp)"
trap 'rm -f "$REQ"' EXIT
cat > "$REQ" <<'PINS'
absl-py==2.5.1
altair==6.3.0
arviz==0.19.0
astunparse==1.6.3
attrs==26.1.0
babel==2.18.0
bidict==0.24.1
certifi==2026.10.18
charset-normalizer==3.5.2
cloudpickle==3.1.2
contourpy==1.4.0
cycler==0.12.1
decorator==5.3.1
dm-tree==0.1.10
flatbuffers==25.12.19
fonttools==4.68.0
gast==0.7.0
google-meridian==2.1.0
google-pasta==0.2.0
grpcio==1.85.1
h5netcdf==1.8.2
h5py==3.14.0
idna==3.20
immutabledict==4.3.1
jax==0.12.0.1
jaxlib==0.12.0.1
jinja2==3.1.6
joblib==1.6.0
jsonschema==4.26.0
jsonschema-specifications==2025.9.1
keras==3.15.1
kiwisolver==1.5.1
libclang==18.1.1
markdown-it-py==4.3.0
markupsafe==3.0.4
matplotlib==3.10.9
mdurl==0.1.2
ml-dtypes==0.6.0
namex==0.1.0
narwhals==2.29.0
natsort==7.1.1
numpy==2.3.5
opt-einsum==3.4.0
optree==0.20.0
packaging==26.3
pandas==2.3.3
patsy==1.0.3
pillow==13.0.0
protobuf==7.36.2
pygments==2.21.0
pyparsing==3.3.3
python-dateutil==4.0.0
pytz==2026.6
referencing==0.37.0
requests==2.34.2
rich==15.0.0
rpds-py==2026.9.1
scipy==1.18.1
setuptools==84.2.1
six==1.17.0
statsmodels==0.14.6
tensorflow==2.21.0
termcolor==3.3.0
tf-keras==2.21.0
tfp-nightly==0.26.0.dev20260130
typing-extensions==4.16.0
tzdata==2026.6
urllib3==2.8.0
wheel==0.48.0
wrapt==2.5.2
xarray==2026.9.0
xarray-einstats==0.11.0
PINS
"$UV" venv --python "$PYTHON" "$VENV"
VIRTUAL_ENV="$VENV" "$UV" pip install --compile-bytecode -r "$REQ"
"$VENV/bin/python" -c "import meridian; print('google-meridian', meridian.__version__)"
