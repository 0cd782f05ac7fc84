# mixwise: two commands on a fresh machine with Python 3.11+ and make.
#   make demo   the executive demo on the bundled sample data
#   make test   lint, import-layer contract and the test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
UV := $(BIN)/uv
export UV_COMPILE_BYTECODE := 1
export UV_PROJECT_ENVIRONMENT := $(VENV)
export UV_LINK_MODE := copy

.PHONY: demo test app lint install install-dev browser clean lock

$(UV):
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check "uv==0.13.9"

install: $(UV)
	$(UV) sync --frozen --inexact --extra reports --extra app --extra llm --extra mcp

install-dev: $(UV)
	$(UV) sync --frozen --inexact --extra reports --extra app --extra llm --extra mcp --extra dev

demo: install
	$(BIN)/mixwise demo

app: install
	$(BIN)/mixwise app

lint: install-dev
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/lint-imports

test: install-dev browser
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/lint-imports
	$(BIN)/python -m pytest -q -n 2 --dist loadgroup

browser:
	@command -v chromium >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq chromium) || echo "chromium unavailable: browser tests will skip"

lock: $(UV)
	$(UV) lock

clean:
	rm -rf $(VENV) outputs .mixwise-cache
