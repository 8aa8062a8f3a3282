"""The registry as files other tools read: JSON lines and CSV (FollowTheMoney is
in ``registry.io.ftm``).

Both formats carry every field of the registry file, so each reads back into the
same entities (``read_jsonl``, ``read_csv``; the tests round-trip them). JSON lines
add, under ``derived``, what the registry computes and a consumer would otherwise
have to rebuild: the normalised name forms the resolver matches on (with their
strength) and the role timeline. CSV is one row per entity for pandas and
spreadsheets; roles, one row per tenure, go to a second file. Columns follow the
schema (``registry/model``), so a field added there is exported without changes
here: a nested record of plain values (``name``, ``name_parts``) becomes dotted
columns (``name.ar``), a list or mapping one JSON cell.
"""

from __future__ import annotations

import csv
import io
import json
import typing
from collections.abc import Iterable, Iterator
from typing import Any

from pydantic import BaseModel, ValidationError

from registry.core import Registry
from registry.errors import InputError
from registry.match.index import person_forms
from registry.match.strength import Strength
from registry.model.schema import Entity, Role

EXPORT_FORMATS = ("jsonl", "csv", "ftm")


# -- JSON lines -------------------------------------------------------------------


Holdings = dict[str, list[tuple[str, Role]]]


def holdings_by_position(reg: Registry) -> Holdings:
    """position id -> [(holder id, role)], built in one pass over the people."""
    out: Holdings = {}
    for person in reg.iter_entities("person"):
        for role in person.roles:
            out.setdefault(role.position, []).append((person.id, role))
    return out


def timeline(reg: Registry, entity: Entity,
             holdings: Holdings | None = None) -> list[dict[str, Any]]:
    """The role timeline of a person (offices held, earliest first) or of a
    position (its holders), each tenure with its dates at the source's precision.
    ``holdings`` (from ``holdings_by_position``) saves a pass per position."""
    rows: list[tuple[str, dict[str, Any]]] = []
    held: list[tuple[str, Role]]
    if entity.type == "person":
        held = [(entity.id, role) for role in entity.roles]
    elif entity.type == "position":
        if holdings is None:
            holdings = holdings_by_position(reg)
        held = holdings.get(entity.id, [])
    else:
        return []
    for person_id, role in held:
        tenure = role.tenure
        position = reg.entities.get(role.position)
        organization = role.organization or (position.organization if position else None)
        first = tenure.first_day()
        rows.append((str(first or ""), {
            "person": person_id,
            "position": role.position,
            "position_name": position.name.en if position else None,
            "organization": organization,
            "start": str(tenure.start) if tenure.start else None,
            "start_by": str(tenure.start_by) if tenure.start_by else None,
            "end": str(tenure.end) if tenure.end else None,
            "ongoing": tenure.ongoing,
            "tenure": tenure.describe(),
        }))
    return [row for _, row in sorted(rows, key=lambda r: r[0])]


def entity_record(reg: Registry, entity: Entity,
                  holdings: Holdings | None = None) -> dict[str, Any]:
    """Every field of the entity as the registry file has it, plus ``derived``:
    its name forms (normalised tokens, where each comes from, how strong it is
    alone and why)
    and its role timeline."""
    record = entity.model_dump(mode="json")
    forms = person_forms(entity) if entity.type == "person" else []
    record["derived"] = {
        "name_forms": [{"text": " ".join(f.tokens), "slots": list(f.slots), "source": f.label,
                        "strength": Strength(f.strength).label, "why": f.why or None}
                       for f in forms],
        "timeline": timeline(reg, entity, holdings),
    }
    return record


def jsonl_lines(reg: Registry, types: Iterable[str] | None = None) -> Iterator[str]:
    """One JSON object per entity (see ``entity_record``), each a line."""
    holdings = holdings_by_position(reg)
    for entity in reg.iter_entities(types):
        yield json.dumps(entity_record(reg, entity, holdings), ensure_ascii=False) + "\n"


def read_jsonl(lines: Iterable[str], label: str = "<jsonl>") -> list[Entity]:
    """Entities back from ``jsonl_lines`` output (``derived`` is ignored)."""
    entities = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            record.pop("derived", None)
            entities.append(Entity.model_validate(record))
        except (ValueError, ValidationError) as exc:
            raise InputError(f"{label}:{number}: {_first_line(exc)}") from None
    return entities


# -- CSV --------------------------------------------------------------------------

# Fields a CSV row leaves out: roles have their own file.
_ROLE_FIELD = "roles"


