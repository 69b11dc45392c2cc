"""Workflows `ci`, `cd` and `retraining` can say are modelled, not carried (issue 17, finding 1).

A workflow that lints, tests and reproduces on pushes and pull requests becomes `ci`; one that
builds and pushes the images `images` models, and deploys through environments, becomes `cd`;
a scheduled `dvc repro` becomes `retraining`. Steps with no place, after every modelled step,
are carried as `append` patches (partly modelled); anything else keeps the file verbatim with
the reason. The generated workflow is stricter (pins, least privilege): each difference is
listed, and `--keep-behaviour` carries the file as it is.
"""

from __future__ import annotations

import json
import textwrap
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from support import run_cli, write_tree

from mlops_compiler.commands.importer import import_report, import_repository
from mlops_compiler.commands.importer.readers import parse_text
from mlops_compiler.commands.importer.workflow_model import WorkflowModel, model_workflow
from mlops_compiler.load.loader import load_spec_bytes

CASES_DIR = Path(__file__).resolve().parents[1] / "data" / "import"

PIPELINE = {
    "dvc.yaml": """\
        stages:
          train:
            cmd: python src/train.py
            deps: [src/train.py]
            params: [train.lr]
            metrics:
              - metrics.json:
                  cache: false
        """,
    "params.yaml": "train:\n  lr: 0.1\n",
    "requirements.txt": "dvc>=3\nscikit-learn\n",
    "src/train.py": "print(1)\n",
}
TESTS = """\
    # Lint and test on every pull request
    name: tests
    on:
      push:
        branches: [main]
      pull_request:
        branches: [main]
    jobs:
      test:
        runs-on: ubuntu-latest
        strategy:
          matrix:
            python-version: ["3.10", "3.11"]
        steps:
          - uses: actions/checkout@v4
          - uses: actions/setup-python@v5
            with:
              python-version: ${{ matrix.python-version }}
          - name: Install
            run: |
              python -m pip install --upgrade pip
              pip install -r requirements.txt
          - name: Lint
            run: flake8 src --max-line-length 100  # the style
          - name: Test
            run: pytest -q
          - uses: codecov/codecov-action@v4
            with:
              token: ${{ secrets.CODECOV_TOKEN }}
    """
CML = """\
    name: CML
    on: [pull_request]
    jobs:
      train:
        runs-on: ubuntu-latest
        timeout-minutes: 30
        steps:
          - uses: actions/checkout@v4
          - uses: iterative/setup-cml@v2
          - uses: actions/setup-python@v5
            with:
              python-version: "3.10"
          - run: pip install -r requirements.txt
          - name: Train and report
            env:
              REPO_TOKEN: ${{ secrets.GITHUB_TOKEN }}
              AWS_ACCESS_KEY_ID: ${{ secrets.AWS_KEY }}
            run: |
              dvc pull
              dvc repro
              dvc metrics diff main --md >> report.md
              cml comment create report.md
    """


def _spec(root: Path, *, keep_behaviour: bool = False) -> dict[str, Any]:
    text = import_repository(root, keep_behaviour=keep_behaviour).spec_text
    data: dict[str, Any] = load_spec_bytes(text.encode(), root / "mlops.yaml").data
    return data


def _model(text: str) -> WorkflowModel | str:
    data = parse_text(text, ".github/workflows/w.yml", "workflow")
    return model_workflow(data)


def test_a_lint_and_test_workflow_becomes_ci(tmp_path: Path) -> None:
    root = write_tree(tmp_path, {**PIPELINE, ".github/workflows/test.yml": TESTS})
    spec = _spec(root)
    assert spec["ci"] == {
        "branches": ["main"],
        "install": ["python -m pip install --upgrade pip", "pip install -r requirements.txt"],
        "lint": ["flake8 src --max-line-length 100"],
        "test": ["pytest -q"],
        "reproduce": False,
    }
    assert spec["project"]["python"] == "3.11"
    assert "files" not in spec
    step = {"uses": "codecov/codecov-action@v4", "with": {"token": "${{ secrets.CODECOV_TOKEN }}"}}
    assert spec["overrides"] == {
        ".github/workflows/ci.yml": {"patches": [{"append": "jobs.pipeline.steps", "value": step}]}
    }


