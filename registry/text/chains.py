"""Where a person's name chain starts and ends in running text.

A person is named by a run of name words: titles and descriptors, the given
name, the patronymic chain (with or without بن/ابن/بنت), the family name or
nisba. The chain is read whole, not only the part the registry knows, so the
resolver judges "عمر خليفة حفتر" (Omar, son of Khalifa) and not "خليفة حفتر"
inside it. A run ends where language data says a word cannot be a name
(``data/chains.yaml``), at punctuation, and at a word joined with و. Latin
script is read the same way, with capitals marking name words.

This module only finds the words; who they name is the resolver's decision.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Container
from dataclasses import dataclass, field

from registry.match.index import NameIndex
from registry.names.frequency import frequency
from registry.names.language import language
from registry.names.normalize import (
    NormalizedText,
    Words,
    article_variants,
    kunya_case_variants,
)
from registry.names.titles import TitleVocabulary
from registry.text.lexicon import ChainWords, Idiom, chain_words, fold

# What may stand between two words of one name: spaces and invisible marks; in
# Latin script also a hyphen or an apostrophe (el-Sisi, O'Brien).
# A line break ends a name (a headline is not the first words of the next line).
NAME_GAP = re.compile(r"^[ \t\u00a0\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff\u0640]*$")
LATIN_GAP = re.compile(r"^[ \t\u00a0\u200b-\u200f\ufeff\-\u2010\u2011'\u2019]*$")
LATIN_TITLE_GAP = re.compile(r"^[ \t\u00a0.]*$")  # Lt. Gen. Khalifa
APOSTROPHES = frozenset({"'", "\u2019"})
POSSESSIVE = frozenset({"s"})  # English 's, a token of its own after the apostrophe
MAX_CHAIN = 6  # name words: given name, four ancestors, family name
MAX_UNKNOWN_CHAIN = 4  # a titled name the registry does not know
MEMO_LIMIT = 100_000  # memoised words before a memo is cleared (bounded memory)
REPORTED_KINDS = frozenset({"military-rank", "honorific"})  # titled unknowns worth review
# Whether a gap pattern allows a gap, by (pattern, gap as ``Document._raw_gap``
# cuts it, which determines ``Document.gap``): shared by all documents.
_GAPS: dict[tuple[re.Pattern[str], str], bool] = {}


@dataclass(frozen=True)
class ChainTitle:
    """A title or descriptor in front of a name, as written."""

    surface: str  # original text
    key: str  # folded
    title_id: str | None  # the registry vocabulary entry (None: a descriptor)
    kind: str  # military-rank, civil, honorific, rank-qualifier, descriptor


@dataclass
class Chain:
    """One person-name chain: token positions, titles, and the words as read."""

    outer_first: int  # first token, titles included
    first: int  # first name token
    last: int  # last name token (inclusive)
    skip: int  # clitic characters read off the first name token
    outer_skip: int  # clitic characters read off the first token (titles included)
    titles: list[ChainTitle]
    words: list[str]  # name words as read (the first without its clitic)
    latin: bool
    known: bool  # holds a word of some registry person's name
    after_place_word: bool = False  # شارع حفتر: a place, not a person
    evidence_words: list[str] = field(default_factory=list)  # Arabic title words for the resolver


class Document:
    """An article's tokens with what chain reading needs to know about each:
    its original spelling and, for Latin words, whether it is capitalised.
    Tokens are parallel lists (``words``, ``starts``, ``ends``: normalised
    offsets), not an object per token."""

    def __init__(self, nt: NormalizedText, tokens: Words) -> None:
        self.nt = nt
        self.words = tokens.texts
        self.starts = tokens.starts
        self.ends = tokens.ends
        # joined(k) with NAME_GAP, by k: chain reading, titles and offices ask it
        # of the same few tokens again and again.
        self._name_joined: dict[int, bool] = {}

    def extend(self, tokens: Words) -> None:
        """Read further: ``tokens`` follow the last ones (the skimming reader
        tokenises an article a stretch at a time)."""
        self.words.extend(tokens.texts)
        self.starts.extend(tokens.starts)
        self.ends.extend(tokens.ends)

    def original(self, k: int, skip: int = 0) -> str:
        start, end = self.nt.original_span(self.starts[k] + skip, self.ends[k])
        return self.nt.original[start:end]

    def letters(self, k: int) -> str:
        """The original spelling without diacritics and tatweel."""
        original = self.original(k)
        if original.isalpha() and "\u0640" not in original:
            return original  # letters only (a mark is not alphabetic; tatweel is)
        return "".join(c for c in original if unicodedata.category(c) != "Mn" and c != "\u0640")

    def gap(self, k: int) -> str:
        """The original text between token ``k - 1`` and token ``k`` (marks
        written after ``k - 1``'s last letter belong to it, not to the gap)."""
        start = self.nt.original_end(self.ends[k - 1])
        end = self.nt.original_index(self.starts[k])
        return self.nt.original[start:end]

    def _raw_gap(self, k: int) -> str:
        """``gap(k)`` with the marks after ``k - 1``'s last letter still at its
        front (they never reach token ``k``: a mark has no normalised character)."""
        nt = self.nt
        return nt.original[nt.original_index(self.ends[k - 1] - 1) + 1:
                           nt.original_index(self.starts[k])]

    def joined(self, k: int, pattern: re.Pattern[str] = NAME_GAP) -> bool:
        """Whether only ``pattern`` (by default spaces within one line) stands
        between token ``k - 1`` and token ``k``."""
        if pattern is NAME_GAP:
            known = self._name_joined.get(k)
            if known is None:
                known = self._name_joined[k] = self._joined(k, pattern)
            return known
        return self._joined(k, pattern)

    def _joined(self, k: int, pattern: re.Pattern[str]) -> bool:
        if not 0 < k < len(self.words):
            return False
        # The few distinct gaps of an article (" ", "، ", a line break) are
        # judged once per process, not matched again at every word.
        raw = self._raw_gap(k)
        key = (pattern, raw)
        known = _GAPS.get(key)
        if known is None:
            if len(_GAPS) >= MEMO_LIMIT:
                _GAPS.clear()
            # fullmatch: "$" alone would let a gap of one line break through
            known = _GAPS[key] = pattern.fullmatch(self.gap(k)) is not None
        return known

    def capitalised(self, k: int) -> bool:
        """A capital anywhere in the word: Sisi, and el-Sisi read as one token."""
        return any(c.isupper() for c in self.original(k))

    def shouting(self, k: int) -> bool:
        """A Latin word written in capitals beside another such word: an ALL-CAPS
        headline (LIBYA'S HAFTAR NAMES SON), where capitals mark every word, not
        the names. An acronym among lowercase words (the LNA said) is not."""
        return self._upper(k) and (self._upper(k - 1) or self._upper(k + 1))

    def _upper(self, k: int) -> bool:
        if not 0 <= k < len(self.words) or not self.words[k][:1].isascii():
            return False
        original = self.original(k)
        return len(original) >= 2 and original.isupper()


def is_latin(word: str) -> bool:
    return word[:1].isascii() and word[:1].isalpha()


class ChainReader:
    """Reads name chains against one registry's vocabulary."""

    def __init__(self, index: NameIndex, titles: TitleVocabulary,
                 phrase_len: Callable[[list[str], str, int], int],
                 phrase_starts: Container[str] = (),
                 family_and_father: tuple[Container[str], frozenset[str]] | None = None
                 ) -> None:
        """``phrase_len(words, first, k)``: tokens of the organisation, place or
        office phrase starting at ``k`` (0 if none); such a phrase ends a chain.
        ``phrase_starts``: the words such a phrase can start with (others give 0).
        ``family_and_father``: ``family_tokens`` and ``father_tokens`` read from
        a compiled store (each a pass over the whole index otherwise)."""
        self.index = index
        self.phrase_starts = phrase_starts
        # arabic_name_word's answers for words that decide alone: at a name's
        # start, and further in (a dict each: no key tuple per question)
        self._name_words: tuple[dict[str, bool], dict[str, bool]] = ({}, {})
        self._places: dict[str, bool] = {}
        self.titles = titles
        self.words: ChainWords = chain_words()
        lang = language()
        self._boundary: dict[str, bool] = {}
        self._person_words: dict[str, bool] = {}
        self._opens: dict[str, bool] = {}
        self._inert: dict[str, bool] = {}
        self._alone_titles: dict[str, bool] = {}
        self._clitic_articles = tuple(c + lang.definite_article for c in lang.all_proclitics)
        self.person_tokens = index.person_tokens
        self.family_tokens: Container[str]
        if family_and_father is None:
            self.family_tokens = frozenset(index.by_family)
        else:
            self.family_tokens, self.__dict__["father_tokens"] = family_and_father
        self.distinct = lang.distinct_names
        self.clitics = lang.all_proclitics
        # Only one-letter clitics before a listed word: with stacks, names such as
        # فلان would read as فل + ان.
        self.single_clitics = lang.proclitics
        self.article = lang.definite_article
        self.compound_suffixes = lang.compound_suffixes
        self.nasab_particles = lang.nasab_particles
        self.phrase_len = phrase_len
        # English titles are the vocabulary's own English forms (its ``en`` name
        # and ``forms: {en: [...]}``), so they count as the same evidence as the
        # Arabic title; chains.yaml adds only descriptors (strongman), no title.
        self.latin_title_ids: dict[tuple[str, ...], tuple[str | None, str]] = {}
        for title in titles.by_id.values():
            for text in (title.en, *title.forms.get("en", ())):
                form = tuple(fold(text).split())
                if form:
                    self.latin_title_ids.setdefault(form, (title.id, title.kind))
        for form in self.words.latin_descriptors:
            self.latin_title_ids.setdefault(form, (None, "descriptor"))
        self.latin_title_max = max((len(f) for f in self.latin_title_ids), default=0)
        # Arabic words at which titles_at may find a title (the rest are skipped)
        self._title_heads = titles.first_tokens | self.words.honorifics

    # -- single words --------------------------------------------------------------

    def known_person_word(self, word: str) -> bool:
        """A word of some registry person's name, with or without ال (memoised)."""
        known = self._person_words.get(word)
        if known is None:
            if len(self._person_words) >= MEMO_LIMIT:
                self._person_words.clear()
            known = self._person_words[word] = word in self.person_tokens or any(
                v in self.person_tokens for v in article_variants(word)) or any(
                v in self.person_tokens for v in kunya_case_variants(word))  # أبي عمار
        return known

    def is_boundary(self, word: str) -> bool:
        """A word listed as never part of a name, bare or behind a clitic
        (وقال, للوفد = ل + الوفد). Memoised: news vocabulary repeats."""
        known = self._boundary.get(word)
        if known is None:
            if len(self._boundary) >= MEMO_LIMIT:
                self._boundary.clear()
            known = self._boundary[word] = self._listed_boundary(word)
        return known

    def _listed_boundary(self, word: str) -> bool:
        listed = self.words.boundary
        if word in listed:
            return True
        for clitic in self.single_clitics:
            if word.startswith(clitic) and len(word) - len(clitic) >= 2:
                rest = word[len(clitic):]
                if rest in listed or (clitic.endswith("ل") and rest.startswith("ل")
                                      and "ا" + rest in listed):
                    return True
        return False

    def clitic_article(self, word: str) -> bool:
        """A clitic in front of the article (بالوفد, للجيش, والقاهرة): a noun, not
        a name (names take the article, but not a preposition glued to it)."""
        if word.startswith("لل"):
            return True
        return word.startswith(self._clitic_articles)

    def function_word(self, doc: Document, k: int) -> bool:
        """Token ``k`` is a folding trap spelled as its function word (على):
        never a name, whatever surrounds it."""
        trap = self.words.traps.get(doc.words[k])
        return trap is not None and doc.letters(k).endswith(trap.word)

    def may_open_title(self, word: str) -> bool:
        """A word a title, honorific or descriptor may start with."""
        return word in self._title_heads

    def trap(self, doc: Document, k: int, read: str) -> bool:
        """A function word that folds onto a name (على → علي), decided on its
        original spelling and on the next word: the function word's own spelling
        is never a name; the name's spelling before a non-name word is the
        function word written loosely (علي الرغم)."""
        trap = self.words.traps.get(read)
        if trap is None:
            return False
        if doc.letters(k).endswith(trap.word):
            return True  # function_word: annotate's skimming reader relies on it
        if k > 0 and doc.joined(k) and doc.words[k - 1] in self.nasab_particles:
            return False  # بن علي, ابن علي: after "son of" it is the name
        nxt = k + 1
        if nxt >= len(doc.words) or not doc.joined(nxt):
            return True
        follow = doc.words[nxt]
        return (self.is_boundary(follow) or self.clitic_article(follow)
                or follow in self.words.traps)

    def idiom_entry(self, word: str) -> Idiom | None:
        """The idiom a word is, bare or after a conjunction (ولحسن الحظ)."""
        entry = self.words.idioms.get(word)
        if entry is None and word[:1] in ("و", "ف"):
            entry = self.words.idioms.get(word[1:])
        return entry

    def idiom(self, doc: Document, k: int) -> bool:
        entry = self.idiom_entry(doc.words[k])
        if entry is None:
            return False
        return entry.next_word is None or (k + 1 < len(doc.words)
                                           and doc.words[k + 1] == entry.next_word)

    def arabic_name_word(self, doc: Document, k: int, first: bool,
                         read_as: str | None = None) -> bool:
        """Whether token ``k`` (read as ``read_as`` without its clitic, when
        given) can be a word of an Arabic person's name here. Memoised per word
        when only the word decides: not an idiom, folding trap, title or phrase
        start (those look at the words around them)."""
        if read_as is not None:
            return self._arabic_name_word(doc, k, first, read_as)
        memo = self._name_words[first]
        word = doc.words[k]
        known = memo.get(word)
        if known is None:
            known = self._arabic_name_word(doc, k, first, None)
            if not self._in_context(word):
                if len(memo) >= MEMO_LIMIT:
                    memo.clear()
                memo[word] = known
        return known

    def inert(self, doc: Document, k: int) -> bool:
        """Whether no chain can start at token ``k`` read as written (no clitic
        read off): ``chain_at(doc, k)`` would only return ``k + 1``. True only
        for a word that decides alone, the same everywhere: not Latin, no title
        or honorific, nothing that looks at its neighbours, and no name word at
        the start of a name. Memoised per word, so the words the skimming
        reader passes on its way to a trigger cost one dict lookup each."""
        word = doc.words[k]
        known = self._inert.get(word)
        if known is None:
            if len(self._inert) >= MEMO_LIMIT:
                self._inert.clear()
            known = self._inert[word] = (
                not is_latin(word) and word not in self.words.honorifics
                and not self._in_context(word) and not self.arabic_name_word(doc, k, True))
        return known

    def _in_context(self, word: str) -> bool:
        """Whether ``arabic_name_word`` depends on more than the word itself."""
        return (self.idiom_entry(word) is not None or word in self.words.traps
                or word in self.titles.first_tokens or word in self.phrase_starts)

    def _arabic_name_word(self, doc: Document, k: int, first: bool,
                          read_as: str | None) -> bool:
        word = doc.words[k]
        read = read_as or word
        skip = read_as is not None
        if not read.isalpha() or len(read) < 2 or is_latin(read):
            return False
        if self.idiom(doc, k) or self.trap(doc, k, read):
            return False
        if not first and read in self.person_tokens:
            return not word.startswith("و") or word in self.person_tokens  # أبو مهدي المهندس
        if read in self.words.honorifics or self.titles.match_at(
                doc.words, k, after_title=False, first=read if skip else None) is not None:
            return False
        if read in self.person_tokens or read in self.distinct:
            return first or not (word.startswith("و") and read == word
                                 and word not in self.person_tokens and word not in self.distinct)
        if self.is_boundary(read) or self.is_boundary(word):
            return False
        if not skip and self.clitic_article(word):
            return False
        if self.phrase_len(doc.words, read, k):
            return False  # an organisation, place or office begins here
        if not first:
            return not word.startswith("و")
        if word.startswith("و") and not skip:
            # وفر بشار الأسد is "and (he) fled", not a name و + فر; وعمر is "and Omar".
            return self.given_word(word[1:]) or self.known_person_word(word[1:])
        return True

    def latin_name_word(self, doc: Document, k: int, first: bool) -> bool:
        word = doc.words[k]
        if not is_latin(word) or not word.isalpha():
            return False
        words = self.words
        if word in words.latin_connectors:
            if word in words.latin_inside_connectors and (
                    first or not self.known_person_word(doc.words[k - 1])):
                return False  # "known as Abu Mazen": the English word, no article
            after = k + 1
            return (after < len(doc.words) and doc.joined(after, LATIN_GAP)
                    and doc.capitalised(after) and is_latin(doc.words[after])
                    and (not doc.shouting(after) or self.latin_name_word(doc, after, False)))
        if not doc.capitalised(k) or (word in POSSESSIVE and doc.gap(k) in APOSTROPHES):
            return False  # the 's of EGYPT'S, capitalised with its word
        if doc.shouting(k):
            # An ALL-CAPS headline capitalises every word: there only a word of
            # some registry person's name is read as one (EGYPT'S SISI MEETS).
            return self.known_person_word(word) or any(
                self.known_person_word(article + word) for article in words.latin_articles)
        if word in words.latin_stopwords and not (
                word in words.latin_stopword_names and self.beside_latin_name(doc, k)):
            return False
        return not (first and self.latin_title_at(doc, k) is not None
                    and word not in self.person_tokens)

    def beside_latin_name(self, doc: Document, k: int) -> bool:
        """Whether a name word stands right beside token ``k``: a nasab
        connector before it (bin Said) or a capitalised name word after it."""
        words = self.words
        if k > 0 and doc.words[k - 1] in words.latin_connectors and doc.joined(k, LATIN_GAP):
            return True
        after = k + 1
        if after >= len(doc.words) or not doc.joined(after, LATIN_GAP):
            return False
        word = doc.words[after]
        return (is_latin(word) and word.isalpha() and doc.capitalised(after)
                and word not in words.latin_stopwords and word not in words.latin_connectors)

    # -- titles ------------------------------------------------------------------

    def latin_title_at(self, doc: Document, k: int) -> tuple[int, str | None, str] | None:
        """The longest English title or descriptor at ``k``: (end, title id, kind)."""
        for length in range(min(self.latin_title_max, len(doc.words) - k), 0, -1):
            form = tuple(doc.words[k:k + length])
            hit = self.latin_title_ids.get(form)
            if hit is None:
                continue
            if all(doc.joined(m, LATIN_TITLE_GAP) for m in range(k + 1, k + length)):
                return k + length, hit[0], hit[1]
        return None

    def titles_at(self, doc: Document, i: int, first: str | None, first_skip: int
                  ) -> tuple[list[ChainTitle], int]:
        """Titles at the front of a chain: the list and the first token after them."""
        found: list[ChainTitle] = []
        j = i
        latin = is_latin(doc.words[i])
        while j < len(doc.words):
            if j > i and not doc.joined(j, LATIN_TITLE_GAP if latin else NAME_GAP):
                break
            if latin:
                # The registry's own English title forms first (they are evidence
                # the resolver understands), then this module's descriptors.
                title = self.titles.match_at(doc.words, j, after_title=bool(found))
                hit = (title.last, title.title_id, title.kind) if title is not None and all(
                    doc.joined(m, LATIN_TITLE_GAP) for m in range(j + 1, title.last)
                ) else self.latin_title_at(doc, j)
                if hit is None:
                    break
                end, title_id, kind = hit
            else:
                title = self.titles.match_at(doc.words, j, after_title=bool(found),
                                             first=first if j == i else None)
                head = first if j == i and first else doc.words[j]
                if title is not None:
                    end, title_id, kind = title.last, title.title_id, title.kind
                elif head in self.words.honorifics:
                    end, title_id, kind = j + 1, None, "honorific"
                else:
                    break
            skip = first_skip if j == i else 0
            start, stop = doc.nt.original_span(doc.starts[j] + skip, doc.ends[end - 1])
            surface = doc.nt.original[start:stop]
            if skip and first and first == "ا" + doc.words[j][skip:]:
                surface = "ا" + surface  # لل = ل + ال: the article's alef, not written
            key = " ".join([first if j == i and first else doc.words[j],
                            *doc.words[j + 1:end]])
            found.append(ChainTitle(surface, key, title_id, kind))
            j = end
        return found, j

    # -- chains ------------------------------------------------------------------

    def chain_at(self, doc: Document, i: int, first: str | None = None,
                 first_skip: int = 0) -> Chain | int:
        """The chain starting at token ``i`` (read as ``first``, after
        ``first_skip`` characters of clitic, when given), or the token to
        continue scanning from."""
        words_of = doc.words
        if first is None and words_of[i] not in self._title_heads and not is_latin(words_of[i]):
            titles: list[ChainTitle] = []
            j = i  # what titles_at finds before a word no title or honorific starts
            if self.known_person_word(words_of[i]) and self.agrees_with_noun(
                    doc, i, words_of[i], False):
                # الجيش الليبي: decided before the chain after it is read, as
                # below (a known first word is never a leading non-name)
                return i + 1
        else:
            titles, j = self.titles_at(doc, i, first, first_skip)
            if j >= len(words_of):
                return max(j, i + 1)
        latin = is_latin(words_of[j])
        gap = LATIN_GAP if latin else NAME_GAP
        if titles and not doc.joined(j, LATIN_TITLE_GAP if latin else NAME_GAP):
            return j
        skip = first_skip if j == i and first is not None else 0
        read_first = first if j == i else None
        end = j
        stop = min(len(words_of), j + MAX_CHAIN)
        if latin:
            while end < stop:
                if end > j and not doc.joined(end, gap):
                    break
                if not self.latin_name_word(doc, end, end == j):
                    break
                end += 1
        elif self.arabic_name_word(doc, j, True, read_first):
            # the words after the first, asked of the memo first (the hot loop)
            later = self._name_words[False]
            end = j + 1
            while end < stop and doc.joined(end):
                is_name = later.get(words_of[end])
                if not (self.arabic_name_word(doc, end, False) if is_name is None else is_name):
                    break
                end += 1
        if end == j:
            if skip and not titles:  # a clitic read off a word that is not a name here
                return i + 1
            return j if titles else i + 1
        words = doc.words[j:end]
        if read_first:
            words[0] = read_first
        known = any(map(self.known_person_word, words))
        if not titles and not latin:  # in Latin script capitals mark the name words
            if not known:
                return end  # no registry name word: nothing to ask about (checked first: cheap)
            lead = 0 if self.after_kinship(doc, j) else self.leading_non_names(words)
            if lead:
                if j + lead == end:
                    return end
                words, j, skip, read_first = words[lead:], j + lead, 0, None
                i, first, first_skip = j, None, 0
                known = any(map(self.known_person_word, words))
        if not latin and not skip and self.agrees_with_noun(doc, j, words[0], bool(titles)):
            return j + 1  # الجيش السوداني: "Sudanese", not a man called السوداني
        # A capitalised Latin run is always worth asking about: the resolver's
        # cross-script keys find spellings no registry entry lists (Hiftar).
        known = latin or known
        if not known:
            if not titles or not {t.kind for t in titles} & REPORTED_KINDS:
                return end
            if len(words) > MAX_UNKNOWN_CHAIN:
                words = words[:MAX_UNKNOWN_CHAIN]
                end = j + MAX_UNKNOWN_CHAIN
        outer_skip = first_skip if first is not None else 0
        chain = Chain(i, j, end - 1, skip, outer_skip, titles, words, latin, known)
        chain.after_place_word = self.after_place_word(doc, i)
        chain.evidence_words = [t.key for t in titles if t.title_id and self.alone_title(t.key)]
        return chain

    def alone_title(self, key: str) -> bool:
        """Whether a title's words, read alone, are a title (not a qualifier or
        descriptor that counts only after another title): evidence for the
        resolver. Memoised per title key (a closed vocabulary)."""
        known = self._alone_titles.get(key)
        if known is None:
            if len(self._alone_titles) >= MEMO_LIMIT:
                self._alone_titles.clear()
            known = self._alone_titles[key] = self.titles.match_at(
                key.split(), 0, after_title=False) is not None
        return known

    def plain_end(self, doc: Document, i: int, limit: int) -> int:
        """``chain_at(doc, i)`` at a word that is no registry name word and that
        no title, honorific or Latin letter starts, answered from the per-word
        memos alone when its chain ends before token ``limit`` (the skimming
        reader's next trigger): such a chain holds no registry word, so it only
        says where to read next. -1 when the full reader must decide: the chain
        reaches ``limit``, or a word was never judged before."""
        words = doc.words
        word = words[i]
        if word in self._title_heads or is_latin(word) or self.known_person_word(word):
            return -1
        first = self._name_words[True].get(word)
        if not first:
            return -1 if first is None else i + 1
        later = self._name_words[False]
        end = i + 1
        stop = min(len(words), i + MAX_CHAIN)
        while end < stop:
            if end >= limit:
                return -1
            word = words[end]
            is_name = later.get(word)
            if is_name is None:
                return -1  # not judged yet
            if not (is_name and doc.joined(end)):
                break  # chain_at's loop ends here (it asks the gap first; both are pure)
            if self.known_person_word(word):
                return -1  # a registry name word: the chain is asked about
            end += 1
        return end

    def after_place_word(self, doc: Document, i: int) -> bool:
        """Whether the chain follows a place word (شارع, مدينة), bare or with a clitic."""
        if i == 0:
            return False
        word = doc.words[i - 1]
        place = self._places.get(word)
        if place is None:
            places = self.words.place_words
            if len(self._places) >= MEMO_LIMIT:
                self._places.clear()
            place = self._places[word] = word in places or any(
                word.startswith(c) and word[len(c):] in places for c in self.clitics)
        return place and doc.joined(i)

    def family_word(self, word: str) -> bool:
        """A word some registry person has as a family name (with or without ال)."""
        return word in self.family_tokens or any(
            v in self.family_tokens for v in article_variants(word))

    def starts_compound(self, words: list[str], k: int) -> bool:
        """Whether ``words[k]`` is the first half of a compound name written as
        two words (عطا الله, عز الدين): a name goes on there."""
        return k + 1 < len(words) and words[k + 1] in self.compound_suffixes

    def given_word(self, word: str) -> bool:
        """A word that starts some registry person's name of two or more words,
        or a listed given name."""
        if word in self.distinct or frequency().is_given_name(word):
            return True
        return self.opens_registry_name(word)

    def opens_registry_name(self, word: str) -> bool:
        """The first word of some registry person's name of two or more words
        (memoised: it decodes the forms the word opens)."""
        known = self._opens.get(word)
        if known is None:
            if len(self._opens) >= MEMO_LIMIT:
                self._opens.clear()
            forms = self.index.forms
            known = self._opens[word] = any(len(forms[f].tokens) > 1
                                            for f in self.index.by_given.get(word, ()))
        return known

    @functools.cached_property
    def father_tokens(self) -> frozenset[str]:
        """Words some registry person has as a father's name (خليفة for Saddam)."""
        return frozenset(t for f in self.index.forms
                         for t, slot in zip(f.tokens, f.slots, strict=True) if slot == "father")

    def after_kinship(self, doc: Document, j: int) -> bool:
        """Whether the chain at ``j`` follows a kinship noun (نجله, ونجله,
        chains.yaml ``kinship``): its first word is then a relative's given name."""
        if j == 0 or not doc.joined(j):
            return False
        word = doc.words[j - 1]
        kinship = self.words.kinship
        return word in kinship or any(word.startswith(c) and word[len(c):] in kinship
                                      for c in self.single_clitics)

    def leading_non_names(self, words: list[str]) -> int:
        """How many words at the front of an untitled run are not part of the
        name: words that are neither a registry name word nor a known given name
        (زعيم التيار الصدري مقتدى الصدر: a noun phrase before the name). One is
        kept when the next word is some registry person's father's name: then
        "X خليفة حفتر" may be X son of Khalifa, and the whole chain is judged."""
        n = 0
        while n < len(words) - 1:
            word = words[n]
            if self.known_person_word(word) or self.given_word(word):
                break
            if words[n + 1] in self.father_tokens or (
                    not self.definite(word) and self.opens_registry_name(words[n + 1])):
                break  # X صدام حفتر may be X son of Saddam: judge the whole chain
            n += 1
        return n

    def agrees_with_noun(self, doc: Document, j: int, word: str, titled: bool) -> bool:
        """Whether the word at ``j`` (``word``, read without its clitic) that
        would start a chain is an ordinary nationality adjective
        (السوداني، السودانية: frequency data, from the vocabulary's countries)
        agreeing with the definite noun or title right before it (الجيش
        السوداني، المتحدث السوداني، نظيره السوداني، الرئيس السوداني): an
        adjective, never a name, even when someone is called by that word."""
        if not self.adjective_shaped(word):
            return False
        if titled:
            return True
        if j == 0 or not doc.joined(j):
            return False
        before = doc.words[j - 1]
        verbs = self.words.verbs
        if before in verbs or (before[:1] in self.words.verb_conjunctions
                               and before[1:] in verbs):
            return False  # والتقى السوداني: the verb's subject (التقى starts like ال)
        if self.definite(before) or self.clitic_article(before):
            return not self.known_person_word(before)
        # A noun with a possessive pronoun is definite too (نظيره السوداني), but
        # a bare noun before a definite word is its construct (تصريحات السوداني).
        return before in self.words.common_nouns and doc.letters(j - 1).endswith(
            self.words.possessive_endings)

    def adjective_shaped(self, word: str) -> bool:
        """Definite and an ordinary word (السوداني): what ``agrees_with_noun``
        asks of the word itself before it looks at the noun before it."""
        return self.definite(word) and frequency().is_common_word(word)

    def definite(self, word: str) -> bool:
        return word.startswith(self.article) and len(word) > len(self.article) + 1

    def nisba_shaped(self, word: str) -> bool:
        """ال ... ي: the shape of a nisba or family name (المسماري, الترهوني) that
        may follow another family name; اليمين (the oath) is not one."""
        return self.definite(word) and word.endswith("ي") and word not in self.words.boundary

