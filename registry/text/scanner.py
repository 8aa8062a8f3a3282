"""Where in an article a mention can be, found without reading every word.

Annotate reads an article token by token (``Annotator.find``), and most words
of news text can neither start a mention nor be part of one. Every mention
holds a *trigger*: a word the registry or the language data knows (a person's
name word, with or without the article; the first word of an organisation,
place or office phrase, of a title or of an honorific; a compound prefix such
as عبد), bare or behind a clitic, or a word in Latin script. One Aho-Corasick
pass over the normalised text finds every trigger.

The reading in between need not be done word by word, because the reader
always comes back to the same place after a *stop word*: a word that can be
neither a trigger nor any word of a name (في، من، قال ... from ``chains.yaml``,
a number, a single letter). A name chain cannot run through it, so wherever the
reader was before it, it reads the stop word alone and goes on after it. The
annotator therefore reads, exactly as it always did, from the last stop word
before each trigger to past the mention, and skips the rest of the text.

Two things about the text must hold where reading starts or stops, and are
checked here: the word before the cut is not a compound prefix (the tokenizer
would join it with the next word), and the reader has enough words after its
position to look ahead as far as any phrase, title or office reading can.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

import ahocorasick

_WORD_END = 0  # a trigger word ending at a word end (bare or behind a clitic)
_DOUBLE_LAM = 1  # the لل form: ل + (ال + word) written لل + word
_LATIN = 2  # a word starting with a Latin letter
LATIN_LETTERS = "abcdefghijklmnopqrstuvwxyz"  # normalised text is case-folded
LONGEST = 48  # letters of a pattern (a name word has at most 40; see _add)


class Scanner:
    """Trigger words of one registry, in an automaton, and the stop-word test.

    ``words``: every trigger word; ``clitics``: what may be written in front of
    one (و، ب، ول ...); ``joiners``: words the tokenizer joins with the next one;
    ``not_a_name``: whether a word that is no trigger can never be part of a
    name (the chain reader's list of boundary words).
    """

    def __init__(self, words: Iterable[str], clitics: Sequence[str], joiners: Iterable[str],
                 not_a_name: Callable[[str], bool], article: str, automaton: Any = None) -> None:
        """``automaton``: this scanner's automaton built before (a compiled
        store keeps it, see ``automaton``); built here from ``words`` when None."""
        self.words = frozenset(words)
        self.clitics = frozenset(clitics)
        self.lam_clitics = frozenset(c for c in clitics if c.endswith("ل"))
        self.longest_clitic = max((len(c) for c in clitics), default=0)
        self.joiners = frozenset(joiners)
        self.article = article
        self._not_a_name = not_a_name
        self._stop: dict[str, bool] = {}
        if automaton is not None:
            self._automaton = automaton
            return
        automaton = ahocorasick.Automaton()
        for word in self.words:
            # Matched at a word end; what stands before it is checked on a hit
            # (nothing, or a clitic), so clitic forms need no patterns of their own.
            self._add(automaton, word, _WORD_END)
        for word in self.words:
            if word.startswith(article) and len(word) > len(article):
                self._add(automaton, word[1:], _DOUBLE_LAM)  # للجيش: ل + الجيش
        for letter in LATIN_LETTERS:
            automaton.add_word(" " + letter, (1, _LATIN, ()))
        automaton.make_automaton()
        self._automaton = automaton

    @staticmethod
    def _add(automaton: Any, word: str, kind: int) -> None:
        """A pattern for ``word`` at a word end. A word longer than LONGEST is
        matched by its last letters and compared whole on a hit (a long pattern
        would make the scan cost its length at every character); long words
        sharing their last letters share the pattern."""
        key = word[-LONGEST:] + " "
        found = automaton.get(key, None)
        if len(word) <= LONGEST:
            if found is None or not found[0]:  # a word's own ending wins over لل
                automaton.add_word(key, (len(word), kind, found[2] if found else ()))
        elif found is None:
            automaton.add_word(key, (0, kind, ((kind, word),)))
        else:
            automaton.add_word(key, (*found[:2], (*found[2], (kind, word))))

    @property
    def automaton(self) -> Any:
        """The trigger automaton (picklable: a compiled store keeps it, so a
        store's first annotate does not rebuild it from every surface form)."""
        return self._automaton

    def stats(self) -> dict[str, int]:
        """Patterns and bytes of the automaton (the benchmark reports them)."""
        raw = self._automaton.get_stats()
        return {"patterns": int(raw["words_count"]), "bytes": int(raw["total_size"])}

    # -- triggers -----------------------------------------------------------------

    def triggers(self, text: str) -> list[int]:
        """Start offsets of the trigger words of normalised ``text``, in order."""
        padded = " " + text + " "
        found: set[int] = set()
        clitics, add = self.clitics, found.add
        for end, (length, kind, longer) in self._automaton.iter(padded):
            if kind == _LATIN:
                add(end - 1)
                continue
            if length:  # _hit, inlined for the common case (one call per hit)
                begin = end - length
                if padded[begin - 1] == " ":
                    if kind == _WORD_END:
                        add(begin - 1)
                else:  # a clitic is one or two letters: most such hits end a longer word
                    for space in range(begin - 2, begin - 2 - self.longest_clitic, -1):
                        if padded[space] == " ":  # padded[0] is one: never wraps
                            if padded[space + 1 : begin] in (clitics if kind == _WORD_END
                                                             else self.lam_clitics):
                                add(space)
                            break
            for kind_, whole in longer:
                begin = end - len(whole)
                if begin > 0 and padded.startswith(whole, begin):
                    self._hit(padded, begin, kind_, found)
        return sorted(found)

    def _hit(self, padded: str, begin: int, kind: int, found: set[int]) -> None:
        """A pattern matched from ``begin`` (its first letter in ``padded``) to a
        word end: a trigger if nothing or a clitic stands before it."""
        if padded[begin - 1] == " ":
            if kind == _WORD_END:
                found.add(begin - 1)
            return
        space = padded.rfind(" ", 0, begin)
        prefix = padded[space + 1 : begin]
        if prefix in (self.clitics if kind == _WORD_END else self.lam_clitics):
            found.add(space)

    def is_trigger(self, word: str) -> bool:
        """The same test as ``triggers``, for one word."""
        if word[:1] in LATIN_LETTERS or word in self.words:
            return True
        for clitic in self.clitics:
            if word.startswith(clitic):
                rest = word[len(clitic):]
                if rest in self.words or (clitic in self.lam_clitics
                                          and self.article[0] + rest in self.words):
                    return True
        return False

    # -- where reading may start and stop -------------------------------------------

    def stop_word(self, word: str) -> bool:
        """A word the reader always reads alone: not a trigger, not joined to the
        next word, and never part of a name."""
        known = self._stop.get(word)
        if known is None:
            known = self._stop[word] = (
                word not in self.joiners and not self.is_trigger(word)
                and (not word.isalpha() or len(word) < 2 or self._not_a_name(word)))
        return known

    def sync_before(self, text: str, trigger: int, floor: int) -> int:
        """Start of the last stop word wholly before offset ``trigger`` and not
        before ``floor`` (a word start), whose previous word is no joiner; -1
        if there is none."""
        pos = trigger
        while True:
            end = pos - 1
            while end >= floor and text[end] == " ":
                end -= 1
            if end < floor:
                return -1
            start = max(text.rfind(" ", floor, end) + 1, floor)
            if self.stop_word(text[start : end + 1]) and not self._joiner_before(text, start):
                return start
            pos = start

    def _joiner_before(self, text: str, start: int) -> bool:
        end = start - 1
        while end >= 0 and text[end] == " ":
            end -= 1
        if end < 0:
            return False
        return text[text.rfind(" ", 0, end) + 1 : end + 1] in self.joiners

    def stable_end(self, text: str, near: int) -> int:
        """The first offset at or after ``near`` where tokenising may stop: a
        space right after a word that is no joiner (or the end of the text)."""
        cut = text.find(" ", near)
        while cut != -1:
            word = text[text.rfind(" ", 0, cut) + 1 : cut]
            if word and word not in self.joiners:
                return cut
            cut = text.find(" ", cut + 1)
        return len(text)
