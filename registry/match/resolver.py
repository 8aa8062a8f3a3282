"""Who is this name? Scoring candidates and deciding honestly.

A query goes through four steps, each explained in the answer:

1. the whole query as a phrase: an organisation, a place, or an office (an
   office names whoever held it on the date asked about);
2. titles and office phrases peeled off the front, kept as evidence;
3. people whose name forms fit the rest under the patronymic rule: the given
   name must match, the remaining tokens must appear in order in the candidate's
   name (dropped father's or grandfather's names are fine, extra tokens are not);
4. the decision: one clear candidate is matched; candidates within a margin of
   each other are ambiguous unless title or office evidence singles one out;
   what the matched words are worth alone is their *strength*
   (``registry.match.strength``): an identifying fit is matched alone, a
   supporting one (a lone given name, a kunya, two common names without a family
   name) only with evidence, a never-alone one (a lone common given name) never;
   nothing fits: unknown.
"""

from __future__ import annotations

import datetime as dt
import heapq
from collections.abc import Callable, Iterable, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING, Any, NamedTuple

from registry.match.index import (
    EN_CANONICAL,
    PERSON_TOKEN,
    STRUCTURED,
    NameForm,
    NameIndex,
    TokenMatch,
    family_token,
)
from registry.match.offices import OfficeComposer, OfficeReading, OfficeTables
from registry.match.strength import (
    Strength,
    called_strength,
    common_pair_reason,
    given_alone_strength,
    token_strength,
    very_common_reason,
)
from registry.match.timeline import HolderFit, Timeline
from registry.model.dates import When
from registry.names.language import language
from registry.names.normalize import (
    after_particles,
    drop_medial_particles,
    name_tokens,
    normalize_text,
    strip_article,
    tokenize,
)
from registry.names.office_words import OfficeWords
from registry.names.titles import FoundTitle, TitleVocabulary, job_descriptions
from registry.names.translit import is_latin, latin_letters, surname_first
from registry.names.translit import tables as translit_tables

if TYPE_CHECKING:
    from registry.model.schema import Entity

# Scores of the ways a name can fit (before typo penalties).
FULL_NAME = 1.0
GIVEN_AND_FAMILY = 0.95  # patronymics dropped: صدام حفتر
GIVEN_AND_PATRONYMIC = 0.85  # no family name: صدام خليفة
OFFICE = 0.9  # an office phrase, resolved through the role history
COMPOSED = 0.95  # an office read as head + organisation, not written as the registry has it
PAST_MODIFIERS = ("former", "before-former", "late", "resigned")
# A designate (المكلف) takes office within this long (governments are formed in
# weeks, rarely months), or is the holder already.
DESIGNATE_REACH = dt.timedelta(days=183)
FORMER_FACTOR = 0.9  # "former" holders before the most recent one: told apart by nobody
FAMILY_ONLY = 0.7  # السيسي
CALLED_BY = 0.85  # الكباشي: the part a person is declared to be called by, alone
GIVEN_ONLY = 0.6  # صدام: weak, never matched without evidence
TYPO_FACTOR = 0.9  # per token read through a typo
# A query of one word read through a typo identifies only if the name it is read
# as is this long (normalised letters, ال included): shorter words have real
# words one letter away (الشرعي "legitimate" / الشرع), long names rarely do.
LONE_TYPO_MIN_LEN = 7
EVIDENCE_BONUS = 0.05
TIE_MARGIN = 0.1  # candidates this close (inclusive) are not told apart by score
MAX_CANDIDATES = 10
MAX_FITS = 64  # people fitted per query before the answer is surely ambiguous
MAX_QUERY_CHARS = 4096  # longer input is text, not a name: answered unknown at once
MAX_REMEMBERED_TOKENS = 65_536  # query words whose readings are kept (then forgotten)


@dataclass(frozen=True)
class Candidate:
    """One entity a query may mean, with its score in [0, 1]; ``name`` is the
    canonical Arabic name."""

    id: str
    name: str
    score: float


@dataclass
class Resolution:
    """The answer to one query: matched, ambiguous or unknown, and why."""

    query: str
    status: str  # "matched" | "ambiguous" | "unknown"
    id: str | None
    name: str | None
    score: float
    candidates: list[Candidate] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)
    explanation: list[str] = field(default_factory=list)
    type: str | None = None  # entity type of the match
    kind: str = "name"  # "name" or "role": how the match was reached
    contenders: list[str] = field(default_factory=list)  # ids that fit equally well
    offices: list[str] = field(default_factory=list)  # positions an office phrase can mean
    # Matched by a name that identifies alone (an identifying nickname, laqab or
    # called-by name, matched whole): running text may take it without context.
    alone: bool = False

    def copy(self) -> Resolution:
        """An independent copy (its lists are copied too)."""
        return replace(self, candidates=list(self.candidates), titles=list(self.titles),
                       explanation=list(self.explanation), contenders=list(self.contenders),
                       offices=list(self.offices))

    def to_json(self) -> dict[str, Any]:
        """The documented JSON contract of ``registry resolve --json``."""
        return {
            "query": self.query,
            "status": self.status,
            "id": self.id,
            "name": self.name,
            "score": self.score,
            "candidates": [{"id": c.id, "name": c.name, "score": c.score}
                           for c in self.candidates],
            "titles": self.titles,
            "explanation": self.explanation,
        }


@dataclass(slots=True)
class _Scored:
    """A candidate being weighed (thousands per query for a common name: slots,
    and the explanation is written only for the candidates shown)."""

    entity_id: str
    score: float
    rule: str
    strength: int = Strength.IDENTIFYING
    evidence: list[str] = field(default_factory=list)
    kind: str = "name"
    form: NameForm | None = None
    why: str = ""  # why the strength is below identifying
    alone: bool = False  # an identifying alias or called-by name matched whole
    # the query words and their cross-script readings: the explanation names
    # those this form was reached through (written only for the shown candidates)
    crossed: tuple[tuple[str, ...], tuple[frozenset[str], ...]] | None = None
    typos: float = 0.0  # typo and transliteration weight: breaks ties in the ranking
    matched: tuple[int, ...] = ()  # the form's tokens the query matched (see Fit)
    name: str | None = None  # a person's canonical name, when it came with the candidate

    @property
    def reason(self) -> str:
        if self.form is None:
            return self.rule
        crossings = _crossings(*self.crossed, self.form) if self.crossed else ""
        via = f", through transliteration: {crossings}" if crossings else ""
        return f"{self.rule} ({self.form.label}: {' '.join(self.form.tokens)}{via})"


class Fit(NamedTuple):
    """How a query fits one name form."""

    base: float  # score before typo penalties
    rule: str
    typos: float  # 1 per typo, plus the reading cost of each transliterated word
    matched: tuple[int, ...]  # positions of the form's tokens the query matched


