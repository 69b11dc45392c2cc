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

GATE_SCRIPT = ".github/scripts/gate.py"
"""The generated gate (templates/github/gate.py.jinja): a real file, linted and unit-tested."""

GATE = f"python {GATE_SCRIPT}\n"

RELEASE_SCRIPT = ".github/scripts/release.py"
"""Writes one release into an overlay (templates/github/release.py.jinja): stdlib only."""

RELEASE = f"""\
git config user.name "github-actions[bot]"
git config user.email "41898282+github-actions[bot]@users.noreply.github.com"
gh auth setup-git
file="deploy/k8s/overlays/$ENVIRONMENT/release/kustomization.yaml"
for attempt in 1 2 3; do
  git fetch --quiet origin "$BRANCH"
  git checkout --quiet --detach FETCH_HEAD
  python3 {RELEASE_SCRIPT}
  git add -- "$file"
  if git diff --cached --quiet; then
    echo "$ENVIRONMENT already runs $IMAGE and model version $MODEL_VERSION: nothing to commit"
  else
    git commit --quiet --message "Release $IMAGE, model version $MODEL_VERSION, to $ENVIRONMENT"
    if ! git push --quiet origin "HEAD:refs/heads/$BRANCH"; then
      echo "::warning::$BRANCH moved during the release (attempt $attempt): trying again"
      continue
    fi
    echo "Released to $ENVIRONMENT in commit $(git rev-parse --short HEAD) on $BRANCH"
  fi
  echo "commit=$(git rev-parse HEAD)" >> "$GITHUB_OUTPUT"
  exit 0
done
echo "::error::the release of $ENVIRONMENT could not be pushed to $BRANCH"
exit 1
"""
"""Commit the release file to the branch Argo CD watches (a push with the workflow token starts
no workflow, so a release never triggers cd.yml again); retried when the branch moved."""
"""Gate the version this workflow run trained (or move an alias to a gated version)."""

SMOKE_CHECK = (
    "curl --fail --silent --show-error --output /dev/null --retry 10 --retry-delay 6 \\\n"
    '  --retry-all-errors --max-time 10 "$URL"\n'
)
"""The deployed service answers before the next environment deploys."""

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


CHANGED = """\
untracked="$(git ls-files --others --exclude-standard -- dvc.lock)"
if git diff --quiet -- dvc.lock && [ -z "$untracked" ]; then
  echo "::notice::Unchanged inputs: nothing was retrained, gated, pushed or promoted."
  echo "changed=false" >> "$GITHUB_OUTPUT"
else
  echo "changed=true" >> "$GITHUB_OUTPUT"
fi
"""
"""Whether `dvc repro` changed dvc.lock: a retrain with unchanged inputs promotes nothing."""
