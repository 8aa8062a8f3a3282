"""Where in an article a mention can be, found without reading every word.

Annotate reads an article token by token (``Annotator.find``), and most words
of news text can neither start a mention nor be part of one. Every mention
holds a *trigger*: a word the registry or the language data knows (a person's
name word, with or without the article; the first word of an organisation,
place or office phrase, of a title or of an honorific; a compound prefix such
as عبد), bare or behind a clitic, or a word in Latin script.

The reading in between need not be done word by word, because the reader
always comes back to the same place after a *stop word*: a word that can be
neither a trigger nor any word of a name (في، من، قال ... from ``chains.yaml``,
a number, a single letter). A name chain cannot run through it, so wherever the
reader was before it, it reads the stop word alone and goes on after it. The
annotator therefore reads, exactly as it always did, from the last stop word
before each trigger to past the mention, and skips the rest of the text.

Both questions are asked of tokens, and the answer depends on the word alone,
so it is remembered per word: an article's words are looked up in two dicts
with C loops (``map``), and only words never seen before are tested in Python.
A token the tokenizer joined from two words (عبد الله → عبدالله) is a trigger
when either word is, so it is tested piece by piece and not remembered.
"""

from __future__ import annotations

import itertools
import operator
from collections.abc import Callable, Iterable, Sequence

from registry.names.normalize import Words
from registry.text.wordsets import IndexWords

LATIN_LETTERS = "abcdefghijklmnopqrstuvwxyz"  # normalised text is case-folded
MEMO_LIMIT = 200_000  # words remembered before a memo is cleared (bounded memory)


class Scanner:
    """Trigger words of one registry, and the stop-word test.

    ``words``: every trigger word; ``clitics``: what may be written in front of
    one (و، ب، ول ...); ``joiners``: words the tokenizer joins with the next one;
    ``not_a_name``: whether a word that is no trigger can never be part of a
    name (the chain reader's list of boundary words).
    """

    def __init__(self, words: Iterable[str] | IndexWords, clitics: Sequence[str],
                 joiners: Iterable[str], not_a_name: Callable[[str], bool], article: str) -> None:
        # a set, or over a compiled store the index's rows (``wordsets``)
        self.words: IndexWords | frozenset[str] = (
            words if isinstance(words, IndexWords) else frozenset(words))
        self.clitics = frozenset(clitics)
        self._clitic_lengths = sorted({len(c) for c in clitics})
        self.lam_clitics = frozenset(c for c in clitics if c.endswith("ل"))
        self.joiners = frozenset(joiners)
        self.article = article
        self._not_a_name = not_a_name
        self._trigger: dict[str, bool] = {}
        self._stop: dict[str, bool] = {}

    def stats(self) -> dict[str, int]:
        """Size of the trigger vocabulary kept in memory (the benchmark reports
        it): over a compiled store, only the words the index rows do not hold."""
        words = self.words
        return {"words": len(words.extra if isinstance(words, IndexWords) else words)}

    # -- triggers -----------------------------------------------------------------

    def triggers(self, text: str, tokens: Words) -> list[int]:
        """Indices of the trigger tokens of normalised ``text``, in order."""
        texts = tokens.texts
        if len(self._trigger) >= MEMO_LIMIT:
            self._trigger.clear()
        flags: list[bool | None] = list(map(self._trigger.get, texts))
        if None in flags:
            for k in [k for k, flag in enumerate(flags) if flag is None]:
                flags[k] = self._trigger[texts[k]] = self.is_trigger(texts[k])
        # A joined token spans more characters than it has: test its pieces.
        joined = itertools.compress(range(len(texts)), map(
            operator.ne, map(operator.sub, tokens.ends, tokens.starts), map(len, texts)))
        for k in joined:
            pieces = text[tokens.starts[k]:tokens.ends[k]].split()
            flags[k] = flags[k] or any(map(self.is_trigger, pieces))
        return list(itertools.compress(range(len(texts)), flags))

    def is_trigger(self, word: str) -> bool:
        """A trigger word, bare or behind a clitic (or the لل form: ل + ال + word)."""
        if word[:1] in LATIN_LETTERS or word in self.words:
            return True
        for length in self._clitic_lengths:  # the clitics the word starts with
            clitic = word[:length]
            if length <= len(word) and clitic in self.clitics:
                rest = word[length:]
                if rest in self.words or (clitic in self.lam_clitics
                                          and self.article[0] + rest in self.words):
                    return True
        return False

    # -- where reading may start ----------------------------------------------------

    def stop_word(self, word: str) -> bool:
        """A word the reader always reads alone: not a trigger, not joined to the
        next word, and never part of a name."""
        known = self._stop.get(word)
        if known is None:
            if len(self._stop) >= MEMO_LIMIT:
                self._stop.clear()
            trigger = self._trigger.get(word)
            known = self._stop[word] = (
                word not in self.joiners
                and not (self.is_trigger(word) if trigger is None else trigger)
                and (not word.isalpha() or len(word) < 2 or self._not_a_name(word)))
        return known
