"""What a registry change does: entities, aliases and roles changed, and every
mention in the corpus and query in the registered query tables whose answer
changes; and the gate a pull request must pass.

A one-line alias edit can re-route dozens of mentions; a reviewer sees that here
(Markdown for a pull-request comment, or JSON), measured by running annotate and
the query tables against both versions. The query tables are the project's own
(tests/queries.tsv) and every ``*.tsv`` the registry lists under ``checks:``;
each row states the expected answer, so a change can be judged: an answer that
was as expected and no longer is *breaks expected*, and ``--fail-on expected``
turns that into a failing exit code.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from registry.core import Registry, as_day, load
from registry.errors import InputError, RegistryFileError
from registry.model.schema import Entity
from registry.store import textfile
from registry.store.loader import SUFFIXES, load_registry

MAX_TABLE_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True)
class QueryRow:
    """One row of a query table: (query, at, expected status, expected id, note)."""

    query: str
    at: str | None
    status: str
    id: str | None
    note: str
    line: int
    table: str = ""  # the file it comes from


STATUSES = ("matched", "ambiguous", "unknown")


def read_query_table(path: Path) -> list[QueryRow]:
    """Tab-separated rows; '#' lines are comments.

    Lines end at LF (a CR before it is dropped), as an editor counts them:
    ``str.splitlines`` also broke a row at a form feed, U+2028 or NEL inside a
    query, and reported the pieces at the wrong line numbers. An expected status
    other than matched, ambiguous or unknown (``MATCHED``, ``found``), or
    matched without an id, is refused: such a row could never agree with any
    answer, so ``--fail-on expected`` silently stopped guarding it."""
    if not path.is_file():
        raise InputError(f"{path}: no such query table")
    rows = []
    text = textfile.read_input(str(path), MAX_TABLE_BYTES, "query table").removeprefix("\ufeff")
    for number, line in enumerate(text.split("\n"), 1):
        line = line.removesuffix("\r")
        if line.startswith("#") or not line.strip():
            continue
        fields = line.split("\t")
        if len(fields) != 5:
            raise InputError(f"{path}:{number}: {len(fields)} tab-separated fields; expected 5 "
                             "(query, at, status, id, note)")
        query, at, status, entity_id, note = fields
        if status not in STATUSES:
            raise InputError(f"{path}:{number}: status: '{status}' is not one of "
                             f"{', '.join(STATUSES)}")
        if status == "matched" and not entity_id:
            raise InputError(f"{path}:{number}: id: a matched row needs the expected id")
        try:  # a bad date said only "x: not a date", naming no table and no line
            as_day(at or None)
        except InputError as exc:
            raise InputError(f"{path}:{number}: at: {exc}") from None
        rows.append(QueryRow(query, at or None, status, entity_id or None, note, number,
                             str(path)))
    return rows


def load_version(spec: str, file: str = "aliases.yaml") -> Registry:
    """A registry from a file or folder path, or from a git revision (``REV`` or
    ``REV:path``, where path may be a registry folder)."""
    return load_version_and_checks(spec, file)[0]


def declared_checks(path: str | os.PathLike[str], base_dir: Path | None = None) -> list[Path]:
    """The query tables a registry lists under ``checks:``, relative to the file
    that lists them (or to ``base_dir``, for a copy taken from a git revision)."""
    tables = []
    for part in load_registry(path).files:
        folder = base_dir if base_dir is not None else Path(part.path).parent
        tables += [query_table_path(folder, name) for name in part.document.checks]
    return tables


def query_table_path(folder: Path, name: str) -> Path:
    """A table named under ``checks:``, which must lie inside the registry's
    repository: diff prints the queries whose answers change, so a table from
    anywhere else would print another file's lines into a pull request."""
    root = outside_repository(folder, name)
    if root is not None:
        raise InputError(f"{folder / name}: outside {root}: a query table is kept with the "
                         "registry")
    return folder / name


def repository_root(folder: Path) -> tuple[Path, bool]:
    """Where a registry's source files and query tables may be: (the repository
    holding ``folder``, the nearest folder at or above it with a .git; True),
    else (``folder`` itself; False). ``folder`` is resolved."""
    folder = folder.resolve()
    for candidate in (folder, *folder.parents):
        if (candidate / ".git").exists():
            return candidate, True
    return folder, False


def outside_repository(folder: Path, name: str) -> Path | None:
    """The root a registry's file named ``name`` (relative to ``folder``) escapes,
    or None when it stays inside. Its path may not leave the root ('..', an
    absolute path); in a git repository, where a pull request can add a
    symlink, neither may the file it resolves to. (Outside git the folder is
    the user's own: a symlinked articles folder is theirs to make.)"""
    root, in_git = repository_root(folder)
    written = Path(os.path.normpath(folder.resolve() / name))
    if not written.is_relative_to(root):
        return root
    if in_git and not written.resolve().is_relative_to(root):
        return root
    return None


