"""Checks that need the whole registry: unique ids and references that resolve.

The schema checks each entry alone; these check entries against each other. A
registry that fails them cannot answer correctly (a role pointing at an unknown
office would silently never match), so the loader refuses it.

The checks are fed one entity at a time (``ReferenceCheck.add``), so a streamed
build of a million entities holds only what they need: each id with its type
and first line, the organisation of each position, and the few references
whose target has not been read yet. A reference to an entity already read is
settled at once. Problems come out in the order a whole-file pass gives them
(duplicate ids, then titles, then each entity's references in file order), so
``validate`` and a streamed build report the same first problem.
"""

from __future__ import annotations

import sys
from array import array
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

from registry.model.schema import Entity, RegistryFile, Title, Vocabulary
from registry.names.office_words import office_words
from registry.names.vocabulary import default_vocabulary
from registry.store.loader import LoadedFile, NodeTree, Problem

Loc = tuple[str | int, ...]


def reference_problems(path: str, doc: RegistryFile, tree: NodeTree,
                       unparsed: Mapping[str, str] | None = None) -> list[Problem]:
    """Duplicate ids, dangling or mistyped references, each at its line."""
    return registry_problems([LoadedFile(path, doc, tree)], unparsed)


def registry_problems(files: Sequence[LoadedFile],
                      unparsed: Mapping[str, str] | None = None) -> list[Problem]:
    """The same checks across every file of a registry folder: ids are unique
    across files and references may point into another file. ``unparsed`` maps
    the ids of entities that failed the schema to their type: references to them
    are not reported as unknown, and reusing their id is."""
    check = ReferenceCheck(multi_file=len(files) > 1, unparsed=unparsed)
    for part in files:
        check.add_vocabulary(part.path, part.tree, part.document.vocabulary)
    for part in files:
        for i, entity in enumerate(part.document.entities):
            check.add(part.path, part.tree, i, entity)
    return check.problems()


@dataclass(frozen=True)
class _Pending:
    """A reference whose target was not read yet, located while its entity's
    nodes were at hand; settled by ``ReferenceCheck.problems``."""

    order: tuple[int, int]  # (entity ordinal, check number within it)
    kind: str  # "type" | "title" | "head" | "exists" | "belongs"
    ref: str  # the id referred to
    wanted: str  # the type expected ("type"), the role's organisation ("belongs")
    path: str
    line: int | None
    column: int | None
    entity: str | None
    field: str


