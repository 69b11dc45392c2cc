"""`retraining`: scheduled and triggered retraining (.github/workflows/retrain.yml)."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, StringConstraints

from mlops_compiler.spec.actions import SecretName
from mlops_compiler.spec.base import Name, SpecModel, Text
from mlops_compiler.spec.ci import Branch

Cron = Annotated[str, StringConstraints(min_length=1, max_length=200)]


class Retraining(SpecModel):
    """Retrain on a schedule, by hand, or when monitoring says so; propose the result as a PR."""

    schedule: Cron = Field(examples=["0 3 * * 1"])
    """A five-field cron expression in UTC (GitHub runs schedules every 5 minutes at most)."""
    dispatch_type: Name = "retrain"
    """The `repository_dispatch` event type that triggers a run (from monitoring, say)."""
    base: Branch = "main"
    """The branch retraining starts from and proposes its pull request against."""
    branch: Branch = "retrain/automated"
    """The pull request's branch."""
    token_secret: SecretName | None = Field(default=None, examples=["RETRAIN_PR_TOKEN"])
    """A token that opens the pull request, so that its checks run (the workflow token's PRs
    trigger no workflows); the workflow token when absent."""
    refresh: Text | None = Field(
        default=None, examples=["dvc update data/raw.dvc", "python src/fetch_latest.py"]
    )
    """A command that brings fresh data before the pipeline runs (after `dvc pull`): without
    one, a retrain with unchanged inputs reproduces nothing and promotes nothing."""
    keepalive: bool = True
    """Re-enable the workflow on every scheduled run: GitHub disables schedules after 60 days
    without repository activity."""
