"""The shape of aliases.yaml, as pydantic models.

These models are the single definition of the file format: the loader validates
against them, and ``tools/export_schema.py`` writes the JSON Schema that the
file's first line points editors at. Closed key sets everywhere (a typo in a key
is an error, not a silently ignored field).
"""

from __future__ import annotations

import typing
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    ValidationInfo,
    WithJsonSchema,
    field_validator,
    model_validator,
)

from registry.model.dates import PartialDate, registry_date

# The format's constants and derived properties live with the records (readable
# without pydantic); the ``X as X`` imports re-export them for older callers.
from registry.model.records import DEFAULT_STRENGTH as DEFAULT_STRENGTH
from registry.model.records import ENTITY_TYPES as ENTITY_TYPES
from registry.model.records import (
    MAX_NAME_CHARS,
    MAX_SLUG_CHARS,
    MAX_TEXT_CHARS,
    AliasKind,
    AliasMethods,
    AliasStrength,
    CalledBy,
    CountryMethods,
    EntityMethods,
    EntityType,
    HeldMethods,
    NamePartsMethods,
)
from registry.model.records import MAX_TOKEN_CHARS as MAX_TOKEN_CHARS

Slug = Annotated[
    str,
    Field(
        max_length=MAX_SLUG_CHARS,
        pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$",
        description="Stable id: lowercase ASCII slug of the English name (saddam-haftar).",
    ),
]

DateValue = Annotated[
    PartialDate,
    BeforeValidator(registry_date),
    PlainSerializer(str, return_type=str),
    WithJsonSchema(
        {
            "type": ["string", "integer"],
            "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$",
            "description": "A date with the precision the source gives: YYYY, YYYY-MM or "
            "YYYY-MM-DD (quote it).",
        }
    ),
]



def _short_words(text: str) -> str:
    longest = max(text.split(), key=len, default="")
    if len(longest) > MAX_TOKEN_CHARS:
        raise ValueError(f"a word of {len(longest)} characters (at most {MAX_TOKEN_CHARS}): "
                         f"'{longest[:20]}…'; a name is words separated by spaces")
    return text