SURNAME_SLOTS = ("family", "nisba")


def _typo_notes(readings: list[tuple[str, TokenMatch]],
                used: AbstractSet[str] | None) -> list[str]:
    """The typo readings an answer rests on: a query word read as a registry word
    a letter away, kept only when a candidate's fit matched that word (``used``;
    None keeps all, for an answer nobody fits). A reading tried on the way and
    not used would be read as the reason for a match that came by another road
    (Hiftar matched حفتر by transliteration, not as a misspelt Latin 'haftar')."""
    return [f"typo: '{token}' read as '{m.token}'" + (f" ({m.rule})" if m.rule else "")
            for token, m in readings if used is None or m.token in used]


class _Unwritten(list[str]):
    """The explanation of an answer nobody reads (``explain=False``): lines
    offered to it are dropped. The steps of a resolution append to it as they
    would to a real one, so the decision takes the same path either way; the
    costly lines (reasons, candidate names, office notes) are not even built."""

    def append(self, line: str) -> None:
        pass

    def extend(self, lines: Iterable[str]) -> None:
        pass


def _written(explanation: list[str]) -> bool:
    """Whether this explanation will be read (see ``_Unwritten``)."""
    return type(explanation) is not _Unwritten


# Alias kinds whose words are a by-name, not a name with a family name at its
# end (an alias form's label ends with its kind: "alias 'كوكب الشرق' (laqab)").
BY_NAME_KINDS = ("(laqab)", "(nickname)", "(phrase)")
BY_NAME_ALIAS_KINDS = frozenset({"laqab", "nickname", "kunya"})


def _fit_whole(query: list[dict[str, float]], form: NameForm) -> Fit | None:
    """A form that only fits whole: the name a person is called by, or a
    by-name alias of several words (written out, so as good as a full name)."""
    if len(query) != len(form.tokens):
        return None
    typos = 0.0
    for readings, token in zip(query, form.tokens, strict=True):
        typo = readings.get(token)
        if typo is None:
            return None
        typos += typo
    matched = tuple(range(len(form.tokens)))
    if form.explicit:
        return Fit(FULL_NAME, "the whole by-name", typos, matched)
    return Fit(CALLED_BY, "the name alone", typos, matched)


def _fit_form(query: list[dict[str, float]], form: NameForm,
              after_particle: AbstractSet[int] = frozenset()) -> Fit | None:
    """How query tokens fit one name form under the patronymic rule, or None when
    they do not fit. ``query`` maps, for each query word, the vocabulary tokens it
    stands for to the weight of that reading: 1 for a typo, plus the reading cost
    of a transliteration (0 for an exact reading). ``after_particle`` holds the
    positions of query words written after a medial بن (dropped from ``query``)."""
    tokens = form.tokens
    if form.slots[0] == "called":
        return _fit_whole(query, form)
    if len(query) == 1:
        only = query[0]
        typo = only.get(tokens[0])
        if typo is not None:
            if len(tokens) == 1 and form.explicit:
                return Fit(FULL_NAME, "the whole of a one-word name", typo, (0,))
            if form.slots[0] == "given":
                return Fit(GIVEN_ONLY, "given name alone", typo, (0,))
        family = family_token(form)
        typo = only.get(family) if family is not None else None
        if typo is not None:
            return Fit(FAMILY_ONLY, "family name alone", typo,
                       (form.slots.index("family"),))
        return None
    typo = query[0].get(tokens[0])
    if typo is None or form.slots[0] != "given":
        return None
    typos = typo
    position = 1
    matched = [0]
    for readings in query[1:]:
        while position < len(tokens) and tokens[position] not in readings:
            position += 1
        if position == len(tokens):
            return None  # a query token the name does not have, or out of order
        typos += readings[tokens[position]]
        matched.append(position)
        position += 1
    particles = language().nasab_particles
    skipped = [i for i in range(1, len(tokens)) if i not in matched
               and tokens[i] not in particles]  # بن in a family name is optional
    if after_particle and any(form.slots[i] == "family" for i in skipped) and any(
            form.slots[matched[j]] == "family" for j in after_particle):
        # A word written after بن names a father: بن خليفة is not the house آل
        # خليفة, whose آل the query left out (Al Khalifa, with its article, is).
        return None
    if not skipped:
        return Fit(FULL_NAME, "full name", typos, tuple(matched))
    if form.slots[matched[-1]] in SURNAME_SLOTS and all(
            form.slots[i] in SURNAME_SLOTS for i in skipped if i > matched[-1]):
        return Fit(GIVEN_AND_FAMILY, _dropped_rule(
            form.slots, tuple(i for i in skipped if i < matched[-1])), typos, tuple(matched))
    return Fit(GIVEN_AND_PATRONYMIC, "given name + patronymic", typos, tuple(matched))


@lru_cache(maxsize=4096)
def _dropped_rule(slots: tuple[str, ...], before: tuple[int, ...]) -> str:
    """The rule of a given + family fit that skipped the words at ``before``
    (one per slot pattern and gap: a common name fits hundreds of forms)."""
    dropped = sorted({slots[i] for i in before}, key=slots.index)
    return f"given + family name, dropped {', '.join(dropped)}"


def fit_strength(form: NameForm, fit: Fit) -> tuple[Strength, str]:
    """What the matched part of a name is worth alone (see registry.match.strength)."""
    strength, why = _fit_strength(form, fit)
    if len(fit.matched) != 1 or not fit.typos or strength <= Strength.SUPPORTING:
        return strength, why
    # Fit.typos holds 1 per typo plus each transliteration's reading cost (at
    # most max_cost): under it, no letter was changed, only the script.
    letter_changed = fit.typos > translit_tables().max_cost
    if len(form.tokens[fit.matched[0]]) < LONE_TYPO_MIN_LEN:
        # الشرعي (legitimate) is a word, not a misspelt الشرع: one short word read
        # through a typo needs other evidence.
        how = "a typo" if letter_changed else "a transliteration"
        return Strength.SUPPORTING, f"a single short word read only through {how}"
    token = form.tokens[0]
    if letter_changed and len(form.tokens) == 1 and token.startswith(
            language().definite_article):
        # A one-word name with the article (a nisba or laqab: الجولاني) is all
        # the query has, and such words come in families one letter apart: the
        # place it names (الجولان, the Golan), other nisbas (الجيلاني, الزرقاني
        # for الزرقاوي). Coined by-names (حميدتي, Hemedti) have no such kin.
        return Strength.SUPPORTING, "a one-word name read only through a typo"
    return strength, why


