"""Review checks for registry files: every problem a reviewer cannot see by eye,
as ``PATH:LINE:COL: error|warning: entity-id: field.path: message``.

The loader stops at the first problem; this module collects all of them in one
run: YAML features the registry does not use, duplicate keys, the schema (an
entity that fails it is left out of the later checks, the others are not),
references, dates (the schema's plausible years and order, tenures before a
birth date) and overlapping tenures, sources that do not hold, names with
invisible or look-alike characters, empty or title-only aliases, and names that
collide: every name, alias and derived short form is resolved against the whole
registry, and one that answers with another entity is an error unless both sides
mark it ``shared``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import unicodedata
from collections import defaultdict
from pathlib import Path
from typing import Any

import yaml

from registry.core import Registry
from registry.errors import RegistryError, RegistryFileError
from registry.match.index import NameForm, called_forms
from registry.match.strength import Strength, alias_strength
from registry.model.schema import Entity, Held, NameParts, RegistryFile, Title
from registry.names.frequency import frequency
from registry.names.normalize import name_key, name_tokens, normalize_text, strip_article
from registry.names.titles import TitleVocabulary
from registry.names.vocabulary import duplicates_of_defaults, merged_vocabulary
from registry.review.diff import outside_repository, query_table_path, read_query_table
from registry.store import textfile
from registry.store.loader import (
    LoadedFile,
    NodeTree,
    Problem,
    compose,
    duplicate_key_problems,
    merge,
    parse_document,
    read_text,
    registry_files,
    tag_message,
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
# A source file is an article or a document excerpt; anything larger is not one.
MAX_SOURCE_BYTES = 32 * 1024 * 1024
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
                problems.append(Problem(path, *where, "error", tag_message(tag)))
    except yaml.YAMLError:
        pass  # compose() reports syntax errors with their line
    return problems


# Alias labels of the by-names that may be made of title words only, when they
# have several (a laqab such as الأستاذ الإمام).
TITLE_WORD_BY_NAMES = frozenset({"alias (laqab)", "alias (nickname)", "alias (kunya)"})


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
        self._files: dict[str, str | RegistryError] = {}

    def report(self, loc: Loc, severity: str, message: str, char: str | None = None) -> None:
        problem = self.tree.problem(self.path, loc, severity, message)
        line = problem.line
        if char is not None and line is not None and line <= len(self.lines):
            found = self.lines[line - 1].find(char)
            if found >= 0:
                problem = dataclasses.replace(problem, column=found + 1)
        self.problems.append(problem)

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
                elif category in ("Cc", "Zl", "Zp"):
                    # An escape in a quoted YAML string ("\e", "\x01", "\N") puts
                    # one in a name: ESC drives the terminal that prints it, a line
                    # or paragraph separator breaks a one-line output.
                    self.report(loc, "error", f"control character U+{ord(char):04X} in "
                                f"{text!r}")
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

    def aliases(self, registry: Registry | None) -> None:
        """Empty and title-only names; names that collide with another entity's."""
        probes: list[_Probe] = []
        shared: dict[str, set[str]] = defaultdict(set)  # entity id -> keys it marks shared
        for i, entity in enumerate(self.doc.entities):
            base: Loc = ("entities", i)
            texts: list[tuple[Loc, str, str, bool, bool]] = [
                ((*base, "name", "ar"), entity.name.ar, "canonical name", False, False),
                ((*base, "name", "en"), entity.name.en, "canonical name", False, False),
            ]
            texts += [((*base, "aliases", j, "text"), a.text, f"alias ({a.kind})", a.shared,
                       alias_strength(a)[0] != Strength.IDENTIFYING)
                      for j, a in enumerate(entity.aliases)]
            for loc, text, label, is_shared, weak in texts:
                key = name_key(text)
                if not key:
                    self.report(loc, "error", f"name '{text}' has no letters")
                    continue
                if (entity.type == "person" and self._only_titles(key.split())
                        and not (label in TITLE_WORD_BY_NAMES and " " in key)):
                    # A by-name of several title words (الأستاذ الإمام) is read
                    # whole before titles are peeled; one title word alone
                    # (العميد) names whoever holds the title.
                    self.report(loc, "error", f"alias '{text}' is only a title: alone it "
                                "names whoever holds it; record it under ranks: instead")
                    continue
                if is_shared:
                    shared[entity.id].add(key)
                probes.append(_Probe(entity.id, i, loc, text, key, label, True, weak))
            probes += _derived_probes(entity, i)
        reported = self._resolved_collisions(registry, probes, shared) if registry else set()
        self._equal_keys(probes, shared, reported)

    def _resolved_collisions(self, registry: Registry, probes: list[_Probe],
                             shared: dict[str, set[str]]) -> set[tuple[str, frozenset[str]]]:
        """Ask the registry what each name answers. A name of X that answers
        another entity, or X and others (ambiguous), is a collision: whatever
        derived the forms (name parts, called-by forms, office phrasings), the
        answer is what users get."""
        by_key: dict[str, list[_Probe]] = defaultdict(list)
        # (key, entity) -> (position in by_key[key], probe), in that order
        of_entity: dict[tuple[str, str], list[tuple[int, _Probe]]] = defaultdict(list)
        for probe in probes:
            of_entity[probe.key, probe.entity].append((len(by_key[probe.key]), probe))
            by_key[probe.key].append(probe)
        # Who bears each name, computed once: scanning by_key[key] for every
        # finding made a name borne by thousands of entities cost minutes.
        bearers = {key: {p.entity for p in group} for key, group in by_key.items()}
        findings: dict[tuple[str, frozenset[str]], list[tuple[_Probe, str]]] = defaultdict(list)
        answers: dict[str, tuple[set[str], str] | None] = {}
        direct: set[frozenset[str]] = set()  # entity sets with a name all of them bear
        for probe in probes:
            if probe.weak:
                continue  # a name that does not identify alone may well be shared
            if probe.text not in answers:
                answers[probe.text] = _answer(registry, probe.text)
            answer = answers[probe.text]
            if answer is None:
                continue
            involved, described = answer
            if not involved - {probe.entity}:
                continue
            claimants = frozenset(involved | {probe.entity})
            if bearers[probe.key] >= claimants:
                direct.add(claimants)  # every side names it so: the cause, not an echo
            if all(probe.key in shared[e] for e in claimants):
                continue
            findings[(probe.key, claimants)].append((probe, described))
        # Report each collision once, at the entry most likely new: a written
        # alias before a canonical name before a derived form, then the later
        # entity. When the same entities share a name outright (reported, or
        # declared shared), the echoes of it (the alias's own short forms, its
        # other-script spellings) are not reported again.
        # The written name that takes the query counts even when its own lookup
        # answers its own entity (the other's derived form is what lost).
        def bearing(key: str, entities: frozenset[str]) -> list[_Probe]:
            """by_key[key]'s probes of these entities, in by_key order."""
            return [p for _, p in sorted((item for e in entities
                                          for item in of_entity.get((key, e), ())),
                                         key=lambda item: item[0])]

        chosen = {group: max([*items, *((p, items[0][1]) for p in bearing(*group)
                                        if not p.weak)],
                             key=lambda item: (item[0].rank, item[0].index))
                  for group, items in findings.items()}
        explained = {everyone for (_, everyone), (probe, _) in chosen.items() if probe.explicit}
        for (key, everyone), (probe, described) in chosen.items():
            is_direct = bearers[key] >= everyone
            echo = not is_direct and everyone in direct
            if echo or (not probe.explicit and everyone in explained):
                continue
            others = []
            for other in sorted(everyone - {probe.entity}):
                theirs = of_entity.get((key, other))
                if theirs:
                    line, _ = self.tree.locate(theirs[0][1].loc)
                    others.append(f"{other}'s {theirs[0][1].label} (line {line})")
                else:
                    others.append(other)
            fix = ("mark both shared: true" if probe.explicit else
                   "list it as an alias with shared: true on both")
            self.report(probe.loc, "error", f"'{probe.text}' ({probe.label}) collides with "
                        f"{', '.join(others)}: the query answers {described}; {fix} if "
                        "the name is really shared")
        return set(findings)

    def _equal_keys(self, probes: list[_Probe], shared: dict[str, set[str]],
                    reported: set[tuple[str, frozenset[str]]]) -> None:
        """Written names of different entities that normalise alike, whatever
        the resolver makes of them (it may prefer one, the annotator may not)."""
        keys: dict[str, list[_Probe]] = defaultdict(list)
        for probe in probes:
            if probe.explicit:
                keys[probe.key].append(probe)
        for key, entries in keys.items():
            owners = {e.entity for e in entries}
            if len(owners) < 2 or all(key in shared[e] for e in owners):
                continue
            if any(k == key and owners <= everyone for k, everyone in reported):
                continue
            first = min(entries, key=lambda e: (e.rank, e.index))  # a canonical name first
            first_line, _ = self.tree.locate(first.loc)
            for probe in entries:
                if probe.entity == first.entity:
                    continue
                self.report(probe.loc, "error", f"'{probe.text}' normalises to '{key}', like "
                            f"{first.entity}'s '{first.text}' (line {first_line}); mark both "
                            "shared: true if the name is really shared")

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
                    self._after_birth(entity, loc, held)
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

    def _after_birth(self, entity: Entity, loc: Loc, held: Held) -> None:
        """A tenure that certainly starts before the person was born. (Start
        after end and implausible years are the schema's: the loader refuses them.)"""
        began = held.start or held.start_by
        if entity.born is not None and began is not None and (
                began.latest() < entity.born.earliest()):
            self.report(loc, "error", f"starts {began}, before born {entity.born}")

    def sources(self, base_dir: Path) -> None:
        for i, entity in enumerate(self.doc.entities):
            for field in ("ranks", "roles", "relations"):
                for j, item in enumerate(getattr(entity, field)):
                    for k, source in enumerate(item.sources):
                        if source.file is None:
                            continue
                        loc: Loc = ("entities", i, field, j, "sources", k)
                        text = self._file(base_dir, source.file)
                        if isinstance(text, RegistryError):
                            self.report((*loc, "file"), "error", str(text))
                        elif source.quote not in text:
                            normalised = normalize_text(source.quote or "").text
                            if normalised and normalised in normalize_text(text).text:
                                self.report((*loc, "quote"), "warning", "quote matches "
                                            f"{source.file} only after normalisation")
                            else:
                                self.report((*loc, "quote"), "error",
                                            f"quote not found in {source.file}")

    def _file(self, base_dir: Path, name: str) -> str | RegistryError:
        """A source file's text, or what is wrong with it. Read through the same
        guard as articles: a registry under review may name /dev/zero or a pipe,
        and validating it must neither hang nor exhaust memory."""
        path = base_dir / name
        key = str(path)  # (the same name in two folders of a registry is two files)
        if key not in self._files:
            def problem(_line: int | None, message: str) -> RegistryError:
                if message == "no such file":
                    return RegistryError(f"source file {name} not found")
                return RegistryError(f"source file {name}: {message}")
            root = outside_repository(base_dir, name)
            if root is not None:
                # "quote found / not found" in any file the checker can read
                # (/etc/..., a CI runner's credentials) would answer a pull
                # request's questions about that machine, one bit per quote.
                self._files[key] = problem(None, f"outside {root}: a source is an article "
                                           "kept with the registry")
                return self._files[key]
            try:
                data = textfile.read_bytes(str(path), MAX_SOURCE_BYTES, problem,
                                           "source file")
                self._files[key] = textfile.decode_utf8(data, problem, "source file")
            except RegistryError as exc:
                self._files[key] = exc
        return self._files[key]

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
                    if form.strength == Strength.IDENTIFYING and not _house_name(
                            entity.name_parts, form):
                        owners[" ".join(form.tokens)].append(
                            (entity.id, ("entities", i, "name_parts")))
        for key, found in owners.items():
            people = sorted({entity_id for entity_id, _ in found})
            if len(people) > 1:
                self.report(found[-1][1], "warning",
                            f"'{key}' is how {' and '.join(people)} are called alone: "
                            "it will resolve as ambiguous between them")

    def checks(self, base_dir: Path) -> None:
        """Query tables under ``checks:`` that the diff gate could not read."""
        for i, name in enumerate(self.doc.checks):
            try:
                read_query_table(query_table_path(base_dir, name))
            except (RegistryError, OSError, UnicodeDecodeError) as exc:
                detail = str(exc).removeprefix(str(base_dir / name))
                self.report(("checks", i), "error", f"query table {name}{detail}")

    def people(self) -> None:
        for i, entity in enumerate(self.doc.entities):
            if entity.type == "person" and entity.name_parts is None:
                self.report(("entities", i, "id"), "warning",
                            f"{entity.id} has no name_parts: short forms cannot be derived")