def test_the_report_says_partly_modelled_what_is_carried_and_each_difference(
    tmp_path: Path,
) -> None:
    root = write_tree(tmp_path, {**PIPELINE, ".github/workflows/test.yml": TESTS})
    report = import_report(import_repository(root), check=False)
    assert (
        "    .github/workflows/test.yml: partly modelled by `ci` (.github/workflows/ci.yml)\n"
        "      carried: append jobs.pipeline.steps (uses codecov/codecov-action@v4)\n"
        "      differs: runs on Python 3.11 only, not each of 3.10, 3.11\n"
        "      differs: a job stops after 60 minutes (GitHub's default is 360)\n"
        "      differs: actions are pinned to commit SHAs (was actions/checkout@v4,"
        " actions/setup-python@v5)\n"
        "      differs: each job's token asks only for what it needs (was the repository's"
        " default permissions)\n"
    ) in report
    [created] = [line for line in report.splitlines() if "compile will also create:" in line]
    assert ".github/workflows/ci.yml" in created


def test_import_then_compile_replaces_the_workflow_and_checks_clean(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = write_tree(tmp_path, {**PIPELINE, ".github/workflows/test.yml": TESTS})
    assert run_cli(capsys, "import", str(root)).exit_code == 0
    spec = str(root / "mlops.yaml")
    compiled = run_cli(capsys, "compile", "-f", spec)
    assert compiled.exit_code == 0, compiled.stderr
    assert "delete  .github/workflows/test.yml" in compiled.stdout
    assert sorted(p.name for p in (root / ".github/workflows").iterdir()) == ["ci.yml"]
    ci = parse_text((root / ".github/workflows/ci.yml").read_text(), "ci.yml", "workflow")
    steps = ci["jobs"]["pipeline"]["steps"]
    assert [s.get("run", "").strip() for s in steps if s.get("name") in ("Lint", "Test")] == [
        "flake8 src --max-line-length 100",
        "pytest -q",
    ]
    assert steps[-1]["uses"] == "codecov/codecov-action@v4"  # carried, after the generated ones
    assert ci["jobs"]["pipeline"]["permissions"] == {"contents": "read"}
    assert run_cli(capsys, "compile", "--check", "-f", spec).exit_code == 0


def test_a_cml_workflow_becomes_ci_that_reproduces(tmp_path: Path) -> None:
    root = write_tree(tmp_path, {**PIPELINE, ".github/workflows/cml.yaml": CML})
    spec = _spec(root)
    assert spec["ci"] == {
        "branches": ["**"],
        "install": ["pip install -r requirements.txt"],
        "reproduce": True,
        "timeout_minutes": 30,
        "remote_credentials": {"AWS_ACCESS_KEY_ID": "AWS_KEY"},
    }
    assert spec["project"]["python"] == "3.10"
    model = _model(textwrap.dedent(CML))
    assert isinstance(model, WorkflowModel)
    assert "runs on pushes too (`ci` runs on both)" in model.differences
    assert model.reproduces


def test_dvc_repro_without_the_root_pipeline_keeps_the_workflow_verbatim(tmp_path: Path) -> None:
    files = {k: v for k, v in PIPELINE.items() if k != "params.yaml"}
    files["dvc.yaml"] = "stages:\n  train:\n    cmd: python src/train.py\n"
    root = write_tree(tmp_path, {**files, ".github/workflows/cml.yaml": CML})
    result = import_repository(root)
    source = next(s for s in result.adopted if s.path == ".github/workflows/cml.yaml")
    assert source.kind == "file"
    assert "reproduces the root `pipeline`" in source.verbatim


def test_keep_behaviour_carries_a_workflow_as_it_is(tmp_path: Path) -> None:
    root = write_tree(tmp_path, {**PIPELINE, ".github/workflows/test.yml": TESTS})
    spec = _spec(root, keep_behaviour=True)
    assert "ci" not in spec
    assert list(spec["files"]) == [".github/workflows/test.yml"]
    result = import_repository(root, keep_behaviour=True)
    source = next(s for s in result.adopted if s.path == ".github/workflows/test.yml")
    assert source.verbatim.startswith("--keep-behaviour: the generated workflow would differ (")


def test_a_step_with_no_place_before_a_modelled_one_keeps_the_file_verbatim() -> None:
    text = textwrap.dedent("""\
        on: push
        jobs:
          test:
            runs-on: ubuntu-latest
            steps:
              - uses: actions/checkout@v4
              - run: pip install -r requirements.txt
              - uses: actions/setup-node@v4
              - run: pytest
        """)
    assert _model(text) == (
        "job `test`, step 4 runs after uses actions/setup-node, which has no place in a"
        " generated workflow: its order would change"
    )


@pytest.mark.parametrize(
    ("text", "why"),
    [
        (
            "on: {pull_request_target: {}}\njobs: {a: {runs-on: x, steps: [{run: pytest}]}}\n",
            "the trigger `pull_request_target`: `ci` runs on pushes and pull requests",
        ),
        (
            "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    services: {db: {image: pg}}\n"
            "    steps: [{run: pytest}]\n",
            "job `a`: `services` has no place in a generated job",
        ),
        (
            "on: push\njobs:\n  a:\n    runs-on: ${{ matrix.os }}\n    steps: [{run: pytest}]\n",
            "job `a`: `runs-on: ${{ matrix.os }}`: a generated job runs on one runner label",
        ),
        (
            "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
            "      - run: echo ${{ github.head_ref }}\n",
            "job `a`, step 1: a `${{ }}` expression in its script (`ci` commands read the"
            " environment)",
        ),
        (
            "on:\n  schedule: [{cron: '0 3 * * 1'}]\n  pull_request:\njobs:\n  a:\n"
            "    runs-on: ubuntu-latest\n    steps: [{run: dvc repro}]\n",
            "a schedule and `pull_request` in one workflow: `retraining` runs on a schedule, `ci`"
            " on pushes and pull requests (one file each)",
        ),
    ],
)
def test_what_no_section_says_keeps_the_file_verbatim_with_the_reason(text: str, why: str) -> None:
    assert _model(text) == why


def test_a_scheduled_repro_is_retraining_and_says_why_it_cannot_compile(tmp_path: Path) -> None:
    retrain = """\
        on:
          schedule:
            - cron: "0 4 * * 0"
          workflow_dispatch:
        jobs:
          retrain:
            runs-on: ubuntu-latest
            steps:
              - uses: actions/checkout@v4
              - run: pip install -r requirements.txt
              - run: dvc repro
        """
    model = _model(textwrap.dedent(retrain))
    assert isinstance(model, WorkflowModel)
    assert (model.section, model.fragment) == ("retraining", {"schedule": "0 4 * * 0"})
    root = write_tree(tmp_path, {**PIPELINE, ".github/workflows/retrain.yml": retrain})
    result = import_repository(root)
    source = next(s for s in result.adopted if s.path == ".github/workflows/retrain.yml")
    assert source.kind == "file"
    assert source.verbatim == (
        "`retraining` would not compile: `retraining` registers and promotes the model, and no"
        " registered model is named"
    )


SERVE = """\
    FROM python:3.11-slim
    COPY requirements.txt .
    RUN pip install --no-cache-dir -r requirements.txt
    COPY src/ src/
    EXPOSE 8000
    CMD ["uvicorn", "src.app:app", "--host", "0.0.0.0", "--port", "8000"]
    """
DELIVER = """\
    name: deliver
    on:
      push:
        branches: [main]
        tags: ["v*"]
    jobs:
      image:
        runs-on: ubuntu-latest
        steps:
          - uses: actions/checkout@v4
          - uses: docker/login-action@v3
            with:
              registry: ghcr.io
              username: ${{ github.actor }}
              password: ${{ secrets.GITHUB_TOKEN }}
          - uses: docker/build-push-action@v6
            with:
              context: .
              file: docker/serve.Dockerfile
              push: true
              tags: ghcr.io/acme/app:latest
      deploy:
        needs: image
        runs-on: ubuntu-latest
        environment:
          name: staging
          url: https://staging.example.com
        steps:
          - uses: actions/checkout@v4
          - name: Roll out
            env:
              KUBECONFIG_DATA: ${{ secrets.STAGING_KUBECONFIG }}
            run: ./deploy/rollout.sh staging
    """


def test_an_image_build_and_a_deployment_become_cd(tmp_path: Path) -> None:
    files = {**PIPELINE, "docker/serve.Dockerfile": SERVE, ".github/workflows/deliver.yml": DELIVER}
    spec = _spec(write_tree(tmp_path, files))
    assert spec["cd"] == {
        "tags": ["v*"],
        "images": ["serve"],
        "promote": False,
        "deploy": [
            {
                "environment": "staging",
                "command": "./deploy/rollout.sh staging",
                "url": "https://staging.example.com",
                "secrets": {"KUBECONFIG_DATA": "STAGING_KUBECONFIG"},
            }
        ],
    }
    assert spec["images"]["registry"] == {"host": "ghcr.io"}


def test_cd_of_an_image_images_does_not_model_stays_verbatim(tmp_path: Path) -> None:
    files = {
        **PIPELINE,
        "docker/serve.Dockerfile": 'FROM python:3.11\nRUN apt-get install -y git\nCMD ["x"]\n',
        ".github/workflows/deliver.yml": DELIVER,
    }
    result = import_repository(write_tree(tmp_path, files))
    source = next(s for s in result.adopted if s.path == ".github/workflows/deliver.yml")
    assert source.verbatim.startswith("it builds docker/serve.Dockerfile, which `images` does")


def test_an_existing_ci_yml_is_never_written_over(tmp_path: Path) -> None:
    other = "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    services: {db: {image: x}}\n"
    other += "    steps: [{run: pytest}]\n"
    files = {
        **PIPELINE,
        ".github/workflows/ci.yml": other,
        ".github/workflows/lint.yml": TESTS,
    }
    result = import_repository(write_tree(tmp_path, files))
    lint = next(s for s in result.adopted if s.path == ".github/workflows/lint.yml")
    assert lint.verbatim == ".github/workflows/ci.yml exists and is kept; `ci` would write over it"


def test_a_modelled_workflows_comments_go_above_its_section(tmp_path: Path) -> None:
    root = write_tree(tmp_path, {**PIPELINE, ".github/workflows/test.yml": TESTS})
    text = import_repository(root).spec_text
    assert "# Lint and test on every pull request\n# the style\nci:" in text


def test_the_manifest_records_the_replaced_workflow_as_generated_by_ci(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = write_tree(tmp_path, {**PIPELINE, ".github/workflows/test.yml": TESTS})
    assert run_cli(capsys, "import", str(root)).exit_code == 0
    manifest = json.loads((root / ".mlops/manifest.json").read_text())
    entries = manifest["files"]
    entry = entries[".github/workflows/test.yml"]
    assert entry["section"] == "ci"


def test_the_ci_case_workflows_are_described() -> None:
    reasons = {s.path: s.verbatim for s in import_repository(CASES_DIR / "ci").adopted}
    assert reasons[".github/workflows/cml.yml"] == (
        "a schedule and `pull_request` in one workflow: `retraining` runs on a schedule, `ci`"
        " on pushes and pull requests (one file each)"
    )
    assert reasons[".github/workflows/docker.yml"] == (
        "it builds docker/Dockerfile, which `images` does not model; `cd` builds the images"
        " `images` declares"
    )


def test_a_secret_reference_in_a_carried_step_is_not_a_literal_secret(tmp_path: Path) -> None:
    from mlops_compiler.families.secrets import find_secrets

    def found(value: str) -> list[str]:
        text = f"version: 1\nproject: {{name: p}}\nx: {{token: {value}}}\n"
        return [d.message for d in find_secrets(load_spec_bytes(text.encode(), tmp_path / "m"))]

    assert found("'${{ secrets.CODECOV_TOKEN }}'") == []
    assert found("'${{ github.token }}'") == []
    assert found("hunter2") == ["a literal `token` is written into the spec"]
    assert found("'${{ secrets.A }} and more'") == ["a literal `token` is written into the spec"]


PRE_COMMIT = """\
    name: pre-commit
    on:
      push:
        branches: [main]
      pull_request:
        branches: [main]
    jobs:
      pre-commit:
        runs-on: ubuntu-latest
        steps:
          - uses: actions/checkout@v4
          - uses: actions/setup-python@v5
          - uses: pre-commit/action@v3.0.1
    """


def test_pre_commit_action_is_a_lint_command() -> None:
    model = _model(textwrap.dedent(PRE_COMMIT))
    assert isinstance(model, WorkflowModel)
    assert model.fragment["lint"] == [
        "python -m pip install pre-commit",
        "pre-commit run --show-diff-on-failure --color=always --all-files",
    ]
    assert "runs pre-commit itself, without pre-commit/action's cache" in model.differences


def test_a_lint_and_a_test_workflow_on_the_same_branches_become_one_ci(tmp_path: Path) -> None:
    files = {
        **PIPELINE,
        ".github/workflows/pre-commit.yml": PRE_COMMIT,
        ".github/workflows/test.yml": TESTS,
    }
    result = import_repository(write_tree(tmp_path, files))
    kinds = {s.path: s.kind for s in result.adopted if s.path.startswith(".github/")}
    assert kinds == {
        ".github/workflows/pre-commit.yml": "workflow",
        ".github/workflows/test.yml": "workflow",
    }
    spec = load_spec_bytes(result.spec_text.encode(), tmp_path / "mlops.yaml").data
    assert spec["ci"]["lint"] == [
        "python -m pip install pre-commit",
        "pre-commit run --show-diff-on-failure --color=always --all-files",
        "flake8 src --max-line-length 100",
    ]
    assert spec["ci"]["test"] == ["pytest -q"]
    assert len(spec["overrides"][".github/workflows/ci.yml"]["patches"]) == 1  # codecov, once
    report = import_report(result, check=False)
    assert (
        "differs: .github/workflows/pre-commit.yml and .github/workflows/test.yml become one"
        " workflow"
    ) in report


def test_a_workflow_whose_token_writes_stays_verbatim() -> None:
    docs = """\
        on:
          push:
            branches: [main]
        permissions:
          contents: write
        jobs:
          docs:
            runs-on: ubuntu-latest
            steps:
              - uses: actions/checkout@v4
              - run: pip install mkdocs
              - run: mkdocs gh-deploy --force
        """
    assert _model(textwrap.dedent(docs)) == (
        "it asks for `contents: write`, which the token of `ci`'s workflow does not have (its"
        " steps may need it)"
    )


def test_plain_docker_commands_keep_the_workflow_verbatim() -> None:
    text = "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
    text += "      - run: docker build -t x .\n"
    assert _model(text) == (
        "job `a`, step 1: `docker build -t x .`: `cd` builds and pushes images with"
        " docker/build-push-action"
    )


def test_poetry_run_pytest_is_a_test_command() -> None:
    text = "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
    text += "      - run: poetry install\n      - run: poetry run mypy src\n"
    text += "      - run: poetry run pytest -q\n"
    model = _model(text)
    assert isinstance(model, WorkflowModel)
    assert (model.fragment["install"], model.fragment["lint"], model.fragment["test"]) == (
        ["poetry install"],
        ["poetry run mypy src"],
        ["poetry run pytest -q"],
    )


def test_the_images_base_python_is_the_projects_and_the_workflow_is_told(tmp_path: Path) -> None:
    files = {**PIPELINE, "docker/serve.Dockerfile": SERVE, ".github/workflows/test.yml": TESTS}
    files["docker/serve.Dockerfile"] = SERVE.replace("python:3.11-slim", "python:3.10-slim")
    result = import_repository(write_tree(tmp_path, files))
    spec = load_spec_bytes(result.spec_text.encode(), tmp_path / "mlops.yaml").data
    assert spec["project"]["python"] == "3.10"
    assert "serve" in spec["images"]  # modelled, not refused for a Python mismatch
    test = next(s for s in result.adopted if s.path == ".github/workflows/test.yml")
    assert test.workflow is not None
    assert test.workflow.python == "3.10"


def test_the_workflows_variables_are_carried_to_the_generated_jobs_env(tmp_path: Path) -> None:
    text = TESTS.replace(
        "    jobs:\n",
        "    env:\n      FORCE_COLOR: '1'\n      PIP_NO_CACHE_DIR: 'off'\n    jobs:\n",
        1,
    )
    root = write_tree(tmp_path, {**PIPELINE, ".github/workflows/test.yml": text})
    spec = _spec(root)
    patches = spec["overrides"][".github/workflows/ci.yml"]["patches"]
    assert patches[0] == {
        "set": "jobs.pipeline.env",
        "value": {"FORCE_COLOR": "1", "PIP_NO_CACHE_DIR": "off"},
    }
    report = import_report(import_repository(root), check=False)
    assert "carried: set jobs.pipeline.env (the variables FORCE_COLOR, PIP_NO_CACHE_DIR)" in report


def test_a_cd_job_with_variables_of_its_own_stays_verbatim() -> None:
    text = textwrap.dedent(DELIVER).replace(
        "  image:\n    runs-on: ubuntu-latest\n",
        "  image:\n    runs-on: ubuntu-latest\n    env: {A: b}\n",
    )
    assert _model(text) == "job `image`: `env` has no place in a generated `cd` job"


def test_a_carried_steps_expressions_are_passed_through_its_env() -> None:
    text = textwrap.dedent("""\
        on: pull_request
        jobs:
          a:
            runs-on: ubuntu-latest
            steps:
              - run: pip install -r requirements.txt
              - run: |
                  python report.py --pr "${{ github.event.number }}" ${{ github.sha }}
        """)
    model = _model(text)
    assert isinstance(model, WorkflowModel)
    step = model.patches[0]["value"]
    assert step == {
        "run": 'python report.py --pr "${EXPR_GITHUB_EVENT_NUMBER}" ${EXPR_GITHUB_SHA}\n',
        "env": {
            "EXPR_GITHUB_EVENT_NUMBER": "${{ github.event.number }}",
            "EXPR_GITHUB_SHA": "${{ github.sha }}",
        },
    }
    quoted = text.replace('"${{ github.event.number }}"', "'${{ github.event.number }}'")
    model = _model(quoted)
    assert isinstance(model, WorkflowModel)
    assert "${{ github.event.number }}" in model.patches[0]["value"]["run"]  # as it was


def test_a_carried_step_that_runs_cml_keeps_the_workflow_verbatim() -> None:
    text = textwrap.dedent("""\
        on: pull_request
        jobs:
          a:
            runs-on: ubuntu-latest
            steps:
              - uses: iterative/setup-cml@v2
              - run: pip install -r requirements.txt
              - run: |
                  python evaluate.py > report.md
                  cml comment create report.md
        """)
    assert _model(text) == (
        "a step with no place (run python evaluate.py > report.md) runs `cml`, and the generated"
        " workflow does not set CML up (it comments with `gh`)"
    )


# -- any shape of workflow: a model or a reason, never an exception ---------------------------

_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(-5, 500)
    | st.sampled_from(
        [
            "",
            "main",
            "3.11",
            "ubuntu-latest",
            "write",
            "${{ matrix.os }}",
            "${{ secrets.X }}",
            "pytest",
            "dvc repro",
            "cml comment create r.md",
            "pip install -r r.txt",
            "'",
            "a'b",
        ]
    )
)
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(
            st.sampled_from(
                [
                    "run",
                    "uses",
                    "with",
                    "env",
                    "name",
                    "branches",
                    "tags",
                    "cron",
                    "types",
                    "python-version",
                    "matrix",
                    "file",
                    "registry",
                    "password",
                    "username",
                ]
            ),
            inner,
            max_size=3,
        )
    ),
    max_leaves=12,
)
_STEP = st.fixed_dictionaries(
    {},
    optional={
        "uses": st.sampled_from(
            [
                "actions/checkout@v4",
                "actions/setup-python@v5",
                "pre-commit/action@v3",
                "docker/build-push-action@v6",
                "docker/login-action@v3",
                "x/y@v1",
                5,
            ]
        ),
        "run": _VALUES,
        "with": _VALUES,
        "env": _VALUES,
    },
)
_JOB = st.fixed_dictionaries(
    {"runs-on": _SCALARS, "steps": st.lists(_STEP, max_size=4) | _VALUES},
    optional={
        "strategy": _VALUES,
        "environment": _VALUES,
        "timeout-minutes": _SCALARS,
        "permissions": _VALUES,
        "env": _VALUES,
    },
)
_EVENTS = (
    st.dictionaries(
        st.sampled_from(["push", "pull_request", "schedule", "workflow_dispatch", "release"]),
        _VALUES,
        max_size=3,
    )
    | _VALUES
)


