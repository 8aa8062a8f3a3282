"""The annotator's large word sets over a compiled store, asked of the name index.

Annotate asks of many words whether they are a registry name word, a family
name, or a trigger (a name word with or without the article). Over a registry
in memory these are sets. Over a compiled store, unpickling them whole made the
first annotate of a million-entity store take seconds and hundreds of MB: most
of their words are the index's person tokens, whose rows already say it
(``PERSON_TOKEN``, ``FAMILY_TOKEN`` flags). So only the few words the rows do
not cover are stored, and the rest is asked of the index's token rows one word
at a time; the index remembers each row it read, and annotate's own per-word
memos mean each distinct word of an article is asked once.
"""

from __future__ import annotations

from registry.match.index import FAMILY_TOKEN, PERSON_TOKEN, NameIndex
from registry.names.normalize import kunya_case_variants


class IndexWords:
    """Words whose index token row carries ``flag``, plus ``extra`` words; with
    ``article``, also a flagged word written with or without that article (the
    trigger words: حفتر and الحفتر, الترهوني and ترهوني).

    Only membership is offered: listing every word would read the whole index.
    """

    def __init__(self, index: NameIndex, flag: int, extra: frozenset[str],
                 article: str = "") -> None:
        self._index = index
        self._flag = flag
        self.extra = extra
        self._article = article

    def _flagged(self, word: str) -> bool:
        found = self._index.token(word)
        if found is not None:
            return bool(found.flags & self._flag)
        # a kunya in another case than the registry wrote it (بدور أبي عمار)
        return any(bool(row.flags & self._flag) for row in map(
            self._index.token, kunya_case_variants(word)) if row is not None)

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str):
            return False
        if word in self.extra or self._flagged(word):
            return True
        article = self._article
        if not article:
            return False
        if word.startswith(article) and self._flagged(word[len(article):]):
            return True  # a name word written with the article
        return self._flagged(article + word)  # a name word ال... written without it


def person_words(index: NameIndex, extra: frozenset[str], article: str = "") -> IndexWords:
    """Person name words (with ``article``: also with or without it), and ``extra``."""
    return IndexWords(index, PERSON_TOKEN, extra, article)


def family_words(index: NameIndex) -> IndexWords:
    """Words some registry person has as a family name."""
    return IndexWords(index, FAMILY_TOKEN, frozenset())