class ReferenceCheck:
    """Unique ids and resolving references, fed entity by entity in file order.

    ``add`` returns False for an entity whose id was taken already (a streamed
    build leaves it out of the store; the problem is reported all the same)."""

    def __init__(self, *, multi_file: bool, unparsed: Mapping[str, str] | None = None) -> None:
        self.multi_file = multi_file
        self.unparsed = dict(unparsed or {})
        self._ordinal: dict[str, int] = {}  # id -> ordinal of its first entity
        self._type: list[str] = []  # by ordinal (interned: a handful of strings)
        self._file = array("H")  # by ordinal: index into self._paths
        self._line = array("l")  # by ordinal: line of the id (0: unknown)
        self._paths: list[str] = []
        self._path_index: dict[str, int] = {}
        self._organization: dict[str, str | None] = {}  # position id -> its organisation
        self._titles: list[tuple[str, NodeTree, int, Title]] = []
        self._title_ids = {t.id for t in default_vocabulary().titles}
        self._heads: list[tuple[str, NodeTree, int, str]] = []  # a registry's own
        self._head_ids = set(office_words().heads)
        self._duplicates: list[Problem] = []
        self._found: list[tuple[tuple[int, int], Problem]] = []
        self._pending: list[_Pending] = []
        self._part_of: dict[str, _Pending] = {}  # id -> its part_of, located
        # child id -> (parent id, the relation that says so, located): from
        # child-of and parent-of, to find anyone recorded as their own ancestor
        self._parents: dict[str, list[tuple[str, _Pending]]] = {}
        self._count = 0

    def add_vocabulary(self, path: str, tree: NodeTree, vocabulary: Vocabulary) -> None:
        """A file's own titles and office heads (its ``vocabulary:``), at any
        point of the pass: entities may name them before or after."""
        self.add_titles(path, tree, vocabulary.titles)
        for i, head in enumerate(vocabulary.heads):
            self._heads.append((path, tree, i, head.id))
            self._head_ids.add(head.id)

    def add_titles(self, path: str, tree: NodeTree, titles: Sequence[Title]) -> None:
        """A file's own titles (its ``vocabulary:``), at any point of the pass."""
        for i, title in enumerate(titles):
            self._titles.append((path, tree, i, title))
            self._title_ids.add(title.id)

    def add(self, path: str, tree: NodeTree, i: int, entity: Entity) -> bool:
        """Check one entity (the ``i``-th of its file, located through ``tree``)
        against what was read before it; False when its id is a duplicate."""
        ordinal = self._count
        self._count += 1
        loc: Loc = ("entities", i, "id")
        new = False
        if entity.id in self.unparsed:
            self._duplicates.append(self._problem(path, tree, loc, f"duplicate id '{entity.id}'",
                                                  loc[:-1]))
        elif entity.id in self._ordinal:
            self._duplicates.append(self._problem(
                path, tree, loc, f"duplicate id '{entity.id}' (first at "
                f"{self._where(self._ordinal[entity.id])})", loc[:-1]))
        else:
            new = True
            self._ordinal[entity.id] = len(self._type)
            self._type.append(sys.intern(entity.type))
            if path not in self._path_index:
                self._path_index[path] = len(self._paths)
                self._paths.append(path)
            self._file.append(self._path_index[path])
            self._line.append(tree.locate(loc)[0] or 0)
            if entity.type == "position":
                self._organization[entity.id] = entity.organization
        _EntityRefs(self, path, tree, i, entity, ordinal).check()
        return new

    def _where(self, ordinal: int) -> str:
        line = self._line[ordinal] or None
        return f"{self._paths[self._file[ordinal]]}:{line}" if self.multi_file else f"line {line}"

    def type_of(self, ref: str) -> str | None:
        """The type of an entity read so far (or of one that failed the schema)."""
        if ref in self.unparsed:
            return self.unparsed[ref]
        ordinal = self._ordinal.get(ref)
        return None if ordinal is None else self._type[ordinal]

    @staticmethod
    def _problem(path: str, tree: NodeTree, loc: Loc, message: str,
                 label_loc: Loc | None = None) -> Problem:
        return tree.problem(path, loc, "error", message, label_loc)

    def problems(self) -> list[Problem]:
        """Every problem, once all entities and titles are in."""
        titles: list[Problem] = []
        seen: set[str] = set()
        for path, tree, i, title in self._titles:
            if title.id in seen:
                loc: Loc = ("vocabulary", "titles", i, "id")
                titles.append(self._problem(path, tree, loc, f"duplicate title id '{title.id}'",
                                            loc[:-1]))
            seen.add(title.id)
        seen_heads: set[str] = set()
        for path, tree, i, head_id in self._heads:
            if head_id in seen_heads:
                loc = ("vocabulary", "heads", i, "id")
                titles.append(self._problem(path, tree, loc, f"duplicate office head id "
                                            f"'{head_id}'", loc[:-1]))
            seen_heads.add(head_id)
        for path, tree, i, title in self._titles:
            for j, loose in enumerate(title.loosely):
                if loose not in self._title_ids:
                    loc = ("vocabulary", "titles", i, "loosely", j)
                    titles.append(self._problem(path, tree, loc, f"unknown title '{loose}'",
                                                loc[:-1]))
        found = list(self._found)
        for pending, cycle in self._ancestry_cycles():
            prefix = ": ".join(p for p in (pending.entity, pending.field) if p)
            found.append((pending.order, Problem(
                pending.path, pending.line, pending.column, "error",
                f"{prefix}: {cycle[0]} would be their own ancestor "
                f"({' → '.join(cycle)}, each the child of the next)",
                pending.entity, pending.field or None)))
        for pending, cycle in self._cycles():
            prefix = ": ".join(p for p in (pending.entity, pending.field) if p)
            found.append((pending.order, Problem(
                pending.path, pending.line, pending.column, "error",
                f"{prefix}: a cycle ({' → '.join(cycle)})",
                pending.entity, pending.field or None)))
        for pending in self._pending:
            message = self._settle(pending)
            if message is not None:
                prefix = ": ".join(p for p in (pending.entity, pending.field) if p)
                found.append((pending.order, Problem(
                    pending.path, pending.line, pending.column, "error",
                    f"{prefix}: {message}" if prefix else message, pending.entity,
                    pending.field or None)))
        found.sort(key=lambda item: item[0])
        return [*self._duplicates, *titles, *(problem for _, problem in found)]

    def _cycles(self) -> Iterator[tuple[_Pending, list[str]]]:
        """Each part_of cycle once (an organisation inside itself, or A in B in
        A): located at its member read first, listed from there round to it
        again. An office's ancestry is read along part_of, so a cycle is an
        error, not a loop cut short at run time."""
        done: set[str] = set()
        for start in self._part_of:
            path: list[str] = []
            on_path: dict[str, int] = {}
            node = start
            while node in self._part_of and node not in done and node not in on_path:
                on_path[node] = len(path)
                path.append(node)
                node = self._part_of[node].ref
            if node in on_path:
                cycle = path[on_path[node]:]
                first = min(range(len(cycle)), key=lambda k: self._part_of[cycle[k]].order)
                members = cycle[first:] + cycle[:first]
                yield self._part_of[members[0]], [*members, members[0]]
            done.update(path)

    def _ancestry_cycles(self) -> Iterator[tuple[_Pending, list[str]]]:
        """Each cycle of child-of / parent-of once (A child-of B and B child-of
        A, or a longer loop): a slip in the sources, never a fact. Located at
        the relation read first among those making it. Iterative depth-first
        search, so a long family chain cannot exhaust the stack."""
        state: dict[str, int] = {}  # 1: on the current path, 2: done
        for start in self._parents:
            if start in state:
                continue
            path: list[str] = [start]
            edges: list[_Pending] = []
            stack = [iter(self._parents.get(start, ()))]
            state[start] = 1
            while stack:
                step = next(stack[-1], None)
                if step is None:
                    stack.pop()
                    state[path.pop()] = 2
                    if edges and len(edges) > len(path) - 1:
                        edges.pop()
                    continue
                parent, relation = step
                if state.get(parent) == 1:
                    at = path.index(parent)
                    made = [*edges[at:], relation]
                    first = min(made, key=lambda p: p.order)
                    yield first, [*path[at:], parent]
                elif parent not in state:
                    state[parent] = 1
                    path.append(parent)
                    edges.append(relation)
                    stack.append(iter(self._parents.get(parent, ())))

    def _settle(self, pending: _Pending) -> str | None:
        """The message for a reference checked at the end (None: it resolves)."""
        if pending.kind == "title":
            return None if pending.ref in self._title_ids else f"unknown title '{pending.ref}'"
        if pending.kind == "head":
            return None if pending.ref in self._head_ids else (
                f"unknown office head '{pending.ref}': neither shipped "
                "(registry/data/offices.yaml) nor declared under vocabulary: heads")
        if pending.kind == "exists":
            return None if self.type_of(pending.ref) is not None else (
                f"unknown id '{pending.ref}'")
        if pending.kind == "belongs":
            if pending.ref not in self._organization:
                return None  # not a position: its own check says so
            return _belongs(pending.ref, self._organization.get(pending.ref), pending.wanted)
        return _type_message(pending.ref, self.type_of(pending.ref), pending.wanted)