def load_version_and_checks(spec: str, file: str = "aliases.yaml"
                            ) -> tuple[Registry, list[Path]]:
    """A registry (see ``load_version``) and the query tables it declares; for a
    git revision they are read from the working tree, beside the registry path."""
    if os.path.isfile(spec) or os.path.isdir(spec):
        return load(spec), declared_checks(spec)
    rev, _, path = spec.partition(":")
    path = path or file
    commit = _commit(rev)
    kind = _git("cat-file", "-t", f"{commit}:{path}") if commit else None
    if commit is None or kind is None:
        raise InputError(f"{spec}: neither a file nor a git revision with {path}")
    rev_label, rev = rev, commit
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / Path(path).name
        if kind.strip() == b"tree":  # a registry folder at that revision
            target.mkdir()  # (with no YAML in it, it is refused as an empty folder)
            # -z: names as stored, not C-quoted (a quoted name never ends in .yaml)
            listing = _git("ls-tree", "-r", "-z", "--name-only", rev, "--", path) or b""
            names = [os.fsdecode(n) for n in listing.split(b"\0")
                     if n.endswith(tuple(s.encode() for s in SUFFIXES))]
            for name in names:
                out = target / Path(name).relative_to(path)
                out.parent.mkdir(parents=True, exist_ok=True)
                out.write_bytes(_git("show", f"{rev}:{name}") or b"")
        else:
            target.write_bytes(_git("show", f"{rev}:{path}") or b"")
        try:
            registry = load(target)
            folder = Path(path) if kind.strip() == b"tree" else Path(path).parent
            checks = declared_checks(target, folder)
        except RegistryFileError as exc:
            raise _named_as(exc, target, f"{rev_label}:{path}") from None
    registry.path = f"{rev_label}:{path}"
    return registry, checks


def _named_as(exc: RegistryFileError, copy: Path, label: str) -> RegistryFileError:
    """The error about a revision's temporary copy, naming ``REV:path`` instead:
    the copy's path means nothing to the reader and is gone once it is read."""
    where = exc.path
    if where == str(copy):
        where = label
    elif where.startswith(str(copy) + os.sep):
        where = label + "/" + Path(where).relative_to(copy).as_posix()
    return RegistryFileError(where, exc.line, exc.detail.replace(str(copy), label),
                             exc.column)


def _commit(rev: str) -> str | None:
    """The commit id a revision names, or None. A revision comes from the command
    line of a CI job that may run on a pull request: one that looks like an
    option (``--output=FILE``) is never a revision, and it is resolved after
    ``--end-of-options``, so git cannot read it as one. Later git commands get
    the resolved hexadecimal id only."""
    if not rev or rev.startswith("-"):
        return None
    found = _git("rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}")
    return found.decode("ascii").strip() if found else None


def _git(*args: str) -> bytes | None:
    """A git command's output, or None when it fails; an InputError when git
    itself cannot be run."""
    try:
        proc = subprocess.run(["git", *args], capture_output=True)
    except OSError as exc:
        raise InputError(f"cannot run git to read a revision ({exc.strerror or exc}); "
                         "install git or compare two files") from None
    return proc.stdout if proc.returncode == 0 else None


def _describe_changes(old: Entity, new: Entity) -> list[str]:
    notes = []
    old_aliases = {a.text for a in old.aliases}
    new_aliases = {a.text for a in new.aliases}
    notes += [f'alias + "{t}"' for t in sorted(new_aliases - old_aliases)]
    notes += [f'alias − "{t}"' for t in sorted(old_aliases - new_aliases)]

    def roles(entity: Entity) -> set[str]:
        return {f"{r.position} ({r.tenure.describe()})" for r in entity.roles}

    def ranks(entity: Entity) -> set[str]:
        return {f"{r.title} ({r.tenure.describe()})" for r in entity.ranks}

    notes += [f"role + {r}" for r in sorted(roles(new) - roles(old))]
    notes += [f"role − {r}" for r in sorted(roles(old) - roles(new))]
    notes += [f"rank + {r}" for r in sorted(ranks(new) - ranks(old))]
    notes += [f"rank − {r}" for r in sorted(ranks(old) - ranks(new))]
    if old.name != new.name:
        notes.append(f"name {old.name.ar} → {new.name.ar}")
    skip = {"aliases", "roles", "ranks", "name"}
    old_dump, new_dump = old.model_dump(), new.model_dump()
    notes += [f"{key} changed" for key in old_dump
              if key not in skip and old_dump[key] != new_dump[key]]
    return notes


def entity_changes(base: Registry, head: Registry) -> dict[str, Any]:
    added = sorted(set(head.entities) - set(base.entities))
    removed = sorted(set(base.entities) - set(head.entities))
    changed = {}
    for entity_id in sorted(set(base.entities) & set(head.entities)):
        # As models (``get``): a registry opened from a compiled store holds
        # plain records, and a record never equals a model.
        old, new = base.get(entity_id), head.get(entity_id)
        if old != new:
            changed[entity_id] = _describe_changes(old, new)
    return {"added": added, "removed": removed, "changed": changed}


def _answer(status: str, entity_id: str | None) -> str:
    return entity_id if status == "matched" and entity_id else status


