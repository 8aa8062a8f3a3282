"""The registry as FollowTheMoney entities, for Aleph, yente and OpenSanctions tools.

Built with the ``followthemoney`` library (the optional ``[ftm]`` extra), so every
value goes through its model's cleaning and the stream is what ``ftm`` tools
expect: one ``{"id", "schema", "properties"}`` object per line.

The mapping:

- person → ``Person``: ``name`` (Arabic and English canonical names), name parts
  (``firstName`` given, ``fatherName`` father, ``lastName`` family), ``alias`` for
  identifying aliases plus the given + family short form the resolver accepts,
  ``weakAlias`` for supporting and never-alone ones (a kunya by default, or an
  alias that is a common word: not enough alone, so FtM must not match on them),
  ``previousName`` for former names, ``title`` for ranks held;
- organization → ``Organization`` (``parent`` from ``part_of``), position →
  ``Position`` (``organization``); both get a ``country`` when their chain of
  parents reaches a place FtM knows as a country;
- each role → ``Occupancy`` (holder, post): ``startDate``/``endDate`` at the
  precision the source gives, a not-later-than start (``start_by``) as ``date``
  (held on that day; the start is unknown), ``status`` current or ended;
- each relation → ``Family`` (person, relative, relationship);
- each source file → ``Document``; it is the ``proof`` of the occupancies and
  family ties it supports, and a rank's source is a ``Documentation`` of the
  person; a source URL becomes ``sourceUrl``.

Places are not exported: FtM has no schema for a city or a region. Ids are the
registry ids under the ``aer.`` prefix (``aer.saddam-haftar``), and for edges the
ids of their ends, so they stay stable across exports.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from registry.core import Registry
from registry.errors import InputError
from registry.match.strength import Strength, alias_strength
from registry.model.schema import Entity, Held, Source

if TYPE_CHECKING:
    from followthemoney.proxy import EntityProxy

ID_PREFIX = "aer"
INSTALL_HINT = "pip install 'arabic-entity-registry[ftm]' (needs Python 3.11 or later)"
RELATIONSHIP = {"child-of": "parent", "parent-of": "child", "sibling-of": "sibling",
                "spouse-of": "spouse"}  # what the relative is to the person
SCHEMA = {"person": "Person", "organization": "Organization", "position": "Position"}


def ftm_id(*parts: str) -> str:
    """A stable FtM id from registry ids: ``aer.`` + the parts joined by dots."""
    return ".".join((ID_PREFIX, *parts))


class _Builder:
    """Turns registry entities into FtM proxies, collecting the documents they cite."""

    def __init__(self, reg: Registry) -> None:
        try:
            from followthemoney import model
            from followthemoney.types import registry as types
        except ImportError:
            raise InputError(f"--format ftm needs followthemoney: {INSTALL_HINT}") from None
        self.model = model
        self.countries = types.country
        self.reg = reg
        self.documents: dict[str, EntityProxy] = {}

    def make(self, schema: str, entity_id: str) -> EntityProxy:
        proxy = self.model.make_entity(schema)
        proxy.id = entity_id
        return proxy

    def document(self, source: Source) -> str | None:
        """The id of the Document for a source file (made on first use)."""
        if source.file is None:
            return None
        digest = hashlib.sha1(source.file.encode("utf-8")).hexdigest()[:10]
        doc_id = ftm_id("document", _id_part(source.file), digest)
        if doc_id not in self.documents:
            doc = self.make("Document", doc_id)
            doc.add("fileName", source.file.rsplit("/", 1)[-1])
            doc.add("title", source.file)
            self.documents[doc_id] = doc
        return doc_id

    def cite(self, proxy: EntityProxy, sources: list[Source]) -> None:
        """Sources of an edge: documents as ``proof``, quotes as ``summary``."""
        for source in sources:
            doc_id = self.document(source)
            if doc_id:
                proxy.add("proof", doc_id)
            if source.url:
                proxy.add("sourceUrl", source.url)
            if source.quote:
                proxy.add("summary", source.quote)

    def country(self, entity: Entity) -> str | None:
        """The country code of the first place up the ``part_of``/``organization``
        chain that FtM recognises as a country."""
        seen: set[str] = set()
        current: Entity | None = entity
        while current is not None and current.id not in seen:
            seen.add(current.id)
            if current.type == "place":
                found = self.countries.clean(current.name.en, fuzzy=True)
                if found:
                    return found
            parent = current.part_of or current.organization
            current = self.reg.entities.get(parent) if parent else None
        return None

    def names(self, proxy: EntityProxy, entity: Entity) -> None:
        proxy.add("name", [entity.name.ar, entity.name.en])
        for alias in entity.aliases:
            if alias.kind == "former":
                proxy.add("previousName", alias.text)
            elif alias_strength(alias)[0] < Strength.IDENTIFYING:
                proxy.add("weakAlias", alias.text)
            elif entity.type != "person" or alias.kind != "phrase":
                proxy.add("alias", alias.text)
        if entity.description:
            proxy.add("description", entity.description)
        if entity.ids.get("wikidata"):
            proxy.add("wikidataId", entity.ids["wikidata"])

    def person(self, entity: Entity) -> Iterator[EntityProxy]:
        proxy = self.make("Person", ftm_id(entity.id))
        self.names(proxy, entity)
        parts = entity.name_parts
        if parts is not None:
            proxy.add("firstName", parts.given)
            proxy.add("fatherName", parts.father)
            proxy.add("lastName", parts.family)
            if parts.family:
                proxy.add("alias", f"{parts.given} {parts.family}")
        for role in entity.roles:
            position = self.reg.entities.get(role.position)
            if position is not None:
                proxy.add("position", position.name.en)
        edges: list[EntityProxy] = []
        for number, rank in enumerate(entity.ranks):
            title = self.reg.titles.by_id.get(rank.title)
            label = title.en if title else rank.title
            proxy.add("title", label)
            for cited, source in enumerate(rank.sources):
                edges += self.documentation(entity.id, f"rank{number}-{cited}", source,
                                            rank, f"source of rank: {label}")
        yield proxy
        yield from edges

    def documentation(self, entity_id: str, key: str, source: Source, held: Held,
                      role: str) -> Iterator[EntityProxy]:
        """A Documentation edge: this source document supports a statement about
        the entity (``role`` says which)."""
        doc_id = self.document(source)
        if doc_id is None:
            return
        edge = self.make("Documentation", ftm_id("documentation", entity_id, key))
        edge.add("document", doc_id)
        edge.add("entity", ftm_id(entity_id))
        edge.add("role", role)
        if source.quote:
            edge.add("summary", source.quote)
        self.dates(edge, held)
        yield edge

    @staticmethod
    def dates(proxy: EntityProxy, held: Held) -> None:
        """Start and end at the precision the source gives; a not-later-than start
        only says the thing was held on that day."""
        tenure = held.tenure
        if tenure.start is not None:
            proxy.add("startDate", str(tenure.start))
        elif tenure.start_by is not None:
            proxy.add("date", str(tenure.start_by))
        if tenure.end is not None:
            proxy.add("endDate", str(tenure.end))

    def occupancies(self, entity: Entity, exported: set[str]) -> Iterator[EntityProxy]:
        for number, role in enumerate(entity.roles):
            if role.position not in exported:
                continue
            edge = self.make("Occupancy",
                             ftm_id("occupancy", entity.id, role.position, str(number)))
            edge.add("holder", ftm_id(entity.id))
            edge.add("post", ftm_id(role.position))
            self.dates(edge, role)
            edge.add("status", "current" if role.tenure.ongoing else "ended")
            edge.add("description", f"held {role.tenure.describe()}")
            self.cite(edge, role.sources)
            yield edge

    def families(self, entity: Entity, exported: set[str]) -> Iterator[EntityProxy]:
        for relation in entity.relations:
            if relation.target not in exported:
                continue
            edge = self.make("Family", ftm_id("family", entity.id, relation.type,
                                              relation.target))
            edge.add("person", ftm_id(entity.id))
            edge.add("relative", ftm_id(relation.target))
            edge.add("relationship", RELATIONSHIP[relation.type])
            self.cite(edge, relation.sources)
            yield edge

    def organization(self, entity: Entity) -> EntityProxy:
        proxy = self.make("Organization", ftm_id(entity.id))
        self.names(proxy, entity)
        parent = self.reg.entities.get(entity.part_of or "")
        if parent is not None and parent.type == "organization":
            proxy.add("parent", ftm_id(parent.id))
        proxy.add("country", self.country(entity))
        return proxy

    def position(self, entity: Entity, exported: set[str]) -> EntityProxy:
        proxy = self.make("Position", ftm_id(entity.id))
        self.names(proxy, entity)
        if entity.organization in exported:
            proxy.add("organization", ftm_id(entity.organization or ""))
        proxy.add("country", self.country(entity))
        return proxy


def _id_part(text: str) -> str:
    """Text reduced to what an FtM id may hold (letters, digits, dots, hyphens)."""
    return re.sub(r"[^0-9a-zA-Z]+", "-", text).strip("-")[:80] or "x"


def ftm_entities(reg: Registry, types: Iterable[str] | None = None) -> Iterator[dict[str, Any]]:
    """FtM entities (as dicts) for the registry's people, organisations and
    positions (or only ``types``), their occupancies, family ties and source
    documents. An edge is emitted only when both its ends are."""
    builder = _Builder(reg)
    chosen = [e for e in reg.iter_entities(types) if e.type in SCHEMA]
    exported = {e.id for e in chosen}
    for entity in chosen:
        if entity.type == "person":
            for proxy in builder.person(entity):
                yield proxy.to_dict()
            for edge in builder.occupancies(entity, exported):
                yield edge.to_dict()
            for edge in builder.families(entity, exported):
                yield edge.to_dict()
        elif entity.type == "organization":
            yield builder.organization(entity).to_dict()
        else:
            yield builder.position(entity, exported).to_dict()
    for document in builder.documents.values():
        yield document.to_dict()


def ftm_lines(reg: Registry, types: Iterable[str] | None = None) -> Iterator[str]:
    """``ftm_entities`` as JSON lines, the stream format ``ftm`` and yente read."""
    for entity in ftm_entities(reg, types):
        yield json.dumps(_plain(entity), ensure_ascii=False, sort_keys=True) + "\n"


def _plain(entity: dict[str, Any]) -> dict[str, Any]:
    """The entity shape FtM documents (id, schema, properties), without the
    statement-level bookkeeping newer versions add when set."""
    return {"id": entity["id"], "schema": entity["schema"], "properties": entity["properties"]}