@settings(derandomize=True, max_examples=300, deadline=None, database=None)
@given(on=_EVENTS, jobs=st.dictionaries(st.sampled_from(["a", "b"]), _JOB | _VALUES, max_size=2))
def test_any_workflow_shape_is_modelled_or_refused_with_a_reason(on: Any, jobs: Any) -> None:
    result = model_workflow({"on": on, "jobs": jobs})
    assert isinstance(result, WorkflowModel | str)


def test_a_python_matrix_runs_the_images_python_and_says_so_once(tmp_path: Path) -> None:
    files = {**PIPELINE, "docker/serve.Dockerfile": SERVE, ".github/workflows/test.yml": TESTS}
    files["docker/serve.Dockerfile"] = SERVE.replace("python:3.11-slim", "python:3.10-slim")
    result = import_repository(write_tree(tmp_path, files))
    test = next(s for s in result.adopted if s.path == ".github/workflows/test.yml")
    assert test.workflow is not None
    pythons = [d for d in test.workflow.differences if "Python" in d]
    assert pythons == ["runs on Python 3.10 (the images' base) only, not each of 3.10, 3.11"]


def test_a_workflows_own_python_gives_way_to_the_images_and_is_listed(tmp_path: Path) -> None:
    files = {**PIPELINE, "docker/serve.Dockerfile": SERVE, ".github/workflows/cml.yaml": CML}
    result = import_repository(write_tree(tmp_path, files))
    cml = next(s for s in result.adopted if s.path == ".github/workflows/cml.yaml")
    assert cml.workflow is not None
    assert cml.workflow.python == "3.11"
    assert "sets up Python 3.11 (the images' base), not 3.10" in cml.workflow.differences


