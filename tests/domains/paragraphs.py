"""Scores a domain's hand-checked paragraphs (``paragraphs.yaml``) by category:
person mentions by name and by office, found by ``annotate`` on the paragraph's
date, against gold lines ``surface | answer [| office]`` (the format is
described at the top of each ``paragraphs.yaml``).

A found mention counts for a gold line when the spans overlap, so a clitic or a
title kept in or out of the span does not matter; what is scored is who the
mention is said to be. A mention attributed to a registry person that no gold
line allows is a confident wrong answer, the worst outcome: the tests fail on
any. Run ``python -m tests.domains.paragraphs DIR`` for the table and every miss.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

import registry
from registry.core import Registry

MAYBE = "maybe "  # not scored either way
UNKNOWN = "unknown"
AMBIGUOUS = "ambiguous"


@dataclass
class Gold:
    start: int
    end: int
    text: str
    answer: str
    office: bool


@dataclass
class Tally:
    """Counts for one category (or one kind of mention)."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    wrong: int = 0  # confident wrong attributions
    unknown_clear: int = 0  # unknown people nobody was attributed to
    unknown_total: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def f1(self) -> float:
        denominator = 2 * self.tp + self.fp + self.fn
        return 2 * self.tp / denominator if denominator else 1.0

    def add(self, other: Tally) -> None:
        for name in ("tp", "fp", "fn", "wrong", "unknown_clear", "unknown_total"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.misses.extend(other.misses)

    def row(self, label: str) -> str:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        return (f"{label:<13} P={p:.3f} R={r:.3f} F1={self.f1:.3f} tp={self.tp} fp={self.fp} "
                f"fn={self.fn} wrong={self.wrong} unknown-clear={self.unknown_clear}/"
                f"{self.unknown_total}")


def load(path: Path) -> list[dict[str, Any]]:
    """The paragraphs with their gold lines located in the text, in order."""
    paragraphs: list[dict[str, Any]] = yaml.safe_load(path.read_text("utf-8"))
    for p in paragraphs:
        golds, at = [], 0
        for line in p["gold"]:
            surface, answer, *rest = (part.strip() for part in line.split("|"))
            start = p["text"].find(surface, at)
            assert start >= 0, f"{p['id']}: {surface!r} not found after offset {at}"
            golds.append(Gold(start, start + len(surface), surface, answer, rest == ["office"]))
            at = start + len(surface)
        p["golds"] = golds
    return paragraphs


def _is_person(mention: Any) -> bool:
    return bool(mention.kind == "role" or mention.type == "person"
                or (mention.type is None and mention.status != "matched"))


def score_paragraph(reg: Registry, p: dict[str, Any], by_kind: dict[str, Tally]) -> Tally:
    """Scores one paragraph; also adds each gold line to ``by_kind`` (name/office)."""
    tally = Tally()
    mentions = [m for m in reg.annotate(p["text"], str(p["date"])) if _is_person(m)]
    golds: list[Gold] = p["golds"]
    for gold in golds:
        line = Tally()
        over = [m for m in mentions if m.start < gold.end and gold.start < m.end]
        matched = {m.id for m in over if m.status == "matched" and m.id}
        answer = gold.answer.removeprefix(MAYBE)
        where = f"{p['id']}: {gold.text!r}"
        if gold.answer.startswith(MAYBE):
            if matched - {answer}:
                line.fp += 1
                line.wrong += 1
                line.misses.append(f"{where} (maybe {answer}) given to {sorted(matched)}")
        elif answer == UNKNOWN:
            line.unknown_total += 1
            if matched:
                line.fp += 1
                line.wrong += 1
                line.misses.append(f"{where} is nobody in the registry, given to {sorted(matched)}")
            else:
                line.unknown_clear += 1
        elif answer == AMBIGUOUS:
            if matched:
                line.fp += 1
                line.wrong += 1
                line.misses.append(f"{where} should be ambiguous, given to {sorted(matched)}")
            if any(m.status == AMBIGUOUS for m in over):
                line.tp += 1
            else:
                line.fn += 1
                line.misses.append(f"{where} should be ambiguous, got "
                                   f"{[(m.text, m.status) for m in over]}")
        else:
            if answer in matched:
                line.tp += 1
            else:
                line.fn += 1
                line.misses.append(f"{where} ({answer}) missed, got "
                                   f"{[(m.text, m.kind, m.status, m.id) for m in over]}")
            if matched - {answer}:
                line.fp += 1
                line.wrong += 1
                line.misses.append(f"{where} ({answer}) also given to {sorted(matched - {answer})}")
        tally.add(line)
        by_kind["office" if gold.office else "name"].add(line)
    for m in mentions:
        if m.status == "matched" and m.id and not any(
                g.start < m.end and m.start < g.end for g in golds):
            tally.fp += 1
            tally.wrong += 1
            tally.misses.append(f"{p['id']}: {m.text!r} ({m.kind}) given to {m.id}, not a "
                                f"person mention in the gold")
    return tally


@dataclass
class Report:
    categories: dict[str, Tally]
    kinds: dict[str, Tally]
    paragraphs: int

    @property
    def total(self) -> Tally:
        total = Tally()
        for tally in self.categories.values():
            total.add(tally)
        return total

    def table(self) -> str:
        rows = [self.categories[c].row(c) for c in sorted(self.categories)]
        rows += [self.kinds[k].row(f"({k}s)") for k in sorted(self.kinds)]
        rows.append(self.total.row("all"))
        return "\n".join(rows)


def score_folder(folder: Path) -> Report:
    reg = registry.load(folder / "registry.yaml", use_cache=False)
    paragraphs = load(folder / "paragraphs.yaml")
    categories: dict[str, Tally] = defaultdict(Tally)
    kinds: dict[str, Tally] = defaultdict(Tally)
    for p in paragraphs:
        categories[p["category"]].add(score_paragraph(reg, p, kinds))
    return Report(dict(categories), dict(kinds), len(paragraphs))


if __name__ == "__main__":
    for arg in sys.argv[1:]:
        report = score_folder(Path(arg))
        print(f"{arg}: {report.paragraphs} paragraphs\n{report.table()}")
        for miss in report.total.misses:
            print(f"  {miss}")
