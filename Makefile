# Two commands: `make run` sets up and starts the system with demo data; `make test` runs lint and the whole suite.
SHELL := /bin/bash
export UV_PYTHON_DOWNLOADS := never
UV := python3 -m uv
PY := .venv/bin/python
DEV_ENV := DEBUG=1
# Parallel test workers: the suite is planned for a 2-core machine.
TEST_WORKERS ?= 2

.PHONY: setup run demo test lint system bench clean

setup:
	@python3 -m uv --version >/dev/null 2>&1 || python3 -m pip install --quiet uv
	$(UV) sync --frozen --compile-bytecode

# System packages the test suite drives for real: Debian's chromium (browser tests) and LibreOffice (PDF).
system:
	@missing=""; \
	command -v chromium >/dev/null 2>&1 || missing="$$missing chromium"; \
	command -v soffice >/dev/null 2>&1 || missing="$$missing libreoffice-writer-nogui"; \
	if [ -n "$$missing" ]; then \
		echo "Installing Debian packages:$$missing"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	fi

run: setup
	@mkdir -p var
	$(DEV_ENV) $(PY) manage.py migrate --noinput
	$(DEV_ENV) .venv/bin/nastavnik demo --if-empty
	$(DEV_ENV) .venv/bin/nastavnik serve

demo: setup
	$(DEV_ENV) $(PY) manage.py migrate --noinput
	$(DEV_ENV) .venv/bin/nastavnik demo --force

lint: setup
	.venv/bin/ruff check .

test: setup system lint
	$(PY) -m pytest -n $(TEST_WORKERS) --dist loadfile -q

bench: setup
	$(PY) bench/run_all.py

clean:
	rm -rf var .venv
