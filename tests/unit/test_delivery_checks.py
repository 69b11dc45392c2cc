"""The pieces under the CI/CD generators: cron, secret scanning, serializing filters, the
Dockerfile reader, and that no spec value can change a workflow's structure."""

from __future__ import annotations

import json
import shlex
from pathlib import Path

import pytest
import yaml
from hypothesis import assume, given
from hypothesis import strategies as st
from ruamel.yaml import YAML

from mlops_compiler import compile_spec
from mlops_compiler.families import secrets as secrets_scan
from mlops_compiler.families.cron import cron_problem
from mlops_compiler.families.delivery.dockerfile import final_user, parse_dockerfile
from mlops_compiler.families.secrets import find_secrets
from mlops_compiler.load.loader import load_spec_bytes
from mlops_compiler.render.filters import docker_env, docker_json, yaml_literal


@pytest.mark.parametrize(
    "expression",
    ["0 3 * * 1", "*/5 * * * *", "30 2 1 * *", "0 0 1-15/2 JAN-MAR MON-FRI", "15,45 6-18 * * 0"],
)
def test_valid_cron_expressions_pass(expression: str) -> None:
    assert cron_problem(expression) is None


@pytest.mark.parametrize(
    ("expression", "problem"),
    [
        (
            "0 3 * *",
            (
                "a cron schedule has 5 fields (minute hour day-of-month month day-of-week), not 4",
                "0 3 * *",
            ),
        ),
        ("60 * * * *", ("`60` is out of range for the minute (0-59)", "60")),
        ("0 0 0 * *", ("`0` is out of range for the day of month (1-31)", "0")),
        ("0 0 * 13 *", ("`13` is out of range for the month (1-12)", "13")),
        ("0 0 * * 7", ("`7` is out of range for the day of week (0-6)", "7")),
        ("0 0 * * FUN", ("`FUN` is out of range for the day of week (0-6)", "FUN")),
        ("*/0 * * * *", ("the step of `*/0` must be at least 1", "*/0")),
        ("0 0 ? * *", ("`?` is not a valid day of month field", "?")),
    ],
)
def test_invalid_cron_expressions_say_which_part(expression: str, problem: tuple[str, str]) -> None:
    assert cron_problem(expression) == problem


def _secrets(text: str) -> list[tuple[str, str]]:
    document = load_spec_bytes(text.encode(), Path("mlops.yaml"))
    return [(d.dotted_path, d.message) for d in find_secrets(document)]


@pytest.mark.parametrize(
    ("value", "what"),
    [
        ("AKIAIOSFODNN7EXAMPLE", "an AWS access key id"),
        ("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "an AWS secret access key"),
        ("ghp_" + "a1" * 18, "a GitHub token"),
        ("github_pat_" + "A1_" * 9, "a GitHub token"),
        ("-----BEGIN RSA PRIVATE KEY-----", "a private key"),
        ("xoxb-1234567890-abcdef", "a Slack token"),
        ("https://user:hunter2@mlflow.example.com", "a password in a URL"),
    ],
)
def test_values_that_look_like_secrets_are_found(value: str, what: str) -> None:
    spec = f"version: 1\nproject: {{name: demo}}\nparams:\n  x: [{value!r}]\n"
    assert _secrets(spec) == [("params.x[0]", f"{what} is written into the spec")]


@pytest.mark.parametrize(
    "value",
    [
        "AKIAIOSFODNN7EXAMPLE",
        "ASIAIOSFODNN7EXAMPLE",
        *(f"gh{kind}_" + "a1" * 18 for kind in "pousr"),
        "github_pat_" + "A1_" * 9,
        "-----BEGIN RSA PRIVATE KEY-----",
        *(f"xox{kind}-1234567890-abcdef" for kind in "abprs"),
        "AIza" + "A" * 35,
        "https://user:hunter2@mlflow.example.com",
    ],
)
def test_every_value_pattern_match_contains_a_needle(value: str) -> None:
    """The needles rule the value patterns out in one search, so each match must hold one."""
    assert any(pattern.search(value) for pattern, _ in secrets_scan._VALUE_PATTERNS)
    assert secrets_scan._NEEDLES.search(value)


def test_names_of_secrets_shas_and_plain_words_are_not_secrets() -> None:
    spec = """\
version: 1
project: {name: demo}
params:
  token_secret: MY_TOKEN
  commit: d23441a48e516b6c34aea4fa41551a30e30af803
  password_hint: ask the team
  url: https://mlflow.example.com:5000/path
cd:
  deploy:
    - {environment: prod, command: ./deploy.sh, secrets: {TOKEN: PROD_TOKEN}}
"""
    assert _secrets(spec) == []


def test_a_secret_is_shown_at_its_key_with_the_line_redacted() -> None:
    spec = "version: 1\nproject: {name: demo}\nparams:\n  db:\n    password: hunter2\n"
    (diagnostic,) = find_secrets(load_spec_bytes(spec.encode(), Path("mlops.yaml")))
    assert diagnostic.redact
    assert diagnostic.span is not None
    assert (diagnostic.span.line, diagnostic.span.column) == (5, 5)


TEXT = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs", "Cc"), include_characters="\t "),
    max_size=40,
)


