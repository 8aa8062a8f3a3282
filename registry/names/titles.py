"""Titles, ranks and honorifics: peeled off the front of a name, kept as evidence.

The vocabulary is data (``vocabulary.titles`` in aliases.yaml); this module turns
it into token sequences and peels the longest one first, so الفريق أول ركن is
read as one rank plus its qualifier, not as الفريق followed by a name أول.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from registry.names import translit
from registry.names.normalize import name_tokens, normalize_text
from registry.names.packaged import packaged_yaml

if TYPE_CHECKING:
    from registry.model.schema import Descriptor, Title


@dataclass(frozen=True)
class FoundTitle:
    """A title found in a name: which vocabulary entry, and at which tokens."""

    title_id: str
    kind: str
    first: int  # index of its first token
    last: int  # index one past its last token


class TitleVocabulary:
    """Title forms as token tuples, for longest-first peeling."""

    def __init__(self, titles: list[Title], descriptors: Sequence[Descriptor] = ()) -> None:
        self.by_id = {t.id: t for t in titles}
        # form -> (id, kind); descriptors (السابق، المتقاعد، الراحل) are peeled
        # like titles but say nothing about who is meant.
        self._forms: dict[tuple[str, ...], tuple[str, str]] = {}
        for title in titles:
            for text in (*title.ar, *title.abbreviations):
                tokens = tuple(name_tokens(text))
                if tokens:
                    self._forms.setdefault(tokens, (title.id, title.kind))
        for descriptor in descriptors:
            kind = "descriptor-first" if descriptor.kind == "late" else "descriptor"
            for text in descriptor.ar:
                tokens = tuple(name_tokens(text))
                if tokens:
                    self._forms.setdefault(tokens, (descriptor.id, kind))
        self._add_latin_forms(descriptors)
        self.max_len = max((len(f) for f in self._forms), default=0)
        self.first_tokens = frozenset(f[0] for f in self._forms)
        # The lengths of the forms each first token opens, longest first: most
        # open one form of one word, so match_at tries one length, not max_len.
        lengths: dict[str, set[int]] = {}
        for form in self._forms:
            lengths.setdefault(form[0], set()).add(len(form))
        self._lengths = {head: tuple(sorted(n, reverse=True)) for head, n in lengths.items()}

    def _add_latin_forms(self, descriptors: Sequence[Descriptor]) -> None:
        """English forms of the titles (``forms: {en: [...]}`` in the vocabulary,
        and the display name ``en``: Gen., Lt. Gen., President), of the
        descriptors (the late, former) and the press epithets of the cross-script
        tables (strongman). English puts descriptors before the title ("former
        President"), so they may open a name; they say nothing of who is meant."""
        for title in list(self.by_id.values()):
            for text in (title.en, *title.forms.get("en", ())):
                tokens = tuple(name_tokens(text))
                if tokens:
                    self._forms.setdefault(tokens, (title.id, title.kind))
        english = [(d.id, text) for d in descriptors for text in d.forms.get("en", ())]
        english += [(text.replace(" ", "-"), text)
                    for text in translit.tables().latin_descriptors]
        for descriptor_id, text in english:
            tokens = tuple(name_tokens(text))
            if tokens:
                self._forms.setdefault(tokens, (descriptor_id, "descriptor-first"))

    def match_at(self, tokens: list[str], start: int, *, after_title: bool,
                 first: str | None = None) -> FoundTitle | None:
        """The longest title starting at ``tokens[start]`` (read as ``first`` when
        given, e.g. without its clitic), if any. A rank qualifier (ركن) and a
        descriptor (السابق، المتقاعد) only count right after another title; الراحل
        may also open a name."""
        if start >= len(tokens):
            return None
        head = tokens[start] if first is None else first
        lengths = self._lengths.get(head)
        if lengths is None:
            return None
        room = len(tokens) - start
        for length in lengths:
            if length > room:
                continue
            found = self._forms.get((head, *tokens[start + 1 : start + length]))
            if found is None:
                continue
            title_id, kind = found
            if kind in ("rank-qualifier", "descriptor") and not after_title:
                continue
            if kind.startswith("descriptor"):
                kind = "descriptor"
            return FoundTitle(title_id, kind, start, start + length)
        return None

    def evidence_ids(self, found: list[FoundTitle]) -> set[str]:
        """Title ids that say something about who is meant (not qualifiers or
        courtesy honorifics such as السيد)."""
        return {f.title_id for f in found if f.kind in ("military-rank", "civil")}

    def with_loose_forms(self, held: set[str]) -> set[str]:
        """Held titles plus the ones writers use loosely for them (الفريق for
        الفريق أول)."""
        out = set(held)
        for title_id in held:
            title = self.by_id.get(title_id)
            if title is not None:
                out.update(title.loosely)
        return out


@cache
def job_descriptions() -> frozenset[str]:
    """Words that say what someone does, put before a name (الفنانة، اللاعب،
    الروائي: ``descriptions`` in data/chains.yaml, folded as queries are): a
    name query peels them off its front; they are no evidence of who is meant."""
    raw = packaged_yaml("chains.yaml").get("descriptions") or []
    return frozenset(" ".join(normalize_text(str(w)).text.split()) for w in raw)
