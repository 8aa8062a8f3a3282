"""Typos forgiven in short words, as data rules (``data/typo_rules.yaml``).

Four-letter names differ from each other by one letter all the time (حسن،
حسين، سعد، سعيد), so the general "one edit" rule for long words would turn one
name into another. Short words instead forgive only slips that rarely make a
new name: a final alef, waw or yeh added or dropped, a hamza on another seat, a
letter swapped for one that differs only by its dots. Each variant carries the
rule that produced it, for the explanation.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from registry.names.packaged import packaged_yaml


@dataclass(frozen=True)
class ShortTypoRules:
    """The rules, in normalised letters."""

    short_length: int
    final_letters: tuple[str, ...]
    hamza_seats: dict[str, frozenset[str]]  # letter -> letters it may stand for (inside)
    lookalikes: dict[str, frozenset[str]]  # letter -> letters differing only by dots

    def variants(self, token: str) -> dict[str, str]:
        """Words this token may be a slip for: {variant: rule}. Only variants
        whose shorter side (token or variant) is ``short_length`` letters."""
        n = self.short_length
        out: dict[str, str] = {}
        if len(token) == n + 1 and token[-1] in self.final_letters:
            out[token[:-1]] = f"final {token[-1]} dropped"
        if len(token) == n:
            for letter in self.final_letters:
                if token[-1] != letter:
                    out.setdefault(token + letter, f"final {letter} added")
            for i, letter in enumerate(token):
                for other in self.lookalikes.get(letter, ()):
                    out.setdefault(token[:i] + other + token[i + 1 :],
                                   f"look-alike {other} for {letter}")
                if 0 < i < n - 1:
                    for other in self.hamza_seats.get(letter, ()):
                        out.setdefault(token[:i] + other + token[i + 1 :],
                                       f"hamza seat {other} for {letter}")
        out.pop(token, None)
        return out


def _pairs(groups: list[list[str]]) -> dict[str, frozenset[str]]:
    out: dict[str, set[str]] = {}
    for group in groups:
        for letter in group:
            out.setdefault(letter, set()).update(g for g in group if g != letter)
    return {k: frozenset(v) for k, v in out.items()}


@cache
def short_typo_rules() -> ShortTypoRules:
    """The packaged rules (read once per process)."""
    raw = packaged_yaml("typo_rules.yaml")
    return ShortTypoRules(
        short_length=int(raw["short_length"]),
        final_letters=tuple(raw["final_letters"]),
        hamza_seats=_pairs(raw["hamza_seats"]),
        lookalikes=_pairs(raw["lookalikes"]),
    )
