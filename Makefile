# The two set-up commands of the README: `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
OUT    ?= out/demo

.PHONY: setup demo test bench lint clean

setup: $(STAMP)

# python3-venv is the only system package the engine needs (ffmpeg comes from imageio-ffmpeg).
$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import ensurepip, venv' 2>/dev/null || { \
	  [ "$$(id -u)" = 0 ] && apt-get update -qq && apt-get install -y -qq python3-venv; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	@touch $@

demo: setup
	$(BIN)/studio render examples/stories/*.md --preset tiktok --preset square --out $(OUT)
	@echo "Demo files are in $(abspath $(OUT))"

test: setup
	$(BIN)/lint-imports
	$(BIN)/python -m pytest

bench: setup
	$(BIN)/python bench/render_vs_encode.py

clean:
	rm -rf $(VENV) out .pytest_cache
