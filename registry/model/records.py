"""Plain records of registry entries, for reading a compiled store without pydantic.

Why: pydantic is the schema (``registry.model.schema``) and validates every
entity that is written or built, but importing it and building the model
classes costs about 0.15 s of CPU, twice what a whole cold ``registry resolve``
may take. A compiled store holds entries that were validated when it was built,
so reading one needs no validation: each model has a frozen, slotted record
here with the same attribute names, in the same order, and the same derived
properties (``tenure``, ``slots()``, ``declared_strength``, ``all_name_texts``,
``adjective_forms()``). The resolver, timeline and annotator read either kind
without knowing which (``tests/model/test_records.py`` keeps the two in step).

The format's own constants (length limits, alias strengths, entity types) live
here too, so code on the lookup path can use them without importing pydantic;
``schema`` re-exports them. The derived properties are written once, in the
``*Methods`` mixins, which the pydantic models inherit as well.

The store writer turns every model it pickles into its record
(``record_reduction``); ``to_model`` turns a record back into the validated
model class for the commands that need pydantic (``show --json``, exports).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, ClassVar, Literal, get_args

from registry.model.dates import PartialDate, Tenure

if TYPE_CHECKING:
    from pydantic import BaseModel

# Length limits (README, "Bad input"). Real values are far below them (the
# longest name word in the shipped registry has 14 letters, the longest quote
# 157 characters); they exist so that one hostile field cannot make indexing
# or matching cost quadratic time and memory in its length.
MAX_TOKEN_CHARS = 40  # one word of a name
MAX_NAME_CHARS = 200  # a name, alias, name part or title wording
MAX_SLUG_CHARS = 100  # an id
MAX_TEXT_CHARS = 2000  # a description, quote, note or url

AliasKind = Literal[
    "full", "short", "nickname", "laqab", "kunya", "transliteration", "abbreviation", "phrase",
    "former",
]
AliasStrength = Literal["identifying", "supporting", "never-alone"]
# What an alias of each kind is worth alone when the maintainer does not say
# (CONTRIBUTING.md, "How strong is an alias"). A listed nickname or laqab is how
# the press names the person (حميدتي), so it identifies, unless it normalises
# to a common word or given name (registry.names.frequency lowers it then); a
# kunya (أبو محمد) is shared by thousands and only supports other evidence.
DEFAULT_STRENGTH: dict[str, AliasStrength] = {
    "full": "identifying", "short": "identifying", "nickname": "identifying",
    "laqab": "identifying", "kunya": "supporting", "transliteration": "identifying",
    "abbreviation": "identifying", "phrase": "identifying", "former": "identifying",
}
CalledBy = Literal["father", "family", "nisba"]
EntityType = Literal["person", "organization", "place", "position"]
ENTITY_TYPES: tuple[str, ...] = get_args(EntityType)


# -- derived properties, shared by the models and the records ---------------------


class AliasMethods:
    """What an alias is worth when the maintainer does not say."""

    __slots__ = ()
    if TYPE_CHECKING:
        kind: str
        strength: AliasStrength | None

    @property
    def declared_strength(self) -> AliasStrength:
        """The strength the maintainer wrote, or the default for the kind (before
        the common-word check, which needs the frequency data)."""
        return self.strength or DEFAULT_STRENGTH[self.kind]


class NamePartsMethods:
    """A person's name parts in written order."""

    __slots__ = ()
    if TYPE_CHECKING:
        given: str
        father: str | None
        grandfather: str | None
        ancestors: list[str]
        family: str | None
        nisba: str | None

    def slots(self) -> list[tuple[str, str]]:
        """(slot, name) in written order: given, father, grandfather, ancestors,
        family, nisba."""
        order = (
            ("given", self.given),
            ("father", self.father),
            ("grandfather", self.grandfather),
            *(("ancestor", name) for name in self.ancestors),
            ("family", self.family),
            ("nisba", self.nisba),
        )
        return [(slot, value) for slot, value in order if value]


