# Two commands on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3.13
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8000
MANAGE := $(BIN)/python example_site/manage.py

.PHONY: demo test venv lint format docs benchmark clean

$(BIN)/activate: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet uv nox
	$(BIN)/uv pip install --python $(BIN)/python --quiet -e ".[testing,docs]"
	touch $(BIN)/activate

venv: $(BIN)/activate

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
test: venv
	$(BIN)/nox -s lint tests migrations browser docs package

lint: venv
	$(BIN)/nox -s lint

format: venv
	$(BIN)/nox -s lint -- --fix

docs: venv
	$(BIN)/nox -s docs

benchmark: venv
	$(BIN)/python benchmarks/programme.py

clean:
	rm -rf $(VENV) .nox .demo-data docs/_build dist build
