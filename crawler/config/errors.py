"""The error a configuration problem raises, and pydantic's validation errors said the way YAML spells keys."""

from __future__ import annotations

import types
import typing
from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, ValidationError


class ConfigError(Exception):
    """The configuration cannot be used; the message says which file (or environment variable) and key."""


def known_keys(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """The keys the mapping at `loc` may hold, following nested models, list items, dict values and tagged
    unions (the channel types); empty when the place is not a model."""
    current: Any = model
    for key in loc:
        current = _strip(current)
        if _is_model(current):
            field = current.model_fields.get(key)
            if field is None:
                return []
            current = field.annotation
        elif typing.get_origin(current) in (list, dict):
            current = typing.get_args(current)[-1]
        elif typing.get_origin(current) in (typing.Union, types.UnionType):
            current = next((m for m in typing.get_args(current) if _tag(m) == key), None)
        else:
            return []
    current = _strip(current)
    if not _is_model(current):
        return []
    return sorted(field.alias or name for name, field in current.model_fields.items())


def _is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def _strip(annotation: Any) -> Any:
    """X from Annotated[X, ...] and from X | None."""
    while True:
        if typing.get_origin(annotation) is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
            continue
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        if typing.get_origin(annotation) in (typing.Union, types.UnionType) and len(args) == 1:
            annotation = args[0]
            continue
        return annotation


def _tag(member: Any) -> Any:
    """The `type` literal of a tagged union's member (the channel types)."""
    field = member.model_fields.get("type") if _is_model(member) else None
    return typing.get_args(field.annotation)[0] if field and typing.get_args(field.annotation) else None


def describe(exc: ValidationError, where: str = "", prefix: str = "",
             env_names: Mapping[str, str] | None = None, model: type[BaseModel] | None = None) -> str:
    """One line per problem, each naming the key as the YAML file spells it (`schedule.sources.x.cron`,
    `rules[0].channels`), or the environment variable the value came from."""
    lines = []
    for err in exc.errors():
        parts = [prefix] if prefix else []
        for key in err["loc"]:
            if key in ("email", "apprise") and parts and parts[0] == "channels":
                continue  # the channel union's tag is not a key the user wrote
            if isinstance(key, int) and parts:
                parts[-1] += f"[{key}]"
            else:
                parts.append(str(key))
        path = ".".join(parts) or "(top level)"
        message = err["msg"].removeprefix("Value error, ")
        if err["type"] == "extra_forbidden":
            known = known_keys(model, tuple(err["loc"][:-1])) if model else []
            message = f"unknown key (known: {', '.join(known)})" if known else "unknown key"
        env_name = (env_names or {}).get(path)
        lines.append(f"{env_name}: {message}" if env_name else f"{where + ': ' if where else ''}{path}: {message}")
    return "\n".join(lines)
