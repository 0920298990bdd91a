# The two commands of the README: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: run test lint

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --upgrade pip

# vpdq (video hashing) compiles against FFmpeg's libraries: say which packages are missing
# instead of failing deep inside a compiler run.
FFMPEG_LIBS := libavcodec libavformat libavdevice libavutil libswscale libswresample libavfilter

.PHONY: system-check
system-check:
	@pkg-config --exists $(FFMPEG_LIBS) 2>/dev/null || { \
	  echo "SafeStream needs FFmpeg and its development packages. On Debian/Ubuntu:"; \
	  echo "  sudo apt-get install ffmpeg pkg-config libavcodec-dev libavformat-dev libavdevice-dev \\"; \
	  echo "       libavutil-dev libswscale-dev libswresample-dev libavfilter-dev"; \
	  exit 1; }

$(VENV)/.installed: pyproject.toml $(BIN)/activate | system-check
	$(BIN)/pip install -e ".[dev]"
	touch $@

run: $(VENV)/.installed
	$(BIN)/safestream serve

lint: $(VENV)/.installed
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy

test: lint
	$(BIN)/pytest