@dataclasses.dataclass(frozen=True)
class _Probe:
    """A name an entity is meant to be found by, to resolve against the registry."""

    entity: str
    index: int  # the entity's place in the file
    loc: Loc
    text: str
    key: str  # normalised
    label: str  # what kind of name it is, for the message
    explicit: bool  # written in the file (not derived)
    weak: bool = False  # not identifying alone (a kunya, a lowered alias)

    @property
    def rank(self) -> int:
        """How likely this name is the new entry: alias 2, canonical name 1, derived 0."""
        return 0 if not self.explicit else 2 if "aliases" in self.loc else 1


def _house_name(parts: NameParts, form: NameForm) -> bool:
    """A family name of several words (آل ثاني, آل سعود) standing alone, which the
    person did not declare as what they are called by. Relatives share it by
    nature: it resolving as ambiguous among them is the right answer, not a
    collision for the maintainer to mark on every member of a house."""
    return parts.called_by != "family" and parts.family is not None and (
        form.tokens == tuple(name_tokens(parts.family)))


def _derived_probes(entity: Entity, index: int) -> list[_Probe]:
    """The short forms the resolver derives from a person's name parts (given +
    family, given + father + family) and the forms they are called by."""
    probes: list[_Probe] = []
    loc: Loc = ("entities", index, "name_parts")
    parts = entity.name_parts
    forms: list[tuple[str, str]] = []
    if parts is not None:
        if parts.family:
            forms.append((f"{parts.given} {parts.family}", "given + family name"))
            if parts.father:
                forms.append((f"{parts.given} {parts.father} {parts.family}",
                              "given + father + family name"))
        forms.append((" ".join(v for _, v in parts.slots()), "full name"))
    if parts is not None:  # the forms a person is called by alone, when they identify
        forms += [(" ".join(form.tokens), "called-by form")
                  for form in called_forms(entity.id, parts)
                  if form.strength == Strength.IDENTIFYING and not _house_name(parts, form)]
    for text, label in forms:
        key = name_key(text)
        if key:
            probes.append(_Probe(entity.id, index, loc, text, key, label, False))
    return probes