class HeldMethods:
    """The tenure of something held over a period."""

    __slots__ = ()
    if TYPE_CHECKING:
        start: PartialDate | None
        start_by: PartialDate | None
        end: PartialDate | None

    @property
    def tenure(self) -> Tenure:
        return Tenure(self.start, self.start_by, self.end)


class EntityMethods:
    """The texts a reader may meet for an entity."""

    __slots__ = ()
    if TYPE_CHECKING:  # a model's or a record's (Names, list of Alias)
        name: Any
        aliases: Sequence[Any]

    @property
    def all_name_texts(self) -> list[str]:
        """Canonical names and aliases, the texts a reader may meet."""
        return [self.name.ar, self.name.en, *(a.text for a in self.aliases)]


class CountryMethods:
    """A country's adjective in every form a writer uses."""

    __slots__ = ()
    if TYPE_CHECKING:
        adjectives: list[str]

    def adjective_forms(self) -> list[str]:
        """The adjectives with and without ال, masculine and feminine."""
        out: list[str] = []
        for form in genders(self.adjectives):
            out += [form, "ال" + form]
        return out


def genders(adjectives: Iterable[str]) -> list[str]:
    """Each nationality adjective, masculine then feminine (مصري, مصرية): the one
    place that knows how the feminine is written."""
    return [form for base in adjectives for form in (base, base + "ة")]


# -- the records ------------------------------------------------------------------


class _Slotted(type):
    """Gives a record class ``__slots__`` from its annotated fields, in order."""

    def __new__(mcs, name: str, bases: tuple[type, ...], namespace: dict[str, Any]) -> _Slotted:
        namespace.setdefault("__slots__", tuple(namespace.get("__annotations__", ())))
        return super().__new__(mcs, name, bases, namespace)


class Record(metaclass=_Slotted):
    """A stored entry: read-only, compared and hashed by its field values, and
    pickled as its class and those values, so reading one back is a single
    constructor call. A subclass declares its fields once, as annotations in the
    model's order (they become its ``__slots__``); a test keeps them equal to
    the model's.

    Hand-written rather than ``@dataclass(frozen=True, slots=True)``: a dataclass
    generates and compiles its methods when the class is created, which cost
    23 ms of every cold start for these fourteen classes; these share one set.
    """

    __slots__: tuple[str, ...] = ()
    MODEL: ClassVar[str]  # the schema model this record stands for

    def __init__(self, *values: Any) -> None:
        if len(values) != len(self.__slots__):
            raise TypeError(f"{type(self).__name__} takes {len(self.__slots__)} values, "
                            f"not {len(values)}")
        for name, value in zip(self.__slots__, values, strict=True):
            object.__setattr__(self, name, value)

    def values(self) -> tuple[Any, ...]:
        """The field values, in field order."""
        return tuple(getattr(self, name) for name in self.__slots__)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"{type(self).__name__} is read-only")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__name__} is read-only")

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self.values() == other.values()

    def __hash__(self) -> int:
        return hash(self.values())

    def __repr__(self) -> str:
        inner = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__)
        return f"{type(self).__name__}({inner})"

    def __reduce__(self) -> tuple[Any, ...]:
        return type(self), self.values()


class SourceRecord(Record):
    MODEL = "Source"
    file: str | None
    quote: str | None
    url: str | None
    note: str | None


class NamesRecord(Record):
    MODEL = "Names"
    ar: str
    en: str


class AliasRecord(AliasMethods, Record):
    MODEL = "Alias"
    text: str
    lang: str
    kind: AliasKind
    strength: AliasStrength | None
    shared: bool


class NamePartsRecord(NamePartsMethods, Record):
    MODEL = "NameParts"
    given: str
    father: str | None
    grandfather: str | None
    ancestors: list[str]
    family: str | None
    nisba: str | None
    called_by: CalledBy | None


class RankRecord(HeldMethods, Record):
    MODEL = "Rank"
    start: PartialDate | None
    start_by: PartialDate | None
    end: PartialDate | None
    sources: list[SourceRecord]
    title: str


