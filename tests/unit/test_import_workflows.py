"""Workflows are carried verbatim; the report says what of each the spec's sections could say.

`ci`, `cd` and `retraining` generate workflows of their own shape, so import keeps a
repository's workflows as they are and names what it recognised (triggers, schedules, DVC and
CML steps, image builds, environments, promotion) and the steps a generated workflow has no
place for.
"""

from __future__ import annotations

from pathlib import Path

from mlops_compiler.commands.importer import import_repository
from mlops_compiler.commands.importer.readers import parse_text
from mlops_compiler.commands.importer.workflow_model import verbatim_reason

CASES_DIR = Path(__file__).resolve().parents[1] / "data" / "import"
KEPT = "the generated workflows have their own jobs, so this one is kept"


def test_the_ci_case_workflows_are_described() -> None:
    reasons = {s.path: s.verbatim for s in import_repository(CASES_DIR / "ci").adopted}
    assert reasons[".github/workflows/cml.yml"] == (
        "recognised: pull_request (`ci.branches`), schedule 0 3 * * 1 (`retraining.schedule`),"
        f" dvc repro (`ci.reproduce`), a CML report (`ci`); {KEPT}"
    )
    assert reasons[".github/workflows/docker.yml"] == (
        "recognised: push to main (`ci.branches`), an image build and push (`images`,"
        f" `cd.images`); {KEPT}"
    )


def test_steps_without_a_place_are_named() -> None:
    text = """\
on: [push, workflow_dispatch]
jobs:
  deploy:
    runs-on: ubuntu-latest
    environment: production
    steps:
      - uses: actions/checkout@v4
      - uses: aws-actions/configure-aws-credentials@v4
      - run: python -c "import mlflow; mlflow.MlflowClient().set_registered_model_alias(1)"
      - run: |
          kubectl apply -f k8s/
      - run: make a
      - run: make b
"""
    data = parse_text(text, ".github/workflows/deploy.yml", "workflow")
    assert verbatim_reason(data) == (
        "recognised: push (`ci.branches`), workflow_dispatch (`retraining` dispatches one),"
        " a deployment environment (`cd.deploy`), model promotion (`cd.promote`,"
        " `tracking.registry`); no place in a generated workflow: deploy: uses"
        " aws-actions/configure-aws-credentials; deploy: run kubectl apply -f k8s/; deploy: run"
        " make a and 1 more; " + KEPT
    )
