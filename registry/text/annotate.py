"""Find and resolve every mention of a person, organisation or place in an article.

One pass over the normalised tokens finds spans, longest first at each position:
an organisation, place or office phrase; otherwise a person's whole name chain
(titles, then every name word up to where language data says the name ends: see
``chains``). A leading clitic (و ف ب ل ك, and لل for ل + ال) is read off a word
only when the word itself is not known and what remains is.

Each chain is resolved whole by the resolver, under the same patronymic rule as
``registry resolve``: a known name extended by unknown name words is another
person (عمر خليفة حفتر is not Khalifa). Only a family name may be followed by
words that are not part of the name (خليفة حفتر شريكا): they are dropped when
what remains names someone. Then document context (``context``) settles the
partial names (a bare family or given name, a kunya), citing the full mention
it relied on; an office phrase next to a name means that person; an ambiguous
organisation or place means whichever candidate the article names most.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Callable, Container, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field, replace
from functools import cache, cached_property
from typing import TYPE_CHECKING, Any, NamedTuple

from registry.match.resolver import Candidate, Resolution, Resolver
from registry.model.dates import When
from registry.names import translit
from registry.names.frequency import frequency
from registry.names.language import language
from registry.names.normalize import (
    NormalizedText,
    Token,
    Words,
    drop_medial_particles,
    name_tokens,
    normalize_text,
    token_lists,
)
from registry.names.vocabulary import default_vocabulary
from registry.text.chains import (
    LATIN_GAP,
    MAX_UNKNOWN_CHAIN,
    REPORTED_KINDS,
    Chain,
    ChainReader,
    ChainTitle,
    Document,
    is_latin,
)
from registry.text.context import Anchor, DocumentContext
from registry.text.dateline import ArticleDate, DateFinder
from registry.text.wordsets import family_words, person_words

if TYPE_CHECKING:
    from registry.model.schema import Month
    from registry.text.scanner import Scanner

# What may stand between an office and the name it describes (apposition).
_APPOSITION_GAP = re.compile(r"^[\s\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff،,]*$")
_LINE_GAP = re.compile(r"^[ \t\u00a0\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff\u0640]*$")
_APPOSITION_LINE_GAP = re.compile(r"^[ \t\u00a0\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff،,]*$")
MAX_PARENT_CHECK = 16  # contenders weighed with their parent body
_ENGLISH_ARTICLE = "the"  # "Abu Alaa, the prime minister": an office span starts after it
COUNTERPART_REACH = 12  # tokens from an office to the "counterpart" that repeats it
_SENTENCE_ENDS = (".", "!", "?", "؟", "\n")  # the counterpart's office is in its sentence
CACHE_LIMIT = 100_000  # memo entries before a memo is cleared (bounded memory)


def _adjacent(doc: Document, left: _Span, right: _Span, gap: re.Pattern[str]) -> bool:
    """Whether ``right`` follows ``left`` with only ``gap`` between them, or with
    the English article between them ("Abu Alaa, the prime minister": the
    office phrase starts after "the"), ``gap`` then standing before the article."""
    after = left.outer_last + 1
    if right.outer_first == after:
        return doc.joined(right.outer_first, gap)
    return (right.outer_first == after + 1 and doc.words[after] == _ENGLISH_ARTICLE
            and doc.joined(after, gap) and doc.joined(right.outer_first, _LINE_GAP))


@dataclass
class Mention:
    """One mention: its span in the original text and what it resolves to.

    ``text`` is the span: whole name words, without titles (listed in
    ``titles``) and without a leading clitic (in ``clitic``: the و of وحفتر).
    It is ``original[start:end]``, except after the ل of لل (ل + ال), where
    the article's unwritten alef is restored: للجيش gives ``الجيش`` with
    ``clitic`` ``ل`` and ``start`` at the second ل.
    ``candidates`` are the ids that fit equally well (several when ambiguous);
    ``scored`` holds the resolver's ranked candidates with names and scores.
    """

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
    name: str | None = None  # canonical name of the match
    scored: list[Candidate] = field(default_factory=list)
    clitic: str = ""

    def to_json(self, file: str | None = None) -> dict[str, Any]:
        """The documented JSON shape of ``registry annotate --json``: the fields of
        ``resolve --json`` (name, candidates, titles, explanation) plus the span."""
        order = {c: i for i, c in enumerate(self.candidates)}
        scored = sorted(self.scored, key=lambda c: (order.get(c.id, len(order)), -c.score))
        return {"file": file, "start": self.start, "end": self.end, "text": self.text,
                "clitic": self.clitic, "kind": self.kind, "type": self.type,
                "status": self.status, "id": self.id, "name": self.name,
                "score": self.score, "titles": self.titles,
                "candidates": [{"id": c.id, "name": c.name, "score": c.score}
                               for c in scored],
                "explanation": self.explanation}


def find_date_marker(text: str) -> dt.date | None:
    """The day of a ``date YYYY-MM-DD`` marker, a dateline or a date line (see
    ``registry.text.dateline``), if the article has one."""
    found = DateFinder(default_vocabulary().months).find(text)
    return None if found is None or found.date.day is None else found.date.earliest()


@dataclass
class Article:
    """An annotated article: its mentions, the date offices were read at, where
    that date came from, and warnings for the reviewer."""

    mentions: list[Mention]
    date: When | None
    date_source: str  # "given (--date)", the dateline or date line found, or "none found"
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


_UNREAD = _Reading("", 0)  # a word ``reading`` has not judged yet (memo default)
_TRAP, _ADJECTIVE = 1, 2  # kinds of trigger the skimming reader may pass over


@dataclass
class _Span:
    """A found span before and after resolution."""

    first: int  # token index
    last: int  # token index, inclusive
    skip: int  # clitic characters skipped in the first token
    kind: str
    titles: list[str]
    resolution: Resolution
    partial: bool = False  # one name word: settled by the article or not at all
    outer_first: int = -1  # first token including titles (for adjacency)
    offices: list[str] = field(default_factory=list)  # positions an office phrase names
    chain: Chain | None = None
    outer_skip: int = 0  # clitic characters before the titles
    query: str = ""  # a composed office phrase as resolved (to re-resolve in context)
    bare_office: bool = False  # an office head with no organisation named
    # last token including an office's trailing modifiers (وزير المالية السابق:
    # the span ends at المالية, a name after السابق is still beside it)
    outer_last: int = -1
    head: str | None = None  # an office phrase's head (what "نظيره" after it repeats)
    counterpart: bool = False  # "نظيره": someone other than the person named before it

    def __post_init__(self) -> None:
        if self.outer_first < 0:
            self.outer_first = self.first
        if self.outer_last < 0:
            self.outer_last = self.last


class AnnotateTables(NamedTuple):
    """What an annotator builds from every surface form of the registry
    (``Annotator.tables``), kept in a compiled store so that a store's first
    annotate reads it instead of passing over the whole index. The word sets
    hold only the words the index's token rows do not answer for (see
    ``wordsets``): person tokens, their article forms and family names are
    asked of the rows, so a million-entity store unpickles no set of millions."""

    phrases: dict[str, dict[str | None, list[tuple[str, ...]]]]
    known_extra: frozenset[str]  # known words that are no person token
    father_tokens: frozenset[str]
    trigger_extra: frozenset[str]  # triggers that are no person token, bare or with ال


class _Either:
    """Membership in any of several containers (the chain reader's phrase
    starts: phrase first words and office head first words), without copying."""

    def __init__(self, *parts: Container[str]) -> None:
        self.parts = parts

    def __contains__(self, word: object) -> bool:
        return any(word in part for part in self.parts)


class Annotator:
    """Mention finder over one registry's vocabulary."""

    def __init__(self, resolver: Resolver, months: Sequence[Month] | None = None,
                 tables: Callable[[], AnnotateTables] | None = None) -> None:
        """``tables``: this registry's tables built before (a compiled store's);
        built here from the index when None."""
        self.resolver = resolver
        self.dates = DateFinder(default_vocabulary().months if months is None else months)
        index = resolver.index
        self.person_tokens = index.person_tokens
        stored = self._stored = None if tables is None else tables()
        # Phrases by their first word, then by their second (a large registry has
        # hundreds of offices beginning رئيس or مدير).
        self.phrases: dict[str, dict[str | None, list[tuple[str, ...]]]] = {}
        for key in index.phrases if stored is None else ():
            tokens = tuple(key.split())
            second = tokens[1] if len(tokens) > 1 else None
            self.phrases.setdefault(tokens[0], {}).setdefault(second, []).append(tokens)
        for by_second in self.phrases.values():
            for options in by_second.values():
                options.sort(key=len, reverse=True)
        self.title_first = resolver.titles.first_tokens
        lang = language()
        self.offices = resolver.offices
        self.known: Container[str]
        if stored is None:
            self.known = (self.person_tokens | set(self.phrases) | self.title_first
                          | lang.distinct_names | self.offices.first_words)
        else:
            self.phrases = stored.phrases
            self.known = person_words(index, stored.known_extra)
        self.clitics = lang.all_proclitics
        self.chains = ChainReader(index, resolver.titles, self._ends_chain,
                                  _Either(self.phrases, self.offices.tables.heads_first),
                                  None if stored is None
                                  else (family_words(index), stored.father_tokens))
        self._readings: dict[str, _Reading | None] = {}
        self._passive_kinds: dict[str, int] = {}
        self._people_of: dict[int, tuple[list[str], list[str]]] = {}
        self._sets_of: dict[int, tuple[list[str], frozenset[str]]] = {}
        self._fits: dict[tuple[int, frozenset[str | None]], tuple[list[str], list[str],
                                                                   list[str]]] = {}
        self._resolutions: dict[tuple[str, When | None], Resolution] = {}
        self._chain_readings: dict[tuple[tuple[str, ...], tuple[str, ...], bool, When | None],
                                   tuple[Resolution, int, bool]] = {}

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
        if self.chains.idiom_entry(word) is not None:
            return None  # لصالح is "in favour of", not ل + صالح
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

    def _ends_chain(self, words: list[str], first: str, i: int) -> int:
        """Tokens of the phrase at ``i`` that ends a name chain: an organisation,
        place or office name, or an office composed from a head and a body (مشعل
        الأحمد | أمير الكويت: أمير is also a given name, so only the body after it
        makes it the office)."""
        n = self._phrase_len(words, first, i)
        if n or first not in self.offices.tables.heads_first:
            return n
        office = self.offices.read(words, i, first)
        return 0 if office is None or office.bare else office.end - i

    def _phrase_len(self, words: list[str], first: str, i: int) -> int:
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

    def find(self, doc: Document, day: When | None) -> list[_Span]:
        """Candidate spans, resolved without document context, reading every
        word (``skim`` reads only around triggers, with the same result)."""
        spans: list[_Span] = []
        i = 0
        while i < len(doc.words):
            i = self._step(doc, i, day, spans)
        return spans

    def _step(self, doc: Document, i: int, day: When | None, spans: list[_Span]) -> int:
        """Read at token ``i``: add the span found there, if any, to ``spans``;
        the token to read next."""
        words = doc.words
        read = self.reading(words[i])
        if read is None and self.chains.inert(doc, i):
            return i + 1  # most words the skimming reader passes on its way
        # 1. an organisation, place or office phrase (offices composed from
        # head + body, match/offices.py; the longer reading wins)
        n = self._phrase_len(words, read.text, i) if read and read.text in self.phrases else 0
        office = (self.offices.read(words, i, read.text)
                  if read and read.text in self.offices.first_words else None)
        # An office nobody holds never beats a registry phrase (رئيس المخابرات
        # المصرية, an alias, before مدينة بنغازي that no office of it fits).
        if (read and office is not None and (office.length >= n if office.positions else not n)
                and all(doc.joined(k) or (words[k].isascii() and doc.joined(k, LATIN_GAP))
                        for k in range(i + 1, office.end))):  # Latin: Qatar's emir
            query = " ".join([read.text, *words[i + 1 : office.end]])
            head = office.head or next(
                (h for p in office.positions for h in self.offices.heads_of(p)), None)
            deputy = self._deputy_before(doc, i)
            if deputy >= 0:  # نائب رئيس الوزراء: the deputy's job, not the holder's
                spans.append(self._deputy_span(doc, i, deputy, office.core_end - 1, query))
                return office.end
            spans.append(_Span(i, office.core_end - 1, read.skip, "role", [],
                               self.resolve(query, day), offices=list(office.positions),
                               outer_skip=read.skip, query=query,
                               bare_office=office.bare, outer_last=office.end - 1, head=head))
            return office.end
        if read and (read.text in self.offices.words.counterparts or (
                i + 1 < len(words) and words[i + 1] in self.offices.words.counterparts
                and is_latin(read.text))):  # نظيره العماني; his Omani counterpart
            counterpart = self._counterpart(doc, i, read, day, spans)
            if counterpart is not None:
                spans.append(counterpart)
                return counterpart.last + 1
        if read and n and all(doc.joined(k) for k in range(i + 1, i + n)):
            query = " ".join([read.text, *words[i + 1 : i + n]])
            res = self.resolve(query, day)
            offices = self.resolver.index.offices(query)
            kind = "role" if res.kind == "role" or offices else "name"
            spans.append(_Span(i, i + n - 1, read.skip, kind, [], res, offices=offices,
                               outer_skip=read.skip))
            return i + n
        # 2. a person's name chain, with its titles
        found = (self.chains.chain_at(doc, i, read.text, read.skip) if read and read.skip
                 else self.chains.chain_at(doc, i))
        if isinstance(found, int):
            # Words the chain reader passed over as titles or descriptors with no
            # name after them may start an office: "the former Saudi foreign
            # minister" (former is a descriptor to the chain reader).
            for k in range(i + 1, found):
                passed = self.reading(words[k])
                if passed is not None and passed.text in self.offices.first_words:
                    return k
            return max(found, i + 1)
        if found.after_place_word:
            return found.last + 1  # شارع حفتر: a street, not the man
        span = self._resolve_chain(found, day)
        if span.resolution.status != "unknown" or found.titles or (
                len(found.words) > 1 and self.chains.given_word(found.words[0])):
            # An unknown untitled run is reported only when it reads as a
            # name (given name first: بلقاسم حفتر), not "حلق صقر" (a falcon flew).
            spans.append(span)
        return span.last + 1

    def _deputy_before(self, doc: Document, i: int) -> int:
        """The clitic length of a deputy word (data/offices.yaml ``deputies``:
        نائب, مساعد, deputy) right before the office phrase at ``i``, bare or
        behind a clitic (ونائب); -1 when there is none."""
        if i == 0 or not doc.joined(i):
            return -1
        word = doc.words[i - 1]
        deputies = self.offices.words.deputies
        if word in deputies:
            return 0
        return next((len(clitic) for clitic in self.clitics
                     if word.startswith(clitic) and word[len(clitic):] in deputies), -1)

    def _deputy_span(self, doc: Document, i: int, skip: int, last: int, office: str) -> _Span:
        """A deputy's office phrase (نائب محافظ البنك المركزي): a role mention of
        nobody the registry holds. The office after the deputy word names the
        deputy's superior, so it is never given to that office's holder; a name
        in apposition may still settle it (apply_context)."""
        deputy = doc.words[i - 1][skip:]
        query = f"{deputy} {office}"
        res = Resolution(query, "unknown", None, None, 0.0, type="person", kind="role",
                         explanation=[f"office: '{deputy}' before '{office}': the deputy's "
                                      "job, not the holder's, and the registry holds no "
                                      "such position"])
        return _Span(i - 1, last, skip, "role", [], res, outer_skip=skip, query=query)

    def _counterpart(self, doc: Document, i: int, read: _Reading, day: When | None,
                     spans: list[_Span]) -> _Span | None:
        """"His counterpart" and a country (التقى وزير الخارجية المصري نظيره
        الأردني): the head of the nearest office phrase before it, a few words
        back on the same line, with that country: read as that office."""
        words = doc.words
        # the country's word: after نظيره, before "counterpart"
        country = i if is_latin(read.text) else i + 1
        if i + 1 >= len(words) or not doc.joined(i + 1) or not self.offices.qualifies(
                words[country]):
            return None
        before = next((s for s in reversed(spans) if s.kind == "role" and s.head), None)
        if before is None or i - before.outer_last > COUNTERPART_REACH:
            return None
        gap = doc.nt.original[slice(*doc.nt.original_span(doc.ends[before.outer_last],
                                                          doc.starts[i]))]
        if any(mark in gap for mark in _SENTENCE_ENDS):
            return None
        assert before.head is not None
        tokens = [*self.offices.words.heads[before.head].forms[0], words[country]]
        reading = self.offices.read(tokens, 0, tokens[0])
        if reading is None or reading.end != len(tokens):
            return None  # read as an office or not at all: never as a name
        query = " ".join(tokens)
        res = self.resolve(query, day)
        res = replace(res, explanation=[
            f"counterpart: '{' '.join(words[i : i + 2])}' after the office at token {before.first} "
            f"(head {before.head}), read as '{query}'", *res.explanation])
        return _Span(i, i + 1, read.skip, "role", [], res, offices=list(res.offices),
                     outer_skip=read.skip, query=query, head=before.head, counterpart=True)

    # -- skimming ------------------------------------------------------------------

    @cached_property
    def scanner(self) -> Scanner:
        """The trigger words, gathered on the first annotate (not when the
        registry is opened: lookups never need them)."""
        from registry.text.scanner import Scanner

        article = language().definite_article
        if self._stored is not None:
            return Scanner(person_words(self.resolver.index, self._stored.trigger_extra, article),
                           self.clitics, self._joiners, self.chains.is_boundary, article)
        index = self.resolver.index
        person = set(index.person_tokens)
        assert isinstance(self.known, AbstractSet)  # built in memory (no stored tables)
        words = set(self.known) | self.title_first | self.chains.words.honorifics
        words |= language().compound_prefixes  # عبد الله is one token, عبدالله
        for token in person:  # a chain word is a name word with or without ال
            words.add(article + token)
            if token.startswith(article):
                words.add(token[len(article):])
        return Scanner(words, self.clitics, self._joiners, self.chains.is_boundary, article)

    def tables(self) -> AnnotateTables:
        """Everything this annotator builds from the whole registry on first
        use, built now (``core.write_store`` keeps it in a compiled store),
        less what the index's token rows answer (``wordsets``)."""
        assert isinstance(self.known, AbstractSet) and isinstance(self.scanner.words, frozenset), \
            "tables are built from a registry in memory, not read from a store"
        person = frozenset(self.resolver.index.person_tokens)
        article = language().definite_article
        triggers = {word for word in self.scanner.words if word not in person and not (
            word.startswith(article) and word[len(article):] in person)
            and article + word not in person}
        return AnnotateTables(self.phrases, frozenset(self.known - person),
                              frozenset(self.chains.father_tokens), frozenset(triggers))

    @cached_property
    def _joiners(self) -> frozenset[str]:
        latin = translit.tables()
        return (language().compound_prefixes | latin.compound_prefixes | latin.articles
                | latin.sun_articles)

    def skim(self, nt: NormalizedText, day: When | None) -> tuple[Document, list[_Span]]:
        """What ``find`` finds, reading only from the last stop word before each
        trigger to past its mention (see ``scanner``); the document holds all
        the article's tokens, as ``find``'s does."""
        doc = Document(nt, token_lists(nt.text))
        words = doc.words
        stop = self.scanner.stop_word
        passive = self._passive_kinds
        spans: list[_Span] = []
        i = 0
        for trigger in self.scanner.triggers(nt.text, Words(words, doc.starts, doc.ends)):
            if trigger < i:
                continue  # read already, inside a mention
            kind = passive.get(words[trigger])
            if kind is None:
                kind = self._passive_kind(words[trigger])
            if kind and self._passive(doc, trigger, kind, stop):
                continue  # على, or الليبي after الجيش: starts nothing, ends any chain
            sync = trigger - 1
            while sync >= i and not stop(words[sync]):
                sync -= 1
            if sync >= i:
                i = sync + 1  # from i to the stop word, the reader would find nothing
            while i < trigger:  # words before the trigger: no registry word
                nxt = self._plain_step(doc, i, trigger)
                i = self._step(doc, i, day, spans) if nxt < 0 else nxt
            if i == trigger:
                i = self._step(doc, i, day, spans)
        return doc, spans

    def _passive(self, doc: Document, k: int, kind: int, stop: Callable[[str], bool]) -> bool:
        """Whether the trigger at ``k`` (of ``_passive_kind`` ``kind``) may be
        passed over by the skimming reader: ``_step`` there would find nothing
        and go on at ``k + 1``, and no chain read from a word before it can take
        it in. Two such words, each reading as itself (no clitic read off):
        - a folding trap spelled as the function word (على), which starts no
          phrase, office or title here: it is never a name word;
        - a known name word read as a nationality adjective agreeing with the
          noun before it (الجيش الليبي), when that noun is a stop word: no
          chain reaches it from before (``ChainReader.chain_at`` reads it so
          from wherever reading starts)."""
        if kind == _TRAP:
            return self.chains.function_word(doc, k)
        return (k > 0 and stop(doc.words[k - 1])
                and self.chains.agrees_with_noun(doc, k, doc.words[k], False))

    def _passive_kind(self, word: str) -> int:
        """What ``_passive`` may find a trigger word to be, from the word alone
        (memoised): ``_TRAP``, ``_ADJECTIVE`` (a known name word of the shape of
        a nationality adjective) or 0 (neither: it is read)."""
        if len(self._passive_kinds) >= CACHE_LIMIT:
            self._passive_kinds.clear()
        read = self.reading(word)
        chains = self.chains
        kind = 0
        if ((read is None or read.skip == 0) and word not in self.phrases
                and word not in self.offices.first_words
                and not chains.may_open_title(word) and not is_latin(word)):
            if word in chains.words.traps:
                kind = _TRAP
            elif chains.known_person_word(word) and chains.adjective_shaped(word):
                kind = _ADJECTIVE
        self._passive_kinds[word] = kind
        return kind

    def _plain_step(self, doc: Document, i: int, trigger: int) -> int:
        """``_step`` at a word before the next trigger, from the per-word memos
        alone when the chain read there ends before the trigger (see
        ``ChainReader.plain_end``); -1 when ``_step`` must read it."""
        readings = self._readings
        if readings.get(doc.words[i], _UNREAD) is not None:
            return -1  # a word with a reading (or never read): phrases, offices
        end = self.chains.plain_end(doc, i, trigger)
        if end > i + 1 and any(readings.get(w, _UNREAD) is not None
                               for w in doc.words[i + 1:end]):
            return -1  # _step would look for an office start among them
        return end

    def _resolve_chain(self, chain: Chain, day: When | None) -> _Span:
        """The chain's span, resolved as ``_read_chain`` reads its words."""
        reported = bool(chain.titles) and not {t.kind for t in chain.titles}.isdisjoint(
            REPORTED_KINDS)
        key = (tuple(chain.evidence_words), tuple(chain.words), reported, day)
        reading = self._chain_readings.get(key)
        if reading is None:
            if len(self._chain_readings) >= CACHE_LIMIT:
                self._chain_readings.clear()
            reading = self._chain_readings[key] = self._read_chain(
                chain.evidence_words, chain.words, reported, day)
        res, kept, partial = reading
        return _Span(chain.first, chain.first + kept - 1, chain.skip, "name",
                     [t.surface for t in chain.titles], res, partial=partial,
                     outer_first=chain.outer_first, chain=chain, outer_skip=chain.outer_skip)

    def _read_chain(self, evidence: list[str], words: list[str], reported: bool,
                    day: When | None) -> tuple[Resolution, int, bool]:
        """Resolve a chain's words whole; only words after a family name that
        cannot be a nisba (no article) may be dropped, when what remains names
        someone. (resolution, name words kept, partial). Memoised by the
        caller: it depends on the words, the title evidence and the day alone,
        never on the article around them (that is ``apply_context``'s part)."""
        all_words = words
        res = self.resolve(" ".join(evidence + words), day)
        kept = len(words)
        if res.status == "unknown" and len(words) > 1:
            for stop in range(len(words) - 1, 0, -1):
                after = words[stop]  # the first word after a family name decides
                family = words[stop - 1]
                # a house name (آل مرزوق) ends a name like a family word does
                house = stop >= 2 and words[stop - 2] == language().house_particle
                if (not (house or self.chains.family_word(family))
                        or self.chains.nisba_shaped(after)
                        or self.chains.known_person_word(after)
                        or after in frequency().given_only  # عباس زكي: another man
                        or self.chains.starts_compound(words, stop)):
                    continue
                if stop == 1 and (self.chains.given_word(family) or self.chains.definite(after)
                                  or is_latin(family)):
                    # خليفة الغويل: خليفة starts a name here, it does not end one. In
                    # Latin script capitals mark the name words: "Ali Salem" is a
                    # man's name, not Ben Ali's "Ali" and a stray word
                    continue
                shorter = self.resolve(" ".join(evidence + words[:stop]), day)
                if shorter.status != "unknown":
                    res, words, kept = shorter, words[:stop], stop
                    res = replace(res, explanation=[
                        *res.explanation, "chain: after the family name "
                        f"'{words[-1]}' the words '{' '.join(all_words[stop:])}' "
                        "are not a name (no article, not a registry name)"])
                    break
        if res.status == "unknown" and kept == len(all_words):
            stop = self._object_start(words)
            before = self.resolve(" ".join(evidence + words[:stop]), day) if stop else None
            if before is not None and before.status == "matched":
                res, words, kept = before, words[:stop], stop
                res = replace(res, explanation=[
                    *res.explanation, f"chain: '{' '.join(all_words[stop:])}' is an object "
                    "after the name (an indefinite accusative, not a registry name)"])
        if res.status == "unknown" and kept == len(all_words):
            kept = self._name_end(words)
            words = words[:kept]
        if res.status == "unknown" and reported:
            res = replace(res, type="person")  # a titled person to review
        name_words = drop_medial_particles(words)
        # One name word is partial, unless it is a name that identifies alone
        # (an identifying nickname or called-by name such as حميدتي).
        partial = len(name_words) == 1 and not (res.status == "matched" and res.alone)
        return res, kept, partial

    def _object_start(self, words: list[str]) -> int:
        """Where an object starts after a name the resolver did not know whole:
        the first word past the first that is an indefinite accusative (no
        article, ending in the accusative alef: مدربا، معرضا), no registry name
        word, no given name (تعيين حسام حسن مدربا: Hossam Hassan, appointed
        coach). 0 when there is none; only a shorter chain that is matched
        outright is kept."""
        ending = self.chains.words.accusative_ending
        if not ending:
            return 0
        for stop in range(1, len(words)):
            word = words[stop]
            if (len(word) >= 4 and word.endswith(ending) and not self.chains.definite(word)
                    and not self.chains.known_person_word(word)
                    and not self.chains.given_word(word)
                    and not self.chains.starts_compound(words, stop)):
                return stop
        return 0

    def _name_end(self, words: list[str]) -> int:
        """Where an unknown chain's name ends: after the last family name that an
        indefinite, non-name word follows (بلقاسم خليفة حفتر صورة), else its end."""
        for stop in range(len(words) - 1, 1, -1):
            after = words[stop]
            if (self.chains.family_word(words[stop - 1]) and not self.chains.definite(after)
                    and not self.chains.known_person_word(after)
                    and not self.chains.given_word(after)
                    and not self.chains.starts_compound(words, stop)):
                return stop
        return len(words)

    # -- document context --------------------------------------------------------

    def apply_context(self, spans: list[_Span], doc: Document,
                      day: When | None = None) -> list[_Span]:
        """Settle partial names, offices and ambiguous bodies using the article."""
        for n, span in enumerate(spans):
            if span.kind == "name" and span.resolution.status != "matched":
                self._name_from_office(spans, n, doc)
        anchors = []
        counts: Counter[str] = Counter()
        first_seen: dict[str, int] = {}
        for n, span in enumerate(spans):
            res = span.resolution
            if (res.status == "matched" and span.kind == "name" and not span.partial
                    and res.type == "person" and res.id and not (
                        span.chain and not span.chain.latin and self._unconfirmed_typo(res))):
                start, end = self._offsets(doc, span)
                anchors.append(Anchor(res.id, start, end, doc.nt.original[start:end]))
            named = []
            if res.status == "matched" and span.kind == "name" and not span.partial:
                named.append(res.id)
            # An office names its organisation too (القائد العام للقوات المسلحة الليبية).
            # A bare head (وزير الدفاع) names none: its offices are only candidates.
            organizations = {self.resolver.entities[p].organization for p in span.offices}
            if len(organizations) == 1 and not span.bare_office:
                named.extend(organizations)
            for entity_id in named:
                if entity_id:
                    counts[entity_id] += 1
                    first_seen.setdefault(entity_id, n)
        context = DocumentContext(doc.nt.original, anchors)
        foreign = cache(lambda: self.offices.foreign_mentions(doc.nt.text))
        kept = []
        for n, span in enumerate(spans):
            res = span.resolution
            if span.kind == "role":
                if not self._settle_office(spans, n, doc, day) and res.status != "matched":
                    self._office_from_context(span, counts, day, foreign)
            elif (span.kind == "name" and span.chain and not span.chain.latin
                  and self._unconfirmed_typo(res)):  # Latin spellings vary by nature
                self._confirm_typo(span, context)
            elif span.kind == "name" and self._is_person_question(span):
                if not self._settle_person(span, context, doc, day):
                    continue
            elif span.kind == "name" and res.status == "ambiguous":
                best = self._best_in_article(res.contenders, counts, first_seen)
                if best is not None:
                    self._settle(span, best, "document context: the article names "
                                 f"{best} (or what it belongs to) most")
            kept.append(span)
        return kept

    @staticmethod
    def _unconfirmed_typo(res: Resolution) -> bool:
        """A person matched only by reading a word as a typo, with no title or
        office evidence: in running text the word is often a real other name
        (الشرعي is not الشرع)."""
        return (res.status == "matched" and res.type == "person"
                and any(line.startswith("typo:") for line in res.explanation)
                and not any(line.startswith("evidence:") for line in res.explanation))

    def _confirm_typo(self, span: _Span, context: DocumentContext) -> None:
        """Keep a typo reading only when the article names that person without
        one; otherwise offer the person as a candidate, not an answer."""
        res = span.resolution
        confirmed = next((a for a in context.anchors if a.entity_id == res.id), None)
        if confirmed is not None:
            span.resolution = replace(res, explanation=[
                *res.explanation, "document context: the typo reading is confirmed by "
                + confirmed.cite()])
            return
        span.resolution = replace(res, status="ambiguous", id=None, name=None,
                                  explanation=[*res.explanation, "ambiguous: read only through "
                                               "a typo, and the article names nobody it could "
                                               "correct to"])

    def _is_person_question(self, span: _Span) -> bool:
        """A partial person name, or a full one that fits several people."""
        res = span.resolution
        if span.chain is None:
            return False
        if span.partial:
            return True
        # all people: the memoised people among them are all of them
        return (res.status == "ambiguous"
                and len(self._people(res.contenders)) == len(res.contenders))

    def _settle_person(self, span: _Span, context: DocumentContext, doc: Document,
                       day: When | None = None) -> bool:
        """Decide a partial or ambiguous person name through the article; False
        when the span should not be reported at all (a lone untitled word that
        the article never confirms may not be a name: صقر is also "falcon")."""
        res = span.resolution
        chain = span.chain
        assert chain is not None
        if (chain.latin and span.partial and not chain.titles
                and any(line.startswith("typo:") for line in res.explanation)):
            # One capitalised word reached only by mending a letter (Paris read
            # as عباس) is another name, a place or a word, not a slip for the man
            # the article names: edited wire copy spells his name as it did.
            return False
        people = self._people(res.contenders)
        eligible, ruled_out = self._title_fit(people, chain.titles)
        wanted = self._as_set(eligible)
        if (not chain.titles and span.partial and res.type in (None, "person")
                and not context.names_any(wanted)):
            return False  # decided below the same way: no full mention, nothing to report
        start, _ = self._offsets(doc, span)
        decision = context.decide(start, wanted)
        notes = [decision.explanation]
        if ruled_out:
            notes.insert(0, "title " + ", ".join(t.surface for t in chain.titles)
                         + " rules out " + ", ".join(ruled_out) + " (never held by them)")
        if len(decision.ids) == 1:
            self._settle(span, decision.ids[0], "; ".join(notes))
            return True
        if decision.ids:
            self._ambiguous(span, decision.ids, notes)
            return True
        if not chain.titles and span.partial and res.type in (None, "person"):
            return False
        if res.status == "matched" and span.partial and self._reigning(span, day):
            assert res.id is not None
            notes.append(f"title: {res.id} is the one candidate reigning on {day} "
                         "(a reigning title names its holder without a full mention)")
            span.resolution = replace(res, explanation=[*res.explanation, *notes])
        elif res.status == "matched" and span.partial:
            self._ambiguous(span, eligible or people, notes)
        elif ruled_out and res.status != "unknown" and not eligible:
            span.resolution = replace(res, status="unknown", id=None, name=None, type="person",
                                      contenders=[], explanation=[*res.explanation, *notes])
        else:
            span.resolution = replace(res, explanation=[*res.explanation, *notes])
        return True

    def _reigning(self, span: _Span, day: When | None) -> bool:
        """Whether a matched lone name carries a reigning title (chains.yaml) that
        its person holds on the article's date (the resolver chose him as the
        only candidate with that evidence)."""
        res, chain = span.resolution, span.chain
        if day is None or chain is None or res.id is None:
            return False
        reigning = {t.title_id for t in chain.titles} & self.chains.words.reigning_titles
        return bool(reigning) and bool(reigning & self.resolver.timeline.titles_held(
            self.resolver.entities[res.id], day))

    def _title_fit(self, people: list[str], titles: list[ChainTitle]
                   ) -> tuple[list[str], list[str]]:
        """Candidates a mention's titles allow, and those they rule out: a rank
        or office title that the person never held names someone else. An
        honorific of the vocabulary (الشيخ, الدكتور) is a style registries rarely
        record: it rules out only people recorded with a military rank, who are
        addressed by it (الشيخ صدام is not the general), never a ruler or a
        minister the registry holds without it (الشيخ تميم after تميم بن حمد آل
        ثاني in full). Courtesies such as السيد rule out nobody."""
        telling = [t for t in titles if t.kind not in ("rank-qualifier", "descriptor")
                   and t.key not in self.chains.words.courtesy_titles]
        if not telling:
            return people, []  # none, or only descriptors (strongman) and courtesies
        ids = {t.title_id for t in telling if t.title_id}
        if len(ids) < len(telling):
            return [], people  # an honorific no registry person is recorded holding
        key = (id(people), frozenset(ids))
        known = self._fits.get(key)
        if known is not None and known[0] is people:
            return known[1], known[2]
        timeline = self.resolver.timeline
        styles_only = all(t.kind == "honorific" for t in telling)
        ranks = self._military_ranks
        eligible: list[str] = []
        ruled_out: list[str] = []
        asked = ids | ranks if styles_only else ids
        for person_id in people:  # from the holders kept per title: no entity read
            held = timeline.titles_ever_held(person_id, asked)
            fits = bool(ids & held) or (styles_only and held.isdisjoint(ranks))
            (eligible if fits else ruled_out).append(person_id)
        if len(self._fits) >= CACHE_LIMIT:
            self._fits.clear()
        self._fits[key] = (people, eligible, ruled_out)
        return eligible, ruled_out

    @cached_property
    def _military_ranks(self) -> frozenset[str]:
        """Ids of the vocabulary's military ranks."""
        return frozenset(t.id for t in self.resolver.titles.by_id.values()
                         if t.kind == "military-rank")

    def _people(self, contenders: list[str]) -> list[str]:
        """The people among a resolution's contenders (shared, never mutate).
        Memoised per contenders list: resolutions are memoised, and a bare
        family name in a large registry has hundreds of contenders, whose types
        come from the name index's person rows, read in one query, not from
        each contender's whole entity (a store would unpickle every one)."""
        known = self._people_of.get(id(contenders))
        if known is not None and known[0] is contenders:
            return known[1]
        persons = self.resolver.index.person_names(contenders)
        people = [c for c in contenders if c in persons]
        if len(self._people_of) >= CACHE_LIMIT:
            self._people_of.clear()
        self._people_of[id(contenders)] = (contenders, people)  # holds it: ids stay unique
        return people

    def _as_set(self, ids: list[str]) -> frozenset[str]:
        """``ids`` as a set, memoised per list: the lists come from the memos
        above (shared, never mutated), so each is turned into a set once."""
        if not ids:
            return frozenset()
        known = self._sets_of.get(id(ids))
        if known is not None and known[0] is ids:
            return known[1]
        out = frozenset(ids)
        if len(self._sets_of) >= CACHE_LIMIT:
            self._sets_of.clear()
        self._sets_of[id(ids)] = (ids, out)  # holds the list: its id stays unique
        return out

    def _ambiguous(self, span: _Span, ids: list[str], notes: list[str]) -> None:
        res = span.resolution
        span.resolution = replace(res, status="ambiguous", id=None, name=None, type="person",
                                  contenders=list(ids),
                                  explanation=[*res.explanation, *notes])

    def _span_text(self, doc: Document, span: _Span, written: str) -> str:
        """The span as a word without its clitic: after لل (ل + ال, the article's
        alef not written) the alef is restored, so للجيش gives الجيش, not لجيش."""
        word = doc.words[span.first]
        if span.skip and word[span.skip - 1] == "ل" and word[span.skip:span.skip + 1] == "ل":
            read = self.reading(word)
            if read is not None and read.text == "ا" + word[span.skip:]:
                return "ا" + written
        return written

    def _offsets(self, doc: Document, span: _Span) -> tuple[int, int]:
        start_norm = doc.starts[span.first] + span.skip
        return doc.nt.original_span(start_norm, doc.ends[span.last])

    def _best_in_article(self, contenders: list[str], counts: Counter[str],
                         first_seen: dict[str, int]) -> str | None:
        """The contender the article is about: named most often (itself, or for an
        organisation or place also the body it is part of), then named first."""
        def weight(entity_id: str) -> int:
            parent = self.resolver.entities[entity_id].part_of
            return counts[entity_id] + (counts[parent] if parent else 0)

        # Few entities are named in an article, many may share a name: look at
        # the named ones; the parent rule is for a handful of bodies.
        pool = contenders if len(contenders) <= MAX_PARENT_CHECK else \
            [c for c in counts if c in set(contenders)]
        ranked = sorted((c for c in pool if weight(c) > 0),
                        key=lambda c: (-weight(c), first_seen.get(c, len(first_seen))))
        if not ranked or (len(ranked) > 1 and weight(ranked[0]) == weight(ranked[1])
                          and ranked[0] not in first_seen and ranked[1] not in first_seen):
            return None
        return ranked[0]

    def _settle_office(self, spans: list[_Span], n: int, doc: Document,
                       day: When | None) -> bool:
        """An office phrase in apposition to a name (either order) means that
        person: the name decides. A name the office's holders agree with wins;
        else a name joined by a space alone decides even against the registry,
        and the explanation says the person is not recorded in the office then.
        Whether it settled the span."""
        span = spans[n]
        contenders = set(span.resolution.contenders)
        options: list[tuple[int, str]] = []  # (preference, person id; "" for an unknown)
        unknown = ""  # the unknown name beside the office, as written
        # "His counterpart" is never the man named just before it (the subject).
        for m in (n + 1,) if span.counterpart else (n + 1, n - 1):
            if not 0 <= m < len(spans):
                continue
            other = spans[m]
            if other.kind != "name":
                continue
            left, right = (span, other) if m > n else (other, span)
            if not _adjacent(doc, left, right, _APPOSITION_GAP):
                continue
            # Against the registry only a close apposition decides: spaces on one
            # line (or a comma after the name), and no conjunction or preposition
            # on the office (خليفة حفتر ورئيس المخابرات is two people).
            tight = (_adjacent(doc, left, right, _LINE_GAP if m > n
                               else _APPOSITION_LINE_GAP) and span.skip == 0)
            if other.resolution.status != "matched":
                if tight and self._someone_else(other, contenders):
                    start, end = self._offsets(doc, other)
                    unknown = doc.nt.original[start:end]
                    options.append((2, ""))
                continue
            person = other.resolution.id
            assert person is not None
            if person in contenders:
                options.append((0, person))
            elif tight and other.resolution.type == "person":
                options.append((1, person))
        unread = self._unread_name_beside(doc, span, spans[n - 1] if n else None,
                                          spans[n + 1] if n + 1 < len(spans) else None)
        if not options and unread is not None:
            start, end = doc.starts[unread[0]], doc.ends[unread[1]]
            unknown = doc.nt.original[slice(*doc.nt.original_span(start, end))]
            options.append((2, ""))
        if not options:
            return False
        rank, person = min(options)
        if not person:
            span.resolution = replace(
                span.resolution, status="unknown", id=None, name=None, score=0.0,
                contenders=[], explanation=[
                    *span.resolution.explanation,
                    f"apposition: next to the name '{unknown}', whom the registry does not "
                    "record in this office; the name decides, so the office is not "
                    "given to its recorded holder"])
            return True
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

    def _someone_else(self, name: _Span, holders: set[str]) -> bool:
        """Whether an unresolved name chain (unknown, or ambiguous among people
        who hold none of the office's positions) names a person other than the
        office's holders: a whole name of two words or more, given name first,
        with no word of any holder's name (a chain that ran one word too far,
        'مصطفى مدبولي خطابا', still names the holder)."""
        chain = name.chain
        res = name.resolution
        if chain is None or len(chain.words) < 2 or name.partial:
            return False
        if res.status == "ambiguous" and set(res.contenders) & holders:
            return False
        if chain.latin:
            # English copy: capitals mark the name; it is someone else when no
            # word of it spells a word of a holder's name, Arabic or English
            # (Nuri al-Maliki, an unlisted spelling, is still the holder)
            return not any(self._latin_holder_word(word, holder)
                           for holder in holders for word in chain.words)
        if not self.chains.given_word(chain.words[0]):
            return False
        words = set(chain.words)
        for holder in holders:
            entity = self.resolver.entities[holder]
            if words & set(name_tokens(entity.name.ar)):
                return False
        return True

    def _latin_name_after(self, doc: Document, office: _Span, after: _Span | None,
                          holders: set[str]) -> tuple[int, int] | None:
        """English copy: the tokens (first, last) of a run of two or more
        capitalised name words right after the office, with a space or a comma
        ("Former Iraqi prime minister Haider al-Abadi", "Iraq's prime minister,
        Haider al-Abadi,"), that the chain reader did not report and none of
        whose words spells a word of a holder's name (a reading within
        max_cost, no typo: a typo reading lets Badr spell الباعور). None when
        there is none."""
        k = office.outer_last + 1
        if (k >= len(doc.words) or (after is not None and after.outer_first <= k)
                or not doc.joined(k, _APPOSITION_LINE_GAP)):
            return None
        end = k
        while (end < len(doc.words) and end - k < MAX_UNKNOWN_CHAIN
               and (end == k or doc.joined(end, LATIN_GAP))
               and self.chains.latin_name_word(doc, end, end == k)):
            end += 1
        if end - k < 2 or any(self._latin_holder_word(word, holder)
                              for holder in holders for word in doc.words[k:end]):
            return None
        return k, end - 1

    def _latin_holder_word(self, word: str, holder: str) -> bool:
        """Whether a Latin word spells a word of ``holder``'s Arabic or English name."""
        entity = self.resolver.entities[holder]
        if word in name_tokens(entity.name.en or ""):
            return True
        return any(translit.reading_cost(token, word) != float("inf")
                   for token in name_tokens(entity.name.ar))

    def _unread_name_beside(self, doc: Document, office: _Span, before: _Span | None,
                            after: _Span | None) -> tuple[int, int] | None:
        """The tokens (first, last) of a name the chain reader did not report,
        in close apposition to the office phrase, either order (وزير الخارجية
        المصري نبيل فهمي / نبيل فهمي، وزير الخارجية المصري: none of its words is a
        registry name word): a listed given name and the name words after it,
        none of them a word of a holder's name. None when there is none."""
        words = doc.words
        if office.skip or office.outer_skip:
            return None
        holders = set(office.resolution.contenders) | (
            {office.resolution.id} if office.resolution.id else set())
        if is_latin(words[office.first]):
            return self._latin_name_after(doc, office, after, holders)
        own = {w for h in holders for w in name_tokens(self.resolver.entities[h].name.ar)}
        k = office.outer_last + 1  # after: a given name, then one name word
        if (k + 1 < len(words) and (after is None or after.outer_first > k + 1)
                and doc.joined(k, _LINE_GAP) and doc.joined(k + 1)
                and self.chains.given_word(words[k])
                and self.chains.arabic_name_word(doc, k + 1, False)
                and not {words[k], words[k + 1]} & own):
            return k, k + 1
        end = office.outer_first - 1  # before: name words back to a given name
        if (end < 1 or office.counterpart or (before is not None and before.last >= end - 1)
                or not doc.joined(office.outer_first, _APPOSITION_LINE_GAP)):
            return None
        first = end
        while (first > 0 and end - first < MAX_UNKNOWN_CHAIN and doc.joined(first)
               and self.chains.arabic_name_word(doc, first, False)):
            first -= 1
        for start in range(first, end):
            if (self.chains.given_word(words[start])
                    and all(self.chains.arabic_name_word(doc, j, False)
                            for j in range(start + 1, end + 1))
                    and not set(words[start:end + 1]) & own):
                return start, end
        return None

    def _name_from_office(self, spans: list[_Span], n: int, doc: Document) -> None:
        """A name that alone needs evidence (محمد مصطفى: two very common names),
        in close apposition to an office phrase (رئيس الوزراء محمد مصطفى, either
        order): the office is that evidence when exactly one of the name's
        candidates holds one of the office's positions on the date, as a title
        held is in a query."""
        span = spans[n]
        res = span.resolution
        if span.chain is None:
            return
        people = set(res.contenders) | ({res.id} if res.id else set())
        held: set[str] = set()
        for m in (n - 1, n + 1):
            if not 0 <= m < len(spans) or spans[m].kind != "role":
                continue
            if spans[m].counterpart and m > n:
                continue  # "X نظيره العماني": the counterpart is not X
            other = spans[m]
            if other.bare_office and span.last == span.first:
                # الوزير الأول محمد: a bare office is any country's, and one
                # given name any man's; the registry's one prime minister
                # called محمد is not evidence enough
                continue
            left, right = (other, span) if m < n else (span, other)
            if _adjacent(doc, left, right, _APPOSITION_LINE_GAP) and right.skip == 0:
                office = other.resolution
                held |= people & (set(office.contenders) | ({office.id} if office.id else set()))
        if len(held) == 1:
            person = held.pop()
            self._settle(span, person, f"apposition: an office {person} holds on the date "
                         "stands next to the name")
            span.partial = False

    def _office_from_context(self, span: _Span, counts: Counter[str], day: When | None,
                             foreign: Callable[[], int]) -> None:
        """A bare office (وزير الدفاع) or one several offices share: the one
        whose organisation or country the article names most, if one does.

        A bare office is any country's: when the article names a country the
        registry holds no place for (ليبيا in an article read against a Sudan
        registry) more than twice as often (``foreign``: how many words name
        one), the office may be that country's, and stays unsettled. Twice: a
        sentence names the countries it is about (قال وزير الخارجية إن الرياض لن
        تطبع مع إسرائيل قبل قيام دولة فلسطينية is Riyadh's minister)."""
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
        if span.bare_office and foreign() > 2 * best:
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
            score=score, contenders=[entity_id], explanation=[*res.explanation, why])

    # -- the whole article -------------------------------------------------------

    def annotate(self, text: str, date: When | None = None) -> list[Mention]:
        """Every mention, resolved as of ``date``, else the article's own date."""
        return self.annotate_article(text, date).mentions

    def annotate_article(self, text: str, date: When | None = None, *,
                         skim: bool = True) -> Article:
        """Mentions with the date used and where it came from; a warning when
        office mentions had no date to be read at. ``skim=False`` reads every
        word: the reference the skimming reader is tested against."""
        found = None if date is not None else self.dates.find(text)
        day = date if date is not None else (found.date if found else None)
        mentions = self._mentions(text, day, skim)
        source = ("given (--date)" if date is not None else
                  found.describe() if found is not None else "none found")
        warnings = []
        offices = [m for m in mentions if m.kind == "role"]
        if day is None and offices:
            warnings.append(f"undated article: {len(offices)} office mention(s) resolved "
                            "to current holders; give --date or a dateline to read them as "
                            "of the article's date")
        for mention in offices:  # each office answer says which date it was read at
            mention.explanation.append(f"article date: {source}")
            mention.explanation.extend(f"warning: {w}" for w in warnings)
        return Article(mentions, day, source, found, warnings)

    def _mentions(self, text: str, day: When | None, skim: bool) -> list[Mention]:
        nt = normalize_text(text)
        if skim:
            doc, found = self.skim(nt, day)
        else:
            doc = Document(nt, token_lists(nt.text))
            found = self.find(doc, day)
        spans = self.apply_context(found, doc, day)
        mentions = []
        for span in spans:
            start, end = self._offsets(doc, span)
            res = span.resolution
            kind_type = res.type if res.status == "matched" or res.type else (
                "person" if span.kind == "role" else None)
            clitic = ""
            if span.outer_skip:
                first = doc.starts[span.outer_first]
                c_start, c_end = nt.original_span(first, first + span.outer_skip)
                clitic = text[c_start:c_end]
            mentions.append(Mention(
                start, end, self._span_text(doc, span, text[start:end]), span.kind,
                kind_type, res.status, res.id,
                res.score, list(span.titles), list(res.contenders), list(res.explanation),
                res.name, list(res.candidates), clitic))
        return mentions


__all__ = ["Annotator", "Article", "Mention", "Token", "find_date_marker"]
