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

from registry.model.dates import PartialDate, Tenure, registry_date

Slug = Annotated[
    str,
    Field(
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

NonEmpty = Annotated[str, Field(min_length=1)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Source(Strict):
    """Where a statement comes from: a seed file and a quote, or a URL."""

    file: str | None = Field(None, description="Path of a corpus file, e.g. seeds/001_….txt")
    quote: str | None = Field(None, description="The words in that file that say it.")
    url: str | None = Field(None, pattern=r"^https?://\S+$")
    note: str | None = Field(None, description="How the statement follows from the source.")

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


AliasKind = Literal[
    "full", "short", "nickname", "kunya", "transliteration", "abbreviation", "phrase", "former"
]


class Alias(Strict):
    """Another name the entity goes by."""

    text: NonEmpty
    lang: str = Field("ar", pattern=r"^[a-z]{2,3}$", description="ISO 639 code: ar, en, fr …")
    kind: AliasKind = Field(
        "full",
        description="full or short name; nickname and kunya are weak (never enough alone); "
        "phrase is a wording of an office or organisation; former is no longer used.",
    )
    shared: bool = Field(
        False,
        description="Known to be shared with another entity (the phrase is genuinely "
        "ambiguous); collisions on it are allowed and it resolves as ambiguous.",
    )

    @property
    def weak(self) -> bool:
        return self.kind in ("nickname", "kunya")


class NameParts(Strict):
    """A person's Arabic name in its parts, so short forms are derived, not listed."""

    given: NonEmpty = Field(description="ism: the given name (عبد الفتاح is one name).")
    father: str | None = Field(None, description="First link of the nasab.")
    grandfather: str | None = None
    family: str | None = Field(None, description="Family name, nisba or laqab (السيسي).")

    def slots(self) -> list[tuple[str, str]]:
        """(slot, name) in written order: given, father, grandfather, family."""
        order = (
            ("given", self.given),
            ("father", self.father),
            ("grandfather", self.grandfather),
            ("family", self.family),
        )
        return [(slot, value) for slot, value in order if value]


class Held(Strict):
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

    @property
    def tenure(self) -> Tenure:
        return Tenure(self.start, self.start_by, self.end)


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

    type: Literal["child-of", "parent-of", "sibling-of", "spouse-of"]
    target: Slug
    sources: Sources


EntityType = Literal["person", "organization", "place", "position"]
# Fields that only one type of entity may have.
FIELDS_ONLY_FOR = {"name_parts": "person", "born": "person", "ranks": "person", "roles": "person",
                   "relations": "person", "organization": "position", "title": "position"}
PLURAL = {"person": "people", "position": "positions"}


class Entity(Strict):
    """One person, organisation, place or position."""

    id: Slug
    type: EntityType
    name: Names
    description: str | None = None
    name_parts: NameParts | None = Field(None, description="People only.")
    born: DateValue | None = Field(
        None, description="People: date of birth, to the known precision (no tenure "
        "may start before it)."
    )
    aliases: list[Alias] = Field(default_factory=list)
    ids: dict[str, str] = Field(
        default_factory=dict, description="External ids, e.g. {wikidata: Q123}."
    )
    organization: Slug | None = Field(
        None, description="Positions: the organisation the office belongs to."
    )
    title: Slug | None = Field(
        None, description="Positions: the title its holder is addressed by (president)."
    )
    single_holder: bool = Field(
        True, description="Positions: one holder at a time (overlapping tenures are errors)."
    )
    part_of: Slug | None = Field(None, description="Organisations and places: the parent.")
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

    @model_validator(mode="after")
    def _position_has_organization(self) -> Entity:
        if self.type == "position" and not self.organization:
            raise ValueError("a position needs its organization")
        return self

    @property
    def all_name_texts(self) -> list[str]:
        """Canonical names and aliases, the texts a reader may meet."""
        return [self.name.ar, self.name.en, *(a.text for a in self.aliases)]


TitleKind = Literal["military-rank", "rank-qualifier", "civil", "honorific"]


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


class Vocabulary(Strict):
    titles: list[Title] = Field(default_factory=list)


class RegistryFile(Strict):
    """The whole of aliases.yaml."""

    version: Literal[1]
    vocabulary: Vocabulary = Field(default_factory=Vocabulary)
    entities: list[Entity] = Field(default_factory=list)


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
