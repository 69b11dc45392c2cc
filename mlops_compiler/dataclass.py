"""``dataclass`` as the standard library's, with the methods it writes read from bytecode.

To make a class, :func:`dataclasses.dataclass` writes the source of ``__init__``, ``__repr__``,
``__eq__``, ``__hash__`` and the frozen ``__setattr__``/``__delattr__``, then compiles each one
with ``exec``: about 1 ms a class on CPython 3.11, 40 ms for the package's classes, paid by every
compile before it reads a byte of the spec. The source only depends on the class's fields and
options, so `make regen` writes every text the package's classes produce, as functions, into
``compiled_dataclasses.py`` (committed, like the compiled templates); Python keeps that module
as bytecode, and a class made here takes its functions from it instead of compiling them.

Everything else is the standard library's own work, on the same class: the fields, their
defaults, ``__dataclass_fields__``, ``replace``, ``fields``, ``asdict``, ``__match_args__``. A text
the module does not hold (a class edited since the last `make regen`) is compiled as before, so
a stale module costs time, never correctness; ``tests/unit/test_compiled_dataclasses.py`` keeps
it fresh. Type checkers see :func:`dataclasses.dataclass` itself.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

__all__ = ["dataclass"]

_compile: Any = getattr(dataclasses, "_create_fn", None)
"""The standard library's writer of one method: makes its source, then exec's it (CPython
3.11 and 3.12; 3.13 writes all of a class's methods at once, and then nothing is swapped)."""


def method_source(name: str, args: list[str], body: list[str], local_names: list[str]) -> str:
    """The text ``dataclasses._create_fn`` compiles for one method (CPython 3.11 and 3.12).

    A factory taking the method's free names (a ``_return_type`` among them for an annotated
    return), the way the standard library writes it, character for character.
    """
    returns = "->_return_type" if "_return_type" in local_names else ""
    lines = "\n".join(f"  {line}" for line in body)
    method = f" def {name}({','.join(args)}){returns}:\n{lines}"
    return f"def __create_fn__({', '.join(local_names)}):\n{method}\n return {name}"


def _cached(
    name: str,
    args: list[str],
    body: list[str],
    *,
    globals: dict[str, Any] | None = None,
    locals: dict[str, Any] | None = None,
    return_type: Any = dataclasses.MISSING,
) -> Callable[..., Any]:
    from mlops_compiler.compiled_dataclasses import FACTORIES

    factories: dict[str, Any] = FACTORIES
    names = {} if locals is None else locals
    if return_type is not dataclasses.MISSING:
        names["_return_type"] = return_type  # as the standard library does, in place
    factory = factories.get(method_source(name, args, body, list(names)))
    if factory is None:
        names.pop("_return_type", None)
        return _compile(  # type: ignore[no-any-return]
            name, args, body, globals=globals, locals=locals, return_type=return_type
        )
    method: Callable[..., Any] = factory(**names)
    return method


@contextmanager
def _methods_from_bytecode() -> Iterator[None]:
    """The standard library's class maker, taking known methods from the compiled module."""
    if _compile is None:
        yield
        return
    dataclasses._create_fn = _cached  # type: ignore[attr-defined]
    try:
        yield
    finally:
        dataclasses._create_fn = _compile  # type: ignore[attr-defined]


if TYPE_CHECKING:
    from dataclasses import dataclass as dataclass
else:

    def dataclass(cls: type | None = None, /, **options: Any) -> Any:
        """:func:`dataclasses.dataclass`, with its methods from ``compiled_dataclasses``."""

        def wrap(cls: type) -> type:
            with _methods_from_bytecode():
                return dataclasses.dataclass(cls, **options)

        return wrap if cls is None else wrap(cls)