class RoleRecord(HeldMethods, Record):
    MODEL = "Role"
    start: PartialDate | None
    start_by: PartialDate | None
    end: PartialDate | None
    sources: list[SourceRecord]
    position: str
    organization: str | None


class RelationRecord(Record):
    MODEL = "Relation"
    type: str
    target: str
    sources: list[SourceRecord]


class EntityRecord(EntityMethods, Record):
    MODEL = "Entity"
    id: str
    type: EntityType
    name: NamesRecord
    description: str | None
    name_parts: NamePartsRecord | None
    born: PartialDate | None
    aliases: list[AliasRecord]
    ids: dict[str, str]
    organization: str | None
    title: str | None
    single_holder: bool
    heads: list[str]
    part_of: str | None
    country: str | None
    adjectives: list[str]
    short_names: list[str]
    ranks: list[RankRecord]
    roles: list[RoleRecord]
    relations: list[RelationRecord]


class TitleRecord(Record):
    MODEL = "Title"
    id: str
    kind: str
    en: str
    ar: list[str]
    abbreviations: list[str]
    loosely: list[str]
    forms: dict[str, list[str]]


class DescriptorRecord(Record):
    MODEL = "Descriptor"
    id: str
    kind: str
    en: str
    ar: list[str]
    forms: dict[str, list[str]]


class CapitalRecord(Record):
    MODEL = "Capital"
    en: str
    ar: list[str]


class CountryRecord(CountryMethods, Record):
    MODEL = "Country"
    id: str
    en: str
    ar: list[str]
    adjectives: list[str]
    capital: CapitalRecord | None
    forms: dict[str, list[str]]
    other_adjectives: dict[str, list[str]]


class MonthRecord(Record):
    MODEL = "Month"
    id: str
    number: int
    en: str
    ar: list[str]
    forms: dict[str, list[str]]


class OfficeHeadRecord(Record):
    MODEL = "OfficeHead"
    id: str
    en: str
    ar: list[str]
    forms: dict[str, list[str]]
    bare: bool


class VocabularyRecord(Record):
    MODEL = "Vocabulary"
    titles: list[TitleRecord]
    descriptors: list[DescriptorRecord]
    countries: list[CountryRecord]
    months: list[MonthRecord]
    heads: list[OfficeHeadRecord]


RECORDS: dict[str, type[Record]] = {
    cls.MODEL: cls
    for cls in (SourceRecord, NamesRecord, AliasRecord, NamePartsRecord, RankRecord, RoleRecord,
                RelationRecord, EntityRecord, TitleRecord, DescriptorRecord, CapitalRecord,
                CountryRecord, MonthRecord, OfficeHeadRecord, VocabularyRecord)
}
_SCHEMA_MODULE = "registry.model.schema"


def record_reduction(obj: object) -> tuple[Any, ...] | None:
    """How a store writer pickles a schema model: as its record (class and field
    values; nested models go through here in turn). None for anything else."""
    cls = type(obj)
    if cls.__module__ != _SCHEMA_MODULE:
        return None
    target = RECORDS.get(cls.__name__)
    if target is None:
        return None
    return target, tuple(getattr(obj, name) for name in target.__slots__)


def to_model(value: Any) -> Any:
    """A record (and every record inside it) as its validated schema model; any
    other value unchanged. Imports pydantic: only commands that hand out whole
    models (``show --json``, exports, ``Registry.get``) call it."""
    if isinstance(value, Record):
        from registry.model import schema

        model: type[BaseModel] = getattr(schema, value.MODEL)
        values = {name: to_model(getattr(value, name)) for name in value.__slots__}
        # No re-validation: the store holds entries validated when it was built.
        return model.model_construct(**values)
    if isinstance(value, list):
        return [to_model(v) for v in value]
    if isinstance(value, dict):
        return {k: to_model(v) for k, v in value.items()}
    return value
