"""The W3C Reconciliation API 0.2 (what OpenRefine 3.x speaks), as pure functions:
a registry and a request in, the JSON answer out. ``registry.io.serve`` puts them
behind HTTP; keeping them apart lets the rules be tested without a server.

A query's ``type`` (person, organization, place, position) keeps only entities of
that type; its properties ``date`` (also ``at``) and ``country`` become the day an
office phrase is resolved on and the country a candidate must belong to. A
result's score is the resolver's 0-1 score on a 0-100 scale, ``match`` is true
only for the resolver's one matched answer (never for an ambiguous one, nor when
the country says otherwise), and ``description`` carries the resolver's
explanation so a reviewer in OpenRefine sees why.
"""

from __future__ import annotations

import bisect
import datetime as dt
import html
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from registry.core import Registry
from registry.io.export import holdings_by_position, timeline
from registry.match.resolver import Resolution
from registry.model.schema import ENTITY_TYPES, Entity
from registry.names.normalize import drop_medial_particles, name_tokens
from registry.store import textfile

VERSION = "0.2"
BATCH_SIZE = 50  # queries per batch; larger batches get HTTP 413
MAX_LIMIT = 100  # candidates per query, suggestions per page
DEFAULT_LIMIT = 10
PREVIEW_WIDTH, PREVIEW_HEIGHT = 430, 300
TYPE_NAMES = {"person": "Person", "organization": "Organization", "place": "Place",
              "position": "Position (office)"}
COUNTRY_MATCH_BONUS = 5
COUNTRY_MISMATCH_FACTOR = 0.5
DATE_PROPERTIES = ("date", "at")
COUNTRY_PROPERTY = "country"
_DAY = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:[T ].*)?$")


