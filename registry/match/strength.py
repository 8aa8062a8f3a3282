"""How much a name form is worth on its own: identifying, supporting, never alone.

Alias strength is data (CONTRIBUTING.md, "How strong is an alias"): each alias
kind has a default (a listed nickname or laqab identifies; a kunya supports), a
maintainer may declare another, and an alias that is a common given name or an
ordinary word is lowered. The resolver asks :func:`fit_strength` how strong the
part of a name a query matched is, and each rule below is a named feature with
the sentence the explanation shows, so a reviewer can argue with it.
"""

from __future__ import annotations

from enum import IntEnum
from functools import lru_cache
from typing import TYPE_CHECKING

from registry.model.records import DEFAULT_STRENGTH
from registry.names.frequency import VERY_COMMON, frequency
from registry.names.language import language
from registry.names.normalize import name_tokens, strip_article

if TYPE_CHECKING:
    from registry.model.schema import Alias


class Strength(IntEnum):
    """Ordered: a stronger fit can stand where a weaker one cannot."""

    NEVER_ALONE = 0  # never identifies anyone, whatever else is known
    SUPPORTING = 1  # identifies only with title, office or document evidence
    IDENTIFYING = 2  # resolves alone when one candidate fits

    @property
    def label(self) -> str:
        return self.name.lower().replace("_", "-")

    @classmethod
    def parse(cls, text: str) -> Strength:
        return cls[text.upper().replace("-", "_")]


def token_strength(token: str) -> tuple[Strength, str | None]:
    """A one-token name alone (a nickname, a family name, the name a person is
    called by): identifying unless it is a common given name or ordinary word."""
    freq = frequency()
    bare = strip_article(token)
    if freq.is_common_word(token) or freq.is_common_word(bare):
        return Strength.SUPPORTING, f"{freq.describe(token)} is an ordinary word"
    for candidate in dict.fromkeys((token, bare)):
        if freq.is_common_name(candidate):
            return Strength.SUPPORTING, f"{freq.describe(candidate)} is shared by many people"
    return Strength.IDENTIFYING, None


def given_alone_strength(token: str) -> tuple[Strength, str]:
    """A given name alone supports other evidence at most; a common one is never
    enough (a byline "محمد")."""
    freq = frequency()
    if freq.tier(token) == VERY_COMMON:
        return Strength.NEVER_ALONE, f"{freq.describe(token)} alone names nobody"
    return Strength.SUPPORTING, "a given name alone needs title or office evidence"


def called_strength(token: str) -> tuple[Strength, str | None]:
    """The part a person is declared to be called by (called_by): the maintainer
    says the press uses it alone, so only a very common name or an ordinary
    word is lowered."""
    freq = frequency()
    bare = strip_article(token)
    if freq.is_common_word(token) or freq.is_common_word(bare):
        return Strength.SUPPORTING, f"{freq.describe(token)} is an ordinary word"
    if freq.tier(bare) == VERY_COMMON or freq.tier(token) == VERY_COMMON:
        return Strength.SUPPORTING, f"{freq.describe(bare)} is shared by many people"
    return Strength.IDENTIFYING, None


def called_words_strength(tokens: list[str]) -> tuple[Strength, str | None]:
    """A called-by part of one word (``called_strength``) or of several (قايد
    صالح, بن علي, ولد الشيخ أحمد), which is judged whole, as a family name of
    several words is (``family_strength``), not by its last word: صالح and علي
    are very common, قايد صالح and بن علي are one man's name. Lowered only
    when it has no particle and every word is a very common name or an
    ordinary word (the press cannot name one man by them alone); a particle
    makes a family name of a common name (بن علي, CONTRIBUTING)."""
    if len(tokens) == 1:
        return called_strength(tokens[0])
    freq = frequency()
    particles = language().nasab_particles
    if not particles & set(tokens) and all(
            any(freq.tier(w) == VERY_COMMON or freq.is_common_word(w)
                for w in (t, strip_article(t))) for t in tokens):
        return Strength.SUPPORTING, (f"{', '.join(freq.describe(t) for t in tokens)} "
                                     "are shared by many people")
    return family_strength(tokens)


