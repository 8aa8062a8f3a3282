"""Who a partial name means in this article, decided honestly.

A bare family name (حفتر), a bare given name (صدام, also after a title) or a
kunya names someone only through the article:

- the candidates are the people the resolver says fit the word, less those the
  mention's title rules out (a rank or honorific they never held);
- if the article names one of them in full before the mention, the nearest such
  full mention decides, unless another candidate is also named in full between
  the start of that mention's paragraph and the mention: then both are in play
  and the answer is ambiguous, with both as candidates;
- with no full mention before it (a headline), the mention resolves only if the
  article names exactly one candidate in full anywhere;
- otherwise nothing is decided.

Every decision cites the full mention it relied on, with its offsets, so a
reviewer can check it against the text.
"""

from __future__ import annotations

import bisect
import functools
import heapq
import re
from collections.abc import Collection
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

_LINE_BREAK = re.compile("\n")


@dataclass(frozen=True)
class Anchor:
    """A person named in full (a chain of two or more name words, resolved alone)."""

    entity_id: str
    start: int
    end: int
    text: str

    def cite(self) -> str:
        return f"{self.entity_id} named in full at {self.start}-{self.end} ('{self.text}')"


@dataclass(frozen=True)
class Decision:
    """What the article says about a partial mention."""

    ids: list[str]  # one id: settled; several: ambiguous between them; none: undecided
    explanation: str
    anchors: list[Anchor]


class DocumentContext:
    """Full mentions of an article, by offset, and paragraph boundaries."""

    def __init__(self, text: str, anchors: list[Anchor]) -> None:
        self.anchors = sorted(anchors, key=lambda a: a.start)
        self._starts = [a.start for a in self.anchors]
        self._named = frozenset(a.entity_id for a in self.anchors)
        self._breaks = [m.start() for m in _LINE_BREAK.finditer(text)]

    def paragraph_start(self, offset: int) -> int:
        """Offset where the paragraph (line) holding ``offset`` begins."""
        n = bisect.bisect_left(self._breaks, offset)
        return self._breaks[n - 1] + 1 if n else 0

    def names_any(self, candidates: AbstractSet[str]) -> bool:
        """Whether the article names any of ``candidates`` in full (when it
        names none, ``decide`` decides nothing, wherever the mention is)."""
        return not candidates.isdisjoint(self._named)

    def decide(self, start: int, candidates: Collection[str]) -> Decision:
        """The decision for a partial mention at ``start`` among ``candidates``
        (a frozenset is used as it is: at 100k a bare family name has hundreds
        of candidates, and the annotator hands the same set to every mention)."""
        wanted = candidates if isinstance(candidates, frozenset) else frozenset(candidates)
        if not wanted:
            return Decision([], "document context: no candidate to look for", [])
        before = [a for a in self.anchors[: bisect.bisect_left(self._starts, start)]
                  if a.entity_id in wanted]
        if before:
            nearest = before[-1]
            since = self.paragraph_start(nearest.start)
            in_play: dict[str, Anchor] = {}
            for anchor in reversed(before):
                if anchor.start < since:
                    break
                in_play.setdefault(anchor.entity_id, anchor)
            if len(in_play) == 1:
                return Decision([nearest.entity_id], "document context: " + nearest.cite()
                                + ", the nearest full mention before this one, and no other "
                                "candidate is named in full since its paragraph began",
                                [nearest])
            shown = list(in_play.values())
            return Decision([a.entity_id for a in shown], "document context: ambiguous: "
                            + "; ".join(a.cite() for a in shown)
                            + " are all in play before this mention", shown)
        named: dict[str, Anchor] = {}
        for anchor in self.anchors:
            if anchor.entity_id in wanted:
                named.setdefault(anchor.entity_id, anchor)
        if len(named) == 1:
            only = next(iter(named.values()))
            return Decision([only.entity_id], "document context: " + only.cite()
                            + ", later in the article, the only candidate it names in full",
                            [only])
        if named:
            shown = list(named.values())
            return Decision([a.entity_id for a in shown], "document context: ambiguous: "
                            "no full mention before this one, and the article names "
                            + "; ".join(a.cite() for a in shown), shown)
        return Decision([], "document context: no candidate ("
                        + _first_five(wanted)
                        + ") is named in full in the article", [])


@functools.lru_cache(maxsize=1024)
def _first_five(ids: frozenset[str]) -> str:
    """The first five ids in sorted order, comma-separated (for the message)."""
    return ", ".join(heapq.nsmallest(5, ids))
