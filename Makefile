# Two commands on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3.13
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8000
MANAGE := $(BIN)/python example_site/manage.py
# Written last, so an interrupted install is redone on the next run.
INSTALLED := $(VENV)/.installed

.PHONY: demo test venv lint format docs package benchmark clean

$(INSTALLED): pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "$(PYTHON) not found: install Python 3.13 (e.g. pyenv install 3.13) or run make PYTHON=/path/to/python3.13"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet "uv>=0.5" "nox>=2025.2.9"
	$(BIN)/uv pip install --python $(BIN)/python --quiet -e ".[testing,docs]"
	touch $@

venv: $(INSTALLED)

demo: export WAGTAILADMIN_BASE_URL = http://127.0.0.1:$(PORT)
demo: venv
	$(MANAGE) migrate --noinput
	$(MANAGE) load_demo_content
	$(MANAGE) ensure_demo_admin
	@echo ""
	@echo "  Example site: http://127.0.0.1:$(PORT)/"
	@echo "  Admin:        http://127.0.0.1:$(PORT)/admin/  (login: admin / password: admin)"
	@echo ""
	$(MANAGE) runserver 127.0.0.1:$(PORT)

# Everything: both Wagtail/Django stacks on SQLite and PostgreSQL, the browser
# tests, migrations, lint, the docs build and the packaged-wheel test.
# PostgreSQL at $$POSTGRES_URL (see noxfile.py), Chromium at $$CHROMIUM_PATH
# (default /usr/bin/chromium); both are required, neither is skipped.
test: venv
	$(BIN)/nox -s lint tests migrations browser docs package

lint: venv
	$(BIN)/nox -s lint

format: venv
	$(BIN)/nox -s lint -- --fix

docs: venv
	$(BIN)/nox -s docs

package: venv
	$(BIN)/nox -s package

benchmark: venv
	$(BIN)/python benchmarks/programme.py
	$(BIN)/python benchmarks/listing.py
	$(BIN)/python benchmarks/calendar_feeds.py
	$(BIN)/python benchmarks/page_weight.py

clean:
	rm -rf $(VENV) .nox .demo-data docs/_build dist build test-artifacts