def test_an_action_carried_by_its_tag_is_allowed_by_name_and_strict_refuses_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Import cannot pin codecov-action@v4 (it never goes online): the spec says so in
    `allow:`, the report says so, and `--strict` refuses it until it is pinned (issue 16)."""
    root = write_tree(tmp_path, {**PIPELINE, ".github/workflows/test.yml": TESTS})
    result = import_repository(root)

    spec = load_spec_bytes(result.spec_text.encode(), root / "mlops.yaml").data
    assert spec["allow"] == ["unpinned_actions"]
    assert spec["overrides"][".github/workflows/ci.yml"]["patches"][0]["value"]["uses"] == (
        "codecov/codecov-action@v4"
    )
    assert (
        "  mlops.yaml relaxes the security rule `unpinned_actions` (`allow:`), to carry actions"
        " the workflows use by a tag or a branch: pin them to commits, then delete it"
        " (`mlops compile --strict` refuses it)"
    ) in import_report(result, check=False).splitlines()
    (root / "mlops.yaml").write_text(result.spec_text, encoding="utf-8")
    strict = run_cli(capsys, "compile", "--strict", "-f", str(root / "mlops.yaml"))
    assert strict.exit_code == 2
    assert "the spec relaxes the security rule `unpinned_actions`" in strict.stderr


def test_import_relaxes_no_other_rule(tmp_path: Path) -> None:
    """A workflow that also breaks another rule is left where it is, and nothing is allowed."""
    labels = TESTS.replace("  pull_request:\n", "  pull_request_target:\n")
    root = write_tree(tmp_path, {**PIPELINE, ".github/workflows/test.yml": labels})
    result = import_repository(root)

    assert "allow" not in load_spec_bytes(result.spec_text.encode(), root / "mlops.yaml").data
    assert result.allowed == ()
    (left,) = [item for item in result.skipped if item.path == ".github/workflows/test.yml"]
    assert "policy `pull_request_target`" in left.reason
