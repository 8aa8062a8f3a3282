"""Proposals for the registry from articles: people named with a title whom the
registry does not know, spellings that only matched through a typo, and chains
that are one slip from a name the registry knows (حفترر for حفتر: not a new
person, but "likely a typo of" that name, for a reviewer to confirm).

Each proposal carries the file and the quote it came from, so a reviewer can
check it. Nothing is written unless asked (``--apply``), and then the file is
changed through the round-trip formatter, validated, and written atomically.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from registry.core import Registry
from registry.match.resolver import Resolution
from registry.names.frequency import frequency
from registry.names.language import language
from registry.names.normalize import fold_char, name_key, name_tokens, normalize_text, tokenize
from registry.review.fmt import dump, load_roundtrip, styled_like
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
class LikelyTypo:
    """A chain the registry does not know, which one slip away reads as a name it
    does: reported, never added (a misspelling is not a new entity)."""

    text: str
    reading: str  # the chain with the slip mended
    ids: list[str]  # the entity it then names, or the candidates when ambiguous
    file: str
    quote: str
    why: str


@dataclass
class Suggestions:
    people: list[NewPerson] = field(default_factory=list)
    aliases: list[NewAlias] = field(default_factory=list)
    typos: list[LikelyTypo] = field(default_factory=list)


# Written words shorter than this are not mended: one letter changes most
# three-letter names into another name.
TYPO_MIN_LETTERS = 4


@cache
def _letters() -> tuple[str, ...]:
    """The letters a normalised Arabic name is written in (hamza carriers, ة and ى
    folded as normalisation folds them)."""
    folded = {fold_char(chr(code)) for code in range(0x0621, 0x064B)}
    return tuple(sorted(c for c in folded if len(c) == 1 and c.isalpha()))


def one_slip(token: str) -> set[str]:
    """Every word one edit from ``token``: a letter dropped, added, changed, or two
    neighbours swapped (the edits the index's long-word typo rule forgives)."""
    letters = _letters()
    out = {token[:i] + token[i + 1:] for i in range(len(token))}
    out |= {token[:i] + token[i + 1] + token[i] + token[i + 2:] for i in range(len(token) - 1)}
    out |= {token[:i] + c + token[i + 1:] for i in range(len(token)) for c in letters}
    out |= {token[:i] + c + token[i:] for i in range(len(token) + 1) for c in letters}
    out.discard(token)
    return out


def _known(reg: Registry, token: str) -> bool:
    """The registry's index has this very word (not a typo or other-script reading)."""
    return any(m.token == token and not m.fuzzy and not m.translit
               for m in reg.index.token_matches(token))


def _slips(reg: Registry, tokens: list[str]) -> list[tuple[int, str]]:
    """(position, known word) for each written word that is not a name the registry
    or the language data lists but is one edit from a word the registry knows.
    Listed names (حسين، سعيد) are never mended: they are names of their own."""
    listed = language().distinct_names | frozenset(frequency().tiers)
    out = []
    for i, token in enumerate(tokens):
        if len(token) < TYPO_MIN_LETTERS or token in listed or _known(reg, token):
            continue
        out += [(i, word) for word in sorted(one_slip(token))
                if len(word) >= TYPO_MIN_LETTERS and _known(reg, word)]
    return out


def _as_typo(reg: Registry, mention: Mention, tokens: list[str],
             slips: list[tuple[int, str]]) -> tuple[str, Resolution] | None:
    """The first mended reading (with the mention's titles) that names people the
    registry knows, and that answer; None when no single slip does."""
    written = mention.text.split()  # the article's spelling, when it lines up
    shown = written if len(written) == len(tokens) else tokens
    for i, word in slips:
        answer = reg.lookup(" ".join([*mention.titles, *tokens[:i], word, *tokens[i + 1:]]))
        reading = " ".join([*shown[:i], word, *shown[i + 1:]])
        if answer.status != "unknown" and answer.type in (None, "person") and (
                answer.id or answer.contenders or answer.candidates):
            return reading, answer
    return None


def _typo_note(tokens: list[str], slips: list[tuple[int, str]]) -> str:
    return "; ".join(f"{tokens[i]} is one letter from {word}, a name the registry knows: "
                     "a typo?" for i, word in slips)


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
                slips = _slips(reg, tokens)
                typo = _as_typo(reg, mention, tokens, slips)
                if typo is not None:
                    reading, answer = typo
                    ids = [answer.id] if answer.id else (
                        answer.contenders or [c.id for c in answer.candidates])
                    named = (f"{answer.name} ({answer.id})" if answer.id and answer.name else
                             f"{reading} (ambiguous: {', '.join(ids)})")
                    out.typos.append(LikelyTypo(mention.text.strip(), reading, ids, name, quote,
                                                f"likely a typo of {named}, not a new person"))
                    continue
                base = romanise(mention.text)
                entity_id, n = base, 2
                while entity_id in taken:
                    entity_id, n = f"{base}-{n}", n + 1
                taken.add(entity_id)
                written = mention.text.split()  # the article's spelling, when it lines up
                parts = written if len(written) == len(tokens) else tokens
                note = "; ".join(n for n in (_kin_note(reg, mention, tokens),
                                             _typo_note(tokens, slips)) if n)
                out.people.append(NewPerson(entity_id, mention.text.strip(), parts,
                                            _title_ids(reg, mention), name, quote, note))
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
    if suggestions.typos:
        typos = CommentedSeq()
        for typo in suggestions.typos:
            item = CommentedMap()
            item["text"] = typo.text
            item["reading"] = typo.reading
            item["entities"] = CommentedSeq(typo.ids)
            item["source"] = _source(typo.file, typo.quote)
            item.yaml_add_eol_comment(typo.why, "text")
            typos.append(item)
        document["likely_typos"] = typos
    header = ("# Proposed by `registry suggest`: nothing here is in the registry yet.\n"
              "# Review every entry; `registry suggest --apply` adds them.\n"
              "# likely_typos are reported only: correct the article, or add the\n"
              "# spelling as an alias by hand if writers really use it.\n")
    return header + dump(document)


def apply(path: Path, suggestions: Suggestions) -> list[str]:
    """Add the proposals to a registry file; returns validation errors (then the
    file is left untouched). The caller holds the registry's lock
    (``registry.store.lock``) from reading the registry the proposals were made
    against to this write."""
    document, original = load_roundtrip(path)
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
    text = styled_like(dump(document), original)
    # Checked in memory: a staging file at a fixed name beside the registry
    # would follow a symlink a pull request committed there.
    errors = [str(p) for p in validate_file(path, text) if p.severity == "error"]
    if not errors:
        write_atomic(path, text)
    return errors
