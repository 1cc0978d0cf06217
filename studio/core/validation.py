"""Pydantic's validation errors in an editor's words, for the story's front matter, the look's
layers and the presets and brand kits alike: an unknown key at any depth with a 'did you mean',
a number out of range with the limit and why, a yes/no that is neither."""

from __future__ import annotations

import typing
from typing import Any

from pydantic import BaseModel

from .errors import did_you_mean
from .i18n import Msg, _, gettext

_BOUNDS = {"greater_than_equal": "'{field}' is {value}: it must be at least {limit}",
           "greater_than": "'{field}' is {value}: it must be more than {limit}",
           "less_than_equal": "'{field}' is {value}: it must be at most {limit}",
           "less_than": "'{field}' is {value}: it must be less than {limit}",
           "too_short": "'{field}' is {value}: it must be at least {limit}",
           "too_long": "'{field}' is {value}: it must be at most {limit}"}
_BOUND_HINTS = {"greater": "write {key}: {limit} or more", "less": "write {key}: {limit} or less", "": "write {key}: {limit}"}
# the catalogue's copies of the tables above (the extractor reads literals only)
_("'{field}' is {value}: it must be at least {limit}"), _("'{field}' is {value}: it must be more than {limit}")
_("'{field}' is {value}: it must be at most {limit}"), _("'{field}' is {value}: it must be less than {limit}")
_("write {key}: {limit} or more"), _("write {key}: {limit} or less"), _("write {key}: {limit}")


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


def explain(err: dict, model: type[BaseModel]) -> tuple[str, Msg, Msg | str | None]:
    """(dotted field, message, hint) for one of pydantic's errors about `model`."""
    loc = tuple(str(p) for p in err.get("loc", ()))
    dotted = ".".join(loc)
    kind, value, ctx = err.get("type", ""), err.get("input"), err.get("ctx") or {}
    parent, info = _walk(model, loc)
    if kind == "extra_forbidden":
        known = list(parent.model_fields) if parent is not None else []
        message = (_("unknown key '{key}' in '{parent}'", key=loc[-1], parent=".".join(loc[:-1])) if len(loc) > 1
                   else _("unknown key '{key}'", key=loc[-1]))
        return dotted, message, (
            did_you_mean(loc[-1], known) or (_("known keys: {keys}", keys=", ".join(known)) if known else None))
    why = getattr(info, "description", None)
    why = gettext(why) if why else None
    if kind in _BOUNDS:
        limit = next(iter(ctx.values()), "?")
        limit = _number(limit) if isinstance(limit, (int, float)) else limit
        shown = f"{value!r}" if not isinstance(value, (int, float)) else _number(value)
        side = "greater" if "greater" in kind else "less" if "less" in kind else ""
        hint = Msg(_BOUND_HINTS[side], key=loc[-1], limit=limit)
        return dotted, Msg(_BOUNDS[kind], field=dotted, value=shown, limit=limit), (
            _("{why}: {hint}", why=why, hint=hint) if why else hint)
    if kind in ("bool_parsing", "bool_type"):
        return dotted, _("'{field}' must be true or false, not {value!r}", field=dotted, value=value), \
            _("write {key}: true or {key}: false", key=loc[-1])
    if kind == "missing":
        return dotted, _("'{field}' is missing", field=dotted), why
    error = ctx.get("error")
    if kind == "value_error" and isinstance(error, ValueError) and error.args and isinstance(error.args[0], Msg):
        return dotted, error.args[0], why  # our own validator's words, in the reader's language
    return dotted, _("invalid value for '{field}': {problem}", field=dotted, problem=err.get("msg", "")), why


def _number(x: float) -> str:
    from .i18n import number

    return number(float(f"{x:g}")) if isinstance(x, float) else number(x)
