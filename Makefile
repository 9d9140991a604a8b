# Two commands: `make run` sets up and starts the system with demo data; `make test` runs lint and the whole suite.
SHELL := /bin/bash
export UV_PYTHON_DOWNLOADS := never
UV := python3 -m uv
PY := .venv/bin/python
DEV_ENV := DEBUG=1
# Parallel test workers: the suite is planned for a 2-core machine.
TEST_WORKERS ?= 2

.PHONY: setup run demo test lint browser bench clean

setup:
	@python3 -m uv --version >/dev/null 2>&1 || python3 -m pip install --quiet uv
	$(UV) sync --frozen

browser:
	@command -v chromium >/dev/null 2>&1 || { \
		echo "Installing Debian's chromium for the browser tests"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

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

test: setup browser lint
	$(PY) -m pytest -n $(TEST_WORKERS) --dist loadfile -q

bench: setup
	$(PY) bench/run_all.py

clean:
	rm -rf var .venv
