"""Which mlops.yaml field owns a value of a generated file, when one field says it exactly.

`mlops absorb` writes an edit of a generated file back to that field (a `dvc exp run -S` edit
of params.yaml goes to `params:`, not to an override that would shadow it), and compile warns
when an `overrides:` patch sets a value such a field already says. Only values that read the
same in the file and in the spec are listed here; a value the spec writes in another form (the
`{path: {option}}` entries of outs, a foreach stage's body) has no owner, so it stays an
override. The caller checks every routed edit by compiling it.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from mlops_compiler.errors import Diagnostic, Loc, Severity

if TYPE_CHECKING:
    from mlops_compiler.load.loader import LoadedDocument

STAGE_FIELDS = frozenset(
    {"cmd", "deps", "outs", "metrics", "plots", "params", "desc", "wdir", "frozen"}
    | {"always_changed", "meta"}
)
"""dvc.yaml stage keys written as the spec says them (`pipeline.stages.<name>.<key>`)."""


def owner(path: str, loc: Loc) -> Loc | None:
    """The spec location that says the value at ``loc`` of generated file ``path``, if any."""
    if path == "params.yaml":
        if not loc or loc[0] == "mlflow":  # params.mlflow is written from `tracking`
            return None
        return ("params", *loc)
    if path == "dvc.yaml":
        if len(loc) >= 3 and loc[0] == "stages" and loc[2] in STAGE_FIELDS:
            return ("pipeline", *loc)
        if loc[:1] == ("vars",):
            return ("pipeline", *loc)
    return None


_SEGMENT = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def patch_loc(text: str) -> Loc | None:
    """A patch path (`stages.train.deps[0]` or `/stages/train/deps/0`) as a location."""
    if text.startswith("/"):
        parts = [part.replace("~1", "/").replace("~0", "~") for part in text[1:].split("/")]
        return tuple(int(part) if part.isdigit() else part for part in parts)
    segments: list[str | int] = []
    for match in _SEGMENT.finditer(text):
        key, index = match.groups()
        segments.append(int(index) if index is not None else key)
    return tuple(segments) or None


def shadowed_fields(document: LoadedDocument) -> list[Diagnostic]:
    """A warning for each `overrides:` patch that sets a value a spec field already says.

    The patch wins, so a later edit of the field has no effect (`0 written`). The warning
    names both places; `--strict` makes it an error.
    """
    data = document.data
    overrides = data.get("overrides") if isinstance(data, dict) else None
    if not isinstance(overrides, dict):
        return []
    warnings = []
    for path, override in overrides.items():
        patches = override.get("patches") if isinstance(override, dict) else None
        for index, patch in enumerate(patches if isinstance(patches, list) else []):
            if not isinstance(patch, dict):
                continue
            op = next((key for key in ("set", "append", "delete") if key in patch), "")
            text = patch.get(op)
            loc = patch_loc(text) if isinstance(text, str) else None
            field = owner(str(path), loc) if loc else None
            if field is None or not _present(data, field):
                continue
            span = document.span_of(field, key=True)
            where = f" (line {span.line})" if span else ""
            dotted = ".".join(str(part) for part in field)
            warnings.append(
                Diagnostic(
                    f"this patch of {path} shadows `{dotted}`{where}: editing that field has no"
                    " effect while the patch is here",
                    loc=("overrides", str(path), "patches", index, op),
                    severity=Severity.WARNING,
                    hint=f"move the value into `{dotted}` and delete the patch",
                )
            )
    return warnings


def _present(data: Any, loc: Loc) -> bool:
    for part in loc:
        found = isinstance(data, dict) and part in data
        if found or (isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data)):
            data = data[part]
        else:
            return False
    return True
