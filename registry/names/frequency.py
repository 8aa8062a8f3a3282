"""How common a name token is: reviewed tiers from ``data/name_frequency.yaml``.

A very common given name (محمد) says little about who is meant; a rare one
(صدام) says a lot. The resolver reads these tiers as evidence strength (a lone
common given name never identifies; two common names without a family name are
not a confident match) and validate warns when an "identifying" alias is an
ordinary word. Tiers are data so a reviewer can argue with them in a pull
request, not thresholds tuned per test.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from registry.names.normalize import name_key, strip_article
from registry.names.packaged import packaged_yaml
from registry.names.vocabulary import lookup_vocabulary

VERY_COMMON = 2
COMMON = 1
RARE = 0
TIER_NAMES = {VERY_COMMON: "very common", COMMON: "common", RARE: "not common"}


@dataclass(frozen=True)
class Frequency:
    """Normalised tokens by tier, and ordinary words used as names."""

    tiers: dict[str, int]
    common_words: frozenset[str]
    # family names and nisbas very many unrelated people bear, without ال
    common_families: frozenset[str] = frozenset()
    # rare given names that are no everyday word (for the chain reader only)
    given_only: frozenset[str] = frozenset()

    def tier(self, token: str) -> int:
        """VERY_COMMON, COMMON or RARE for a normalised name token."""
        return self.tiers.get(token, RARE)

    def is_common_name(self, token: str) -> bool:
        """A given name in one of the listed tiers."""
        return token in self.tiers

    def is_common_word(self, token: str) -> bool:
        """An ordinary word (with or without ال) that is also used as a name."""
        return token in self.common_words

    def is_given_name(self, token: str) -> bool:
        """A listed given name, common or not (the tiers and given_names_only)."""
        return token in self.tiers or token in self.given_only

    def is_common_family(self, token: str) -> bool:
        """A family name or nisba (with or without ال) that very many bear."""
        return strip_article(token) in self.common_families

    def describe(self, token: str) -> str:
        """'محمد' (very common given name), for explanations."""
        if token in self.tiers:
            return f"'{token}' ({TIER_NAMES[self.tiers[token]]} given name)"
        if token in self.common_words:
            return f"'{token}' (an ordinary word)"
        return f"'{token}'"


@cache
def frequency() -> Frequency:
    """The packaged frequency data (read once per process)."""
    raw = packaged_yaml("name_frequency.yaml")
    tiers: dict[str, int] = {}
    for tier_name, tier in (("common", COMMON), ("very_common", VERY_COMMON)):
        for name in raw[tier_name]:
            key = name_key(name)
            if " " not in key:  # a two-name entry (محمد علي) is listed for reviewers only
                tiers[key] = tier
    words = {name_key(word) for word in raw["common_words"]}
    # Nationality adjectives are ordinary words too (الجيش السوداني), even when a
    # family name is one of them (محمد شياع السوداني).
    for country in lookup_vocabulary().countries:
        words.update(name_key(form) for form in country.adjective_forms())
    families = {strip_article(key) for key in map(name_key, raw.get("common_families", []))
                if " " not in key}
    given_only = {name_key(name) for name in raw.get("given_names_only", [])}
    return Frequency(tiers, frozenset(words), frozenset(families), frozenset(given_only))
