"""Scores office phrases in running text against the hand-checked gold of
``tests/text/offices_heldout/sentences.tsv``: is each office phrase found, is it
read as the right position, and is the person named the one who held it on
the article's date?

Offices are the mentions the annotator reports with ``kind == "role"``. A
title before a name ("Prime Minister Mohammed Shia al-Sudani") counts as
found when the name mention right after it carries that title. A gold span is
found when a mention overlaps it (the exact span is reported apart: modifiers
such as السابق may or may not be inside it). Every row is scored against the
registry it names, so each office and tenure is data a maintainer wrote.

Run ``python -m tests.text.office_heldout_score`` for the table and every miss
(``--floors``: the per-shape floors as measured, for floors.yaml).
"""

from __future__ import annotations

import re
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import registry
from registry import Mention
from registry.core import Registry

ROOT = Path(__file__).resolve().parents[2]
FOLDER = Path(__file__).resolve().parent / "offices_heldout"
KNOWN = "KNOWN:"
ANY = "*"          # position not scored
NONE = "-"         # an office the registry does not hold
AMBIGUOUS = "ambiguous"
NOBODY = "nobody"
# "role match X: office P in 2021", "the office is P", "office P before ..."
_OFFICE = re.compile(r"\boffice (?!head\s)([a-z0-9]+(?:-[a-z0-9]+)+)")


def registry_path(name: str) -> Path:
    if name == "seeds":
        return ROOT / "aliases.yaml"
    if name == "local":
        return FOLDER / "registry.yaml"
    return ROOT / "tests" / "domains" / name / "registry.yaml"


@cache
def load(name: str) -> Registry:
    return registry.load(registry_path(name), use_cache=False)


@dataclass(frozen=True)
class Gold:
    start: int
    end: int
    surface: str
    position: str
    holder: str
    shape: str


@dataclass(frozen=True)
class Row:
    line: int
    registry: str
    date: str | None
    shape: str
    text: str
    golds: tuple[Gold, ...]
    known: bool