class ServiceError(Exception):
    """A request the service refuses: the HTTP status and a one-line message."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message

    def to_json(self) -> dict[str, Any]:
        """The JSON error body: ``{"status": "error", "code": ..., "message": ...}``."""
        return {"status": "error", "code": self.status, "message": self.message}


# -- request shapes (0.2 reconciliation-query-batch / data-extension-query) ----------

PropertyValue = str | int | float | bool | dict[str, Any]


class QueryProperty(BaseModel):
    """One ``{"pid", "v"}`` property of a query."""

    model_config = ConfigDict(extra="forbid")
    pid: str = Field(min_length=1)
    v: PropertyValue | list[PropertyValue]


class Query(BaseModel):
    """One reconciliation query (closed key set, as the 0.2 schema has it)."""

    model_config = ConfigDict(extra="forbid")
    query: str | None = None
    type: str | list[str] | None = None
    # strict: ``"limit": true`` was read as 1, "2" as 2 and 2.0 as 2
    limit: int | None = Field(None, ge=0, strict=True)
    properties: list[QueryProperty] = Field(default_factory=list)
    type_strict: str | None = Field(None, pattern="^(any|should|all)$")


class ExtensionProperty(BaseModel):
    """A property asked for in a data extension query, with its settings."""

    model_config = ConfigDict(extra="forbid")
    id: str
    settings: dict[str, Any] = Field(default_factory=dict)


class ExtensionQuery(BaseModel):
    """A 0.2 data extension query: entity ids and the properties wanted."""

    model_config = ConfigDict(extra="forbid")
    ids: list[str]
    properties: list[ExtensionProperty]


def parse_json(text: str | None, field: str) -> Any:
    """The JSON in a form field or query parameter, or a 400 saying what is wrong."""
    if text is None or not text.strip():
        raise ServiceError(400, f"{field}: empty; expected a JSON object")
    try:
        return textfile.load_json(text)
    except ValueError as exc:
        raise ServiceError(400, f"{field}: not valid JSON ({exc})") from None


def _problem(exc: ValidationError) -> str:
    error = exc.errors()[0]
    where = ".".join(str(p) for p in error["loc"]) or "value"
    return f"{where}: {error['msg']}"


# -- the service ---------------------------------------------------------------------


@dataclass
class _Candidate:
    entity: Entity
    score: float  # 0-100
    match: bool
    description: str
    features: list[dict[str, Any]]


class ReconciliationService:
    """Answers manifest, reconciliation, suggest, preview and extension requests
    for one registry."""

    def __init__(self, reg: Registry, name: str = "Arabic entity registry",
                 identifier_space: str = "urn:arabic-entity-registry:entity",
                 schema_space: str = "urn:arabic-entity-registry:type") -> None:
        self.reg = reg
        self.name = name
        self.identifier_space = identifier_space
        self.schema_space = schema_space
        self._suggest_keys: list[tuple[str, str]] | None = None
        self._countries: dict[str, frozenset[str]] = {}
        self._holdings = holdings_by_position(reg)

    # manifest

    def manifest(self, base_url: str) -> dict[str, Any]:
        """The 0.2 service manifest, its URL templates under ``base_url``."""
        base = base_url.rstrip("/")
        return {
            "versions": [VERSION],
            "name": self.name,
            "identifierSpace": self.identifier_space,
            "schemaSpace": self.schema_space,
            "defaultTypes": [{"id": t, "name": TYPE_NAMES[t]} for t in ENTITY_TYPES],
            "serviceVersion": _package_version(),
            "batchSize": BATCH_SIZE,
            "view": {"url": f"{base}/view/{{{{id}}}}"},
            "preview": {"url": f"{base}/preview/{{{{id}}}}", "width": PREVIEW_WIDTH,
                        "height": PREVIEW_HEIGHT},
            "suggest": {"entity": {"service_url": base, "service_path": "/suggest/entity"}},
            "extend": {
                "propose_properties": {"service_url": base,
                                       "service_path": "/extend/propose"},
                "property_settings": [{
                    "name": "at", "label": "On date (YYYY-MM-DD)", "type": "text",
                    "default": "",
                    "help_text": "Offices held on this day (empty: ongoing tenures)."}],
            },
        }

    # reconciliation

    def reconcile(self, batch: Any) -> dict[str, Any]:
        """Answers to a query batch, keyed like the batch."""
        if not isinstance(batch, dict):
            raise ServiceError(400, "queries: expected a JSON object of queries "
                               "({\"q0\": {\"query\": \"...\"}})")
        if len(batch) > BATCH_SIZE:
            raise ServiceError(413, f"queries: {len(batch)} queries in one batch; the "
                               f"limit (batchSize) is {BATCH_SIZE}")
        parsed: dict[str, Query] = {}
        for key, raw in batch.items():
            try:
                query = Query.model_validate(raw)
            except ValidationError as exc:
                raise ServiceError(400, f"queries: {key}: {_problem(exc)}") from None
            if not (query.query and query.query.strip()) and not query.properties:
                raise ServiceError(400, f"queries: {key}: needs a non-empty 'query' or "
                                   "'properties'")
            self._types(query.type, key)  # an unknown type refuses the whole batch
            parsed[key] = query
        return {key: {"result": self.answer(query, key)} for key, query in parsed.items()}

    def _types(self, value: str | list[str] | None, where: str) -> set[str] | None:
        if value is None or value == []:
            return None
        wanted = set()
        for item in [value] if isinstance(value, str) else value:
            known = item.strip().lower()
            if known not in ENTITY_TYPES:
                raise ServiceError(400, f"queries: {where}: unknown type '{item}'; "
                                   f"expected one of {', '.join(ENTITY_TYPES)}")
            wanted.add(known)
        return wanted

    def _properties(self, query: Query, key: str) -> tuple[dt.date | None, str | None]:
        day: dt.date | None = None
        country: str | None = None
        for prop in query.properties:
            values = prop.v if isinstance(prop.v, list) else [prop.v]
            text = next((_value_text(v) for v in values if _value_text(v)), None)
            pid = prop.pid.strip().lower()
            if pid in DATE_PROPERTIES and text:
                match = _DAY.match(text.strip())
                try:
                    day = dt.date.fromisoformat(match.group(1)) if match else None
                except ValueError:
                    day = None
                if day is None:
                    raise ServiceError(400, f"queries: {key}: property {prop.pid}: invalid "
                                       f"date {text!r}; expected YYYY-MM-DD")
            elif pid == COUNTRY_PROPERTY and text:
                country = self._country_id(text)
        return day, country

    def answer(self, query: Query, key: str = "q") -> list[dict[str, Any]]:
        """Candidates for one query, best first (scores 0-100)."""
        wanted = self._types(query.type, key)
        day, country = self._properties(query, key)
        limit = min(query.limit or DEFAULT_LIMIT, MAX_LIMIT)
        text = (query.query or "").strip()
        if not text:
            return []
        candidates = self._by_id(text, wanted)
        if candidates is None:
            candidates = self._candidates(text, day, wanted)
        if country is not None:
            candidates = [self._weigh_country(c, country) for c in candidates]
        candidates.sort(key=lambda c: (-c.score, c.entity.id))
        if sum(c.match for c in candidates) > 1:  # cannot happen; never claim two
            for c in candidates:
                c.match = False
        return [self._result(c) for c in candidates[:limit]]

    def _by_id(self, text: str, wanted: set[str] | None) -> list[_Candidate] | None:
        """A registry id typed as the query names that entity (the spec asks it)."""
        entity = self.reg.entities.get(text)
        if entity is None or (wanted is not None and entity.type not in wanted):
            return None
        return [_Candidate(entity, 100.0, True, f"the registry id {entity.id}",
                           [{"id": "id", "value": True}])]

    def _candidates(self, text: str, day: dt.date | None,
                    wanted: set[str] | None) -> list[_Candidate]:
        out: dict[str, _Candidate] = {}
        if wanted is not None and "position" in wanted:
            # Asked for offices: the phrase names the office itself (without that
            # type, an office phrase names whoever held it on the date, as in lookup).
            tokens = drop_medial_particles(name_tokens(text))
            for entity_id, score, reason in self.reg.resolver.phrase_entities(tokens):
                entity = self.reg.entities[entity_id]
                if entity.type == "position":
                    out[entity_id] = _Candidate(entity, round(score * 100, 1), False,
                                                f"{entity.type} named by its {reason}",
                                                [{"id": "name", "value": round(score, 3)}])
        if wanted is None or wanted & {"person", "organization", "place"}:
            res = self.reg.lookup(text, day)
            for candidate in self._from_resolution(res, wanted):
                known = out.get(candidate.entity.id)
                if known is None or candidate.score >= known.score:
                    out[candidate.entity.id] = candidate
        if len(out) == 1:
            only = next(iter(out.values()))
            if only.entity.type != "person" and only.score >= 95:
                only.match = True  # one organisation, place or office by name
        return list(out.values())

    def _from_resolution(self, res: Resolution, wanted: set[str] | None) -> list[_Candidate]:
        why = "; ".join(res.explanation)
        out = []
        for candidate in res.candidates:
            entity = self.reg.entities.get(candidate.id)
            if entity is None or (wanted is not None and entity.type not in wanted):
                continue
            matched = res.status == "matched" and candidate.id == res.id
            score = res.score if matched else candidate.score
            out.append(_Candidate(entity, round(score * 100, 1), matched, why,
                                  [{"id": "name", "value": round(candidate.score, 3)}]))
        return out

    # country

    def _country_id(self, text: str) -> str | None:
        """A country given as a registry id or a name, as a place id (None if the
        registry knows no such place: the property then constrains nothing)."""
        if text in self.reg.entities and self.reg.entities[text].type == "place":
            return text
        tokens = drop_medial_particles(name_tokens(text))
        for entity_id, _, _ in self.reg.resolver.phrase_entities(tokens):
            if self.reg.entities[entity_id].type == "place":
                return entity_id
        return None

    def countries(self, entity: Entity) -> frozenset[str]:
        """Places an entity belongs to: up its ``part_of``/``organization`` chain,
        and for a person, through the offices held."""
        cached = self._countries.get(entity.id)
        if cached is not None:
            return cached
        found: set[str] = set()
        starts = [entity.id] + [r.organization or r.position for r in entity.roles]
        for start in starts:
            seen: set[str] = set()
            current = self.reg.entities.get(start)
            while current is not None and current.id not in seen:
                seen.add(current.id)
                if current.type == "place" and current.id != entity.id:
                    found.add(current.id)
                parent = current.part_of or current.organization
                current = self.reg.entities.get(parent) if parent else None
        result = self._countries[entity.id] = frozenset(found)
        return result

    def _weigh_country(self, candidate: _Candidate, country: str) -> _Candidate:
        places = self.countries(candidate.entity)
        if candidate.entity.id == country or country in places:
            candidate.score = min(100.0, candidate.score + COUNTRY_MATCH_BONUS)
            candidate.description += f"; country {country} fits"
            candidate.features.append({"id": "country", "value": True})
        elif places:
            candidate.score = round(candidate.score * COUNTRY_MISMATCH_FACTOR, 1)
            candidate.match = False
            candidate.description += (f"; country {country} does not fit "
                                      f"({', '.join(sorted(places))})")
            candidate.features.append({"id": "country", "value": False})
        return candidate

    def _result(self, candidate: _Candidate) -> dict[str, Any]:
        entity = candidate.entity
        return {"id": entity.id, "name": f"{entity.name.ar} ({entity.name.en})",
                "type": [{"id": entity.type, "name": TYPE_NAMES[entity.type]}],
                "score": candidate.score, "match": candidate.match,
                "description": candidate.description, "features": candidate.features}

    # suggest

    def _keys(self) -> list[tuple[str, str]]:
        """(normalised name from any word on, entity id), sorted: a prefix search
        is a bisection, and a prefix of any word of a name finds it."""
        if self._suggest_keys is None:
            keys = set()
            for entity in self.reg.iter_entities():
                for text in entity.all_name_texts:
                    words = name_tokens(text)
                    for i in range(len(words)):
                        keys.add((" ".join(words[i:]), entity.id))
            self._suggest_keys = sorted(keys)
        return self._suggest_keys

    def suggest(self, prefix: str, cursor: int = 0, limit: int = DEFAULT_LIMIT,
                types: Iterable[str] | None = None) -> dict[str, Any]:
        """Entities whose name (or a later word of it) starts with ``prefix``;
        an exact id comes first. ``cursor`` skips that many results."""
        wanted = self._types(list(types), "suggest") if types else None
        limit = max(1, min(limit, MAX_LIMIT))
        found: list[str] = []
        if prefix.strip() in self.reg.entities:
            found.append(prefix.strip())
        needle = " ".join(name_tokens(prefix))
        if needle:
            keys = self._keys()
            start = bisect.bisect_left(keys, (needle, ""))
            for key, entity_id in keys[start:]:
                if not key.startswith(needle):
                    break
                if entity_id not in found:
                    found.append(entity_id)
        entities = [self.reg.entities[i] for i in found]
        if wanted is not None:
            entities = [e for e in entities if e.type in wanted]
        page = entities[max(cursor, 0): max(cursor, 0) + limit]
        return {"result": [{"id": e.id, "name": f"{e.name.ar} ({e.name.en})",
                            "description": e.description or TYPE_NAMES[e.type],
                            "notable": [{"id": e.type, "name": TYPE_NAMES[e.type]}]}
                           for e in page]}

    # data extension

    PROPERTIES: ClassVar[dict[str, tuple[str, tuple[str, ...]]]] = {
        "offices": ("Offices held (on the 'at' date; empty: ongoing)", ("person",)),
        "holders": ("Holders (on the 'at' date; empty: ongoing)", ("position",)),
        "organization": ("Organisation", ("position",)),
        "part_of": ("Part of", ("organization", "place")),
        "name_en": ("English name", ENTITY_TYPES),
        "name_ar": ("Arabic name", ENTITY_TYPES),
        "description": ("Description", ENTITY_TYPES),
    }

    def propose(self, type_id: str | None, limit: int | None = None) -> dict[str, Any]:
        """The properties a data extension can add for a type."""
        wanted = self._types(type_id, "type") if type_id else None
        props = [{"id": pid, "name": label} for pid, (label, types) in self.PROPERTIES.items()
                 if wanted is None or wanted & set(types)]
        out: dict[str, Any] = {"type": type_id or "", "properties": props[: limit or None]}
        if limit:
            out["limit"] = limit
        return out

    def extend(self, raw: Any) -> dict[str, Any]:
        """Values of the asked properties for each id (0.2 data extension)."""
        try:
            query = ExtensionQuery.model_validate(raw)
        except ValidationError as exc:
            raise ServiceError(400, f"extend: {_problem(exc)}") from None
        if len(query.ids) > BATCH_SIZE * 10:
            raise ServiceError(413, f"extend: {len(query.ids)} ids; the limit is "
                               f"{BATCH_SIZE * 10}")
        meta = []
        for prop in query.properties:
            if prop.id not in self.PROPERTIES:
                raise ServiceError(400, f"extend: unknown property '{prop.id}'; expected "
                                   f"one of {', '.join(self.PROPERTIES)}")
            entry: dict[str, Any] = {"id": prop.id, "name": self.PROPERTIES[prop.id][0]}
            if prop.id in ("offices", "holders", "organization", "part_of"):
                entry["type"] = {"id": "position" if prop.id == "offices" else
                                 "person" if prop.id == "holders" else "organization",
                                 "name": "entity"}
            meta.append(entry)
        rows: dict[str, dict[str, list[dict[str, Any]]]] = {}
        for entity_id in query.ids:
            entity = self.reg.entities.get(entity_id)
            rows[entity_id] = {p.id: self._values(entity, p) if entity else []
                               for p in query.properties}
        return {"meta": meta, "rows": rows}

    def _values(self, entity: Entity, prop: ExtensionProperty) -> list[dict[str, Any]]:
        at = str(prop.settings.get("at") or "").strip()
        day: dt.date | None = None
        if at:
            try:
                day = dt.date.fromisoformat(at)
            except ValueError:
                raise ServiceError(400, f"extend: property {prop.id}: setting at: invalid "
                                   f"date {at!r}; expected YYYY-MM-DD") from None
        if prop.id == "name_en":
            return [{"str": entity.name.en}]
        if prop.id == "name_ar":
            return [{"str": entity.name.ar}]
        if prop.id == "description":
            return [{"str": entity.description}] if entity.description else []
        if prop.id in ("organization", "part_of"):
            target = self.reg.entities.get(getattr(entity, prop.id) or "")
            return [self._ref(target)] if target else []
        if prop.id == "offices" and entity.type == "person":
            held = [r for r in entity.roles
                    if (r.tenure.covers(day) if day else r.tenure.ongoing)]
            return [self._ref(self.reg.entities[r.position]) for r in held
                    if r.position in self.reg.entities]
        if prop.id == "holders" and entity.type == "position":
            return [self._ref(self.reg.entities[h.person_id])
                    for h in self.reg.timeline.holders(entity.id, day)
                    if h.person_id in self.reg.entities]
        return []

    @staticmethod
    def _ref(entity: Entity) -> dict[str, Any]:
        return {"id": entity.id, "name": f"{entity.name.ar} ({entity.name.en})"}

    # preview

    def preview_html(self, entity_id: str, full: bool = False) -> str | None:
        """An HTML page for one entity (names, role timeline, sources), or None."""
        entity = self.reg.entities.get(entity_id)
        if entity is None:
            return None
        e = html.escape
        parts = [f"<h2 dir=\"rtl\" lang=\"ar\">{e(entity.name.ar)}</h2>",
                 f"<p><b>{e(entity.name.en)}</b> · {e(TYPE_NAMES[entity.type])} · "
                 f"<code>{e(entity.id)}</code></p>"]
        if entity.description:
            parts.append(f"<p>{e(entity.description)}</p>")
        if entity.aliases:
            parts.append("<p>Also: " + ", ".join(
                f"<span lang=\"{e(a.lang)}\">{e(a.text)}</span>" for a in entity.aliases)
                + "</p>")
        rows = timeline(self.reg, entity, self._holdings)
        if rows:
            parts.append("<table><tr><th>when</th><th>office</th><th>holder</th></tr>")
            for row in rows:
                parts.append(f"<tr><td>{e(row['tenure'])}</td>"
                             f"<td>{e(row['position_name'] or row['position'])}</td>"
                             f"<td>{e(row['person'])}</td></tr>")
            parts.append("</table>")
        sources = [s for rank in entity.ranks for s in rank.sources]
        sources += [s for role in entity.roles for s in role.sources]
        sources += [s for relation in entity.relations for s in relation.sources]
        if sources:
            parts.append("<h3>Sources</h3><ul>")
            for source in sources[: None if full else 6]:
                if source.url:
                    where = f"<a href=\"{e(source.url)}\" target=\"_blank\">{e(source.url)}</a>"
                else:
                    where = e(source.file or "")
                quote = f": <q dir=\"rtl\">{e(source.quote)}</q>" if source.quote else ""
                parts.append(f"<li>{where}{quote}</li>")
            parts.append("</ul>")
        style = ("body{font-family:sans-serif;font-size:13px;margin:6px}"
                 "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 4px}")
        return (f"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{e(entity.id)}"
                f"</title><style>{style}</style></head><body>{''.join(parts)}</body></html>")


def _value_text(value: Any) -> str:
    if isinstance(value, dict):
        return str(value.get("id") or value.get("name") or "")
    if isinstance(value, bool):
        return ""
    return str(value)


def _package_version() -> str:
    from registry import __version__

    return __version__
