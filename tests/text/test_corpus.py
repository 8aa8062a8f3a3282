"""annotate on the hand-checked regression corpus (tests/text/corpus/paragraphs.yaml).

Reports precision, recall and F1 per category over the registry people and the
ambiguous answers the gold expects, and counts false attributions: a mention
given to a registry person the gold does not name there. Any false attribution
fails the test, whatever the F1.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml

CORPUS = Path(__file__).resolve().parent / "corpus" / "paragraphs.yaml"
F1_FLOOR = 0.9  # per category; a regression fails, not noise
MIN_PARAGRAPHS = 60
MAYBE = "maybe "  # not scored either way


@dataclass
class Gold:
    start: int
    end: int
    text: str
    answer: str  # an id, "unknown", "ambiguous" or "maybe <id>"


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    false: list[str] = field(default_factory=list)
    unknown_seen: int = 0
    unknown_total: int = 0

    def f1(self) -> tuple[float, float, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def load() -> list[dict]:
    paragraphs = yaml.safe_load(CORPUS.read_text("utf-8"))
    for p in paragraphs:
        golds, at = [], 0
        for line in p["gold"]:
            surface, answer = (part.strip() for part in line.split("|"))
            start = p["text"].find(surface, at)
            assert start >= 0, f"{p['id']}: '{surface}' not found after offset {at}"
            golds.append(Gold(start, start + len(surface), surface, answer))
            at = start + len(surface)
        p["golds"] = golds
    return paragraphs


def score(reg, paragraphs: list[dict]) -> dict[str, Tally]:
    tallies: dict[str, Tally] = defaultdict(Tally)
    for p in paragraphs:
        tally = tallies[p["category"]]
        mentions = [m for m in reg.annotate(p["text"])
                    if m.kind == "name" and m.type not in ("organization", "place")]
        by_span = {(m.start, m.end): m for m in mentions}
        for gold in p["golds"]:
            m = by_span.get((gold.start, gold.end))
            if gold.answer.startswith(MAYBE):
                continue
            if gold.answer == "unknown":
                tally.unknown_total += 1
                tally.unknown_seen += bool(m and m.status == "unknown")
                continue
            if gold.answer == "ambiguous":
                hit = m is not None and m.status == "ambiguous"
            else:
                hit = m is not None and m.status == "matched" and m.id == gold.answer
            tally.tp += hit
            tally.fn += not hit
        for m in mentions:
            if m.status != "matched" or m.id is None:
                continue
            overlapping = [g for g in p["golds"] if g.start < m.end and m.start < g.end]
            exact = [g for g in overlapping if (g.start, g.end) == (m.start, m.end)]
            allowed = {g.answer.removeprefix(MAYBE) for g in overlapping}
            if not exact or exact[0].answer.removeprefix(MAYBE) != m.id:
                tally.fp += 1
            if m.id not in allowed:
                tally.false.append(f"{p['id']}: '{m.text}' ({m.start}-{m.end}) given to "
                                   f"{m.id}; gold: {[(g.text, g.answer) for g in overlapping]}")
    return tallies


@pytest.fixture(scope="module")
def corpus_scores(reg):
    paragraphs = load()
    return paragraphs, score(reg, paragraphs)


def test_corpus_is_substantial_and_covers_every_category(corpus_scores):
    paragraphs, _ = corpus_scores
    counts = Counter(p["category"] for p in paragraphs)
    assert len(paragraphs) >= MIN_PARAGRAPHS
    assert set(counts) == {"shared-name", "kin-chain", "two-family", "bare-names", "speech",
                           "brackets", "latin", "traps"}
    assert min(counts.values()) >= 8, counts
    assert len({p["id"] for p in paragraphs}) == len(paragraphs)


def test_no_false_attribution_and_f1_per_category(corpus_scores):
    _, tallies = corpus_scores
    lines, false, low = [], [], []
    for category in sorted(tallies):
        t = tallies[category]
        p, r, f1 = t.f1()
        lines.append(f"{category:<12} P={p:.3f} R={r:.3f} F1={f1:.3f} "
                     f"false={len(t.false)} unknown-recognised={t.unknown_seen}/{t.unknown_total}")
        false.extend(t.false)
        if f1 < F1_FLOOR:
            low.append(category)
    total = Tally(*(sum(getattr(t, k) for t in tallies.values()) for k in ("tp", "fp", "fn")))
    p, r, f1 = total.f1()
    lines.append(f"{'all':<12} P={p:.3f} R={r:.3f} F1={f1:.3f} false={len(false)}")
    print("\n".join(lines))
    assert not false, "false attributions:\n" + "\n".join(false)
    assert not low, "\n".join(lines)
