"""Which mlops.yaml field owns a value of a generated file, when one field says it exactly.

`mlops absorb` writes an edit of a generated file back to that field (a `dvc exp run -S` edit
of params.yaml goes to `params:`, not to an override that would shadow it), and compile warns
when an `overrides:` patch sets a value such a field already says. Only values that read the
same in the file and in the spec are listed here; a value the spec writes in another form (the
`{path: {option}}` entries of outs, a foreach stage's body) has no owner, so it stays an
override. The caller checks every routed edit by compiling it.
"""

from __future__ import annotations

from mlops_compiler.errors import Loc

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