# A name as written: words of bounded length.
Name = Annotated[str, Field(max_length=MAX_NAME_CHARS), AfterValidator(_short_words)]
NonEmpty = Annotated[Name, Field(min_length=1)]
Text = Annotated[str, Field(max_length=MAX_TEXT_CHARS)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Source(Strict):
    """Where a statement comes from: a seed file and a quote, or a URL."""

    file: Text | None = Field(None, description="Path of a corpus file, e.g. seeds/001_….txt")
    quote: Text | None = Field(None, description="The words in that file that say it.")
    url: Text | None = Field(None, pattern=r"^https?://\S+$")
    note: Text | None = Field(None, description="How the statement follows from the source.")

    @model_validator(mode="after")
    def _file_and_quote_or_url(self) -> Source:
        if self.url is None and not (self.file and self.quote):
            raise ValueError("a source needs a file and a quote, or a url")
        if (self.file is None) != (self.quote is None):
            raise ValueError("a source's file and quote go together")
        return self


Sources = Annotated[list[Source], Field(min_length=1)]


class Names(Strict):
    """Canonical names: how the registry writes this entity."""

    ar: NonEmpty
    en: NonEmpty


class Alias(AliasMethods, Strict):
    """Another name the entity goes by."""

    text: NonEmpty
    lang: str = Field("ar", pattern=r"^[a-z]{2,3}$", description="ISO 639 code: ar, en, fr …")
    kind: AliasKind = Field(
        "full",
        description="full or short name; nickname/laqab (حميدتي) and kunya (أبو محمد) are "
        "what the press calls the person; phrase is a wording of an office or organisation; "
        "former is no longer used.",
    )
    strength: AliasStrength | None = Field(
        None,
        description="identifying: resolves alone; supporting: only with other evidence (a "
        "title, an office, the rest of the name); never-alone: never identifies. Default by "
        "kind: kunya supporting, everything else identifying unless it is a common word.",
    )
    shared: bool = Field(
        False,
        description="Known to be shared with another entity (the phrase is genuinely "
        "ambiguous); collisions on it are allowed and it resolves as ambiguous.",
    )


class NameParts(NamePartsMethods, Strict):
    """A person's Arabic name in its parts, so short forms are derived, not listed."""

    given: NonEmpty = Field(description="ism: the given name (عبد الفتاح is one name).")
    father: Name | None = Field(None, description="First link of the nasab.")
    grandfather: Name | None = None
    ancestors: list[NonEmpty] = Field(
        default_factory=list,
        description="Further links of the nasab after the grandfather, in order (a full "
        "chain: محمد بن سلمان بن عبد العزيز …).",
    )
    family: Name | None = Field(
        None, description="Family name or laqab (السيسي); may begin with بن، آل، أبو (آل ثاني).")
    nisba: Name | None = Field(
        None, description="A nisba written after the family name (tribe or town: الفرجاني).")
    called_by: CalledBy | None = Field(
        None,
        description="The part the press uses alone for this person: father (الكباشي for "
        "شمس الدين كباشي), family or nisba. Its short forms (with and without ال) are derived.",
    )

    @model_validator(mode="after")
    def _called_part_exists(self) -> NameParts:
        if self.called_by is not None and getattr(self, self.called_by) is None:
            raise ValueError(f"called_by: {self.called_by} needs a {self.called_by} name")
        return self


class Held(HeldMethods, Strict):
    """Something held over a period (a rank, an office)."""

    start: DateValue | None = Field(None, description="When it began, to the known precision.")
    start_by: DateValue | None = Field(
        None, description="Not later than: the source shows it already held on this date."
    )
    end: DateValue | None = Field(None, description="When it ended; leave out while ongoing.")
    sources: Sources

    # Fields are validated in order, so each check sees the dates before it.
    @field_validator("start_by")
    @classmethod
    def _start_by_not_before_start(cls, value: PartialDate | None,
                                   info: ValidationInfo) -> PartialDate | None:
        start = info.data.get("start")
        if value is not None and start is not None and start.earliest() > value.latest():
            raise ValueError(f"start_by {value} is before start {start}")
        return value

    @field_validator("end")
    @classmethod
    def _end_not_before_start(cls, value: PartialDate | None,
                              info: ValidationInfo) -> PartialDate | None:
        for name in ("start", "start_by"):
            begun = info.data.get(name)
            if value is not None and begun is not None and begun.earliest() > value.latest():
                raise ValueError(f"end {value} is before {name} {begun}")
        return value


class Rank(Held):
    """A military rank or title a person held (an id from vocabulary.titles)."""

    title: Slug


class Role(Held):
    """An office a person held: a position entity, in an organisation."""

    position: Slug
    organization: Slug | None = Field(
        None, description="Defaults to the position's organisation; must agree with it."
    )


class Relation(Strict):
    """A family or other tie a source states."""

    type: Literal["child-of", "parent-of", "sibling-of", "spouse-of", "cousin-of",
                  "nephew-of", "uncle-of"] = Field(
        description="child-of / parent-of, sibling-of, spouse-of, cousin-of, nephew-of "
        "(the target is the uncle or aunt) / uncle-of (the target is the nephew or niece).")
    target: Slug
    sources: Sources


# Fields that only one type of entity may have.
FIELDS_ONLY_FOR = {"name_parts": "person", "born": "person", "ranks": "person",
                   "roles": "person", "relations": "person", "organization": "position",
                   "title": "position", "heads": "position", "country": "organization"}
PLURAL = {"person": "people", "position": "positions", "organization": "organisations"}
# Fields for the bodies and places an office can belong to.
FIELDS_FOR_BODIES = ("adjectives", "short_names")


class Entity(EntityMethods, Strict):
    """One person, organisation, place or position."""

    id: Slug
    type: EntityType
    name: Names
    description: Text | None = None
    name_parts: NameParts | None = Field(None, description="People only.")
    born: DateValue | None = Field(
        None, description="People: date of birth, to the known precision (no tenure "
        "may start before it)."
    )
    aliases: list[Alias] = Field(default_factory=list)
    ids: dict[Annotated[str, Field(max_length=MAX_SLUG_CHARS)], Text] = Field(
        default_factory=dict, description="External ids, e.g. {wikidata: Q123}."
    )
    organization: Slug | None = Field(
        None, description="Positions: the organisation the office belongs to."
    )
    title: Slug | None = Field(
        None, description="Positions: the title its holder is addressed by (president)."
    )
    single_holder: bool = Field(
        True, description="Positions: one holder at a time (overlapping tenures are errors). "
        "Default true (a president, a chief of staff); write false for an office several "
        "people hold at once (a member of a council, a deputy prime minister).",
    )
    heads: list[Slug] = Field(
        default_factory=list,
        description="Positions: office heads from registry/data/offices.yaml (chief-of-staff, "
        "minister-of-defence) or the registry's own vocabulary heads: any wording of a head "
        "with any name, short name or adjective of the organisation or its country is then "
        "read as this office.",
    )
    part_of: Slug | None = Field(None, description="Organisations and places: the parent.")
    country: Slug | None = Field(
        None, description="Organisations: the country whose name or adjective writers use "
        "for it when it is not part_of that country (الجيش الليبي for the LNA).",
    )
    adjectives: list[NonEmpty] = Field(
        default_factory=list,
        description="Organisations and places: adjective forms, without ال, one per gender "
        "(مصري, مصرية): رئيس الأركان المصري.",
    )
    short_names: list[NonEmpty] = Field(
        default_factory=list,
        description="Organisations and places: short names read only inside an office phrase "
        "(قائد الجيش), where the article's context says which body is meant.",
    )
    ranks: list[Rank] = Field(default_factory=list)
    roles: list[Role] = Field(default_factory=list)
    relations: list[Relation] = Field(default_factory=list)

    @field_validator(*FIELDS_ONLY_FOR)
    @classmethod
    def _field_fits_type(cls, value: Any, info: ValidationInfo) -> Any:
        kind = info.data.get("type")
        owner = FIELDS_ONLY_FOR[info.field_name or ""]
        if value and kind and kind != owner:
            raise ValueError(f"{info.field_name} is for {PLURAL[owner]}, not a {kind}")
        return value

    @field_validator(*FIELDS_FOR_BODIES)
    @classmethod
    def _field_fits_body(cls, value: Any, info: ValidationInfo) -> Any:
        kind = info.data.get("type")
        if value and kind in ("person", "position"):
            raise ValueError(f"{info.field_name} are for organisations and places, not a {kind}")
        return value

    @model_validator(mode="after")
    def _position_has_organization(self) -> Entity:
        if self.type == "position" and not self.organization:
            raise ValueError("a position needs its organization")
        return self


TitleKind = Literal["military-rank", "rank-qualifier", "civil", "honorific"]
OtherForms = Annotated[
    dict[Annotated[str, Field(pattern=r"^[a-z]{2,3}(-[A-Za-z]{4})?$")], list[NonEmpty]],
    Field(description="Forms in other languages or scripts, by ISO 639 code (with an "
          "optional ISO 15924 script): {en: [General, Gen.], fr: [Général]}."),
]


class Title(Strict):
    """A title, rank or honorific that precedes names and is peeled off as evidence."""

    id: Slug
    kind: TitleKind = Field(
        description="rank-qualifier (ركن, أركان حرب) only follows another title."
    )
    en: NonEmpty
    ar: Annotated[list[NonEmpty], Field(min_length=1)] = Field(
        description="Arabic forms, with and without ال."
    )
    abbreviations: list[NonEmpty] = Field(default_factory=list, description="د. م. …")
    loosely: list[Slug] = Field(
        default_factory=list,
        description="Titles writers use loosely for this one (الفريق for الفريق أول): a "
        "mention with one of them is still evidence for a holder of this.",
    )
    forms: OtherForms = Field(default_factory=dict)


DescriptorKind = Literal["former", "retired", "late", "acting", "current", "elect", "deputy"]


class Descriptor(Strict):
    """A word next to a title or name that changes what it says about time or
    standing (السابق: no longer holds it; الراحل: has died)."""

    id: Slug
    kind: DescriptorKind
    en: NonEmpty
    ar: Annotated[list[NonEmpty], Field(min_length=1)] = Field(
        description="Arabic forms, masculine and feminine."
    )
    forms: OtherForms = Field(default_factory=dict)


class Capital(Strict):
    en: NonEmpty
    ar: Annotated[list[NonEmpty], Field(min_length=1)]


class Country(CountryMethods, Strict):
    """A country, its adjective (الرئيس المصري) and capital, for composing and
    reading office phrases and datelines."""

    id: Slug
    en: NonEmpty
    ar: Annotated[list[NonEmpty], Field(min_length=1)] = Field(
        description="Names, short first: مصر, جمهورية مصر العربية.")
    adjectives: list[NonEmpty] = Field(
        default_factory=list,
        description="Masculine adjectives without ال (مصري); the ال and feminine forms "
        "(المصري, مصرية, المصرية) are derived.")
    capital: Capital | None = None
    forms: OtherForms = Field(default_factory=dict)
    other_adjectives: OtherForms = Field(
        default_factory=dict,
        description="Adjectives in other languages, by ISO 639 code: {en: [Egyptian]}, so "
        "that English office phrases compose (the Egyptian defence minister).")


class Month(Strict):
    """A Gregorian month and the names Arabic writers give it in each region."""

    id: Slug
    number: Annotated[int, Field(ge=1, le=12)]
    en: NonEmpty
    ar: Annotated[list[NonEmpty], Field(min_length=1)] = Field(
        description="Egyptian/Gulf name, Levantine/Iraqi name, Maghrebi name.")
    forms: OtherForms = Field(default_factory=dict)


class OfficeHead(Strict):
    """The words that name a job apart from the body it belongs to (مدرب, مفتي,
    رئيس مجلس إدارة), for positions' ``heads:``. The package ships the common
    ones (registry/data/offices.yaml); a registry's own add to them, and one with
    a shipped id replaces it, so a registry of clubs or companies can name its
    offices the way its press does without listing every phrasing."""

    id: Slug
    en: NonEmpty
    ar: Annotated[list[NonEmpty], Field(min_length=1)] = Field(
        description="Wordings as writers use them, with and without ال where both occur "
        "(مدرب, المدرب, المدير الفني): each is followed by a name, short name or adjective "
        "of the position's organisation or country.")
    forms: OtherForms = Field(default_factory=dict)
    bare: bool = Field(
        False, description="An office even with no body named (وزير الدفاع): the article's "
        "context must then say whose. Leave false for a word that names a job only with "
        "its body (مدرب, رئيس).")


class Vocabulary(Strict):
    """Words that are not entities. The package ships a default vocabulary
    (registry/data/vocabulary.yaml, and office heads in offices.yaml); a
    registry's own entries add to it, and an entry with a default's id replaces
    that default."""

    titles: list[Title] = Field(default_factory=list)
    descriptors: list[Descriptor] = Field(default_factory=list)
    countries: list[Country] = Field(default_factory=list)
    months: list[Month] = Field(default_factory=list)
    heads: list[OfficeHead] = Field(default_factory=list)


class RegistryFile(Strict):
    """The whole of aliases.yaml."""

    version: Literal[1]
    checks: list[Annotated[str, Field(pattern=r"^[^\n]+\.tsv$")]] = Field(
        default_factory=list,
        description="Query tables (*.tsv, relative to this file) whose expected answers "
        "`registry diff --fail-on expected` guards, beside the project's own.",
    )
    vocabulary: Vocabulary = Field(default_factory=Vocabulary)
    entities: list[Entity] = Field(default_factory=list)

    @field_validator("version", mode="before")
    @classmethod
    def _exactly_the_integer(cls, value: Any) -> Any:
        """Lax validation would take ``yes`` (True) and ``1.0`` for 1: a file
        that says either was not written for this format."""
        if type(value) is not int:
            raise ValueError(f"expected the integer 1, not {value!r}")
        return value


def model_at(loc: tuple[str | int, ...]) -> type[BaseModel] | None:
    """The model of the mapping at a location in the file (``("entities", 3,
    "roles", 0)`` is a Role), read from the field annotations; None when the
    location is not a model (a plain value, or a key the models do not have)."""
    model: type[BaseModel] = RegistryFile
    for part in loc:
        if isinstance(part, int):
            continue
        field = model.model_fields.get(part)
        found = _model_in(field.annotation) if field is not None else None
        if found is None:
            return None
        model = found
    return model


def _model_in(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):  # Optional[...], list[...], Annotated[...]
        found = _model_in(arg)
        if found is not None:
            return found
    return None


def json_schema() -> dict[str, Any]:
    """JSON Schema of aliases.yaml, for editors (yaml-language-server)."""
    schema = RegistryFile.model_json_schema(mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "aliases.yaml: Arabic entity registry"
    return schema
