"""Proposals for the registry from articles: people named with a title whom the
registry does not know, and spellings that only matched through a typo.

Each proposal carries the file and the quote it came from, so a reviewer can
check it. Nothing is written unless asked (``--apply``), and then the file is
changed through the round-trip formatter, validated, and written atomically.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from registry.core import Registry
from registry.names.language import language
from registry.names.normalize import name_key, name_tokens, normalize_text, tokenize
from registry.review.fmt import dump, load_roundtrip
from registry.review.validate import validate_file
from registry.store.atomic import write_atomic
from registry.text.annotate import Mention

QUOTE_WINDOW = 80


@dataclass
class NewPerson:
    id: str
    name: str
    tokens: list[str]
    title_ids: list[str]
    file: str
    quote: str
    note: str = ""


@dataclass
class NewAlias:
    entity_id: str
    text: str
    file: str
    quote: str
    why: str


@dataclass
class Suggestions:
    people: list[NewPerson] = field(default_factory=list)
    aliases: list[NewAlias] = field(default_factory=list)


def romanise(text: str) -> str:
    """A rough Latin slug of an Arabic name, to propose an id."""
    table = language().romanisation
    letters = "".join(table.get(c, c if c.isascii() else "") for c in name_key(text))
    return re.sub(r"[^a-z0-9]+", "-", letters.lower()).strip("-") or "new-entity"


def quote_around(text: str, start: int, end: int) -> str:
    """The mention's line, cut to a window around it: an exact substring of the file."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    left = max(line_start, start - QUOTE_WINDOW)
    right = min(line_end, end + QUOTE_WINDOW)
    return text[left:right].strip()


def _title_ids(reg: Registry, mention: Mention) -> list[str]:
    ids: list[str] = []
    for surface in mention.titles:
        words = [t.text for t in tokenize(normalize_text(surface).text)]
        found = reg.titles.match_at(words, 0, after_title=bool(ids))
        if found is not None and found.kind == "military-rank":
            ids.append(found.title_id)
    return ids


def _kin_note(reg: Registry, mention: Mention, tokens: list[str]) -> str:
    """What a reviewer should check: an untitled chain may not be a person, and
    a chain whose rest names a registry person (عمر + خليفة حفتر) is likely a
    child of that person."""
    notes = [] if mention.titles else ["no title: check that this names a person"]
    if len(tokens) > 2:
        rest = reg.lookup(" ".join(tokens[1:]))
        if rest.status == "matched" and rest.type == "person":
            notes.append(f"the rest of the chain names {rest.id}: a child of {rest.id}? "
                         "add a child-of relation if a source says so")
    return "; ".join(notes)


def suggest(reg: Registry, files: list[tuple[str, str]]) -> Suggestions:
    """Proposals from (name, text) pairs."""
    out = Suggestions()
    taken = set(reg.entities)
    seen_people: set[str] = set()
    seen_aliases: set[tuple[str, str]] = set()
    for name, text in files:
        for mention in reg.annotate(text):
            quote = quote_around(text, mention.start, mention.end)
            tokens = name_tokens(mention.text)
            if mention.status == "unknown" and mention.kind == "name" and (
                    (mention.type == "person" and mention.titles) or len(tokens) > 1):
                key = name_key(mention.text)
                if key in seen_people:
                    continue
                seen_people.add(key)
                base = romanise(mention.text)
                entity_id, n = base, 2
                while entity_id in taken:
                    entity_id, n = f"{base}-{n}", n + 1
                taken.add(entity_id)
                written = mention.text.split()  # the article's spelling, when it lines up
                parts = written if len(written) == len(tokens) else tokens
                out.people.append(NewPerson(entity_id, mention.text.strip(), parts,
                                            _title_ids(reg, mention), name, quote,
                                            _kin_note(reg, mention, tokens)))
            elif mention.status == "matched" and mention.id and any(
                    line.startswith("typo:") for line in mention.explanation):
                pair = (mention.id, name_key(mention.text))
                if pair in seen_aliases:
                    continue
                seen_aliases.add(pair)
                why = next(line for line in mention.explanation if line.startswith("typo:"))
                out.aliases.append(NewAlias(mention.id, mention.text, name, quote, why))
    return out


def _source(file: str, quote: str) -> CommentedMap:
    source = CommentedMap()
    source["file"] = file
    source["quote"] = quote
    return source


def _person_entry(person: NewPerson) -> CommentedMap:
    entry = CommentedMap()
    entry["id"] = person.id
    entry["type"] = "person"
    names = CommentedMap()
    names["ar"] = person.name
    # A rough romanised guess for a reviewer to correct. (One fixed placeholder
    # for every proposal made two of them collide, so a second --apply failed.)
    names["en"] = " ".join(word.capitalize() for word in person.id.split("-"))
    entry["name"] = names
    parts = CommentedMap()
    parts["given"] = person.tokens[0] if person.tokens else person.name
    if len(person.tokens) > 2:
        parts["father"] = person.tokens[1]
    if len(person.tokens) > 1:
        parts["family"] = person.tokens[-1]
    entry["name_parts"] = parts
    if person.title_ids:
        rank = CommentedMap()
        rank["title"] = person.title_ids[0]
        rank["sources"] = CommentedSeq([_source(person.file, person.quote)])
        entry["ranks"] = CommentedSeq([rank])
    note = f"; {person.note}" if person.note else ""
    entry.yaml_add_eol_comment(f"proposed from {person.file}: check the name, write the "
                               f"English name and its slug as id{note}", "id")
    return entry


def snippet(suggestions: Suggestions) -> str:
    """The proposals as YAML for a person to review: new entities, and new
    aliases of existing entities (``entity`` names which)."""
    document = CommentedMap()
    document["entities"] = CommentedSeq([_person_entry(p) for p in suggestions.people])
    aliases = CommentedSeq()
    for alias in suggestions.aliases:
        item = CommentedMap()
        item["entity"] = alias.entity_id
        item["text"] = alias.text
        item["source"] = _source(alias.file, alias.quote)
        item.yaml_add_eol_comment(alias.why, "text")
        aliases.append(item)
    document["new_aliases"] = aliases
    header = ("# Proposed by `registry suggest`: nothing here is in the registry yet.\n"
              "# Review every entry; `registry suggest --apply` adds them.\n")
    return header + dump(document)


def apply(path: Path, suggestions: Suggestions) -> list[str]:
    """Add the proposals to a registry file; returns validation errors (then the
    file is left untouched). The caller holds the registry's lock
    (``registry.store.lock``) from reading the registry the proposals were made
    against to this write."""
    document, _ = load_roundtrip(path)
    entities = document["entities"]
    for person in suggestions.people:
        entities.append(_person_entry(person))
    by_id: dict[str, Any] = {e["id"]: e for e in entities}
    for alias in suggestions.aliases:
        entity = by_id.get(alias.entity_id)
        if entity is None:
            continue
        item = CommentedMap()
        item["text"] = alias.text
        entity.setdefault("aliases", CommentedSeq()).append(item)
    text = dump(document)
    # Checked in memory: a staging file at a fixed name beside the registry
    # would follow a symlink a pull request committed there.
    errors = [str(p) for p in validate_file(path, text) if p.severity == "error"]
    if not errors:
        write_atomic(path, text)
    return errors
