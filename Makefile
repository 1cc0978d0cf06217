# The two set-up commands of the README: `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
OUT    ?= out/demo

.PHONY: setup demo test bench bench-quick app app-test lint clean

setup: $(STAMP)

# System packages: python3-venv for the venv (ffmpeg comes from imageio-ffmpeg); the libraries
# Qt's xcb window and QtMultimedia load (libpulse0 is a hard requirement of QtMultimedia); Xvfb
# and xdotool to look at the desktop app on a virtual screen. Installed only when missing, as root.
SYSTEM_PACKAGES := python3-venv libegl1 libgl1 libfontconfig1 libdbus-1-3 libglib2.0-0 libxkbcommon0 \
	libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-randr0 \
	libxcb-render-util0 libxcb-image0 libpulse0 xvfb xdotool x11-apps

$(STAMP): pyproject.toml
	@missing=$$(for p in $(SYSTEM_PACKAGES); do dpkg-query -W -f='$${Status}' $$p 2>/dev/null \
	  | grep -q 'ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	  else echo "missing system packages (install them as root): $$missing"; fi; fi
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

# The benchmark suite: one table (figures beside references measured in the same run), written as
# Markdown and a PNG plot to out/bench/. `make bench-quick`: one run each, shorter clips (< 10 min).
bench: setup
	@$(BIN)/python -c "import moviepy, psutil" 2>/dev/null || $(BIN)/python -m pip install -q -e '.[bench]'
	PYTHONPATH=$(CURDIR) $(BIN)/python bench/suite.py --out out/bench

bench-quick: setup
	@$(BIN)/python -c "import moviepy, psutil" 2>/dev/null || $(BIN)/python -m pip install -q -e '.[bench]'
	PYTHONPATH=$(CURDIR) $(BIN)/python bench/suite.py --quick --out out/bench

# The desktop bundle (PyInstaller, build.spec): dist/kindness-studio/ with kindness-studio and
# studio-cli, then its sizes. `make app-test` builds it from a clean clone and runs it as an editor would.
app: setup
	@$(BIN)/python -c "import PyInstaller" 2>/dev/null || $(BIN)/python -m pip install -q -e '.[app]'
	$(BIN)/python -m PyInstaller --noconfirm --distpath dist --workpath build/app build.spec
	$(BIN)/python packaging/size_report.py dist/kindness-studio

app-test: setup
	@$(BIN)/python -c "import PyInstaller" 2>/dev/null || $(BIN)/python -m pip install -q -e '.[app]'
	STUDIO_APP_TEST=1 $(BIN)/python -m pytest tests/bundle -v -p no:cacheprovider

clean:
	rm -rf $(VENV) out .pytest_cache build dist
