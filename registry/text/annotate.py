"""Find and resolve every mention of a person, organisation or place in an article.

One pass over the normalised tokens finds candidate spans, longest first at each
position: an organisation, place or office phrase; titles followed by a name (or
by an unknown name, reported for review); a bare name. A leading clitic (و ف ب ل
ك, and لل for ل + ال) is read off a word only when the word itself is not known
and what remains is. Each span is resolved with the resolver, then a second pass
applies document context: a partial name ("حفتر", "الفريق صدام") means whichever
candidate the article names most, an office phrase next to a name means that
person, and a bare one-word name is kept only when the article confirms it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from registry.match.resolver import Resolution, Resolver
from registry.model.dates import When
from registry.model.schema import Month
from registry.names.language import language
from registry.names.normalize import (
    NormalizedText,
    Token,
    article_variants,
    normalize_text,
    tokenize,
)
from registry.names.titles import FoundTitle
from registry.names.vocabulary import default_vocabulary
from registry.text.dateline import ArticleDate, DateFinder

# What may stand between two words of one name, or between an office and the
# name it describes: spaces, invisible marks and (for apposition) a comma.
_NAME_GAP = re.compile(r"^[\s\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff\u0640]*$")
_APPOSITION_GAP = re.compile(r"^[\s\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff،,]*$")
_LINE_GAP = re.compile(r"^[ \t\u00a0\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff\u0640]*$")
_APPOSITION_LINE_GAP = re.compile(r"^[ \t\u00a0\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff،,]*$")
MAX_UNKNOWN_NAME_TOKENS = 3
MAX_PARENT_CHECK = 16  # contenders weighed with their parent body
CACHE_LIMIT = 100_000  # memo entries before a memo is cleared (bounded memory)


@dataclass
class Mention:
    """One mention: its span in the original text and what it resolves to."""

    start: int
    end: int
    text: str
    kind: str  # "name" | "role"
    type: str | None  # person, organization, place (None when unresolved)
    status: str  # matched | ambiguous | unknown
    id: str | None
    score: float
    titles: list[str] = field(default_factory=list)
    candidates: list[str] = field(default_factory=list)
    explanation: list[str] = field(default_factory=list)

    def to_json(self, file: str | None = None) -> dict[str, Any]:
        """The documented JSON shape of ``registry annotate --json``."""
        return {"file": file, "start": self.start, "end": self.end, "text": self.text,
                "kind": self.kind, "type": self.type, "status": self.status, "id": self.id,
                "score": self.score, "titles": self.titles}


@dataclass
class Article:
    """An annotated article: its mentions, the date offices were read at, where
    that date came from, and warnings for the reviewer."""

    mentions: list[Mention]
    date: When | None
    date_source: str  # "--date", the dateline or date line found, or "none"
    found: ArticleDate | None = None
    warnings: list[str] = field(default_factory=list)

    def to_json(self, file: str | None = None) -> dict[str, Any]:
        """The article record of ``registry annotate --json`` (after its mentions)."""
        where = None if self.found is None else {
            "how": self.found.how, "line": self.found.line, "start": self.found.start,
            "end": self.found.end, "text": self.found.text}
        return {"file": file, "kind": "article", "date": None if self.date is None
                else str(self.date), "date_source": self.date_source, "found": where,
                "warnings": self.warnings}


@dataclass
class _Reading:
    """A token as read for matching: the word, or the word after its clitic."""

    text: str
    skip: int  # normalised characters of clitic skipped at the start


@dataclass
class _Span:
    """A found span before and after resolution."""

    first: int  # token index
    last: int  # token index, inclusive
    skip: int  # clitic characters skipped in the first token
    kind: str
    titles: list[str]
    resolution: Resolution
    single_bare_name: bool = False
    outer_first: int = -1  # first token including titles (for adjacency)
    offices: list[str] = field(default_factory=list)  # positions an office phrase names
    query: str = ""  # a composed office phrase as resolved (to re-resolve in context)

    def __post_init__(self) -> None:
        if self.outer_first < 0:
            self.outer_first = self.first


class Annotator:
    """Mention finder over one registry's vocabulary."""

    def __init__(self, resolver: Resolver, months: Sequence[Month] | None = None) -> None:
        self.resolver = resolver
        self.dates = DateFinder(default_vocabulary().months if months is None else months)
        index = resolver.index
        self.person_tokens = index.person_tokens
        # Phrases by their first word, then by their second (a large registry has
        # hundreds of offices beginning رئيس or مدير).
        self.phrases: dict[str, dict[str | None, list[tuple[str, ...]]]] = {}
        for key in index.phrases:
            tokens = tuple(key.split())
            second = tokens[1] if len(tokens) > 1 else None
            self.phrases.setdefault(tokens[0], {}).setdefault(second, []).append(tokens)
        for by_second in self.phrases.values():
            for options in by_second.values():
                options.sort(key=len, reverse=True)
        self.title_first = resolver.titles.first_tokens
        lang = language()
        self.offices = resolver.offices
        self.known = (self.person_tokens | set(self.phrases) | self.title_first
                      | lang.distinct_names | self.offices.first_words)
        self.clitics = lang.all_proclitics
        self.stopwords = lang.name_stopwords
        self.particles = lang.nasab_particles
        self._readings: dict[str, _Reading | None] = {}
        self._resolutions: dict[tuple[str, When | None], Resolution] = {}

    def resolve(self, query: str, day: When | None) -> Resolution:
        """The resolver's answer, memoised per (query, day); never mutate it."""
        key = (query, day)
        res = self._resolutions.get(key)
        if res is None:
            if len(self._resolutions) >= CACHE_LIMIT:
                self._resolutions.clear()
            res = self._resolutions[key] = self.resolver.resolve(query, day)
        return res

    # -- reading words -----------------------------------------------------------

    def reading(self, word: str) -> _Reading | None:
        """How a word takes part in a mention, or None when it cannot start one
        (memoised: news vocabulary repeats, so most words are seen before)."""
        try:
            return self._readings[word]
        except KeyError:
            pass
        if len(self._readings) >= CACHE_LIMIT:
            self._readings.clear()
        read = self._reading(word)
        self._readings[word] = read
        return read

    def _reading(self, word: str) -> _Reading | None:
        if word in self.known:
            return _Reading(word, 0)
        for clitic in self.clitics:
            if not word.startswith(clitic) or len(word) - len(clitic) < 2:
                continue
            rest = word[len(clitic) :]
            if rest in self.known:
                return _Reading(rest, len(clitic))
            if clitic.endswith("ل") and rest.startswith("ل"):  # لل = ل + ال
                restored = "ا" + rest
                if restored in self.known:
                    return _Reading(restored, len(clitic))
        return None

    # -- finding spans -----------------------------------------------------------

    def _joined(self, nt: NormalizedText, tokens: list[Token], i: int,
                gap: re.Pattern[str]) -> bool:
        """Whether token ``i`` follows token ``i - 1`` with only ``gap`` between them."""
        start = nt.original_index(tokens[i - 1].end - 1) + 1
        end = nt.original_index(tokens[i].start)
        return bool(gap.match(nt.original[start:end]))

    def _phrase_at(self, words: list[str], first: str, i: int) -> int:
        """Length in tokens of the longest phrase starting at ``i`` (whose first
        word reads as ``first``), or 0."""
        by_second = self.phrases.get(first)
        if by_second is None:
            return 0
        if i + 1 < len(words):
            for option in by_second.get(words[i + 1], ()):
                n = len(option)
                if i + n <= len(words) and all(words[i + k] == option[k] for k in range(2, n)):
                    return n
        return 1 if None in by_second else 0

    def find(self, nt: NormalizedText, tokens: list[Token], day: When | None) -> list[_Span]:
        """Candidate spans, resolved without document context."""
        words = [t.text for t in tokens]
        titles_vocab = self.resolver.titles
        spans: list[_Span] = []
        i = 0
        while i < len(words):
            read = self.reading(words[i])
            if read is None:
                i += 1
                continue
            # 1. an organisation, place or office phrase (offices composed from
            # head + body, match/offices.py; the longer reading wins)
            n = self._phrase_at(words, read.text, i)
            office = self.offices.read(words, i, read.text)
            if (office is not None and office.length >= n and all(
                    self._joined(nt, tokens, k, _NAME_GAP) for k in range(i + 1, office.end))):
                query = " ".join([read.text, *words[i + 1 : office.end]])
                spans.append(_Span(i, office.core_end - 1, read.skip, "role", [],
                                   self.resolve(query, day), offices=list(office.positions),
                                   query=query))
                i = office.end
                continue
            if n and all(self._joined(nt, tokens, k, _NAME_GAP) for k in range(i + 1, i + n)):
                query = " ".join([read.text, *words[i + 1 : i + n]])
                res = self.resolve(query, day)
                offices = self.resolver.index.offices(query)
                kind = "role" if res.kind == "role" or offices else "name"
                spans.append(_Span(i, i + n - 1, read.skip, kind, [], res, offices=offices))
                i += n
                continue
            # 2. titles, then a name (known, or unknown after a rank or honorific)
            titles: list[FoundTitle] = []
            j = i
            while j < len(words) and (j == i or self._joined(nt, tokens, j, _NAME_GAP)):
                found = titles_vocab.match_at(words, j, after_title=bool(titles),
                                              first=read.text if j == i else None)
                if found is None:
                    break
                titles.append(found)
                j = found.last
            if j < len(words) and j > i and not self._joined(nt, tokens, j, _NAME_GAP):
                i = j
                continue
            end = self._name_extent(nt, tokens, words, j, read.text if j == i else None)
            if titles and end == j:
                if not {t.kind for t in titles} & {"military-rank", "honorific"}:
                    i = j
                    continue
                end = self._unknown_name_extent(nt, tokens, words, j)
            if end == j:
                i = max(j, i + 1)
                continue
            surfaces = [self._surface(nt, tokens, t.first, t.last, read.skip if t.first == i
                                      else 0) for t in titles]
            spans.append(self._resolve_name(words, i, read, titles, j, end, day, surfaces))
            i = spans[-1].last + 1
        return spans

    @staticmethod
    def _surface(nt: NormalizedText, tokens: list[Token], first: int, last: int,
                 skip: int) -> str:
        start, end = nt.original_span(tokens[first].start + skip, tokens[last - 1].end)
        return nt.original[start:end]

    def _name_extent(self, nt: NormalizedText, tokens: list[Token], words: list[str],
                     start: int, first_word: str | None) -> int:
        """One past the last token of the known-name run starting at ``start``."""
        end = start
        while end < len(words):
            word = first_word if end == start and first_word is not None else words[end]
            if end > start and not self._joined(nt, tokens, end, _NAME_GAP):
                break
            inside = end > start
            linking = (inside and word in self.particles and end + 1 < len(words)
                       and words[end + 1] in self.person_tokens)
            if not (word in self.person_tokens or (inside and self._article_variant(word))
                    or linking):
                break
            end += 1
        return end

    def _article_variant(self, word: str) -> bool:
        return any(v in self.person_tokens for v in article_variants(word))

    def _unknown_name_extent(self, nt: NormalizedText, tokens: list[Token], words: list[str],
                             start: int) -> int:
        """An unknown name after a title: up to three words, stopping at
        punctuation, function words and words with a clitic conjunction."""
        end = start
        while end < len(words) and end - start < MAX_UNKNOWN_NAME_TOKENS:
            word = words[end]
            if end > start and not self._joined(nt, tokens, end, _NAME_GAP):
                break
            if (word in self.stopwords or word in self.phrases or word in self.title_first
                    or not word.isalpha() or (end > start and word.startswith("و"))):
                break
            end += 1
        return end

    def _resolve_name(self, words: list[str], i: int, read: _Reading,
                      titles: list[FoundTitle], start: int, end: int, day: When | None,
                      title_surfaces: list[str]) -> _Span:
        """Resolve the longest prefix of a name run that names someone (a run can
        hold a name followed by other known words), titles included as evidence."""
        title_words = [read.text if k == i else words[k]
                       for t in titles for k in range(t.first, t.last)]
        best: Resolution | None = None
        best_end = end
        for stop in range(end, start, -1):
            name_words = [read.text if k == i else words[k] for k in range(start, stop)]
            res = self.resolve(" ".join(title_words + name_words), day)
            if best is None or res.status != "unknown":
                best, best_end = res, stop
            if res.status != "unknown":
                break
        assert best is not None
        if best.status == "unknown" and titles:
            best = replace(best, type="person")  # a rank or honorific: someone to review
        skip = read.skip if start == i else 0
        bare = not titles and best_end - start == 1
        return _Span(start, best_end - 1, skip, "name", title_surfaces, best, bare, i)

    # -- document context --------------------------------------------------------

    def apply_context(self, spans: list[_Span], nt: NormalizedText,
                      tokens: list[Token], day: When | None = None) -> list[_Span]:
        """Settle partial names and offices using what the article names."""
        counts: Counter[str] = Counter()
        first_seen: dict[str, int] = {}
        for n, span in enumerate(spans):
            res = span.resolution
            named = []
            if res.status == "matched" and span.kind == "name" and not span.single_bare_name:
                named.append(res.id)
            # An office names its organisation too (القائد العام للقوات المسلحة الليبية).
            organizations = {self.resolver.entities[p].organization for p in span.offices}
            if len(organizations) == 1:
                named.extend(organizations)
            for entity_id in named:
                counts[entity_id] += 1  # type: ignore[index]
                first_seen.setdefault(entity_id, n)  # type: ignore[arg-type]
        kept = []
        for n, span in enumerate(spans):
            res = span.resolution
            if span.kind == "role":
                if not self._settle_office(spans, n, nt, tokens, day) and res.status != "matched":
                    self._office_from_context(span, counts, day)
            elif span.kind == "name" and (res.status == "ambiguous" or (
                    span.single_bare_name and not res.alone)):  # حميدتي stands alone
                best = self._best_in_article(res.contenders, counts, first_seen)
                if best is not None:
                    self._settle(span, best, "document context: the article names "
                                 f"{best} (or what it belongs to) most")
                elif span.single_bare_name and res.type in (None, "person"):
                    continue  # a lone word the article never confirms may not be a name
            kept.append(span)
        return kept

    def _best_in_article(self, contenders: list[str], counts: Counter[str],
                         first_seen: dict[str, int]) -> str | None:
        """The contender the article is about: named most often (itself, or for an
        organisation or place also the body it is part of), then named first."""
        def weight(entity_id: str) -> int:
            parent = self.resolver.entities[entity_id].part_of
            return counts[entity_id] + (counts[parent] if parent else 0)

        # Few entities are named in an article, many people may share a name:
        # look at the named ones; the parent rule is for a handful of bodies.
        pool = contenders if len(contenders) <= MAX_PARENT_CHECK else \
            [c for c in counts if c in set(contenders)]
        ranked = sorted((c for c in pool if weight(c) > 0),
                        key=lambda c: (-weight(c), first_seen.get(c, len(first_seen))))
        if not ranked or (len(ranked) > 1 and weight(ranked[0]) == weight(ranked[1])
                          and ranked[0] not in first_seen and ranked[1] not in first_seen):
            return None
        return ranked[0]

    def _settle_office(self, spans: list[_Span], n: int, nt: NormalizedText,
                       tokens: list[Token], day: When | None) -> bool:
        """An office phrase in apposition to a name (either order) means that
        person: the name decides. A name the office's holders agree with wins;
        else a name joined by a space alone decides even against the registry,
        and the explanation says the person is not recorded in the office then.
        Whether it settled the span."""
        span = spans[n]
        contenders = set(span.resolution.contenders)
        options: list[tuple[int, str]] = []  # (preference, person id)
        for m in (n + 1, n - 1):
            if not 0 <= m < len(spans):
                continue
            other = spans[m]
            if other.kind != "name" or other.resolution.status != "matched":
                continue
            left, right = (span, other) if m > n else (other, span)
            if right.outer_first != left.last + 1:
                continue
            if not self._joined(nt, tokens, right.outer_first, _APPOSITION_GAP):
                continue
            person = other.resolution.id
            assert person is not None
            # Against the registry only a close apposition decides: spaces on one
            # line (or a comma after the name), and no conjunction or preposition
            # on the office (خليفة حفتر ورئيس المخابرات is two people).
            tight = (self._joined(nt, tokens, right.outer_first, _LINE_GAP if m > n
                                  else _APPOSITION_LINE_GAP) and span.skip == 0)
            if person in contenders:
                options.append((0, person))
            elif tight and other.resolution.type == "person":
                options.append((1, person))
        if not options:
            return False
        rank, person = min(options)
        if rank == 0:
            if span.resolution.status != "matched" or span.resolution.id != person:
                self._settle(span, person, f"apposition: next to the name of {person}")
            return True
        when = f"in {day}" if day else "(no date known)"
        offices = ", ".join(span.offices) or "this office"
        held = ", ".join(span.resolution.contenders) or "nobody recorded"
        self._settle(span, person, f"apposition: next to the name of {person}, who is not "
                     f"recorded as holding {offices} {when} (recorded: {held}); the name "
                     "decides", score=0.6)
        return True

    def _office_from_context(self, span: _Span, counts: Counter[str], day: When | None
                             ) -> None:
        """A bare office (وزير الدفاع) or one several offices share: the one
        whose organisation or country the article names most, if one does."""
        if not span.query or not span.offices:
            return
        weights: dict[str, int] = {}
        for position_id in span.offices:
            owners = self.offices.position_ancestry(position_id)
            weights[position_id] = sum(count for entity_id, count in counts.items()
                                       if owners & self.offices.ancestry(entity_id))
        best = max(weights.values())
        chosen = [p for p, w in weights.items() if w == best]
        if best == 0 or len(chosen) != 1:
            return
        named = sorted(e for e in counts if self.offices.position_ancestry(chosen[0])
                       & self.offices.ancestry(e))
        res = self.resolver.resolve_office(
            span.query, day, chosen, f"document context: the article names "
            f"{', '.join(named[:3])}, so the office is {chosen[0]}")
        if res is not None:
            span.resolution = res

    def _settle(self, span: _Span, entity_id: str, why: str,
                score: float | None = None) -> None:
        """Decide a span for ``entity_id`` (a new Resolution: cached ones are shared)."""
        res = span.resolution
        entity = self.resolver.entities[entity_id]
        if score is None:
            base = next((c.score for c in res.candidates if c.id == entity_id), 0.6)
            score = round(min(1.0, base + 0.1), 3)
        span.resolution = replace(
            res, status="matched", id=entity_id, name=entity.name.ar, type=entity.type,
            score=score, explanation=[*res.explanation, why])

    # -- the whole article -------------------------------------------------------

    def annotate(self, text: str, date: When | None = None) -> list[Mention]:
        """Every mention, resolved as of ``date``, else the article's own date."""
        return self.annotate_article(text, date).mentions

    def annotate_article(self, text: str, date: When | None = None) -> Article:
        """Mentions with the date used and where it came from; a warning when
        office mentions had no date to be read at."""
        found = None if date is not None else self.dates.find(text)
        day = date if date is not None else (found.date if found else None)
        mentions = self._mentions(text, day)
        source = ("given (--date)" if date is not None else
                  found.describe() if found is not None else "none found")
        warnings = []
        offices = sum(m.kind == "role" for m in mentions)
        if day is None and offices:
            warnings.append(f"undated article: {offices} office mention(s) resolved to "
                            "current holders; give --date or a dateline to read them as of "
                            "the article's date")
        return Article(mentions, day, source, found, warnings)

    def _mentions(self, text: str, day: When | None) -> list[Mention]:
        nt = normalize_text(text)
        tokens = tokenize(nt.text)
        spans = self.apply_context(self.find(nt, tokens, day), nt, tokens, day)
        mentions = []
        for span in spans:
            start_norm = tokens[span.first].start + span.skip
            start, end = nt.original_span(start_norm, tokens[span.last].end)
            res = span.resolution
            kind_type = res.type if res.status == "matched" or res.type else (
                "person" if span.kind == "role" else None)
            mentions.append(Mention(
                start, end, text[start:end], span.kind, kind_type, res.status, res.id,
                res.score, list(span.titles), list(res.contenders), list(res.explanation)))
        return mentions
