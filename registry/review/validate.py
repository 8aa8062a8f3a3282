"""Review checks for registry files: every problem a reviewer cannot see by eye,
as ``PATH:LINE:COL: error|warning: message``.

The loader stops at the first problem; this module collects all of them: YAML
features the registry does not use, duplicate keys, the schema, references,
dates and overlapping tenures, sources that do not hold, names with invisible or
look-alike characters, empty or title-only aliases, and aliases that collide
with another entity's after normalisation.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections import defaultdict
from pathlib import Path
from typing import Any

import yaml

from registry.errors import RegistryFileError
from registry.match.index import called_forms
from registry.match.strength import Strength, alias_strength
from registry.model.schema import Entity, Held, RegistryFile, Title
from registry.names.frequency import frequency
from registry.names.normalize import name_key, name_tokens, normalize_text, strip_article
from registry.names.titles import TitleVocabulary
from registry.names.vocabulary import duplicates_of_defaults, merged_vocabulary
from registry.store.loader import (
    LoadedFile,
    NodeTree,
    Problem,
    compose,
    duplicate_key_problems,
    merge,
    read_text,
    registry_files,
    schema_problems,
)
from registry.store.references import registry_problems

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# Letters from Persian and Urdu keyboards that look like Arabic ones.
LOOKALIKE_LETTERS = {
    "\u06cc": "ي", "\u06a9": "ك", "\u06c0": "ة", "\u06c1": "ه", "\u06be": "ه",
    "\u06d2": "ي", "\u06d5": "ه",
}
# Letters that are not Arabic-alphabet letters but are used for foreign sounds
# (پ چ ژ گ ڤ): worth a second look, not wrong.
FOREIGN_LETTERS = frozenset("\u067e\u0686\u0698\u06af\u06a4")
Loc = tuple[str | int, ...]


def yaml_feature_problems(path: str, text: str) -> list[Problem]:
    """Anchors, aliases and explicit tags: the registry uses none of them."""
    problems: list[Problem] = []
    try:
        for event in yaml.parse(text, Loader=_Loader):
            mark = event.start_mark
            where = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
            if isinstance(event, yaml.AliasEvent):
                problems.append(Problem(path, *where, "error",
                                        f"YAML alias '*{event.anchor}': write the value out"))
                continue
            anchor = getattr(event, "anchor", None)
            if anchor:
                problems.append(Problem(path, *where, "error",
                                        f"YAML anchor '&{anchor}' is not used in the registry"))
            tag = getattr(event, "tag", None)
            if tag and isinstance(event, (yaml.ScalarEvent, yaml.CollectionStartEvent)):
                problems.append(Problem(path, *where, "error",
                                        f"YAML tag '{tag}' is not used in the registry"))
    except yaml.YAMLError:
        pass  # compose() reports syntax errors with their line
    return problems


class _Checker:
    """Whole-document checks of one parsed file."""

    def __init__(self, path: str, text: str, doc: RegistryFile, tree: NodeTree,
                 titles: list[Title]) -> None:
        self.path = path
        self.lines = text.splitlines()
        self.doc = doc
        self.tree = tree
        self.titles = TitleVocabulary(titles)  # the whole registry's, in a folder
        self.problems: list[Problem] = []
        self._files: dict[str, str | None] = {}

    def report(self, loc: Loc, severity: str, message: str, char: str | None = None) -> None:
        line, column = self.tree.locate(loc)
        if char is not None and line is not None and line <= len(self.lines):
            found = self.lines[line - 1].find(char)
            if found >= 0:
                column = found + 1
        self.problems.append(Problem(self.path, line, column, severity, message))

    # -- names -------------------------------------------------------------------

    def names(self) -> list[tuple[Loc, str, str]]:
        """Every name-bearing string: (location, text, language)."""
        out: list[tuple[Loc, str, str]] = []
        for i, title in enumerate(self.doc.vocabulary.titles):
            base: Loc = ("vocabulary", "titles", i)
            out += [((*base, "ar", j), t, "ar") for j, t in enumerate(title.ar)]
            out += [((*base, "abbreviations", j), t, "ar")
                    for j, t in enumerate(title.abbreviations)]
        for i, entity in enumerate(self.doc.entities):
            base = ("entities", i)
            out.append(((*base, "name", "ar"), entity.name.ar, "ar"))
            out.append(((*base, "name", "en"), entity.name.en, "en"))
            if entity.name_parts:
                for slot, value in entity.name_parts.slots():
                    out.append(((*base, "name_parts", slot), value, "ar"))
            for j, alias in enumerate(entity.aliases):
                out.append(((*base, "aliases", j, "text"), alias.text, alias.lang))
        return out

    def characters(self) -> None:
        for loc, text, lang in self.names():
            for char in dict.fromkeys(text):
                code = f"U+{ord(char):04X} {unicodedata.name(char, 'unnamed')}"
                category = unicodedata.category(char)
                if category == "Cf":
                    self.report(loc, "error", f"invisible character {code} in '{text}'", char)
                elif char in LOOKALIKE_LETTERS:
                    self.report(loc, "error", f"look-alike letter {code} in '{text}': write "
                                f"{LOOKALIKE_LETTERS[char]}", char)
                elif 0xFB50 <= ord(char) <= 0xFDFF or 0xFE70 <= ord(char) <= 0xFEFF:
                    self.report(loc, "error", f"presentation form {code} in '{text}': write "
                                "the plain letter", char)
                elif char in FOREIGN_LETTERS:
                    self.report(loc, "warning", f"non-Arabic letter {code} in '{text}'", char)
                elif char == "\u0640":
                    self.report(loc, "warning", f"tatweel in '{text}'", char)
            for word in text.split():
                scripts = {s for c in word if c.isalpha() and (s := _script(c)) is not None}
                if len(scripts) > 1:
                    self.report(loc, "error", f"'{word}' mixes {' and '.join(sorted(scripts))} "
                                "letters (a look-alike character?)")
            if lang == "ar" and any(_script(c) == "Latin" for c in text):
                self.report(loc, "warning", f"Latin letters in an Arabic name '{text}' "
                            "(set lang?)")

    def aliases(self) -> None:
        """Empty and title-only names; collisions between entities."""
        keys: dict[str, list[tuple[str, Loc, bool, str]]] = defaultdict(list)
        for i, entity in enumerate(self.doc.entities):
            base: Loc = ("entities", i)
            texts: list[tuple[Loc, str, bool]] = [
                ((*base, "name", "ar"), entity.name.ar, False),
                ((*base, "name", "en"), entity.name.en, False),
            ]
            texts += [((*base, "aliases", j, "text"), a.text, a.shared)
                      for j, a in enumerate(entity.aliases)]
            own: dict[str, tuple[str, Loc, bool, str]] = {}
            for loc, text, shared in texts:
                key = name_key(text)
                if not key:
                    self.report(loc, "error", f"name '{text}' has no letters")
                    continue
                if entity.type == "person" and self._only_titles(key.split()):
                    self.report(loc, "error", f"alias '{text}' is only a title")
                    continue
                if key in own:  # one entity, several spellings: shared if any says so
                    previous = own[key]
                    own[key] = (previous[0], previous[1], previous[2] or shared, previous[3])
                else:
                    own[key] = (entity.id, loc, shared, text)
            for key, entry in own.items():
                keys[key].append(entry)
        for key, entries in keys.items():
            owners = {e[0] for e in entries}
            if len(owners) < 2 or all(e[2] for e in entries):
                continue
            first_id, first_loc, _, first_text = entries[0]
            first_line, _ = self.tree.locate(first_loc)
            for entity_id, loc, _, text in entries[1:]:
                if entity_id == first_id:
                    continue
                self.report(loc, "error", f"'{text}' normalises to '{key}', like {first_id}'s "
                            f"'{first_text}' (line {first_line}); mark both shared: true if "
                            "the name is really shared")

    def _only_titles(self, tokens: list[str]) -> bool:
        pos = 0
        while pos < len(tokens):
            found = self.titles.match_at(tokens, pos, after_title=pos > 0)
            if found is None:
                return False
            pos = found.last
        return True

    # -- dates, tenures, sources ---------------------------------------------------

    def dates(self) -> None:
        holders: dict[str, list[tuple[Entity, Held, Loc]]] = defaultdict(list)
        for i, entity in enumerate(self.doc.entities):
            for field in ("ranks", "roles"):
                for j, held in enumerate(getattr(entity, field)):
                    loc: Loc = ("entities", i, field, j)
                    self._ordered(loc, held)
                    if field == "roles":
                        holders[held.position].append((entity, held, loc))
                        if held.start is None and held.start_by is None:
                            self.report((*loc, "position"), "warning",
                                        "no start or start_by: dated questions get this role "
                                        "only as held at some time, at a low score")
        positions = {e.id: e for e in self.doc.entities if e.type == "position"}
        for position_id, held_list in holders.items():
            position = positions.get(position_id)
            if position is None or not position.single_holder:
                continue
            for a, b in _pairs(held_list):
                if _overlap(a[1], b[1]):
                    line, _ = self.tree.locate(a[2])
                    self.report(b[2], "error", f"tenure of {position_id} overlaps {a[0].id}'s "
                                f"(line {line}); single_holder: false if it has several")

    def _ordered(self, loc: Loc, held: Held) -> None:
        start, start_by, end = held.start, held.start_by, held.end
        if start and end and start.earliest() > end.latest():
            self.report((*loc, "end"), "error", f"end {end} is before start {start}")
        if start_by and end and start_by.earliest() > end.latest():
            self.report((*loc, "end"), "error", f"end {end} is before start_by {start_by}")
        if start and start_by and start.earliest() > start_by.latest():
            self.report((*loc, "start_by"), "error",
                        f"start_by {start_by} is before start {start}")

    def sources(self, base_dir: Path) -> None:
        for i, entity in enumerate(self.doc.entities):
            for field in ("ranks", "roles", "relations"):
                for j, item in enumerate(getattr(entity, field)):
                    for k, source in enumerate(item.sources):
                        if source.file is None:
                            continue
                        loc: Loc = ("entities", i, field, j, "sources", k)
                        text = self._file(base_dir, source.file)
                        if text is None:
                            self.report((*loc, "file"), "error",
                                        f"source file {source.file} not found")
                        elif source.quote not in text:
                            normalised = normalize_text(source.quote or "").text
                            if normalised and normalised in normalize_text(text).text:
                                self.report((*loc, "quote"), "warning", "quote matches "
                                            f"{source.file} only after normalisation")
                            else:
                                self.report((*loc, "quote"), "error",
                                            f"quote not found in {source.file}")

    def _file(self, base_dir: Path, name: str) -> str | None:
        if name not in self._files:
            try:
                self._files[name] = (base_dir / name).read_text("utf-8")
            except (OSError, UnicodeDecodeError):
                self._files[name] = None
        return self._files[name]

    # -- vocabulary and alias strength (the naming model) ------------------------

    def vocabulary(self) -> None:
        """Entries that repeat a shipped default unchanged: delete them."""
        for section, i, item_id in duplicates_of_defaults(self.doc.vocabulary):
            self.report(("vocabulary", section, i, "id"), "warning",
                        f"vocabulary.{section} '{item_id}' repeats the shipped default "
                        "unchanged: delete it (an entry that differs overrides the default)")

    def strengths(self) -> None:
        """Identifying aliases that are common names or words, and names people
        are called by (called_by) that two people share."""
        freq = frequency()
        owners: dict[str, list[tuple[str, Loc]]] = defaultdict(list)
        for i, entity in enumerate(self.doc.entities):
            if entity.type != "person":
                continue
            for j, alias in enumerate(entity.aliases):
                tokens = name_tokens(alias.text)
                if len(tokens) != 1 or alias.declared_strength != "identifying":
                    continue
                token = tokens[0]
                bare = strip_article(token)
                if not any(freq.is_common_name(t) or freq.is_common_word(t)
                           for t in (token, bare)):
                    continue
                strength, _ = alias_strength(alias)
                declared = alias.strength is not None
                fix = ("" if declared else
                       f" it is read as {strength.label}; write strength: {strength.label} "
                       "to say so")
                self.report(("entities", i, "aliases", j, "text"), "warning",
                            f"identifying alias '{alias.text}' normalises to "
                            f"{freq.describe(bare if freq.is_common_name(bare) else token)}"
                            + (": it would name anyone called so" if declared else f";{fix}"))
            if entity.name_parts is not None:
                for form in called_forms(entity.id, entity.name_parts):
                    if form.strength == Strength.IDENTIFYING:
                        owners[" ".join(form.tokens)].append(
                            (entity.id, ("entities", i, "name_parts")))
        for key, found in owners.items():
            people = sorted({entity_id for entity_id, _ in found})
            if len(people) > 1:
                self.report(found[-1][1], "warning",
                            f"'{key}' is how {' and '.join(people)} are called alone: "
                            "it will resolve as ambiguous between them")

    def people(self) -> None:
        for i, entity in enumerate(self.doc.entities):
            if entity.type == "person" and entity.name_parts is None:
                self.report(("entities", i, "id"), "warning",
                            f"{entity.id} has no name_parts: short forms cannot be derived")


def _script(char: str) -> str | None:
    name = unicodedata.name(char, "")
    for script in ("ARABIC", "LATIN", "CYRILLIC", "GREEK", "HEBREW"):
        if name.startswith(script):
            return script.title()
    return None


def _pairs(items: list[Any]) -> list[tuple[Any, Any]]:
    return [(a, b) for n, a in enumerate(items) for b in items[n + 1 :]]


def _overlap(a: Held, b: Held) -> bool:
    """Whether two tenures certainly overlap (partial dates taken at their
    least overlapping reading). A same-day handover, one holder's end on the
    day the next one starts, is not an overlap: both held it that day."""
    def bounds(h: Held) -> tuple[dt.date | None, dt.date | None]:
        first = h.start.latest() if h.start else h.start_by.latest() if h.start_by else None
        last = h.end.earliest() if h.end else None
        return first, last
    a_first, a_last = bounds(a)
    b_first, b_last = bounds(b)
    if a_first is None or b_first is None:
        return False
    return (a_last is None or b_first < a_last) and (b_last is None or a_first < b_last)


def validate_file(path: str | Path, text: str | None = None) -> list[Problem]:
    """All problems of one registry file, or of every file of a registry folder
    (ids unique and references resolved across its files), sorted by file and line.
    ``text`` checks a new text for the file at ``path`` without writing it."""
    try:
        files = [Path(path)] if text is not None else registry_files(path)
    except RegistryFileError as exc:
        return [Problem(str(path), exc.line, exc.column, "error", exc.detail)]
    problems: list[Problem] = []
    parsed: list[tuple[LoadedFile, str]] = []
    for file in files:
        found, result = _file_problems(file, text)
        problems += found
        if result is not None:
            parsed.append(result)
    if parsed:
        problems += registry_problems([part for part, _ in parsed])
        # the whole registry's titles, on top of the shipped defaults
        titles = merged_vocabulary(merge([part for part, _ in parsed]).vocabulary).titles
        for loaded, text in parsed:
            checker = _Checker(loaded.path, text, loaded.document, loaded.tree, titles)
            checker.characters()
            checker.aliases()
            checker.dates()
            checker.sources(Path(loaded.path).resolve().parent)
            checker.people()
            checker.vocabulary()
            checker.strengths()
            problems += checker.problems
    order = {str(file): i for i, file in enumerate(files)}
    return sorted(set(problems), key=lambda p: (order.get(p.path, 0), p.line or 0,
                                                p.column or 0, p.message))


def _file_problems(path: Path, text: str | None = None) -> tuple[list[Problem],
                                                                  tuple[LoadedFile, str] | None]:
    """Problems one file has alone (text, YAML, schema), and the file parsed
    when its schema holds."""
    name = str(path)
    try:
        text = read_text(path) if text is None else text
    except RegistryFileError as exc:
        return [Problem(name, exc.line, exc.column, "error", exc.detail)], None
    problems = yaml_feature_problems(name, text)
    if any("alias" in p.message for p in problems):
        return problems, None  # never compose a file with aliases (billion laughs)
    try:
        tree, data = compose(name, text)
    except RegistryFileError as exc:
        if any((p.line, p.column) == (exc.line, exc.column) for p in problems):
            return problems, None  # the reader's anchor refusal, already reported above
        return [*problems, Problem(name, exc.line, exc.column, "error", exc.detail)], None
    problems += duplicate_key_problems(name, tree)
    doc, schema = schema_problems(name, tree, data)
    problems += schema
    if doc is None:
        return problems, None
    return problems, (LoadedFile(name, doc, tree), text)