def _fit_strength(form: NameForm, fit: Fit) -> tuple[Strength, str]:
    if len(fit.matched) == len(form.tokens) and (form.explicit or form.slots[0] == "called"):
        return Strength(form.strength), form.why  # a name or alias matched whole
    if form.label == EN_CANONICAL and fit.base != FULL_NAME:
        # Part of the English name (Khalid [bin Khalifa] Al Thani): the frequency
        # lists and the house-name rule are Arabic, so this part is weighed where
        # they apply, by the person's Arabic name reached through transliteration.
        return Strength.SUPPORTING, "part of the English name: the Arabic name decides"
    if fit.base == GIVEN_ONLY:
        return given_alone_strength(form.tokens[0])
    if fit.base == FAMILY_ONLY:
        strength, why = token_strength(form.tokens[fit.matched[0]])
        return strength, why or ""
    matched = [form.tokens[i] for i in fit.matched]
    with_family = any(form.slots[i] in SURNAME_SLOTS for i in fit.matched)
    if with_family and fit.base == FULL_NAME:
        # the whole registered name, family included, unless it is made only of
        # very common names (محمد مصطفى)
        common = very_common_reason(matched)
        return (Strength.SUPPORTING, common) if common else (Strength.IDENTIFYING, "")
    if with_family and all(form.slots[i] in SURNAME_SLOTS for i in fit.matched[1:]):
        # Khalid Al Thani: the Latin "Al" is joined like an article and the fit
        # reaches only ثاني, but given + family is still a house name (آل ثاني)
        house = language().house_particle
        particle = next((i for i, (token, slot) in enumerate(zip(form.tokens, form.slots,
                                                                 strict=True))
                         if token == house and slot in SURNAME_SLOTS),
                        None) if house in form.tokens else None  # most forms have none
        if particle is not None and particle not in fit.matched:
            matched = [matched[0], house, *matched[1:]]
    reason = common_pair_reason(matched, with_family=with_family)
    if reason is not None:
        return Strength.SUPPORTING, reason
    return Strength.IDENTIFYING, ""


def _unwritten_article(name: list[str], form: NameForm, strength: Strength, why: str
                       ) -> tuple[Strength, str]:
    """A called-by form with ال (السلمان) reached from one Latin word that writes
    no article (Salman): the transliteration left the article out, so the query
    is the bare word and weighs what the bare called-by form weighs (a common
    given name alone needs other evidence, as سلمان alone does in Arabic)."""
    first = form.tokens[0]
    article = language().definite_article
    if len(form.tokens) != 1 or len(name) != 1 or not first.startswith(article):
        return strength, why
    word = name[0]
    if not is_latin(word) or latin_letters(word)[:2] in translit_tables().articles:
        return strength, why
    lowered, reason = token_strength(strip_article(first))
    if lowered < strength:
        return lowered, f"{reason} (the Latin '{word}' writes no article)"
    return strength, why


def _identifies_alone(form: NameForm, fit: Fit, strength: Strength) -> bool:
    """An identifying alias or called-by name the query matched whole."""
    return (strength == Strength.IDENTIFYING and len(fit.matched) == len(form.tokens)
            and (form.slots[0] == "called" or form.label.startswith("alias")))


def _stands(scored: _Scored) -> bool:
    """Whether a lone candidate is matched: an identifying fit always, a
    supporting one with title or office evidence, a never-alone one never."""
    if scored.strength == Strength.IDENTIFYING:
        return True
    return scored.strength == Strength.SUPPORTING and bool(scored.evidence)


def _crossings(name: tuple[str, ...], crossed: tuple[frozenset[str], ...], form: NameForm
               ) -> str:
    """Which query words a form was reached through by transliteration, for the
    explanation ("khalifa → خليفه"); empty when none."""
    pairs = [f"{word} → {token}" for word, tokens in zip(name, crossed, strict=True)
             for token in form.tokens if token in tokens]
    return ", ".join(dict.fromkeys(pairs))


