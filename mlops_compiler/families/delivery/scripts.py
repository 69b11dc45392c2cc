"""The fixed bash scripts of the generated workflow steps.

They hold no `${{ }}` expression and no value from the spec: every value reaches them through
the step's `env:`, so nothing a pull request controls is pasted into a shell. shellcheck reads
each of them in the test suite.
"""

from __future__ import annotations

DVC_CREDENTIALS: dict[str, str] = {
    "s3": "",
    "azure": "",
    "local": "",
    "gs": (
        'credentials="$RUNNER_TEMP/dvc-gcp-credentials.json"\n'
        'printf \'%s\' "$GOOGLE_APPLICATION_CREDENTIALS_JSON" > "$credentials"\n'
        'dvc remote modify --local "$DVC_REMOTE" credentialpath "$credentials"\n'
    ),
    "http": (
        'dvc remote modify --local "$DVC_REMOTE" auth basic\n'
        'dvc remote modify --local "$DVC_REMOTE" user "$DVC_REMOTE_USER"\n'
        'dvc remote modify --local "$DVC_REMOTE" password "$DVC_REMOTE_PASSWORD"\n'
    ),
    "ssh": (
        'key="$RUNNER_TEMP/dvc-ssh-key"\n'
        'install -m 600 /dev/null "$key"\n'
        'printf \'%s\\n\' "$DVC_SSH_KEY" > "$key"\n'
        'dvc remote modify --local "$DVC_REMOTE" keyfile "$key"\n'
    ),
}
"""Per remote kind: how the step turns its secret variables into DVC's local config."""

DVC_PULL = 'dvc pull --remote "$DVC_REMOTE" --allow-missing\n'
DVC_PUSH = 'dvc push --remote "$DVC_REMOTE"\n'
DVC_REPRO = "dvc repro\n"

REPORT = """\
report="$RUNNER_TEMP/dvc-report.md"
{
  echo "### Metrics against $BASE_REF"
  echo
  dvc metrics diff --md "origin/$BASE_REF"
  echo
  echo "### Params against $BASE_REF"
  echo
  dvc params diff --md "origin/$BASE_REF"
} > "$report"
gh pr comment "$PR_NUMBER" --body-file "$report"
"""
"""Post the metrics and params diff against the base branch as a pull-request comment."""

IMAGE_REF = 'echo "ref=${IMAGE_NAME,,}@${DIGEST}" >> "$GITHUB_OUTPUT"\n'
"""The pushed image by digest (lower case: registries refuse upper-case repository names)."""

KEEPALIVE = 'gh api --method PUT "repos/$GITHUB_REPOSITORY/actions/workflows/$WORKFLOW/enable"\n'
"""Re-enabling a workflow resets GitHub's 60-day inactivity timer for its schedule."""

GATE = """\
python - <<'PY'
import json
import os
import sys
from pathlib import Path

import yaml
from mlflow import MlflowClient
from mlflow.exceptions import MlflowException

env = os.environ
name, metric = env["MODEL_NAME"], env.get("GATE_METRIC", "")
client = MlflowClient()
newest = client.search_model_versions(
    f"name = '{name}'", order_by=["version_number DESC"], max_results=1
)
if not newest:
    sys.exit(f"no version of {name} is registered: the pipeline must register one")
version = newest[0].version
client.set_model_version_tag(name, version, "git_commit", env["GITHUB_SHA"])
passed, reason = True, "no quality gate"
if metric:
    path = Path(env["GATE_METRICS_FILE"])
    text = path.read_text(encoding="utf-8")
    data = json.loads(text) if path.suffix == ".json" else yaml.safe_load(text)
    for part in metric.split("."):
        data = data[part]
    value, higher = float(data), env["GATE_DIRECTION"] == "higher"
    client.set_model_version_tag(name, version, metric, str(value))
    threshold = float(env["GATE_THRESHOLD"])
    passed = value >= threshold if higher else value <= threshold
    reason = f"{metric} = {value} against the threshold {threshold}"
    if passed and env.get("GATE_BEAT_CHAMPION") == "true":
        try:
            champion = client.get_model_version_by_alias(name, env["CHAMPION_ALIAS"])
        except MlflowException:
            champion = None
        if champion is not None and metric in champion.tags:
            best = float(champion.tags[metric])
            passed = value >= best if higher else value <= best
            reason += f" and the champion's {best}"
if passed:
    client.set_registered_model_alias(name, env["ALIAS"], version)
verdict = "passed" if passed else "failed"
print(f"{name} version {version}: the gate {verdict} ({reason})")
with open(env["GITHUB_OUTPUT"], "a", encoding="utf-8") as output:
    output.write(f"promoted={str(passed).lower()}\\nversion={version}\\n")
if not passed and env.get("FAIL_ON_GATE") == "true":
    sys.exit(1)
PY
"""
"""Tag the newest registered version, check the gate, move the alias when it passes."""

OPEN_PULL_REQUEST = """\
mapfile -t paths < <(printf '%s' "$PR_PATHS")
git config user.name "github-actions[bot]"
git config user.email "41898282+github-actions[bot]@users.noreply.github.com"
git switch --create "$BRANCH"
for path in "${paths[@]}"; do
  if [ -e "$path" ]; then
    git add -- "$path"
  fi
done
if git diff --cached --quiet; then
  echo "The pipeline changed nothing: no pull request."
  exit 0
fi
git commit --quiet --message "$TITLE"
gh auth setup-git
git push --force origin "HEAD:refs/heads/$BRANCH"
open=$(gh pr list --head "$BRANCH" --state open --json number --jq '.[].number')
if [ -z "$open" ]; then
  gh pr create --base "$BASE" --head "$BRANCH" --title "$TITLE" --body "$BODY"
fi
"""
"""Commit dvc.lock and the metrics, push the branch, open the pull request unless it is open."""
