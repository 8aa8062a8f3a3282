"""The candidate index: every name a reader may meet, in forms the resolver can
look up without scanning the registry.

People become *name forms*: token sequences with the slot of each token (given,
father, grandfather, family), derived from their name parts, canonical names and
aliases, so short forms (صدام حفتر) never need listing. Organisations, places and
positions become *phrases*: exact normalised keys. Token postings give, for any
query token, the forms that contain it; a deletion-neighbourhood map gives the
vocabulary tokens one typo away from an unknown token, so fuzzy lookup costs a
few dictionary probes, not a pass over all aliases.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from rapidfuzz.distance import OSA

from registry.language import language
from registry.normalize import drop_medial_particles, name_tokens, strip_article
from registry.schema import Entity

# Typos are forgiven only in words this long (normalised letters): in shorter
# ones a single letter usually makes another name (حسن / حسين).
FUZZY_MIN_LEN = 5


@dataclass(frozen=True)
class NameForm:
    """One way a person's name is written, as slotted tokens."""

    entity_id: str
    tokens: tuple[str, ...]
    slots: tuple[str, ...]  # "given", "father", "grandfather", "family", "other"
    label: str  # where it comes from, for explanations
    weak: bool  # a nickname or kunya: never enough alone
    explicit: bool = False  # written out in the registry (a name or alias), not derived


@dataclass(frozen=True)
class Phrase:
    """A name of an organisation, place or position (or a person's exact alias)."""

    entity_id: str
    text: str
    canonical: bool
    shared: bool


@dataclass(frozen=True)
class TokenMatch:
    """A vocabulary token that a query token stands for."""

    token: str
    fuzzy: bool


def _structured_form(entity: Entity) -> NameForm | None:
    parts = entity.name_parts
    if parts is None:
        return None
    tokens: list[str] = []
    slots: list[str] = []
    for slot, text in parts.slots():
        part_tokens = name_tokens(text)
        tokens.extend(part_tokens)
        slots.extend([slot] * len(part_tokens))
    kept = drop_medial_particles(tokens)
    if len(kept) != len(tokens):  # keep slots aligned with the surviving tokens
        particles = language().nasab_particles
        pairs = [
            (t, s)
            for i, (t, s) in enumerate(zip(tokens, slots, strict=True))
            if not (t in particles and 0 < i < len(tokens) - 1)
        ]
        tokens, slots = [p[0] for p in pairs], [p[1] for p in pairs]
    if not tokens:
        return None
    return NameForm(entity.id, tuple(tokens), tuple(slots), "name parts", weak=False)


def _text_form(entity_id: str, text: str, label: str, weak: bool) -> NameForm | None:
    tokens = name_tokens(text)
    if not tokens:
        return None
    if len(tokens) == 1:
        slots = ("given",)
    else:
        slots = ("given", *["other"] * (len(tokens) - 2), "family")
    return NameForm(entity_id, tuple(tokens), slots, label, weak, explicit=True)


def person_forms(entity: Entity) -> list[NameForm]:
    """All name forms of a person, structured first, without duplicates."""
    forms: list[NameForm] = []
    seen: set[tuple[str, ...]] = set()

    def add(form: NameForm | None) -> None:
        if form is not None and form.tokens not in seen:
            seen.add(form.tokens)
            forms.append(form)

    add(_structured_form(entity))
    add(_text_form(entity.id, entity.name.ar, "canonical name", weak=False))
    add(_text_form(entity.id, entity.name.en, "canonical name (en)", weak=False))
    for alias in entity.aliases:
        add(_text_form(entity.id, alias.text, f"alias '{alias.text}' ({alias.kind})", alias.weak))
    return forms


def _deletions(token: str) -> set[str]:
    return {token[:i] + token[i + 1 :] for i in range(len(token))}


class NameIndex:
    """Name forms with token postings, phrase keys, and a typo neighbourhood."""

    def __init__(self, entities: list[Entity]) -> None:
        self.forms: list[NameForm] = []
        self.postings: dict[str, list[int]] = defaultdict(list)
        self.phrases: dict[str, list[Phrase]] = defaultdict(list)
        for entity in entities:
            if entity.type == "person":
                for form in person_forms(entity):
                    index = len(self.forms)
                    self.forms.append(form)
                    for token in set(form.tokens):
                        self.postings[token].append(index)
            else:
                shared = {a.text for a in entity.aliases if a.shared}
                for i, text in enumerate(entity.all_name_texts):
                    key = " ".join(name_tokens(text))
                    if key and all(p.entity_id != entity.id for p in self.phrases[key]):
                        self.phrases[key].append(Phrase(entity.id, text, i < 2, text in shared))
        self.postings = dict(self.postings)
        self.phrases = dict(self.phrases)
        self.phrase_max_len = max((k.count(" ") + 1 for k in self.phrases), default=0)
        self.vocabulary = set(self.postings)
        for key in self.phrases:
            self.vocabulary.update(key.split())
        self._neighbours: dict[str, list[str]] = defaultdict(list)
        for token in self.vocabulary:
            if len(token) >= FUZZY_MIN_LEN:
                for variant in {token, *_deletions(token)}:
                    self._neighbours[variant].append(token)
        self._neighbours = dict(self._neighbours)
        self._distinct = language().distinct_names

    def token_matches(self, token: str, *, article_free: bool = False) -> list[TokenMatch]:
        """Vocabulary tokens a query token stands for: itself, the same word with
        or without ال (family names, when ``article_free``), or one typo away."""
        out: list[TokenMatch] = []
        if token in self.vocabulary:
            out.append(TokenMatch(token, False))
        if article_free:
            article = language().definite_article
            bare = strip_article(token)
            for variant in (bare, article + bare):
                if variant != token and variant in self.vocabulary:
                    out.append(TokenMatch(variant, False))
        if out or len(token) < FUZZY_MIN_LEN or token in self._distinct:
            return out
        seen: set[str] = set()
        for variant in {token, *_deletions(token)}:
            for candidate in self._neighbours.get(variant, ()):
                if candidate in seen:
                    continue
                seen.add(candidate)
                if OSA.distance(token, candidate, score_cutoff=1) <= 1:
                    out.append(TokenMatch(candidate, True))
        return out

    def forms_with(self, matches: list[TokenMatch]) -> set[int]:
        """Indices of the forms containing any of these tokens."""
        out: set[int] = set()
        for match in matches:
            out.update(self.postings.get(match.token, ()))
        return out