def read_rows(path: Path = FOLDER / "sentences.tsv") -> list[Row]:
    rows = []
    for number, line in enumerate(path.read_text("utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        reg, date, shape, text, gold = cells[:5]
        note = cells[5] if len(cells) > 5 else ""
        text = text.replace("\\n", "\n")
        golds = []
        if gold != "-":
            for item in gold.split(" ; "):
                where, _, answer = item.partition("=")
                start, end, surface = where.split(":", 2)
                position, holder, *own_shape = answer.split("=")
                span = Gold(int(start), int(end), surface, position, holder,
                            own_shape[0] if own_shape else shape)
                assert text[span.start:span.end] == surface, f"line {number}: {item}"
                golds.append(span)
        rows.append(Row(number, reg, None if date == "-" else date, shape, text,
                        tuple(golds), note.startswith(KNOWN)))
    return rows


def positions_of(mention: Mention) -> set[str]:
    """The positions a role mention's explanation says it was read as."""
    return {found for line in mention.explanation for found in _OFFICE.findall(line)}


def _covers(mention: Mention, gold: Gold) -> bool:
    if mention.kind == "role":
        return mention.start < gold.end and gold.start < mention.end
    # A title right before a name: "Prime Minister X", "الملك عبد الله".
    titles = " ".join(mention.titles).lower()
    return (mention.type == "person" and 0 <= mention.start - gold.end <= 2
            and gold.surface.lower() in titles)


@dataclass
class Tally:
    spans: int = 0
    found: int = 0
    exact: int = 0
    positions: int = 0
    positions_right: int = 0
    holders_right: int = 0
    confident_wrong: int = 0
    false_mentions: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, other: Tally) -> None:
        for name in ("spans", "found", "exact", "positions", "positions_right",
                     "holders_right", "confident_wrong", "false_mentions"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.misses.extend(other.misses)

    def line(self) -> str:
        def ratio(part: int, whole: int) -> str:
            return f"{part}/{whole}" + (f" {part / whole:.2f}" if whole else "")
        return (f"found {ratio(self.found, self.spans):<12} exact {self.exact:<3} "
                f"position {ratio(self.positions_right, self.positions):<12} "
                f"holder {ratio(self.holders_right, self.spans):<12} "
                f"confident-wrong {self.confident_wrong:<2} false {self.false_mentions}")


def holder_right(gold: Gold, mention: Mention | None) -> bool:
    if gold.holder == NOBODY:
        return mention is None or mention.status != "matched"
    if mention is None:
        return False
    if gold.holder == AMBIGUOUS:
        return mention.status == "ambiguous"
    return mention.status == "matched" and mention.id == gold.holder


Key = tuple[str, str, bool]  # (facet, group, known row): facets below


def _groups(shape: str, position: str | None) -> list[tuple[str, str]]:
    """Each span counts in its shape, its script, and whether the registry
    holds its office (``position is None``: a mention with no gold span)."""
    held = ("no-gold" if position is None
            else "office not in registry" if position == NONE else "office in registry")
    return [("shape", shape), ("script", "english" if shape.startswith("en-") else "arabic"),
            ("registry", held)]


def score_row(row: Row, tallies: dict[Key, Tally]) -> None:
    """Adds one sentence's spans to the tallies."""
    mentions = load(row.registry).annotate(row.text, row.date)
    used: set[int] = set()
    where = f"line {row.line} ({row.registry}, {row.date or 'dateline'})"
    for gold in row.golds:
        parts = [tallies[(facet, group, row.known)]
                 for facet, group in _groups(gold.shape, gold.position)]
        tally = Tally()
        over = [(n, m) for n, m in enumerate(mentions) if _covers(m, gold)]
        used.update(n for n, _ in over)
        # The mention covering most of the gold span answers for it.
        best = max((m for _, m in over),
                   key=lambda m: min(m.end, gold.end) - max(m.start, gold.start),
                   default=None)
        tally.spans += 1
        if best is not None:
            tally.found += 1
            tally.exact += (best.start, best.end) == (gold.start, gold.end)
            if gold.position != ANY and best.kind == "role":
                seen = positions_of(best)
                tally.positions += 1
                if seen == (set() if gold.position == NONE else {gold.position}):
                    tally.positions_right += 1
                else:
                    tally.misses.append(f"{where} position {gold.surface!r}: expected "
                                        f"{gold.position}, read {sorted(seen)}")
        if holder_right(gold, best):
            tally.holders_right += 1
        else:
            got = "not found" if best is None else f"{best.status} {best.id or ''}".strip()
            tally.misses.append(f"{where} holder {gold.surface!r}: expected {gold.holder}, "
                                f"got {got} in {row.text!r}")
        if best is not None and best.status == "matched" and best.id != gold.holder:
            tally.confident_wrong += 1
            tally.misses.append(f"{where} CONFIDENT WRONG {gold.surface!r}: {best.id} "
                                f"(gold {gold.holder})")
        for part in parts:
            part.add(tally)
    for n, mention in enumerate(mentions):
        if n in used or mention.kind != "role":
            continue
        tally = Tally(false_mentions=1)
        tally.misses.append(f"{where} false office {mention.text!r} "
                            f"({mention.status} {mention.id or ''}) in {row.text!r}")
        if mention.status == "matched":
            tally.confident_wrong += 1
            tally.misses.append(f"{where} CONFIDENT WRONG false office {mention.text!r}: "
                                f"{mention.id}")
        for facet, group in _groups(row.shape, None):
            tallies[(facet, group, row.known)].add(tally)


def score(rows: list[Row] | None = None) -> dict[Key, Tally]:
    tallies: dict[Key, Tally] = defaultdict(Tally)
    for row in read_rows() if rows is None else rows:
        score_row(row, tallies)
    return dict(tallies)


def facet(tallies: dict[Key, Tally], name: str, known: bool | None = None) -> dict[str, Tally]:
    """One facet's groups, known rows and others together unless ``known`` says."""
    groups: dict[str, Tally] = defaultdict(Tally)
    for (facet_name, group, is_known), tally in tallies.items():
        if facet_name == name and known in (None, is_known):
            groups[group].add(tally)
    return dict(groups)


def table(tallies: dict[Key, Tally]) -> str:
    lines: list[str] = []
    for name in ("shape", "script", "registry"):
        groups = facet(tallies, name)
        lines.extend(f"{group:<24} {groups[group].line()}" for group in sorted(groups))
        if name == "shape":
            total = Tally()
            for tally in groups.values():
                total.add(tally)
            lines.append(f"{'ALL':<24} {total.line()}")
        lines.append("")
    return "\n".join(lines)


def main() -> int:
    tallies = score()
    if "--floors" in sys.argv:  # the floors block of floors.yaml, as measured now
        for shape, tally in sorted(facet(tallies, "shape").items()):
            print(f"  {shape}: [{tally.found}, {tally.holders_right}]")
        return 0
    print(table(tallies))
    for shape, tally in sorted(facet(tallies, "shape").items()):
        for miss in tally.misses:
            print(f"  [{shape}] {miss}")
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
