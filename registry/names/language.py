"""Arabic language facts used by matching, loaded once from ``data/language.yaml``.

They are data, not code, so a reviewer can read and extend them without touching
the matcher (the same way the title vocabulary lives in aliases.yaml).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from registry.names.packaged import packaged_yaml


@dataclass(frozen=True)
class Language:
    """Normalised word lists: compound prefixes and suffixes, nasab particles, clitics."""

    compound_prefixes: frozenset[str]
    compound_suffixes: frozenset[str]
    kunya_case_forms: tuple[str, ...]  # أبو, أبا, أبي: one word in three cases
    kunya_words_apart: frozenset[str]  # أم: a kunya of two words (أم جهاد)
    nasab_particles: frozenset[str]
    definite_article: str
    house_particle: str  # آل, as a normalised token (it folds onto ال)
    proclitics: tuple[str, ...]
    proclitic_stacks: tuple[str, ...]
    distinct_names: frozenset[str]
    name_stopwords: frozenset[str]
    romanisation: dict[str, str]

    @property
    def all_proclitics(self) -> tuple[str, ...]:
        """Every clitic prefix, longest first, so stripping tries وب before و."""
        return tuple(sorted({*self.proclitics, *self.proclitic_stacks}, key=len, reverse=True))


@cache
def language() -> Language:
    """The packaged language data (read once per process)."""
    raw = packaged_yaml("language.yaml")
    return Language(
        compound_prefixes=frozenset(raw["compound_prefixes"]),
        compound_suffixes=frozenset(raw["compound_suffixes"]),
        kunya_case_forms=tuple(raw["kunya_case_forms"]),
        kunya_words_apart=frozenset(raw["kunya_words_apart"]),
        nasab_particles=frozenset(raw["nasab_particles"]),
        definite_article=raw["definite_article"],
        house_particle=raw["house_particle"],
        proclitics=tuple(raw["proclitics"]),
        proclitic_stacks=tuple(raw["proclitic_stacks"]),
        distinct_names=frozenset(raw["distinct_names"]),
        name_stopwords=frozenset(raw["name_stopwords"]),
        romanisation=dict(raw["romanisation"]),
    )
