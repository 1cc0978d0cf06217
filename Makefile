# The two set-up commands of the README: `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
OUT    ?= out/demo

.PHONY: setup lock messages demo test test-latest bench bench-quick app app-test lint clean

# One set of versions everywhere: requirements.lock (made by `make lock` with uv, every package
# pinned with its hashes) is what setup, test, app, CI and the bundle install. pyproject.toml keeps
# the ranges for whoever pip-installs the package, and excludes releases found broken.
LOCK := requirements.lock
UV_VERSION := 0.13.9

setup: $(STAMP)

# System packages: python3-venv for the venv (ffmpeg comes from imageio-ffmpeg); the libraries
# Qt's xcb window and QtMultimedia load (libpulse0 is a hard requirement of QtMultimedia); Xvfb
# and xdotool to look at the desktop app on a virtual screen; pulseaudio for the soak tests' null sink (a
# sound device playing into nothing). Installed only when missing, as root.
SYSTEM_PACKAGES := python3-venv libegl1 libgl1 libfontconfig1 libdbus-1-3 libglib2.0-0 libxkbcommon0 \
	libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-randr0 \
	libxcb-render-util0 libxcb-image0 libpulse0 pulseaudio xvfb xdotool x11-apps

$(STAMP): pyproject.toml $(LOCK)
	@missing=$$(for p in $(SYSTEM_PACKAGES); do dpkg-query -W -f='$${Status}' $$p 2>/dev/null \
	  | grep -q 'ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	  else echo "missing system packages (install them as root): $$missing"; fi; fi
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --require-hashes --no-deps -r $(LOCK)
	$(BIN)/python -m pip install -q --no-deps --no-build-isolation -e .
	$(BIN)/python -m pip check
	@touch $@

# Refreshes the lock to the newest versions pyproject.toml allows (then run `make test`).
lock:
	$(PYTHON) -m venv .venv-tools
	.venv-tools/bin/python -m pip install -q uv==$(UV_VERSION)
	.venv-tools/bin/uv pip compile pyproject.toml packaging/build-requirements.in \
	  --extra dev --extra app --extra bench --extra cluster --universal --python-version 3.11 \
	  --generate-hashes --custom-compile-command "make lock" -q -o $(LOCK)

# The suite on the newest versions pyproject.toml allows, in a venv of its own: an upstream break
# is seen here before an editor meets it (then exclude that release in pyproject.toml, with why).
test-latest:
	rm -rf .venv-latest && $(PYTHON) -m venv .venv-latest
	.venv-latest/bin/python -m pip install -q --upgrade pip
	.venv-latest/bin/python -m pip install -q --upgrade --upgrade-strategy eager -e '.[dev]'
	.venv-latest/bin/python -m pip list --format=freeze | grep -iE '^(pyside6|numpy|pillow|opencv|pydantic|dask)'
	.venv-latest/bin/lint-imports
	STUDIO_LATEST=1 .venv-latest/bin/python -m pytest -p no:cacheprovider

# The message catalogue (docs/messages.md): extract every marked string, update the French .po,
# compile the .mo; lists the strings still without a French translation.
messages: setup
	$(BIN)/python tools/messages.py

demo: setup
	$(BIN)/studio render examples/stories/*.md --preset tiktok --preset square --out $(OUT)
	@echo "Demo files are in $(abspath $(OUT))"

test: setup
	$(BIN)/lint-imports
	$(BIN)/python -m pytest

# The benchmark suite: one table (figures beside references measured in the same run), written as
# Markdown and a PNG plot to out/bench/. `make bench-quick`: one run each, shorter clips (< 10 min).
bench: setup
	PYTHONPATH=$(CURDIR) $(BIN)/python bench/suite.py --out out/bench

bench-quick: setup
	PYTHONPATH=$(CURDIR) $(BIN)/python bench/suite.py --quick --out out/bench

# The desktop bundle (PyInstaller, build.spec): dist/kindness-studio/ with kindness-studio and
# studio-cli, then its sizes. `make app-test` builds it from a clean clone and runs it as an editor would.
app: setup
	$(BIN)/python -m PyInstaller --noconfirm --distpath dist --workpath build/app build.spec
	$(BIN)/python packaging/size_report.py dist/kindness-studio

app-test: setup
	STUDIO_APP_TEST=1 $(BIN)/python -m pytest tests/bundle -v -p no:cacheprovider

clean:
	rm -rf $(VENV) .venv-latest .venv-tools out .pytest_cache build dist