def family_strength(tokens: list[str]) -> tuple[Strength, str | None]:
    """A family name of several words (آل ثاني, بن علي) alone: its particle makes
    it a family name even when its last word is a given name; only an ordinary
    word is lowered. A house name (آل + a name) is a dynasty or clan of
    thousands: alone it names none of them, even when the registry holds only
    one (آل سعود is not the one Saudi prince a registry lists)."""
    freq = frequency()
    if tokens[0] == language().house_particle:
        house = " ".join(["آل", *tokens[1:]])
        return (Strength.SUPPORTING,
                f"'{house}' is a house name (a dynasty or clan of thousands)")
    if freq.is_common_word(tokens[-1]):
        return Strength.SUPPORTING, f"{freq.describe(tokens[-1])} is an ordinary word"
    return Strength.IDENTIFYING, None


def alias_strength(alias: Alias) -> tuple[Strength, str]:
    """The strength of an alias matched whole, and why."""
    if alias.strength is not None:
        return Strength.parse(alias.strength), f"declared {alias.strength}"
    default = Strength.parse(DEFAULT_STRENGTH[alias.kind])
    tokens = name_tokens(alias.text)
    if len(tokens) == 1 and alias.kind != "abbreviation":
        freq = frequency()
        token = tokens[0]
        if freq.tier(token) == VERY_COMMON:
            return Strength.NEVER_ALONE, f"{freq.describe(token)} alone names nobody"
        lowered, why = token_strength(token)
        if lowered < default:
            return lowered, why or ""
    elif len(tokens) > 1 and default < Strength.IDENTIFYING:
        # A kunya with a laqab (أبو محمد الجولاني) is at least as strong as its
        # laqab would be alone: a longer match is never weaker than its tail.
        tail, _ = token_strength(tokens[-1])
        if tail > default:
            return tail, f"{alias.kind} ending in the laqab '{tokens[-1]}'"
    return default, f"{alias.kind} (default {default.label})"


def common_pair_reason(tokens: list[str], *, with_family: bool = False) -> str | None:
    """Why common names alone are not enough: a given name with father's names but
    no family name, all of them listed (محمد حسن); or two very common names even
    when the second is a family name (علي صالح). None when a rarer name weighs.

    Asked for every name form a query fits (dozens per query at 100k people,
    mostly the same few common names): remembered per word sequence."""
    return _pair_reason(tuple(tokens), with_family)


@lru_cache(maxsize=65_536)
def _pair_reason(tokens: tuple[str, ...], with_family: bool) -> str | None:
    freq = frequency()
    if not tokens:
        return None
    if not with_family and all(freq.is_common_name(t) for t in tokens):
        names = ", ".join(freq.describe(t) for t in tokens)
        return (f"{names} without a family name: thousands of people share these names, "
                "so this needs title or office evidence")
    if (with_family and len(tokens) >= 3 and tokens[1] == language().house_particle
            and freq.is_common_name(tokens[0])):
        house = " ".join(["آل", *tokens[2:]])
        return (f"{freq.describe(tokens[0])} with the house name '{house}' (a dynasty or "
                "clan of thousands), no father's name")
    if (not with_family and len(tokens) == 2 and freq.is_common_name(tokens[0])
            and freq.is_common_word(tokens[1])):
        # An ordinary word as the father's name (محمد ولد الشيخ) weighs no more
        # than a common given name would there.
        return (f"{freq.describe(tokens[0])}, {freq.describe(tokens[1])} without a family "
                "name: thousands of people share these names, so this needs title or "
                "office evidence")
    return very_common_reason(list(tokens), with_family=with_family)


def very_common_reason(tokens: list[str], *, with_family: bool = True) -> str | None:
    """Why two very common given names, or one with a family name very many
    bear (علي الحسيني), are no identification, even when they are a person's
    whole registered name (محمد مصطفى, علي صالح): thousands bear them
    (docs/naming-guide.md, section 4). A chain of three (علي عبد الله صالح) is
    far rarer and still weighs."""
    freq = frequency()
    if len(tokens) != 2 or freq.tier(tokens[0]) != VERY_COMMON:
        return None
    if with_family and freq.is_common_family(tokens[1]):  # not a father's name (بن علوي)
        return (f"{freq.describe(tokens[0])} with '{tokens[1]}', a family name very many "
                "unrelated people bear: this needs title or office evidence")
    if freq.tier(tokens[1]) != VERY_COMMON:
        return None
    names = ", ".join(freq.describe(t) for t in tokens)
    return (f"{names}: two very common names, shared by thousands even as given and "
            "family name, so this needs title or office evidence")
