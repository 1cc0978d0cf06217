"""Pydantic's validation errors in an editor's words, for the story's front matter, the look's
layers and the presets and brand kits alike: an unknown key at any depth with a 'did you mean',
a number out of range with the limit and why, a yes/no that is neither."""

from __future__ import annotations

import typing
from typing import Any

from pydantic import BaseModel

from .errors import did_you_mean

_BOUNDS = {"greater_than_equal": "at least", "greater_than": "more than", "less_than_equal": "at most",
           "less_than": "less than", "too_short": "at least", "too_long": "at most"}


def _model_in(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _model_in(arg)
        if found is not None:
            return found
    return None


def _walk(model: type[BaseModel], loc: tuple[str, ...]) -> tuple[type[BaseModel] | None, Any]:
    """The model holding the last key of `loc`, and that key's field (None where unknown)."""
    parent: type[BaseModel] | None = model
    for part in loc[:-1]:
        if parent is None:
            break
        if part.isdigit() or part not in parent.model_fields:
            continue  # an index in a list, or a wrapper pydantic names (e.g. a union's branch)
        parent = _model_in(parent.model_fields[part].annotation)
    info = parent.model_fields.get(loc[-1]) if parent is not None and loc else None
    return parent, info


def explain(err: dict, model: type[BaseModel]) -> tuple[str, str, str | None]:
    """(dotted field, message, hint) for one of pydantic's errors about `model`."""
    loc = tuple(str(p) for p in err.get("loc", ()))
    dotted = ".".join(loc)
    kind, value, ctx = err.get("type", ""), err.get("input"), err.get("ctx") or {}
    parent, info = _walk(model, loc)
    if kind == "extra_forbidden":
        known = list(parent.model_fields) if parent is not None else []
        inside = f" in '{'.'.join(loc[:-1])}'" if len(loc) > 1 else ""
        return dotted, f"unknown key '{loc[-1]}'{inside}", (
            did_you_mean(loc[-1], known) or (f"known keys: {', '.join(known)}" if known else None))
    why = getattr(info, "description", None)
    if kind in _BOUNDS:
        limit = next(iter(ctx.values()), "?")
        limit = f"{limit:g}" if isinstance(limit, (int, float)) else limit
        shown = f"{value!r}" if not isinstance(value, (int, float)) else f"{value:g}"
        return dotted, f"'{dotted}' is {shown}: it must be {_BOUNDS[kind]} {limit}", (
            (f"{why}: " if why else "") + f"write {loc[-1]}: {limit}" + (" or more" if "greater" in kind else
                                                                       " or less" if "less" in kind else ""))
    if kind in ("bool_parsing", "bool_type"):
        return dotted, f"'{dotted}' must be true or false, not {value!r}", f"write {loc[-1]}: true or {loc[-1]}: false"
    if kind == "missing":
        return dotted, f"'{dotted}' is missing", why
    return dotted, f"invalid value for '{dotted}': {err.get('msg', '')}", why