def mention_changes(base: Registry, head: Registry,
                    corpus: Path) -> tuple[int, list[dict[str, Any]]]:
    """(mentions seen, changes) over every .txt file under ``corpus``."""
    total = 0
    changes = []
    for path in sorted(corpus.rglob("*.txt")):
        text = path.read_text("utf-8", errors="replace")
        before = {(m.start, m.end): m for m in base.annotate(text)}
        after = {(m.start, m.end): m for m in head.annotate(text)}
        total += len(set(before) | set(after))
        for span in sorted(set(before) | set(after)):
            old, new = before.get(span), after.get(span)
            old_answer = _answer(old.status, old.id) if old else "—"
            new_answer = _answer(new.status, new.id) if new else "—"
            if old_answer != new_answer:
                changes.append({"file": str(path), "start": span[0], "end": span[1],
                                "text": (new or old).text,  # type: ignore[union-attr]
                                "before": old_answer, "after": new_answer})
    return total, changes


def query_changes(base: Registry, head: Registry, rows: list[QueryRow]) -> list[dict[str, Any]]:
    changes = []
    for row in rows:
        old, new = base.lookup(row.query, row.at), head.lookup(row.query, row.at)
        old_answer, new_answer = _answer(old.status, old.id), _answer(new.status, new.id)
        if old_answer != new_answer:
            expected = _answer(row.status, row.id)
            verdict = ("breaks expected" if old_answer == expected else
                       "now as expected" if new_answer == expected else "changed")
            changes.append({"query": row.query, "at": row.at, "before": old_answer,
                            "after": new_answer, "expected": expected, "verdict": verdict,
                            "table": row.table, "line": row.line})
    return changes


FAIL_ON = ("expected", "any")


def compare(base: Registry, head: Registry, corpus: Path | None,
            tables: list[Path], fail_on: str | None = None) -> dict[str, Any]:
    """The report; with ``fail_on``, its ``gate``: ``expected`` fails when an
    answer that was as its table expects changes, ``any`` when any answer does."""
    report: dict[str, Any] = {"base": base.path, "head": head.path,
                              "entities": entity_changes(base, head)}
    if corpus is not None and corpus.is_dir():
        total, changes = mention_changes(base, head, corpus)
        report["corpus"] = {"path": str(corpus), "mentions": total, "changes": changes}
    unique = list(dict.fromkeys(tables))
    if unique:
        rows = [row for table in unique for row in read_query_table(table)]
        report["queries"] = {"path": ", ".join(str(t) for t in unique),
                             "tables": [str(t) for t in unique], "count": len(rows),
                             "changes": query_changes(base, head, rows)}
    if fail_on is not None:
        changes = report.get("queries", {}).get("changes", [])
        breaks = sum(c["verdict"] == "breaks expected" for c in changes)
        failed = breaks > 0 if fail_on == "expected" else bool(changes) or bool(
            report.get("corpus", {}).get("changes"))
        report["gate"] = {"fail_on": fail_on, "failed": failed, "breaks_expected": breaks}
    return report


# The first line of the Markdown report: the workflow finds its earlier comment
# on the pull request by it and edits that instead of posting a new one.
MARKER = "<!-- registry-diff -->"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def markdown(report: dict[str, Any]) -> str:
    """The report as a pull-request comment."""
    lines = [MARKER, f"## Registry change: `{report['base']}` → `{report['head']}`", ""]
    gate = report.get("gate")
    if gate is not None:
        lines += [f"**Gate (`--fail-on {gate['fail_on']}`): "
                  + ("FAILED" if gate["failed"] else "passed") + f"**: {gate['breaks_expected']}"
                  " expected answer(s) broken.", ""]
    entities = report["entities"]
    if not (entities["added"] or entities["removed"] or entities["changed"]):
        lines.append("No entity changed.")
    for entity_id in entities["added"]:
        lines.append(f"- added `{entity_id}`")
    for entity_id in entities["removed"]:
        lines.append(f"- removed `{entity_id}`")
    for entity_id, notes in entities["changed"].items():
        lines.append(f"- changed `{entity_id}`: " + "; ".join(notes))
    lines.append("")
    for key, label in (("corpus", "mentions"), ("queries", "queries")):
        section = report.get(key)
        if section is None:
            continue
        count = section.get("mentions", section.get("count"))
        changes = section["changes"]
        lines.append(f"### {label.title()} ({section['path']}): {len(changes)} of {count} "
                     "change")
        if not changes:
            lines += ["", "No answer changes.", ""]
            continue
        lines.append("")
        if key == "corpus":
            lines += ["| where | text | before | after |", "| --- | --- | --- | --- |"]
            lines += [f"| {c['file']}:{c['start']}-{c['end']} | {_cell(c['text'])} | "
                      f"{c['before']} | {c['after']} |" for c in changes]
        else:
            lines += ["| query | at | before | after | expected | verdict |",
                      "| --- | --- | --- | --- | --- | --- |"]
            lines += [f"| {_cell(c['query'])} | {c['at'] or ''} | {c['before']} | "
                      f"{c['after']} | {c['expected']} | {c['verdict']} |" for c in changes]
        lines.append("")
    return "\n".join(lines)
