"""The security policy, checked on the final bytes of every output.

The families never generate a dangerous workflow or Dockerfile, but two escape hatches write
bytes the families did not choose: `overrides:` patches (applied to a file's data after the
family built it) and `files:` (written verbatim). So the policy reads what is about to be
written, after both, and refuses with the spec location the bytes came from:

- workflows: the `pull_request_target` and `workflow_run` triggers (they run with the base
  repository's secrets on code or artefacts an outsider controls), `permissions: write-all`
  and write permissions for the whole workflow, a `${{ }}` expression inside a `run:` script
  (GitHub pastes it into the script before the shell reads it: template injection), and an
  action or reusable workflow not pinned to a commit (`uses: owner/repo@v4`, `@main`: a tag or
  a branch can be moved to other code after review);
- Dockerfiles: a base image without a tag or with `latest`, and a last stage that runs as root
  (`USER root`, `USER 0`; a generated Dockerfile must name a non-root user). An `ARG`'s default
  stands for it in `FROM $ARG`; an image named by an `ARG` without one is chosen outside the
  file, so it is not pinned either.

Each rule has a name; `allow: [NAME]` in the spec relaxes it for that spec (positioned there,
and reported by `mlops compile --strict`).
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from typing import Any

import yaml

from mlops_compiler import ir
from mlops_compiler.dataclass import dataclass
from mlops_compiler.errors import Diagnostic, Loc
from mlops_compiler.families.delivery.dockerfile import parse_dockerfile
from mlops_compiler.families.layout.lower import DOCKERFILE
from mlops_compiler.load.repository import without_up

RULES: dict[str, str] = {
    "pull_request_target": "the `pull_request_target` trigger runs with the repository's "
    "secrets and write token on behalf of any fork",
    "workflow_run": "the `workflow_run` trigger runs with the repository's secrets on the "
    "artefacts of a run an outsider may have started",
    "write_all": "write permissions for every job (`write-all`, or `write` at the top)",
    "expressions_in_run": "a `${{ }}` expression in a `run:` script is pasted into the script "
    "before the shell reads it (template injection)",
    "unpinned_actions": "an action or reusable workflow named by a tag or a branch runs "
    "whatever that name points at when the workflow runs, not what was reviewed",
    "unpinned_images": "a base image without a tag, or `latest`, changes under the build",
    "root_user": "the image's last stage runs as root",
}
"""Every rule, by the name `allow:` takes, with why it exists."""

_EXPRESSION = re.compile(r"\$\{\{")
_COMMIT = re.compile(r"^[0-9a-f]{40}$")
_ARG = re.compile(r"\$\{(\w+)(?::-([^}]*))?\}|\$(\w+)")
"""`${NAME}`, `${NAME:-word}` and `$NAME`, as Docker substitutes them in `FROM`."""
_ROOT = {"root", "0", "root:root", "0:0"}
_TRIGGERS = ("pull_request_target", "workflow_run")

_FIX = {
    "pull_request_target": "use `pull_request` (no secrets for forks), or add "
    "`allow: [pull_request_target]` to the spec if this is reviewed",
    "workflow_run": "trigger on `push` or `workflow_dispatch`, or add `allow: [workflow_run]` "
    "to the spec if this is reviewed",
    "write_all": "give each job only the scopes it needs (`permissions: {contents: read}`)",
    "expressions_in_run": 'pass the value through the step\'s `env:` and use `"$NAME"` in the '
    "script",
    "unpinned_actions": "pin it to the full 40-hex commit of the release "
    "(`owner/repo@<sha> # v4.2.0`), a `docker://` image to its digest (`@sha256:...`); "
    "`./` actions in the repository need no pin",
    "unpinned_images": "name a tag (`python:3.11-slim`) or a digest (`@sha256:...`)",
    "root_user": "end the last stage with `USER 10001:10001` (or another non-root user)",
}


@dataclass(frozen=True)
class Output:
    """One file about to be written, and where its bytes came from in the spec."""

    path: str
    text: str
    loc: Loc
    """`overrides.<path>`, `files.<key>.text`, or the section that generated it."""
    generated: bool
    """Built by a family (possibly patched), not carried verbatim."""


def check_outputs(outputs: list[Output], allowed: tuple[str, ...]) -> list[Diagnostic]:
    """An error for every rule an output breaks, except the rules ``allowed`` names."""
    diagnostics: list[Diagnostic] = []
    for output in outputs:
        if _is_workflow(output.path):
            found = _workflow(output)
        elif DOCKERFILE.match(posixpath.basename(output.path)):
            found = _dockerfile(output)
        else:
            continue
        where = f"{output.path}: " if output.loc[0] not in ("overrides", "files") else ""
        for rule, detail, needle in dict.fromkeys(found):
            if rule in allowed:
                continue
            diagnostics.append(
                Diagnostic(
                    f"{where}{detail}: {RULES[rule]} (policy `{rule}`)",
                    loc=output.loc,
                    on_key=output.loc[0] == "overrides",
                    hint=_FIX[rule],
                    needle=needle if output.loc[0] == "files" else None,
                )
            )
    return diagnostics


def _is_workflow(path: str) -> bool:
    path = without_up(path)  # a monorepo's workflow, at the repository's root
    return posixpath.dirname(path) == ".github/workflows" and path.endswith((".yml", ".yaml"))


Finding = tuple[str, str, str | None]
"""(rule, what was found, the text to underline in a verbatim file)."""


def _workflow(output: Output) -> Iterator[Finding]:
    try:  # PyYAML, as the other YAML 1.1 readers: `on` may come back as True
        data = yaml.load(output.text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError:
        return  # not a workflow GitHub would run; actionlint says why
    if not isinstance(data, dict):
        return
    triggers = data.get("on", data.get(True))
    names = (
        [triggers]
        if isinstance(triggers, str)
        else list(triggers)
        if isinstance(triggers, list | dict)
        else []
    )
    for trigger in _TRIGGERS:
        if trigger in names:
            yield trigger, f"`on: {trigger}`", trigger
    yield from _permissions(data.get("permissions"), top=True)
    jobs = data.get("jobs")
    for job in jobs.values() if isinstance(jobs, dict) else ():
        if not isinstance(job, dict):
            continue
        yield from _permissions(job.get("permissions"), top=False)
        yield from _uses(job.get("uses"))  # a reusable workflow
        steps = job.get("steps")
        for step in steps if isinstance(steps, list) else ():
            if not isinstance(step, dict):
                continue
            yield from _uses(step.get("uses"))
            run = step.get("run")
            if isinstance(run, str) and _EXPRESSION.search(run):
                expression = run[run.index("${{") :].split("}}")[0] + "}}"
                yield "expressions_in_run", f"`run:` holds `{expression}`", expression


def _uses(value: Any) -> Iterator[Finding]:
    """An action (or reusable workflow) not pinned to a commit; a local `./` one needs none."""
    if not isinstance(value, str) or value.startswith("./"):
        return
    if value.startswith("docker://"):
        pinned = "@sha256:" in value
    else:
        pinned = bool(_COMMIT.match(value.rpartition("@")[2])) and "@" in value
    if not pinned:
        yield "unpinned_actions", f"`uses: {value}`", value


def _permissions(value: Any, *, top: bool) -> Iterator[Finding]:
    if value == "write-all":
        yield "write_all", "`permissions: write-all`", "write-all"
    elif top and isinstance(value, dict):
        for scope, level in value.items():
            if level == "write":
                yield "write_all", f"`permissions: {{{scope}: write}}` for every job", scope


def _dockerfile(output: Output) -> Iterator[Finding]:
    stages: set[str] = set()
    user: str | None = None
    defaults: dict[str, str | None] = {}  # the ARGs before the first FROM, which FROM may use
    seen_from = False
    for instruction in parse_dockerfile(output.text):
        if instruction.keyword == "ARG" and not seen_from:
            for word in str(instruction.arguments).split():
                name, equals, default = word.partition("=")
                defaults[name] = default.strip("\"'") if equals else None
        elif instruction.keyword == "FROM":
            seen_from, user = True, None
            words = str(instruction.arguments).split()
            if not words:
                continue
            written = words[0]
            if len(words) >= 3 and words[1].lower() == "as":
                stages.add(words[2].lower())
            image, unset = _substitute(written, defaults)
            if unset is not None:
                yield "unpinned_images", f"`FROM {written}`: `{unset}` has no default", written
                continue
            if image.lower() in stages or image == "scratch":
                continue
            yield from _image(image, written)
        elif instruction.keyword == "USER":
            user = str(instruction.arguments).strip()
    if user is not None and user.lower() in _ROOT:
        yield "root_user", f"`USER {user}`", f"USER {user}"
    elif user is None and output.generated:
        yield "root_user", "no `USER` in the last stage", None


def _substitute(written: str, defaults: dict[str, str | None]) -> tuple[str, str | None]:
    """``written`` with each `ARG` replaced by its default, and the first name without one
    (or a `$` form Docker has but this does not follow): chosen at build time, not here."""
    unset: list[str] = []

    def value(match: re.Match[str]) -> str:
        name = match[1] or match[3]
        found = defaults.get(name) or match[2]
        if not found:
            unset.append(name)
        return found or ""

    image = _ARG.sub(value, written)
    if "$" in image:
        unset.append(image)
    return image, unset[0] if unset else None


def _image(image: str, written: str) -> Iterator[Finding]:
    if "@sha256:" in image:
        return
    name = image.rsplit("/", 1)[-1]
    tag = name.partition(":")[2]
    if not tag or tag == "latest":
        shown = f"`FROM {written}`" + ("" if image == written else f" (`{image}`)")
        yield "unpinned_images", shown, written


def outputs_of(
    project: ir.Project, files: dict[str, tuple[str, str]], verbatim_keys: dict[str, str]
) -> list[Output]:
    """The outputs to check: ``files`` is ``{path: (text, section)}``."""
    patched = {override.path for override in project.overrides if override.patches}
    result = []
    for path, (text, section) in files.items():
        if path in verbatim_keys:
            loc: Loc = ("files", verbatim_keys[path])
        elif path in patched:
            loc = ("overrides", path)
        else:
            loc = (section,)
        result.append(Output(path, text, loc, generated=path not in verbatim_keys))
    return result