@given(st.lists(TEXT, min_size=1, max_size=4).map("\n".join), st.booleans())
def test_yaml_literal_reads_back_the_same_in_yaml_1_1_and_1_2(text: str, newline: bool) -> None:
    value = text + ("\n" if newline else "")
    document = "run:" + yaml_literal(value, 2) + "\n"
    assert YAML(typ="safe").load(document) == {"run": value}
    assert yaml.safe_load(document) == {"run": value}


@given(st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp"))))
def test_docker_env_values_read_back_as_sh_reads_them(value: str) -> None:
    assume(not ("'" in value and "$" in value))
    assert shlex.split(f"KEY={docker_env(value)}") == [f"KEY={value}"]


def test_docker_json_is_an_exec_form_and_refuses_anything_else() -> None:
    assert docker_json(["a b", 'c"d']) == '["a b", "c\\"d"]'
    with pytest.raises(TypeError):
        docker_json("python app.py")


def test_the_dockerfile_reader_joins_lines_and_splits_flags() -> None:
    text = (
        "# comment\nFROM python:3.11-slim AS build\nRUN a \\\n && b\n\n"
        "FROM python:3.11-slim\nUSER 10001:10001\n"
        'HEALTHCHECK --interval=30s CMD ["python", "-c", "x"]\nCMD ["serve"]\n'
    )
    assert [p.as_data() for p in parse_dockerfile(text)] == [
        ["FROM", [], "python:3.11-slim AS build"],
        ["RUN", [], "a  && b"],
        ["FROM", [], "python:3.11-slim"],
        ["USER", [], "10001:10001"],
        ["HEALTHCHECK", ["--interval=30s", "CMD"], ["python", "-c", "x"]],
        ["CMD", [], ["serve"]],
    ]
    assert final_user(text) == "10001:10001"
    assert final_user(text + "FROM scratch\n") is None


def test_a_command_cannot_add_a_key_to_a_workflow(tmp_path: Path) -> None:
    command = "./deploy.sh\n    permissions: write-all\n  evil:\n    runs-on: x"
    spec = (
        "version: 1\nproject: {name: demo, dependencies: [fastapi>=0.110]}\n"
        "images: {serve: {server: {kind: command, command: [python, app.py]}}}\n"
        "cd:\n  promote: false\n  deploy:\n    - environment: prod\n"
        f"      command: {json.dumps(command)}\n"
    )
    (tmp_path / "mlops.yaml").write_text(spec, encoding="utf-8")
    texts = compile_spec(tmp_path / "mlops.yaml").texts()
    workflow = YAML(typ="safe").load(texts[".github/workflows/cd.yml"])
    assert list(workflow["jobs"]) == ["image-serve", "deploy-prod"]
    job = workflow["jobs"]["deploy-prod"]
    assert job["permissions"] == {"contents": "read"}
    assert job["steps"][-1]["run"] == command + "\n"
