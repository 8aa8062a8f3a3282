"""The Registry: a loaded aliases.yaml with its index, ready to answer lookups.

Finding the default file lives here too: ``REGISTRY_PATH``, else ``./aliases.yaml``
in the working directory (a checkout), else the copy shipped inside the installed
package, so ``pip install`` then ``registry resolve`` works from any folder.
"""

from __future__ import annotations

import datetime as dt
import os
import pickle
from collections.abc import Mapping
from functools import cached_property
from pathlib import Path
from typing import Any

from registry.errors import InputError, RegistryFileError, UnknownEntityError
from registry.match.index import NameIndex
from registry.match.resolver import Resolution, Resolver
from registry.match.timeline import Timeline
from registry.model.dates import PartialDate, When, parse_when
from registry.model.schema import Entity, RegistryFile
from registry.names.titles import TitleVocabulary
from registry.names.vocabulary import merged_vocabulary
from registry.store import cache
from registry.store.loader import LoadedRegistry, load_registry, read_sources
from registry.store.references import registry_problems
from registry.text.annotate import Annotator, Mention

REGISTRY_ENV = "REGISTRY_PATH"


def default_path() -> Path:
    """Where the registry is read from when no path is given."""
    env = os.environ.get(REGISTRY_ENV)
    if env:
        return Path(env)
    local = Path.cwd() / "aliases.yaml"
    if local.is_file():
        return local
    packaged = Path(__file__).parent / "data" / "aliases.yaml"
    if packaged.is_file():
        return packaged
    source_checkout = Path(__file__).resolve().parent.parent / "aliases.yaml"
    if source_checkout.is_file():  # an editable install
        return source_checkout
    raise RegistryFileError("aliases.yaml", None,
                            f"no registry found: set {REGISTRY_ENV} or pass --registry")


def as_day(value: When | str | None) -> When | None:
    """Accept a date, a partial date, a ``YYYY``/``YYYY-MM``/``YYYY-MM-DD``
    string or None (a year or month asks about that whole period)."""
    if value is None or isinstance(value, (dt.date, PartialDate)):
        return value.date() if isinstance(value, dt.datetime) else value
    if not isinstance(value, str):
        raise InputError("a date must be YYYY, YYYY-MM, YYYY-MM-DD or a date, not "
                         f"{type(value).__name__}")
    try:
        return parse_when(value)
    except ValueError as exc:
        raise InputError(str(exc)) from None


class Registry:
    """Entities by id, plus everything needed to resolve names against them."""

    def __init__(self, document: RegistryFile, path: str = "<memory>") -> None:
        self.path = path
        self.entities: Mapping[str, Entity] = {e.id: e for e in document.entities}
        # The shipped defaults with this registry's own entries on top.
        self.vocabulary = merged_vocabulary(document.vocabulary)
        self.titles = TitleVocabulary(self.vocabulary.titles)
        self.timeline = Timeline(self.entities, self.titles)

    @classmethod
    def from_file(cls, loaded: LoadedRegistry) -> Registry:
        """A registry from its parsed files, once references across them resolve."""
        problems = registry_problems(loaded.files)
        if problems:
            problems[0].raise_()
        return cls(loaded.document, loaded.path)

    def cache_parts(self) -> dict[str, Any]:
        """What the on-disk cache stores: entities one pickle each, and the built
        index, titles and timeline."""
        return {"entities": {k: pickle.dumps(e, protocol=5) for k, e in self.entities.items()},
                "titles": self.titles, "vocabulary": self.vocabulary,
                "timeline": self.timeline, "index": self.index}

    @classmethod
    def from_cache(cls, parts: dict[str, Any], path: str) -> Registry:
        registry = cls.__new__(cls)
        registry.path = path
        registry.entities = cache.LazyEntities(parts["entities"], parts.get("entry"))
        registry.titles = parts["titles"]
        registry.vocabulary = parts["vocabulary"]
        registry.timeline = parts["timeline"]
        registry.timeline.attach(registry.entities)
        registry.__dict__["index"] = parts["index"]
        return registry

    @cached_property
    def index(self) -> NameIndex:
        return NameIndex(list(self.entities.values()))

    @cached_property
    def resolver(self) -> Resolver:
        return Resolver(self.entities, self.index, self.titles, self.timeline)

    @cached_property
    def annotator(self) -> Annotator:
        return Annotator(self.resolver)

    def annotate(self, text: str, date: When | str | None = None) -> list[Mention]:
        """Every mention in running text, resolved; ``date`` overrides the
        article's own ``date YYYY-MM-DD`` marker."""
        if not isinstance(text, str):
            raise InputError(f"text must be a string, not {type(text).__name__}")
        return self.annotator.annotate(text, as_day(date))

    def get(self, entity_id: str) -> Entity:
        """The entity with this id; UnknownEntityError if there is none."""
        try:
            return self.entities[entity_id]
        except KeyError:
            raise UnknownEntityError(f"unknown id '{entity_id}' in {self.path}") from None

    def lookup(self, name: str, at: When | str | None = None) -> Resolution:
        """Resolve a name or office phrase; ``at`` is the day it refers to."""
        if not isinstance(name, str):
            raise InputError(f"a name must be a string, not {type(name).__name__}")
        return self.resolver.resolve(name, as_day(at))

    def __len__(self) -> int:
        return len(self.entities)


def load(path: str | os.PathLike[str] | None = None, *, use_cache: bool = True) -> Registry:
    """Load a registry, one file or a folder of YAML files (default: see
    ``default_path``); RegistryFileError on
    any problem, with ``file:line: message``. Large registries are cached on disk
    (see ``registry.store.cache``), keyed by the file's content."""
    file_path = Path(path) if path is not None else default_path()
    sources = read_sources(file_path)
    caching = use_cache and cache.enabled()
    if caching:
        parts = cache.read(sources)
        if parts is not None:
            return Registry.from_cache(parts, str(file_path))
    registry = Registry.from_file(load_registry(file_path, sources))
    if caching and len(registry) >= cache.MIN_ENTITIES:
        cache.write(sources, registry.cache_parts())
    return registry
