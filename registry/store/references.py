"""Checks that need the whole file: unique ids and references that resolve.

The schema checks each entry alone; these check entries against each other. A
registry that fails them cannot answer correctly (a role pointing at an unknown
office would silently never match), so the loader refuses it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from registry.model.schema import Entity, RegistryFile
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
    problems: list[Problem] = []

    def report_in(part: LoadedFile, loc: Loc, message: str) -> None:
        """At ``loc``, named by the entity (or title) alone."""
        problems.append(part.tree.problem(part.path, loc, "error", message, loc[:-1]))

    def where(part: LoadedFile, loc: Loc) -> str:
        line, _ = part.tree.locate(loc)
        return f"{part.path}:{line}" if len(files) > 1 else f"line {line}"

    # (file, index in its file, entity) for every entity of the registry
    located = [(part, i, e) for part in files for i, e in enumerate(part.document.entities)]
    types: dict[str, str] = dict(unparsed or {})
    first: dict[str, tuple[LoadedFile, Loc]] = {}
    for part, i, entity in located:
        loc: Loc = ("entities", i, "id")
        if unparsed and entity.id in unparsed:
            report_in(part, loc, f"duplicate id '{entity.id}'")
        elif entity.id in first:
            report_in(part, loc, f"duplicate id '{entity.id}' (first at "
                      f"{where(*first[entity.id])})")
        else:
            first[entity.id] = (part, loc)
        types.setdefault(entity.id, entity.type)
    titles = [(part, i, t) for part in files
              for i, t in enumerate(part.document.vocabulary.titles)]
    title_ids: set[str] = set()
    for part, i, title in titles:
        if title.id in title_ids:
            report_in(part, ("vocabulary", "titles", i, "id"),
                      f"duplicate title id '{title.id}'")
        title_ids.add(title.id)
    # Ids may also point at the shipped default titles.
    title_ids |= {t.id for t in default_vocabulary().titles}
    for part, i, title in titles:
        for j, loose in enumerate(title.loosely):
            if loose not in title_ids:
                report_in(part, ("vocabulary", "titles", i, "loosely", j),
                          f"unknown title '{loose}'")
    positions = {e.id: e for _, _, e in located if e.type == "position"}
    for part, i, entity in located:
        problems += _entity_problems(part, i, entity, types, title_ids, positions)
    return problems


def _entity_problems(part: LoadedFile, i: int, entity: Entity, types: dict[str, str],
                     title_ids: set[str], positions: dict[str, Entity]) -> list[Problem]:
    """The references of one entity that do not resolve."""
    problems: list[Problem] = []

    def report(loc: Loc, message: str) -> None:
        problems.append(part.tree.problem(part.path, loc, "error", message))

    def expect(loc: tuple[str | int, ...], ref: str, wanted: str) -> None:
        actual = types.get(ref)
        if actual is None:
            report(loc, f"unknown id '{ref}'")
        elif actual != wanted:
            report(loc, f"'{ref}' is {_article(actual)} {actual}, not {_article(wanted)} {wanted}")

    base: Loc = ("entities", i)
    if entity.organization:
        expect((*base, "organization"), entity.organization, "organization")
    if entity.title and entity.title not in title_ids:
        report((*base, "title"), f"unknown title '{entity.title}'")
    if entity.part_of and entity.part_of not in types:
        report((*base, "part_of"), f"unknown id '{entity.part_of}'")
    for j, rank in enumerate(entity.ranks):
        if rank.title not in title_ids:
            report((*base, "ranks", j, "title"), f"unknown title '{rank.title}'")
    for j, role in enumerate(entity.roles):
        expect((*base, "roles", j, "position"), role.position, "position")
        position = positions.get(role.position)
        if role.organization:
            expect((*base, "roles", j, "organization"), role.organization, "organization")
            if position is not None and position.organization != role.organization:
                report((*base, "roles", j, "organization"),
                       f"'{role.position}' belongs to '{position.organization}', "
                       f"not '{role.organization}'")
    for j, relation in enumerate(entity.relations):
        expect((*base, "relations", j, "target"), relation.target, "person")
    return problems


def _article(noun: str) -> str:
    return "an" if noun[0] in "aeiou" else "a"