def _answer(registry: Registry, text: str) -> tuple[set[str], str] | None:
    """(entities the query answers with, how to say it), or None when it
    answers nobody by name (unknown, or an office resolved to its holder)."""
    try:
        result = registry.lookup(text)
    except RegistryError:
        return None
    if result.kind == "role":
        return None
    if result.status == "matched" and result.id is not None:
        return {result.id}, result.id
    if result.status == "ambiguous":
        ids = {c.id for c in result.candidates} | set(result.contenders)
        return ids, f"ambiguous ({', '.join(sorted(ids))})"
    return None


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


def github_annotation(problem: Problem) -> str:
    """A GitHub Actions workflow command: the problem shows on the pull request's
    changed line (``::error file=…,line=…,col=…::message``)."""
    def escape(value: str, *, prop: bool) -> str:
        value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return value.replace(":", "%3A").replace(",", "%2C") if prop else value

    where = [f"file={escape(problem.path, prop=True)}"]
    if problem.line is not None:
        where.append(f"line={problem.line}")
        if problem.column is not None:
            where.append(f"col={problem.column}")
    where.append("title=registry validate")
    return f"::{problem.severity} {','.join(where)}::{escape(problem.message, prop=False)}"


def validate_file(path: str | Path, text: str | None = None) -> list[Problem]:
    """All problems of one registry file, or of every file of a registry folder
    (ids unique and references resolved across its files), sorted by file and line.
    ``text`` checks a new text for the file at ``path`` without writing it."""
    try:
        files = [Path(path)] if text is not None else registry_files(path)
    except RegistryFileError as exc:
        return [Problem(str(path), exc.line, exc.column, "error", exc.detail)]
    problems: list[Problem] = []
    parsed: list[_Parsed] = []
    for file in files:
        found, result = _file_problems(file, text)
        problems += found
        if result is not None:
            parsed.append(result)
    if parsed:
        unparsed = {k: v for part in parsed for k, v in part.unparsed.items()}
        references = registry_problems([part.loaded for part in parsed], unparsed)
        problems += references
        whole = merge([part.loaded for part in parsed])
        # the whole registry's titles, on top of the shipped defaults
        titles = merged_vocabulary(whole.vocabulary).titles
        # Names are resolved against the whole registry (all files of a folder),
        # once its references hold (a dangling one could not be built on).
        registry = _registry(whole) if not references else None
        for part in parsed:
            loaded = part.loaded
            checker = _Checker(loaded.path, part.text, loaded.document, loaded.tree, titles)
            checker.characters()
            checker.aliases(registry)
            checker.dates()
            checker.sources(Path(loaded.path).resolve().parent)
            checker.people()
            checker.checks(Path(loaded.path).resolve().parent)
            checker.vocabulary()
            checker.strengths()
            problems += checker.problems
    order = {str(file): i for i, file in enumerate(files)}
    return sorted(set(problems), key=lambda p: (order.get(p.path, 0), p.line or 0,
                                                p.column or 0, p.message))


def _file_problems(path: Path, text: str | None = None) -> tuple[list[Problem],
                                                                  _Parsed | None]:
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
    parsed = parse_document(name, tree, data)
    problems += parsed.problems
    if parsed.document is None:
        return problems, None
    view = tree.remapped(parsed.entity_index)  # locations of the entities that parsed
    return problems, _Parsed(LoadedFile(name, parsed.document, view), text, parsed.unparsed)


@dataclasses.dataclass
class _Parsed:
    """One file's entities that passed the schema, its text, and the ids of
    those that did not (with their types)."""

    loaded: LoadedFile
    text: str
    unparsed: dict[str, str]


def _registry(doc: RegistryFile) -> Registry | None:
    """The registry the files would load as, to ask what names resolve to."""
    try:
        return Registry(doc)
    except (RegistryError, ValueError, KeyError):
        return None

