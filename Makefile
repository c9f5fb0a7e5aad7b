# Every routine task is a target here. `make run` and `make test` set up what is missing first;
# a second run skips what is already done (the targets below are files with timestamps).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PG_URL ?= postgres://postgres@127.0.0.1:5432/buurtontdekkers
REDIS_URL ?= redis://127.0.0.1:6379/0
CACHE_REDIS_URL ?= redis://127.0.0.1:6379/2

.PHONY: setup run test test-dates check lint format messages worker beat clean lock deploy-check

setup: $(VENV)/.installed static/vendor/.done locale/nl/LC_MESSAGES/django.mo locale/en/LC_MESSAGES/django.mo

$(VENV)/.system-deps: scripts/system_deps.sh
	@mkdir -p $(VENV)
	scripts/system_deps.sh
	@touch $@

$(VENV)/.installed: requirements-dev.txt $(VENV)/.system-deps
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	@touch $@

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

static/vendor/.done: node_modules/.package-lock.json scripts/vendor_static.sh
	scripts/vendor_static.sh
	@touch $@

locale/%/LC_MESSAGES/django.mo: locale/%/LC_MESSAGES/django.po | $(VENV)/.installed
	$(BIN)/python manage.py compilemessages --verbosity 0 --ignore=.venv --ignore=node_modules

run: setup
	$(BIN)/python manage.py migrate --verbosity 0
	$(BIN)/python manage.py seed_demo
	$(BIN)/python manage.py runserver 127.0.0.1:8000

# The whole suite against real PostgreSQL and Redis (broker and cache; the defaults above, or the
# environment's).
test: setup
	DATABASE_URL=$${DATABASE_URL:-$(PG_URL)} CELERY_BROKER_URL=$${CELERY_BROKER_URL:-$(REDIS_URL)} \
		CACHE_URL=$${CACHE_URL:-$(CACHE_REDIS_URL)} \
		DJANGO_ALLOW_ASYNC_UNSAFE=true $(BIN)/pytest $(PYTEST_ARGS)

# The suite as if it were a Sunday and New Year's Eve (tests/conftest.py, BUURT_TODAY): a test
# that depends on today without freezing its own clock fails here. Browser and process tests are
# left out: Chromium, gunicorn and the worker keep the real clock.
DATES_ARGS ?= -m "not browser and not integration" -q
test-dates: setup
	BUURT_TODAY=2027-01-03 $(MAKE) --no-print-directory test PYTEST_ARGS='$(DATES_ARGS)'
	BUURT_TODAY=2026-12-31 $(MAKE) --no-print-directory test PYTEST_ARGS='$(DATES_ARGS)'

# Everything, for a release or after a large change: lint, the whole suite, then every benchmark
# at a small size (figures only, each in its own "bench" database). A benchmark that cannot run
# here (a tool or service missing) says why and the others still run; lint and tests must pass.
BENCHMARKS := \
	"project_pages.py --requests 10 --projects 5 --activities 500" \
	"dashboard.py --requests 10 --activities 500 --entries 100" \
	"order_confirmation.py --runs 2" \
	"dashboard_http.py --requests 10 --activities 500 --entries 100 --users 5 --seconds 5 --workers 2" \
	"load_mix.py --users 5 --seconds 10 --settle 30 --workers 2"
check: lint test
	@failed=""; for bench in $(BENCHMARKS); do \
		echo "== benchmarks/$$bench"; \
		env -u DATABASE_URL $(BIN)/python benchmarks/$$bench || failed="$$failed $${bench%% *}"; \
	done; \
	missing=$$(cd benchmarks && ls [!_]*.py | grep -vxE 'settings.py|urls.py|locustfile.py' | \
		grep -vxF "$$(printf '%s\n' $(BENCHMARKS) | grep -o '^[^ ]*\.py')"); \
	if [ -n "$$missing" ]; then echo "benchmarks not in BENCHMARKS (Makefile): $$missing"; fi; \
	if [ -n "$$failed" ]; then echo "benchmarks that did not finish (see above):$$failed"; fi

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: setup
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Refresh the catalogues after changing strings. Source strings are Dutch, so the nl catalogue
# is filled from them; English translations are written by hand in locale/en.
NL_PO := locale/nl/LC_MESSAGES/django.po
MSG_IGNORE := --ignore=.venv --ignore=node_modules --ignore=static/vendor --ignore=staticfiles --ignore=tests
messages: $(VENV)/.installed
	rm -f $(NL_PO)  # derived from the Dutch source strings, so rebuilt whole each time
	$(BIN)/python manage.py makemessages -l nl -l en --no-obsolete --no-location $(MSG_IGNORE)
	msgen --no-wrap -o $(NL_PO) $(NL_PO)
	sed -i 's/^"Language: \\n"$$/"Language: nl\\n"/' $(NL_PO)

worker: setup
	$(BIN)/celery -A buurtontdekkers worker --loglevel=INFO

beat: setup
	$(BIN)/celery -A buurtontdekkers beat --loglevel=INFO

clean:
	rm -rf $(VENV) node_modules static/vendor staticfiles

# Before going live (README, "Production"): required variables, the compose file, Django's
# check --deploy with production settings, the Caddyfile. Uses Docker when it is there.
deploy-check:
	scripts/deploy_check.sh

# Re-pin the dependencies after changing pyproject.toml: requirements.txt is what the image
# installs, requirements-dev.txt adds the test and lint tools for `make test`.
lock: $(VENV)/.installed
	$(BIN)/pip install --quiet pip-tools
	$(BIN)/pip-compile --quiet --strip-extras --no-emit-index-url --no-emit-find-links -o requirements.txt pyproject.toml
	$(BIN)/pip-compile --quiet --strip-extras --no-emit-index-url --no-emit-find-links --extra dev -c requirements.txt -o requirements-dev.txt pyproject.toml
