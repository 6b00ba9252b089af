# Two commands on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3.13
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8000
MANAGE := $(BIN)/python example_site/manage.py
# Written last, so an interrupted install is redone on the next run.
INSTALLED := $(VENV)/.installed

.PHONY: demo stack test venv lint format docs package benchmark messages compilemessages screenshots clean

$(INSTALLED): pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "$(PYTHON) not found: install Python 3.13 (e.g. pyenv install 3.13) or run make PYTHON=/path/to/python3.13"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet "uv>=0.5" "nox>=2025.2.9"
	$(BIN)/uv pip install --python $(BIN)/python --quiet -e ".[testing,docs]"
	touch $@

venv: $(INSTALLED)

demo: export WAGTAILADMIN_BASE_URL = http://127.0.0.1:$(PORT)
# The example site keeps DEBUG off unless told: the demo serves its static files.
demo: export DEBUG = 1
demo: venv
	$(MANAGE) migrate --noinput
	$(MANAGE) load_demo_content
	$(MANAGE) ensure_demo_admin
	@echo ""
	@echo "  Example site: http://127.0.0.1:$(PORT)/"
	@echo "  Admin:        http://127.0.0.1:$(PORT)/admin/  (login: admin / password: admin)"
	@echo ""
	$(MANAGE) runserver 127.0.0.1:$(PORT)

# The production stack of docs/deployment.md on this machine, in the foreground
# (Ctrl-C stops it): gunicorn (4 processes x 4 threads), a Redis server of its
# own, the task worker and the periodic jobs of deploy/crontab, on the
# PostgreSQL at $$POSTGRES_URL (or DATABASE_URL), with the demo content. Needs
# Debian's postgresql and redis-server packages; no container.
stack: export SERVE_STATIC = 1
stack: venv
	$(BIN)/python deploy/stack.py --port $(PORT) --demo

# Everything: both Wagtail/Django stacks on SQLite and PostgreSQL, the browser
# tests, the production stack's tests, migrations, lint, the docs build and the
# packaged-wheel test.
# PostgreSQL at $$POSTGRES_URL (see noxfile.py), Chromium at $$CHROMIUM_PATH
# (default /usr/bin/chromium); both are required, neither is skipped.
test: venv
	$(BIN)/nox -s lint tests migrations browser stack docs package

lint: venv
	$(BIN)/nox -s lint

format: venv
	$(BIN)/nox -s lint -- --fix

docs: venv
	$(BIN)/nox -s docs

package: venv
	$(BIN)/nox -s package

# The README's and the docs' screenshots (docs/_static/screenshots/), at 1280 and
# 390 px, from the demo served at $(BASE_URL): run `make demo` in another terminal
# first. Debian's Chromium ($$CHROMIUM_PATH, default /usr/bin/chromium); a speaker
# page's address with SPEAKER=/path/.
BASE_URL ?= http://127.0.0.1:$(PORT)
screenshots: venv
	$(BIN)/python docs/screenshots.py $(BASE_URL) $(if $(SPEAKER),--speaker $(SPEAKER))

benchmark: venv
	$(BIN)/python benchmarks/programme.py
	$(BIN)/python benchmarks/listing.py
	$(BIN)/python benchmarks/calendar_feeds.py
	$(BIN)/python benchmarks/page_weight.py
	# Through the production stack: PostgreSQL at $$POSTGRES_URL, Debian's redis-server.
	$(BIN)/python benchmarks/registration_load.py

# The interface in Dutch, French and German. `make messages` collects the marked
# strings of the package (wagtail_events/ only: the tests and the example site are
# not shipped), keeps every existing translation, drops the ones no longer used
# and compiles; new entries come in untranslated, and `make test` fails
# (tests/i18n/test_catalogues.py) until they are translated. After translating:
# `make compilemessages`. Needs GNU gettext (Debian: apt-get install gettext).
# Django's default settings, not a project's: the package's strings only; -P
# keeps the current directory (the package) off sys.path, so that no module of
# the package could ever hide one of the standard library's.
LANGUAGES := nl fr de
DJANGO := cd wagtail_events && env -u DJANGO_SETTINGS_MODULE $(abspath $(BIN))/python -P -m django

messages: venv
	$(DJANGO) makemessages $(addprefix --locale=,$(LANGUAGES)) --no-obsolete --add-location=file
	$(MAKE) compilemessages

compilemessages: venv
	$(DJANGO) compilemessages $(addprefix --locale=,$(LANGUAGES))

clean:
	rm -rf $(VENV) .nox .demo-data .stack-data docs/_build dist build test-artifacts