def _is_record(annotation: Any) -> type[BaseModel] | None:
    """The model class if a field holds a (possibly optional) nested model whose
    fields are all plain values, so it flattens into dotted columns."""
    for candidate in (annotation, *typing.get_args(annotation)):
        if isinstance(candidate, type) and issubclass(candidate, BaseModel):
            return candidate
    return None


def _is_structured(annotation: Any) -> bool:
    """Lists and mappings go into one JSON cell."""
    origins = {typing.get_origin(a) for a in (annotation, *typing.get_args(annotation))}
    return bool(origins & {list, dict})


def _columns(model: type[BaseModel], skip: tuple[str, ...] = ()) -> list[str]:
    columns = []
    for name, info in model.model_fields.items():
        if name in skip:
            continue
        nested = _is_record(info.annotation)
        if nested is not None and not _is_structured(info.annotation):
            columns += [f"{name}.{sub}" for sub in nested.model_fields]
        else:
            columns.append(name)
    return columns


def _cell(value: Any) -> str:
    if value is None or value == [] or value == {}:
        return ""
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


def _row(data: dict[str, Any], columns: list[str]) -> list[str]:
    out = []
    for column in columns:
        head, _, sub = column.partition(".")
        value = data.get(head)
        if sub:
            value = value.get(sub) if isinstance(value, dict) else None
        out.append(_cell(value))
    return out


def _unflatten(model: type[BaseModel], row: dict[str, str]) -> dict[str, Any]:
    """A CSV row back into model input: empty cells are left out (the default),
    JSON cells parsed, dotted columns nested."""
    data: dict[str, Any] = {}
    for column, text in row.items():
        if column is None or not text:
            continue
        head, _, sub = column.partition(".")
        info = model.model_fields.get(head)
        if info is None:
            continue  # a derived column (position_name) or a column this version lacks
        if sub:
            data.setdefault(head, {})[sub] = text
        elif _is_structured(info.annotation) or info.annotation is bool:
            data[head] = json.loads(text)
        else:
            data[head] = text
    return data


ENTITY_COLUMNS = _columns(Entity, skip=(_ROLE_FIELD,))
# The order a spreadsheet reader expects (README, "CSV"): who, which office and
# where, then when, then any later field, and the sources (long JSON cells) last.
_ROLE_LEAD = ["person", "position", "position_name", "organization"]
_ROLE_LAST = ["sources"]
ROLE_COLUMNS = [*_ROLE_LEAD,
                *(c for c in _columns(Role) if c not in _ROLE_LEAD + _ROLE_LAST), *_ROLE_LAST]


def csv_text(reg: Registry, types: Iterable[str] | None = None) -> tuple[str, str]:
    """(entities CSV, roles CSV): one row per entity, and one per role held
    (``person`` is the holder's id; ``position_name`` is derived, for reading)."""
    entities, roles = io.StringIO(), io.StringIO()
    entity_writer, role_writer = csv.writer(entities), csv.writer(roles)
    entity_writer.writerow(ENTITY_COLUMNS)
    role_writer.writerow(ROLE_COLUMNS)
    for entity in reg.iter_entities(types):
        data = entity.model_dump(mode="json")
        entity_writer.writerow(_row(data, ENTITY_COLUMNS))
        for role, role_data in zip(entity.roles, data[_ROLE_FIELD], strict=True):
            position = reg.entities.get(role.position)
            role_data = {"person": entity.id,
                         "position_name": position.name.en if position else None, **role_data}
            role_writer.writerow(_row(role_data, ROLE_COLUMNS))
    return entities.getvalue(), roles.getvalue()


def read_csv(entities_text: str, roles_text: str | None = None,
             label: str = "<csv>") -> list[Entity]:
    """Entities back from ``csv_text`` output, with their roles when given."""
    roles: dict[str, list[dict[str, Any]]] = {}
    for number, row in enumerate(csv.DictReader(io.StringIO(roles_text or "")), 2):
        person = row.pop("person", "")
        if not person:
            raise InputError(f"{label} (roles):{number}: no person id")
        try:
            roles.setdefault(person, []).append(_unflatten(Role, row))
        except ValueError as exc:
            raise InputError(f"{label} (roles):{number}: {_first_line(exc)}") from None
    entities = []
    for number, row in enumerate(csv.DictReader(io.StringIO(entities_text)), 2):
        try:
            data = _unflatten(Entity, row)
            if data.get("id") in roles:
                data[_ROLE_FIELD] = roles[data["id"]]
            entities.append(Entity.model_validate(data))
        except (ValueError, ValidationError) as exc:
            raise InputError(f"{label}:{number}: {_first_line(exc)}") from None
    return entities


def _first_line(exc: Exception) -> str:
    return " ".join(str(exc).split("\n")[:2])
