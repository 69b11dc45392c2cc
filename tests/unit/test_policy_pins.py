"""The pinning rules of the policy on final bytes (render/policy.py), one shape at a time.

The data cases in tests/cases/hostile/ show each rule refused through `overrides:` and
`files:`; these pin down what counts as pinned, so that a correct file is never refused.
"""

from __future__ import annotations

import pytest

from mlops_compiler.render.policy import Output, check_outputs

SHA = "d23441a48e516b6c34aea4fa41551a30e30af803"


def _workflow(uses: str, *, job_level: bool = False) -> Output:
    job = (
        f"    uses: {uses}\n"
        if job_level
        else f"    runs-on: x\n    steps:\n      - uses: {uses}\n"
    )
    text = f"on: push\npermissions: {{}}\njobs:\n  j:\n{job}"
    return Output(".github/workflows/w.yml", text, ("files", "w"), generated=False)


def _rules(output: Output) -> list[str]:
    return [d.message.rsplit("(policy `", 1)[1][:-2] for d in check_outputs([output], ())]


@pytest.mark.parametrize(
    "uses",
    [
        f"actions/checkout@{SHA}",
        f"octo/shared/.github/workflows/release.yml@{SHA}",
        "./.github/actions/local",
        "docker://alpine@sha256:" + "a" * 64,
    ],
)
def test_pinned_and_local_actions_pass(uses: str) -> None:
    assert _rules(_workflow(uses)) == []


@pytest.mark.parametrize(
    "uses",
    [
        "actions/checkout@v4",
        "actions/checkout@main",
        "actions/checkout",
        f"actions/checkout@{SHA[:12]}",  # a short SHA can collide with a tag or a branch
        f"actions/checkout@{SHA.upper()}",
        "docker://alpine:3.20",
    ],
)
def test_an_action_by_tag_branch_or_short_sha_is_refused(uses: str) -> None:
    assert _rules(_workflow(uses)) == ["unpinned_actions"]


def test_a_reusable_workflow_job_is_checked_too() -> None:
    assert _rules(_workflow("octo/shared/.github/workflows/r.yml@v1", job_level=True)) == [
        "unpinned_actions"
    ]


def test_allow_relaxes_unpinned_actions_only() -> None:
    assert check_outputs([_workflow("actions/checkout@v4")], ("unpinned_actions",)) == []


def _dockerfile(text: str) -> Output:
    return Output("docker/app.Dockerfile", text + "USER 10001\n", ("files", "d"), generated=False)


@pytest.mark.parametrize(
    ("text", "rules"),
    [
        ("ARG BASE=python:3.11-slim\nFROM ${BASE}\n", []),
        ("ARG BASE=python:latest\nFROM $BASE\n", ["unpinned_images"]),
        ("ARG BASE=python\nFROM ${BASE}\n", ["unpinned_images"]),
        ("FROM ${BASE:-python:latest}\n", ["unpinned_images"]),
        ("FROM ${BASE:-python:3.11}\n", []),
        ("ARG BASE\nFROM $BASE\n", ["unpinned_images"]),
        ("ARG TAG=3.11\nFROM python:${TAG}\n", []),
        ("ARG A=1 BASE=python:latest\nFROM ${BASE}\n", ["unpinned_images"]),
        ("FROM --platform=linux/amd64 python:latest\n", ["unpinned_images"]),
        ("FROM --platform=linux/amd64 python:3.11\n", []),
        ("FROM python:3.11 AS build\nFROM build\n", []),
    ],
)
def test_a_base_image_is_read_as_docker_substitutes_it(text: str, rules: list[str]) -> None:
    assert _rules(_dockerfile(text)) == rules