class _EntityRefs:
    """The references of one entity, each settled now or left pending."""

    def __init__(self, check: ReferenceCheck, path: str, tree: NodeTree, i: int,
                 entity: Entity, ordinal: int) -> None:
        self.check_ = check
        self.path = path
        self.tree = tree
        self.base: Loc = ("entities", i)
        self.entity = entity
        self.ordinal = ordinal
        self.number = 0

    def _order(self) -> tuple[int, int]:
        self.number += 1
        return self.ordinal, self.number

    def _report(self, loc: Loc, message: str) -> None:
        self.check_._found.append((self._order(), ReferenceCheck._problem(
            self.path, self.tree, loc, message)))

    def _defer(self, loc: Loc, kind: str, ref: str, wanted: str = "") -> None:
        line, column = self.tree.locate(loc)
        entity, field = self.tree.label(loc)
        self.check_._pending.append(_Pending(self._order(), kind, ref, wanted, self.path, line,
                                             column, entity, field))

    def _expect(self, loc: Loc, ref: str, wanted: str) -> None:
        actual = self.check_.type_of(ref)
        if actual is None:
            self._defer(loc, "type", ref, wanted)
        elif actual not in wanted.split("|"):
            self._report(loc, _type_message(ref, actual, wanted) or "")
        else:
            self._order()

    def _title(self, loc: Loc, ref: str) -> None:
        if ref in self.check_._title_ids:
            self._order()
        else:
            self._defer(loc, "title", ref)

    def check(self) -> None:
        entity, base = self.entity, self.base
        if entity.organization:
            self._expect((*base, "organization"), entity.organization, "organization")
        if entity.title:
            self._title((*base, "title"), entity.title)
        for j, head in enumerate(entity.heads):
            if head in self.check_._head_ids:
                self._order()
            else:
                self._defer((*base, "heads", j), "head", head)
        if entity.part_of:
            # a body or place inside a person or an office means nothing (and
            # was accepted silently); an unknown id is reported as such
            self._expect((*base, "part_of"), entity.part_of, "organization|place")
            if entity.id not in self.check_._part_of:
                loc: Loc = (*base, "part_of")
                line, column = self.tree.locate(loc)
                label, field = self.tree.label(loc)
                self.check_._part_of[entity.id] = _Pending(
                    self._order(), "part_of", entity.part_of, "", self.path, line, column,
                    label, field)
        if entity.country:
            # an unknown or misspelt country was accepted silently: its name and
            # adjective then never read as this organisation's
            self._expect((*base, "country"), entity.country, "place")
        for j, rank in enumerate(entity.ranks):
            self._title((*base, "ranks", j, "title"), rank.title)
        for j, role in enumerate(entity.roles):
            self._expect((*base, "roles", j, "position"), role.position, "position")
            if role.organization:
                loc = (*base, "roles", j, "organization")
                self._expect(loc, role.organization, "organization")
                if role.position in self.check_._organization:
                    message = _belongs(role.position, self.check_._organization[role.position],
                                       role.organization)
                    if message is not None:
                        self._report(loc, message)
                    else:
                        self._order()
                elif self.check_.type_of(role.position) is None:
                    self._defer(loc, "belongs", role.position, role.organization)
                else:
                    self._order()  # not a position: its own check says so
        for j, relation in enumerate(entity.relations):
            if relation.target == entity.id:  # child-of itself: a slip, never a fact
                self._report((*base, "relations", j, "target"),
                             f"a {relation.type} relation of '{entity.id}' to itself")
            else:
                loc = (*base, "relations", j, "target")
                self._expect(loc, relation.target, "person")
                if relation.type in ("child-of", "parent-of"):
                    child, parent = ((entity.id, relation.target) if relation.type == "child-of"
                                     else (relation.target, entity.id))
                    line, column = self.tree.locate(loc)
                    label, field = self.tree.label(loc)
                    self.check_._parents.setdefault(child, []).append((parent, _Pending(
                        self._order(), "parent", parent, relation.type, self.path, line,
                        column, label, field)))


def _type_message(ref: str, actual: str | None, wanted: str) -> str | None:
    """``wanted`` is a type, or alternatives joined by '|' (organization|place)."""
    if actual is None:
        return f"unknown id '{ref}'"
    if actual not in wanted.split("|"):
        expected = " or ".join(f"{_article(w)} {w}" for w in wanted.split("|"))
        return f"'{ref}' is {_article(actual)} {actual}, not {expected}"
    return None


def _belongs(position: str, has: str | None, wanted: str) -> str | None:
    """A role's organisation against its position's (None: they agree, or the
    position is not one: its own check reports that)."""
    if has == wanted:
        return None
    return f"'{position}' belongs to '{has}', not '{wanted}'"


def _article(noun: str) -> str:
    return "an" if noun[0] in "aeiou" else "a"
