"""Checks that need the whole file: unique ids and references that resolve.

The schema checks each entry alone; these check entries against each other. A
registry that fails them cannot answer correctly (a role pointing at an unknown
office would silently never match), so the loader refuses it.
"""

from __future__ import annotations

from collections.abc import Mapping

from registry.model.schema import RegistryFile
from registry.store.loader import NodeTree, Problem


def reference_problems(path: str, doc: RegistryFile, tree: NodeTree,
                       unparsed: Mapping[str, str] | None = None) -> list[Problem]:
    """Duplicate ids, dangling or mistyped references, each at its line.
    ``unparsed`` maps the ids of entities that failed the schema to their type:
    references to them are not reported as unknown, and reusing their id is."""
    problems: list[Problem] = []

    def report(loc: tuple[str | int, ...], message: str, whole: bool = False) -> None:
        """At ``loc``, named by entity and field (``whole``: by entity alone)."""
        problems.append(tree.problem(path, loc, "error", message, loc[:-1] if whole else None))

    types: dict[str, str] = dict(unparsed or {})
    for i, entity in enumerate(doc.entities):
        if entity.id in types:
            report(("entities", i, "id"), f"duplicate id '{entity.id}'", whole=True)
        types.setdefault(entity.id, entity.type)
    title_ids: set[str] = set()
    for i, title in enumerate(doc.vocabulary.titles):
        if title.id in title_ids:
            report(("vocabulary", "titles", i, "id"), f"duplicate title id '{title.id}'",
                   whole=True)
        title_ids.add(title.id)
    for i, title in enumerate(doc.vocabulary.titles):
        for j, loose in enumerate(title.loosely):
            if loose not in title_ids:
                report(("vocabulary", "titles", i, "loosely", j), f"unknown title '{loose}'")

    def expect(loc: tuple[str | int, ...], ref: str, wanted: str) -> None:
        actual = types.get(ref)
        if actual is None:
            report(loc, f"unknown id '{ref}'")
        elif actual != wanted:
            report(loc, f"'{ref}' is {_article(actual)} {actual}, not {_article(wanted)} {wanted}")

    positions = {e.id: e for e in doc.entities if e.type == "position"}
    for i, entity in enumerate(doc.entities):
        base = ("entities", i)
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