class Resolver:
    """Answers lookups against one registry's index, titles and timeline."""

    def __init__(self, entities: Mapping[str, Entity], index: NameIndex,
                 titles: TitleVocabulary, timeline: Timeline,
                 office_tables: Callable[[], OfficeTables] | None = None,
                 office_words: OfficeWords | None = None) -> None:
        """``office_tables``: the office reader's tables built before (a
        compiled store's), read on first use; None builds them from the registry,
        with ``office_words`` (its vocabulary's countries; default: the packaged
        ones)."""
        self.entities = entities
        self.index = index
        self.titles = titles
        self.timeline = timeline
        self._office_tables = office_tables
        self._office_words = office_words
        self._readings: dict[tuple[str, bool], list[TokenMatch]] = {}

    def token_matches(self, token: str, article_free: bool = False) -> list[TokenMatch]:
        """``NameIndex.token_matches``, remembered per word: the words of names
        repeat across queries (a few given names make up most of any batch), and
        a word not in the vocabulary costs a typo search each time it is read.
        Read-only for callers; the memo is emptied when it grows large."""
        key = (token, article_free)
        found = self._readings.get(key)
        if found is None:
            if len(self._readings) >= MAX_REMEMBERED_TOKENS:
                self._readings.clear()
            found = self._readings[key] = self.index.token_matches(
                token, article_free=article_free)
        return found

    @cached_property
    def offices(self) -> OfficeComposer:
        """Office phrases composed from heads and bodies: a compiled store's
        tables (read row by row as phrases look), else built on first use from
        the registry's non-person entities only."""
        if self._office_tables is not None:
            return OfficeComposer.from_tables(self._office_tables(), self.entities)
        ids = {p.entity_id for entries in self.index.phrases.values() for p in entries}
        return OfficeComposer(self.entities, sorted(ids), self._office_words)

    # -- step 1: phrases (organisations, places, offices) -------------------------

    def phrase_entities(self, tokens: list[str]) -> list[tuple[str, float, str]]:
        """Entities named by exactly this phrase (a typo allowed per long word):
        [(id, score, reason)]."""
        return [(entity_id, score, reason)
                for entity_id, score, reason, _ in self._phrase_hits(tokens)]

    def _phrase_hits(self, tokens: list[str]) -> list[tuple[str, float, str, str]]:
        """``phrase_entities`` with each entity's type, from the phrase row: an
        office phrase is answered without reading the position's entity (an
        office query read one entity for its type, half of them a first read)."""
        key = " ".join(tokens)
        entries = self.index.phrase(key)  # not phrases.get: a miss raises no KeyError
        typos = 0
        if entries is None:
            if (tokens and self.index.token(tokens[0]) is not None
                    and not self.index.starts_phrase(tokens[0])):
                # A registry word reads as itself first, so a key mended word by
                # word would start with it too, and no phrase starts with it: a
                # name's words need no reading here.
                return []
            corrected = []
            for token in tokens:
                matches = self.token_matches(token)
                if len(matches) != 1:
                    return []
                if matches[0].fuzzy and (token in self.offices.tables.heads_first or any(
                        plural[0] == token for plural in self.offices.words.plurals)):
                    # وزيرة (a head's wording) is no slip for وزارة, nor وزيري (two
                    # ministers) for وزير: the phrase is an office, read as one,
                    # never as another by a typo.
                    return []
                corrected.append(matches[0].token)
                typos += int(matches[0].fuzzy)
            entries = self.index.phrase(" ".join(corrected))
            if entries is None:
                return []
        out = []
        for entry in entries:
            score = (1.0 if entry.canonical else 0.95) * TYPO_FACTOR**typos
            how = "canonical name" if entry.canonical else "alias"
            out.append((entry.entity_id, score, f"{how} '{entry.text}'", entry.type))
        return out

    def _office_holders(self, position_id: str, day: When | None, score: float,
                        phrase: str, explanation: list[str],
                        modifiers: tuple[str, ...] = ()) -> list[_Scored]:
        past = next((m for m in modifiers if m in PAST_MODIFIERS), None)
        incoming = self._incoming(position_id, day, modifiers)
        if past is not None:
            holders = self._past_holders(position_id, day, past)
            when = (f"before {day} ({past})" if day else f"at some past time ({past}; no date "
                    "given)")
        elif incoming is not None:
            holders, when = incoming
        else:
            holders = self.timeline.holders_in(position_id, day)
            when = f"in {day}" if day else "now (no date given; ongoing tenures only)"
            if "acting" in modifiers:
                # Who acts for the holder is not recorded: the holder is a candidate.
                holders = [replace(h, weak=True, note=f"{h.note}; acting: someone stands in "
                                   "for the holder, and the registry records holders only")
                           for h in holders]
        if not holders:
            explanation.append(f"office {position_id} ('{phrase}'): no known holder {when}")
            return []
        out = []
        for fit in holders:
            source = fit.holding.role.sources[0]
            cite = source.file or source.url
            out.append(_Scored(fit.holding.person_id, round(score * fit.factor, 3),
                               f"office {position_id} {when}: {fit.note} (source: {cite})",
                               strength=Strength.SUPPORTING if fit.weak
                               else Strength.IDENTIFYING,
                               why=fit.note if fit.weak else "", kind="role",
                               name=fit.holding.name))
        return out

    def _incoming(self, position_id: str, day: When | None, modifiers: tuple[str, ...]
                  ) -> tuple[list[HolderFit], str] | None:
        """Holders for "next" (المقبل: whoever starts after the date, never the
        one in office) and "designate" (المكلف: the holder starting within a
        year, when one is recorded; else None, and the holder on the date is
        read as usual), with the words for the explanation."""
        if "next" in modifiers:
            after = self.timeline.starting_after(position_id, day)[:1]
            kind = "next"
        elif "designate" in modifiers:
            after = self.timeline.starting_after(position_id, day, DESIGNATE_REACH)[:1]
            if not after:
                return None
            kind = "designate"
        else:
            return None
        when = f"after {day} ({kind})" if day else f"next ({kind}; no date given)"
        return [HolderFit(h, None, 1.0, False, f"the incoming holder ({kind}): held "
                          f"{h.role.tenure.describe()}") for h in after], when

    def _past_holders(self, position_id: str, day: When | None, kind: str) -> list[HolderFit]:
        """Holders before the date, most recently ended first (السابق); الأسبق
        skips the most recent one. Earlier ones are as likely as each other."""
        ended = self.timeline.ended_before(position_id, day)
        if kind == "before-former":
            ended = ended[1:]
        note = {"late": "the late (الراحل): the registry records no deaths; a past holder",
                "resigned": "resigned (المستقيل): a past holder"}.get(kind, "a past holder")
        return [HolderFit(h, None, 1.0 if n == 0 else FORMER_FACTOR, False,
                          f"{note}, held {h.role.tenure.describe()}")
                for n, h in enumerate(ended)]

    def _reading_holders(self, reading: OfficeReading, at: When | None, phrase: str,
                         explanation: list[str], positions: list[str] | None = None
                         ) -> list[_Scored]:
        """Holders of the offices a composed reading can mean. With no body
        named (a bare head) they are candidates only: the article must say which
        office, and ``positions`` is what it said."""
        chosen = list(reading.positions) if positions is None else positions
        bare = reading.bare and positions is None
        explanation.append(reading.how + (
            f"; offices it can mean: {', '.join(chosen)}" if bare or len(chosen) > 1 else ""))
        if reading.modifiers:
            explanation.append("modifiers: " + ", ".join(reading.modifiers))
        score = OFFICE * (1.0 if reading.head is None else COMPOSED)
        out = []
        for position_id in chosen:
            for holder in self._office_holders(position_id, at, score, phrase, explanation,
                                               reading.modifiers):
                if bare:
                    holder.strength = min(holder.strength, Strength.SUPPORTING)
                    holder.why = "no organisation named: the article must say which office"
                out.append(holder)
        if bare and out:
            explanation.append("no organisation or country named: which office is meant "
                               "must come from the article")
        return out

    def resolve_office(self, query: str, at: When | None, positions: list[str],
                       why: str) -> Resolution | None:
        """Resolve an office phrase as one of the offices it can mean (the
        article's context chose them), or None when it is no office phrase."""
        texts = [t.text for t in tokenize(normalize_text(query).text)]
        reading = self.offices.read(texts, 0) if texts else None
        if reading is None or reading.end != len(texts):
            return None
        explanation: list[str] = []
        scored: dict[str, _Scored] = {}
        for holder in self._reading_holders(reading, at, query.strip(), explanation,
                                            [p for p in reading.positions if p in positions]):
            if holder.entity_id not in scored or holder.score > scored[holder.entity_id].score:
                scored[holder.entity_id] = holder
        explanation.append(why)
        res = self._decide(query, scored, [], explanation, None)
        res.offices = list(positions)
        return res

    # -- step 2: titles and office phrases before a name --------------------------

    def _peel(self, texts: list[str]) -> tuple[list[FoundTitle], list[str], int]:
        """Titles and office phrases at the front: (titles, office ids, name start).

        Office phrases are tried before titles at each step, so رئيس الأركان
        المصري is read as an office and not as a title followed by a name. The
        last token is never peeled: شيخ is also a given name, and a title alone
        names nobody.
        """
        found: list[FoundTitle] = []
        offices: list[str] = []
        pos = 0
        while pos < len(texts) - 1:
            office = self._office_prefix(texts, pos)
            if office is not None:
                offices.extend(office[0])
                pos += office[1]
                continue
            after_title = bool(found) and found[-1].last == pos
            title = self.titles.match_at(texts, pos, after_title=after_title)
            if title is None or title.last >= len(texts):
                break
            found.append(title)
            pos = title.last
        return found, offices, pos

    def _shared_with_a_person(self, whole: list[str]) -> list[_Scored]:
        """People whose alias is this phrase, when the phrase's entity marks it
        ``shared: true`` (a nickname that is also a place); none otherwise, and
        no people are fitted for an unshared phrase."""
        entries = self.index.phrase(" ".join(whole))
        if not entries or not any(e.shared for e in entries):
            return []
        found, _ = self.people(whole)
        return [c for c in found.values() if c.form is not None
                and c.form.label.startswith("alias") and len(c.matched) == len(c.form.tokens)]

    def _declared_by_name(self, texts: list[str]) -> list[_Scored]:
        """People with a by-name alias that is the whole query, words a title
        reader would peel included (السيد حسن, الحاج قاسم, الأستاذ الإمام).
        Asked only when a title was peeled, and only when its first word is a
        registry name word (few are): one token row, most of the time."""
        row = self.index.token(texts[0])
        if row is None or not row.flags & PERSON_TOKEN:
            return []
        whole = drop_medial_particles(texts)
        found, _ = self.people(whole, after_particle=after_particles(texts))
        return [c for c in found.values()
                if c.form is not None and c.form.slots[0] == "called"
                and c.form.label.startswith("alias") and len(c.matched) == len(whole)]

    def _office_prefix(self, texts: list[str], pos: int) -> tuple[list[str], int] | None:
        """The longest office phrase starting at ``pos`` that leaves a name after it."""
        reading = self.offices.read(texts, pos, limit=len(texts) - 1)
        if reading is not None:
            return list(reading.positions), reading.length
        if not self.index.starts_phrase(texts[pos]):
            return None  # every phrase tried below starts with this word
        longest = min(self.index.phrase_max_len, len(texts) - 1 - pos)
        for length in range(longest, 0, -1):
            ids = self.index.offices(" ".join(texts[pos : pos + length]))
            if ids:
                return ids, length
        return None

    # -- step 3: people ----------------------------------------------------------

    def people(self, name: list[str], holders: AbstractSet[str] | None = None,
               ordinals: AbstractSet[int] | None = None,
               after_particle: AbstractSet[int] = frozenset()
               ) -> tuple[dict[str, _Scored], list[str]]:
        """People whose name forms fit these tokens, best form each.

        Fitting stops once more than MAX_FITS people fit: the answer is then
        ambiguous whatever the rest hold, and the forms come best tier first. People
        holding a title the query carries (``holders``, from
        ``Timeline.title_holders``, and their ``ordinals`` in the index) are
        fitted first, so title evidence can still single one out.
        """
        notes: list[str] = []
        self.index.read_tokens(name)
        query = [self.token_matches(t, i > 0) for i, t in enumerate(name)]
        typo_readings = [(token, m) for token, matches in zip(name, query, strict=True)
                         for m in matches if m.fuzzy]
        if any(not m for m in query):
            return {}, _typo_notes(typo_readings, None)
        readings = [{m.token: m.fuzzy + m.cost for m in matches} for matches in query]
        readings_across = [frozenset(m.token for m in matches if m.translit) for matches in query]
        crossed = (tuple(name), tuple(readings_across)) if any(readings_across) else None
        best: dict[str, _Scored] = {}
        form_of = self.index.form
        # title holders' forms first, picked from the candidates as they are listed
        order: Iterable[int] = self.index.candidate_forms(query, holders, ordinals)
        fitted = 0
        # Forms that cannot change the answer are not fitted: one seen before
        # (the same fit again never replaces), and any form of a person whose
        # best fit so far is already the best there is.
        seen: set[int] = set()
        settled: set[str] = set()
        # per person, the strongest fit of part of the Arabic name parts, with its
        # reason: an English name of several words that is only part of the
        # Arabic name (Omar Abdulrahman, given + father) weighs no more
        weighed: dict[str, tuple[int, str]] = {}
        for form_id in order:
            if fitted > MAX_FITS:
                notes.append(f"more than {MAX_FITS} people fit; the best found are shown")
                break
            if form_id in seen:
                continue
            seen.add(form_id)
            form = form_of(form_id)
            if form.entity_id in settled:
                continue
            fit = _fit_form(readings, form, after_particle)
            if fit is None:
                continue
            score = fit.base * TYPO_FACTOR**fit.typos
            strength, why = fit_strength(form, fit)
            if crossed is not None and form.slots[0] == "called":
                strength, why = _unwritten_article(name, form, strength, why)
            if strength < Strength.IDENTIFYING and after_particle and fit.base in (
                    GIVEN_AND_PATRONYMIC, GIVEN_AND_FAMILY, FULL_NAME):
                called, called_why = self._called_by_father(form, fit, after_particle,
                                                            strength, why)
                if called > strength:  # the reason goes where the explanation shows it
                    fit = fit._replace(rule=f"{fit.rule}; {called_why}")
                strength, why = called, called_why
            if (fit.base == FAMILY_ONLY and strength > Strength.SUPPORTING and form.explicit
                    and self.titles.match_at(list(form.tokens), 0, after_title=False)):
                # الوالد ("the father") is not the laqab الأمير الوالد: the rest of an
                # alias that opens with a title identifies only with that title.
                strength, why = Strength.SUPPORTING, (
                    f"the rest of a name that opens with a title ({form.tokens[0]})")
            elif (fit.base == FAMILY_ONLY and strength > Strength.SUPPORTING
                  and form.label.endswith(BY_NAME_KINDS)):
                # الشرق ("the East") is not كوكب الشرق, nor السعادة وزيرة السعادة:
                # the last word of a by-name is no family name.
                strength, why = Strength.SUPPORTING, (
                    f"the last word of the by-name {form.label}")
            english = form.label == EN_CANONICAL
            if (form.label == STRUCTURED and len(fit.matched) < len(form.tokens)
                    and strength > weighed.get(form.entity_id, (-1, ""))[0]):
                weighed[form.entity_id] = (strength, why)
            if strength < Strength.IDENTIFYING:
                score = min(score, GIVEN_ONLY)  # weak fits never outrank a real one
            previous = best.get(form.entity_id)
            if previous is None:
                fitted += 1
            if previous is None or (score, strength) > (previous.score, previous.strength):
                best[form.entity_id] = _Scored(form.entity_id, round(score, 3), fit.rule,
                                               strength, form=form, why=why,
                                               alone=_identifies_alone(form, fit, strength),
                                               crossed=crossed,
                                               typos=fit.typos, matched=fit.matched)
                if score >= FULL_NAME and strength == Strength.IDENTIFYING and not english:
                    settled.add(form.entity_id)
        for entity_id, scored in best.items():
            arabic = weighed.get(entity_id)
            if (scored.form is not None and scored.form.label == EN_CANONICAL
                    and len(scored.form.tokens) > 1
                    and arabic is not None and arabic[0] < scored.strength):
                # "Omar Abdulrahman" is the whole English name, but it reads as
                # عمر عبد الرحمن, two very common names: the Arabic name decides.
                scored.strength = arabic[0]
                scored.why = f"the English name reads as the Arabic name: {arabic[1]}"
                scored.score = min(scored.score, GIVEN_ONLY)
                scored.alone = False
        if typo_readings:
            used = {scored.form.tokens[i] for scored in best.values()
                    if scored.form is not None for i in scored.matched}
            notes[:0] = _typo_notes(typo_readings, used)
        return best, notes

    def _called_by_father(self, form: NameForm, fit: Fit, after_particle: AbstractSet[int],
                          strength: Strength, why: str) -> tuple[Strength, str]:
        """محمد بن سلمان for a man called by his father's name (called_by: father):
        the query holds بن سلمان, which names him alone, so adding his given name
        cannot make it weaker (two common names without a family name would)."""
        fathers = {form.tokens[fit.matched[j]] for j in after_particle
                   if j < len(fit.matched) and form.slots[fit.matched[j]] == "father"}
        if not fathers:
            return strength, why
        parts = self.entities[form.entity_id].name_parts
        if parts is None or parts.called_by != "father" or not parts.father:
            return strength, why
        father = name_tokens(parts.father)
        if len(father) != 1 or father[0] not in fathers:
            return strength, why
        called, _ = called_strength(father[0])
        if called > strength:
            return called, ("called by his father's name, written after a nasab particle "
                            f"(بن، ولد) ({parts.father})")
        return strength, why

    def _add_evidence(self, scored: _Scored, wanted_titles: set[str], offices: list[str],
                      day: When | None) -> None:
        # A candidate reached through a name form is a person (only people
        # have forms): its entity is read only for a title held on a day.
        if scored.form is None and self.entities[scored.entity_id].type != "person":
            return
        if wanted_titles:
            held = (self.timeline.titles_ever_held(scored.entity_id, wanted_titles)
                    if day is None else wanted_titles & self.timeline.titles_held(
                        self.entities[scored.entity_id], day))
            if held:
                when = f"on {day}" if day else "at some time"
                scored.evidence.append(f"title {', '.join(sorted(held))} held {when}")
        for office in offices:
            if self.timeline.held_position(scored.entity_id, office, day):
                scored.evidence.append(f"office {office} held")

    # -- step 4: the decision ----------------------------------------------------

    def resolve(self, query: str, at: When | None = None, *, explain: bool = True
                ) -> Resolution:
        """Resolve one name or office phrase, as of ``at`` (a day, or a year or
        month as a partial date) if given.

        ``explain=False`` answers with the same decision (status, id, score,
        candidate ids and scores, titles) but an empty explanation and
        candidates without names: a batch that routes by id does not pay for
        text it never reads."""
        return self._resolve(query, at, explain, by_name_first=True)

    def _resolve(self, query: str, at: When | None, explain: bool, by_name_first: bool
                 ) -> Resolution:
        """``resolve``; ``by_name_first=False`` does not try an unknown name as a
        by-name followed by the person's name (the front of such a split must be
        a by-name matched whole, never a split itself)."""
        if len(query) > MAX_QUERY_CHARS:
            return Resolution(query[:80] + "…", "unknown", None, None, 0.0, explanation=[
                f"query longer than {MAX_QUERY_CHARS} characters: not a name"] if explain else [])
        explanation: list[str] = [] if explain else _Unwritten()
        reordered = surname_first(query)
        if reordered is not None and self.phrase_entities(drop_medial_particles(
                [t.text for t in tokenize(normalize_text(query).text)])):
            reordered = None  # "Tripoli, Libya" is a place as written
        if reordered is not None:
            explanation.append(f"'Surname, Given' order: read as '{reordered}'")
        normalized = normalize_text(query if reordered is None else reordered)
        tokens = tokenize(normalized.text)
        texts = [t.text for t in tokens]
        if not texts:
            return Resolution(query, "unknown", None, None, 0.0,
                              explanation=["empty query: nothing to resolve"] if explain else [])
        scored: dict[str, _Scored] = {}

        def offer(candidate: _Scored) -> None:
            current = scored.get(candidate.entity_id)
            if current is None or candidate.score > current.score:
                scored[candidate.entity_id] = candidate

        whole = drop_medial_particles(texts)
        phrase_hits = self._phrase_hits(whole)
        for entity_id, score, reason, kind in phrase_hits:
            if kind == "position":
                for holder in self._office_holders(entity_id, at, OFFICE * score,
                                                   query.strip(), explanation):
                    offer(holder)
            else:
                offer(_Scored(entity_id, round(score, 3), reason))

        if phrase_hits:  # the whole query names an organisation, place or office
            for person in self._shared_with_a_person(whole):
                # السد العالي: the dam, and the goalkeeper's nickname, both
                # declared shared: the place's name does not silence the person
                offer(person)
            res = self._decide(query, scored, [], explanation, None)
            res.offices = [e for e, _, _, kind in phrase_hits if kind == "position"]
            return res

        # "the emir of Qatar": an English article before an office phrase
        article = self.offices.words.english.article
        reading = self.offices.read(texts, 1 if len(texts) > 2 and texts[0] == article else 0)
        if reading is not None and reading.end == len(texts):  # a composed office phrase
            for holder in self._reading_holders(reading, at, query.strip(), explanation):
                offer(holder)
            res = self._decide(query, scored, [], explanation, None)
            res.offices = list(reading.positions)
            return res

        found, offices, start = self._peel(texts)
        if start:
            declared = self._declared_by_name(texts)
            if declared:
                # السيد حسن, الحاج رضوان: the maintainer declared the words with
                # the honorific as the by-name; peeled, they would be a bare
                # common name (or another man's family name: الحاج قاسم)
                for candidate in declared:
                    offer(candidate)
                explanation.append("the whole query is a declared by-name, title included")
                return self._decide(query, scored, [], explanation, texts)
        end = len(texts)
        if offices and start == len(texts) - 1 and self.offices.is_adjective(texts[start]):
            # An adjective in office position is never a family name: no office
            # of that body or country fits (وزير الخارجية العماني where عمان is
            # only a registry's Amman), so the phrase names nobody known.
            explanation.append(f"office before '{texts[start]}': an adjective, not a name; "
                               "no office of what it names fits")
            return self._decide(query, {}, [], explanation, None)
        if not offices:  # an office after the name: محمد حمدان دقلو نائب رئيس مجلس السيادة
            for k in range(start + 1, len(texts)):
                after = self.offices.read(texts, k)
                if after is not None and after.end == len(texts):
                    offices, end = list(after.positions), k
                    break
        title_words = [
            normalized.original[slice(*normalized.original_span(tokens[f.first].start,
                                                                  tokens[f.last - 1].end))]
            for f in found
        ]
        if found:
            explanation.append("titles: " + ", ".join(
                f"{word} ({f.title_id})" for word, f in zip(title_words, found, strict=True)))
        if offices:
            explanation.append("office before the name: " + ", ".join(offices))
        name = drop_medial_particles(texts[start:end])
        wanted = self.titles.evidence_ids(found) | self._recorded_styles(found)
        holders = self.timeline.title_holders(wanted) if wanted else set()
        people, notes = self.people(name, holders,
                                    self.timeline.holder_ordinals(wanted) if wanted else None,
                                    after_particles(texts[start:end]))
        explanation.extend(notes)
        self._rank_never_held(found, people, explanation)
        for candidate in people.values():
            offer(candidate)

        if wanted or offices:
            for candidate in scored.values():
                if offices or candidate.entity_id in holders:
                    # Nobody outside the title's holders (ever) holds it on a
                    # day: their entities need not be read for title evidence.
                    self._add_evidence(candidate, wanted, offices, at)
        if offices and explain:
            self._office_disagreement(scored, offices, at, explanation)
        res = self._decide(query, scored, title_words, explanation, name)
        if res.status != "matched" and not offices and len(name) > 1 and (
                name[0] in job_descriptions()):
            # الفنانة فيروز، الروائي نجيب محفوظ: a job before the name, no evidence
            # (tried after the whole words, which may be a by-name: وزيرة السعادة)
            rest = self.resolve(" ".join(name[1:]), at, explain=explain)
            if rest.status == "matched":
                said = ([*explanation, f"description '{name[0]}' before the name: not a "
                         "title", *rest.explanation] if explain else [])
                return replace(rest, query=query, explanation=said)
        if (by_name_first and res.status == "unknown" and not found and not offices
                and len(name) > 1):
            return (self._laqab_then_name(query, name, at, explain)
                    or self._name_then_by_name(query, name, at, explain) or res)
        if by_name_first and res.status != "matched" and found and not offices:
            # the peeled title words may open a by-name before the name (الأستاذ
            # الإمام محمد عبده، الحاج رضوان عماد مغنية)
            whole = drop_medial_particles(texts)
            return self._laqab_then_name(query, whole, at, explain) or res
        return res

    def _laqab_then_name(self, query: str, name: list[str], at: When | None,
                         explain: bool) -> Resolution | None:
        """A nickname or laqab before the same person's name (الهضبة عمرو دياب،
        الكينج محمد منير): matched when the front words identify someone alone
        (an identifying alias or called-by name matched whole) and the rest is
        that person's name. Two people (القيصر + another's name) stay unknown.

        Only fronts whose every word has a reading as a name word are tried: a
        front with a word no name holds cannot fit a by-name whole, and an
        unknown query (most often a name nobody in the registry bears) then
        costs no lookup per split. A front is resolved without splitting it
        again; the rest may be split (two by-names before the name)."""
        for k in range(1, len(name)):
            word = name[k - 1]
            if not self.token_matches(word, k > 1) and word not in job_descriptions():
                break  # every longer front holds this word too
            front = self._resolve(" ".join(name[:k]), at, explain, by_name_first=False)
            if front.status == "unknown" or (not front.alone
                                             and not self.index.is_whole_name(name[:k])):
                continue
            rest = self.resolve(" ".join(name[k:]), at, explain=explain)
            agreed = self._by_name_agrees(front, name[:k], rest, query, "before")
            if agreed is not None:
                return agreed
        return None

    def _name_then_by_name(self, query: str, name: list[str], at: When | None,
                           explain: bool) -> Resolution | None:
        """A by-name after the same person's name, bare, in brackets or quotes
        (محمد حمدان دقلو حميدتي، محمود عباس أبو مازن): the mirror of
        ``_laqab_then_name``. Only backs that are some person's whole name
        form are resolved (one key probe each), shortest first."""
        for k in range(len(name) - 1, 0, -1):
            back = name[k:]
            if not self.index.is_whole_name(back):
                continue
            by = self._resolve(" ".join(back), at, explain, by_name_first=False)
            if by.status == "unknown":
                continue
            rest = self._resolve(" ".join(name[:k]), at, explain, by_name_first=False)
            agreed = self._by_name_agrees(by, back, rest, query, "after")
            if agreed is not None:
                return agreed
        return None

    def _by_name_agrees(self, by: Resolution, words: list[str], rest: Resolution,
                        query: str, where: str) -> Resolution | None:
        """The answer when a by-name and the name beside it name one person:
        an identifying by-name picks its owner among the name's candidates
        (حميدتي + دقلو, which two brothers share; فنان العرب + محمد عبده, two
        men's name), and a name matched alone is confirmed by any by-name the
        person declares (الحكيم سمير جعجع: الحكيم alone is an ordinary word;
        السد العالي, shared with the dam). Two people stay unknown."""
        person: str | None = None
        if by.status == "matched" and by.alone:
            if by.id == rest.id:
                person = by.id
            elif (rest.status == "ambiguous" and by.id is not None
                  and any(c.id == by.id for c in rest.candidates)
                  and self._declares_by_name(by.id, words)):
                # only a declared by-name picks: a called-by family name before
                # a lone given name is a reversed name (عباس محمود), nobody
                person = by.id
        if (person is None and rest.status == "matched" and rest.id is not None
                and (by.id == rest.id or any(c.id == rest.id for c in by.candidates))
                and self._declares_by_name(rest.id, words)):
            person = rest.id
        if person is None:
            return None
        base = rest if rest.id == person else by
        said = ([*by.explanation, *rest.explanation,
                 f"'{' '.join(words)}' {where} the name is {person}'s own by-name"]
                if base.explanation else [])
        return replace(base, query=query, explanation=said)

    def _declares_by_name(self, entity_id: str, words: list[str]) -> bool:
        """Whether the person lists these words as a by-name (a laqab,
        nickname or kunya alias), read as a query reads them."""
        entity = self.entities.get(entity_id)
        return entity is not None and any(
            alias.kind in BY_NAME_ALIAS_KINDS and name_tokens(alias.text) == words
            for alias in entity.aliases)

    def _recorded_styles(self, found: list[FoundTitle]) -> set[str]:
        """Honorifics of the query (الشيخة، الأنبا) that the registry records
        someone holding (a style under ``ranks:``): then the style is evidence
        for its holders, as the naming guide says, and singles out الشيخة
        المياسة among people of that given name. An honorific nobody is recorded
        with stays a courtesy."""
        return {f.title_id for f in found if f.kind == "honorific"
                and self.timeline.title_holders({f.title_id})}

    def _rank_never_held(self, found: list[FoundTitle], people: dict[str, _Scored],
                         explanation: list[str]) -> None:
        """A military rank before one derived name word (a family name, a given or
        called-by name alone) that the person is not recorded ever holding names
        someone else: المشير طنطاوي is the field marshal, not a cleric the
        registry holds as طنطاوي. Such a fit only supports. A whole name, or an
        alias the maintainer listed, still decides (registries lag on ranks)."""
        ranks = {f.title_id for f in found if f.kind == "military-rank"}
        if not ranks:
            return
        holders = self.timeline.title_holders(ranks)
        for candidate in people.values():
            form = candidate.form
            if (candidate.entity_id in holders or form is None or form.explicit
                    or len(candidate.matched) != 1
                    or candidate.strength < Strength.IDENTIFYING):
                continue
            candidate.strength = Strength.SUPPORTING
            candidate.why = (f"the rank {', '.join(sorted(ranks))} before one name word: "
                             f"{candidate.entity_id} is never recorded holding it")
            explanation.append(f"{candidate.entity_id}: {candidate.why}")

    def _office_disagreement(self, scored: dict[str, _Scored], offices: list[str],
                             at: When | None, explanation: list[str]) -> None:
        """The name beside an office decides; say so when the registry does not
        record that person in the office then (the answer stays the named one)."""
        people = [c for c in scored.values() if self.entities[c.entity_id].type == "person"]
        if not people or any(f"office {o} held" in c.evidence for c in people for o in offices):
            return
        when = f"in {at}" if at else "ever"
        for office in offices:
            holders = [f.holding.person_id for f in self.timeline.holders_in(office, at)]
            named = ", ".join(sorted(c.entity_id for c in people)[:3])
            then = f" (recorded then: {', '.join(holders)})" if holders and at else ""
            explanation.append(f"office {office} beside the name: {named} not recorded as "
                               f"holding it {when}{then}; the name decides")

    def _decide(self, query: str, scored: dict[str, _Scored], titles: list[str],
                explanation: list[str], name: list[str] | None) -> Resolution:
        """``name`` is the name part of the query, or None for a whole-query phrase."""
        explain = _written(explanation)
        said = explanation if explain else []  # the answer's own list, never the sink
        if not scored:
            if name is None:
                explanation.append("unknown: the phrase is known, but nobody fits it then")
            else:
                explanation.append(f"unknown: no registry entry fits '{' '.join(name)}'")
            return Resolution(query, "unknown", None, None, 0.0, [], titles, said)

        def rank(c: _Scored) -> tuple[float, int, float, str]:
            # equal scores: the closer reading first (Mahmud: محمود before محمد)
            return (-c.score, -len(c.evidence), c.typos, c.entity_id)

        if len(scored) == 1:  # most full names and offices: nothing to rank
            ranked = list(scored.values())
            top, tied = ranked[0], ranked
        else:
            ranked = heapq.nsmallest(MAX_CANDIDATES, scored.values(), key=rank)
            top = ranked[0]
            tied = sorted((c for c in scored.values()
                           if c.score >= top.score - TIE_MARGIN - 1e-9), key=rank)
        with_evidence = [c for c in tied if c.evidence]
        if len(with_evidence) == 1 and len(tied) > 1:
            explanation.append(f"{len(tied)} candidates fit; only {with_evidence[0].entity_id} "
                               "has title or office evidence")
            tied = with_evidence
        elif with_evidence and len(with_evidence) < len(tied):
            tied = with_evidence + [c for c in tied if not c.evidence]
        stands = len(tied) == 1 and _stands(tied[0])
        shown = ranked if explain else [tied[0]] if stands else []
        names = {c.entity_id: c.name for c in shown if c.name is not None}  # office holders
        names.update(self.index.person_names(
            [c.entity_id for c in shown if c.entity_id not in names]))
        candidates = [Candidate(c.entity_id, self._name(c.entity_id, names), c.score)
                      if explain else Candidate(c.entity_id, "", c.score) for c in ranked]
        if stands:
            winner = tied[0]
            score = min(1.0, winner.score + (EVIDENCE_BONUS if winner.evidence else 0.0))
            if explain:
                self._explain_match(winner, explanation)
            found = winner.entity_id
            kind = "person" if found in names else self.entities[found].type
            return Resolution(query, "matched", found, self._name(found, names),
                              round(score, 3), candidates, titles, said, kind, winner.kind,
                              [found], alone=winner.alone)
        if explain:
            self._explain_ambiguous(tied, explanation)
        order = {c.entity_id: i for i, c in enumerate(tied[:MAX_CANDIDATES])}
        candidates.sort(key=lambda c: (order.get(c.id, len(order)), -c.score))
        return Resolution(query, "ambiguous", None, None, round(top.score / len(tied), 3),
                          candidates, titles, said, None, top.kind,
                          [c.entity_id for c in tied])

    @staticmethod
    def _explain_ambiguous(tied: list[_Scored], explanation: list[str]) -> None:
        if len(tied) == 1:
            only = tied[0]
            need = ("never enough, even with a title" if only.strength == Strength.NEVER_ALONE
                    else "needs title, office or context evidence")
            why = f": {only.why}" if only.why else ""
            explanation.append(f"ambiguous: only a {Strength(only.strength).label} fit for "
                               f"{only.entity_id} ({only.reason}){why}; {need}")
        else:
            shown = ", ".join(f"{c.entity_id} ({c.reason})" for c in tied[:MAX_CANDIDATES])
            more = f" and {len(tied) - MAX_CANDIDATES} more" if len(tied) > MAX_CANDIDATES else ""
            explanation.append(f"ambiguous: {len(tied)} candidates fit equally well: "
                               f"{shown}{more}")

    @staticmethod
    def _explain_match(winner: _Scored, explanation: list[str]) -> None:
        explanation.append(f"{winner.kind} match {winner.entity_id}: {winner.reason}")
        if winner.form is not None and winner.form.label != STRUCTURED:
            explanation.append(f"strength {Strength(winner.strength).label}: "
                               f"{winner.form.label}" + (f" ({winner.why})" if winner.why
                                                         else ""))
        explanation.extend(f"evidence: {e}" for e in winner.evidence)

    def _name(self, entity_id: str, people: dict[str, str]) -> str:
        """An entity's canonical name: a person's from the index's rows (read
        together for all candidates), anything else's from its entity."""
        found = people.get(entity_id)
        return found if found is not None else self.entities[entity_id].name.ar
