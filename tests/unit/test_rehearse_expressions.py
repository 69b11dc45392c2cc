"""The expression subset `mlops rehearse` evaluates, and what it refuses to guess."""

from __future__ import annotations

import pytest

from mlops_compiler.commands.rehearse.expressions import UnsupportedError, condition, substitute
from mlops_compiler.commands.rehearse.job import _order

CONTEXT = {
    "github": {
        "event_name": "pull_request",
        "repository": "acme/shop",
        "sha": "abc",
        "event": {"pull_request": {"head": {"repo": {"full_name": "acme/shop"}}}},
    },
    "needs": {"promote": {"outputs": {"version": "3", "promoted": "true"}}},
    "steps": {},
}


def test_paths_literals_and_missing_values() -> None:
    assert substitute("ref=${{ needs.promote.outputs.version }}", CONTEXT) == "ref=3"
    assert substitute("${{ secrets.TOKEN }}", CONTEXT) == ""
    assert substitute('{"c": "${{ github.sha }}"}', CONTEXT) == '{"c": "abc"}'


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("github.event_name == 'pull_request'", True),
        ("${{ github.event_name == 'push' }}", False),
        ("needs.promote.outputs.version != ''", True),
        ("needs.deploy.outputs.version != ''", False),
        (
            "github.event_name == 'pull_request' && "
            "github.event.pull_request.head.repo.full_name == github.repository",
            True,
        ),
        ("github.event_name == 'schedule' || needs.promote.outputs.promoted == 'true'", True),
    ],
)
def test_conditions(text: str, expected: bool) -> None:
    assert condition(text, CONTEXT) is expected


@pytest.mark.parametrize("text", ["success()", "contains(github.ref, 'x')", "a == b == c"])
def test_what_it_cannot_evaluate_is_refused(text: str) -> None:
    with pytest.raises(UnsupportedError):
        condition(text, CONTEXT)


def test_jobs_run_after_what_they_need() -> None:
    jobs = {
        "deploy-production": {"needs": ["deploy-staging"]},
        "deploy-staging": {"needs": ["promote", "image-serve"]},
        "promote": {},
        "image-serve": {},
    }
    assert _order(jobs) == ["promote", "image-serve", "deploy-staging", "deploy-production"]


def test_the_cli_offers_the_events_the_runner_knows() -> None:
    from mlops_compiler.cli.rehearsing import EVENTS as CLI_EVENTS
    from mlops_compiler.commands.rehearse.runner import EVENTS

    assert CLI_EVENTS == EVENTS
