"""The Registry: a loaded aliases.yaml with its index, ready to answer lookups.

Finding the default file lives here too: ``REGISTRY_PATH``, else ``./aliases.yaml``
in the working directory (a checkout), else the copy shipped inside the installed
package, so ``pip install`` then ``registry resolve`` works from any folder.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import itertools
import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from registry.errors import InputError, RegistryFileError, UnknownEntityError
from registry.match.index import IndexBuilder, NameIndex
from registry.match.memo import AnswerMemo
from registry.match.offices import OfficeBuilder, OfficeTables
from registry.match.resolver import Resolution, Resolver
from registry.match.timeline import Timeline, TimelineBuilder
from registry.model.dates import PartialDate, When, parse_when
from registry.model.records import ENTITY_TYPES, to_model
from registry.names.office_words import with_vocabulary
from registry.names.packaged import packaged_data, use_stored
from registry.names.titles import TitleVocabulary
from registry.names.vocabulary import default_vocabulary, merged_vocabulary, use_stored_defaults
from registry.store import cache
from registry.store.collector import collector_paused
from registry.store.compiled import SUFFIX, CorruptStore, Store, Writer, open_store
from registry.store.sources import read_bytes, registry_files

if TYPE_CHECKING:  # validating needs pydantic; opening a compiled store does not
    from registry.model.schema import Entity, RegistryFile, Vocabulary
    from registry.store.loader import LoadedRegistry
    from registry.text.annotate import AnnotateTables, Annotator, Article, Mention

REGISTRY_ENV = "REGISTRY_PATH"
BATCH_CHUNK = 4096  # names answered between two pauses of the collector (lookup_many)


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


def registry_path(path: object) -> Path:
    """The registry a caller named (None: ``default_path``), or an InputError.

    An empty string is refused rather than read as ``Path("")``, which is the
    working directory: ``load("")`` (a variable that was never filled in) loaded
    whatever YAML files the folder held. A value of another type (a number, a
    list) gets the same one-line error instead of a TypeError from ``Path``."""
    if path is None:
        return default_path()
    if isinstance(path, os.PathLike):
        path = os.fspath(path)
    if not isinstance(path, str):
        raise InputError("a registry path must be a string or a path, not "
                         f"{type(path).__name__}")
    if not path:
        raise InputError("an empty registry path: name a registry file or folder "
                         "(or pass None for the default registry)")
    return Path(path)


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
        self.titles = TitleVocabulary(self.vocabulary.titles, self.vocabulary.descriptors)
        self.timeline = Timeline(self.entities, self.titles)
        self.office_tables: Callable[[], OfficeTables] | None = None  # built on first use
        self.annotate_tables: Callable[[], AnnotateTables] | None = None

    @classmethod
    def from_file(cls, loaded: LoadedRegistry) -> Registry:
        """A registry from its parsed files, once references across them resolve."""
        from registry.store.references import registry_problems

        problems = registry_problems(loaded.files)
        if problems:
            problems[0].raise_()
        return cls(loaded.document, loaded.path)

    def compile(self, path: Path, source_key: str) -> None:
        """Write this registry as a compiled store (see ``registry.store.compiled``),
        through the same pipeline as a streamed build."""
        write_store(path, source_key, self.entities.values(),
                    lambda: (self.vocabulary, self.titles))

    @classmethod
    def from_store(cls, store: Store, path: str) -> Registry:
        """A registry read lazily from a compiled store: entities and index keys
        are fetched when a lookup needs them."""
        registry = cls.__new__(cls)
        registry.path = path
        registry.entities = store.entities()
        registry.titles = store.value("titles")
        registry.vocabulary = store.value("vocabulary")
        use_stored_defaults(store.value("default_vocabulary"))
        use_stored(store.value("packaged"))
        registry.timeline = store.restore("timeline")
        registry.timeline.attach(registry.entities)
        registry.__dict__["index"] = NameIndex.open(store)
        registry.office_tables = lambda: store.restore("offices")
        registry.annotate_tables = lambda: store.value("annotate")
        registry.__dict__["store"] = store
        # What is loaded now lives as long as the registry: keep the collector
        # from rescanning it (a full pass over a large heap pauses a lookup).
        gc.freeze()
        return registry

    @cached_property
    def index(self) -> NameIndex:
        """The name index, built on first use (lookups need it; ``get`` does not)."""
        return NameIndex(list(self.entities.values()))

    @cached_property
    def resolver(self) -> Resolver:
        """The resolver answering ``lookup`` and ``lookup_many``."""
        return Resolver(self.entities, self.index, self.titles, self.timeline,
                        self.office_tables, with_vocabulary(self.vocabulary.countries,
                                                             self.vocabulary.heads))

    @cached_property
    def annotator(self) -> Annotator:
        """The mention finder answering ``annotate`` (its module is imported here:
        a run that only resolves names does not pay for the text layer)."""
        from registry.text.annotate import Annotator

        return Annotator(self.resolver, self.vocabulary.months, self.annotate_tables)

    def annotate(self, text: str, date: When | str | None = None) -> list[Mention]:
        """Every mention in running text, resolved; ``date`` overrides the
        article's own ``date YYYY-MM-DD`` marker."""
        if not isinstance(text, str):
            raise InputError(f"text must be a string, not {type(text).__name__}")
        return self.annotator.annotate(text, as_day(date))

    def annotate_article(self, text: str, date: When | str | None = None) -> Article:
        """Mentions plus the date used (``date``, else the article's dateline or
        date line) and where it was found, and warnings (an undated article
        with office mentions)."""
        if not isinstance(text, str):
            raise InputError(f"text must be a string, not {type(text).__name__}")
        return self.annotator.annotate_article(text, as_day(date))

    def get(self, entity_id: str) -> Entity:
        """The entity with this id; UnknownEntityError if there is none."""
        try:
            entity = self.entities[entity_id]
        except KeyError:
            raise UnknownEntityError(f"unknown id '{entity_id}' in {self.path}") from None
        return to_model(entity)  # type: ignore[no-any-return]

    def lookup(self, name: str, at: When | str | None = None, *,
               explain: bool = True) -> Resolution:
        """Resolve a name or office phrase; ``at`` is the day it refers to.
        ``explain=False`` gives the same decision (status, id, score, candidate
        ids and scores) without the explanation and candidate names, faster."""
        _check_name(name)
        return self.resolver.resolve(name, as_day(at), explain=explain)

    def lookup_many(self, names: Iterable[str], at: When | str | None = None, *,
                    explain: bool = True) -> list[Resolution]:
        """Resolve a batch of names, all as of the same day: one answer per name,
        in input order, each equal to ``lookup(name, at, explain=explain)``.

        Faster than calling ``lookup`` in a loop where a batch repeats itself (a
        spreadsheet column, a corpus's names): each distinct string is resolved
        once while it stays in a bounded memo (``registry.match.memo``), and
        the date is parsed once. Repeats get their own copy of the answer, so
        changing one leaves the others alone. ``names`` may be a generator: it
        is read as the batch goes, and memory stays bounded apart from the list
        of answers returned.

        The names are answered in chunks (``AnswerMemo.many``: a chunk's new
        names resolved in sorted order) with the garbage collector paused
        (``collector_paused``): the growing list of answers otherwise made
        the collector rescan it again and again.
        """
        memo = self._memo(names, at, explain)
        stream = iter(names)
        answers: list[Resolution] = []
        while chunk := list(itertools.islice(stream, BATCH_CHUNK)):
            for name in chunk:
                _check_name(name)
            with collector_paused():
                # a copy each: the memo's answer stays as computed whatever a
                # caller does with the one it was given
                answers += [answer.copy() for answer in memo.many(chunk)]
        return answers

    def iter_lookups(self, names: Iterable[str], at: When | str | None = None, *,
                     explain: bool = True) -> Iterator[Resolution]:
        """``lookup_many`` as a stream: each answer is yielded as soon as its name
        is read, so a batch of any length runs in bounded memory.

        The collector stays on (the caller's code runs between answers), but
        every BATCH_CHUNK answers what is alive is frozen (``gc.freeze``), so a
        caller that keeps the answers does not have them rescanned again and
        again: 100k names listed at 100k entities spent 0.36 s of 1.93 s in
        collections, with pauses up to 69 ms, before this."""
        memo = self._memo(names, at, explain)

        def answers() -> Iterator[Resolution]:
            for count, name in enumerate(names, 1):
                _check_name(name)
                yield memo(name).copy()  # a copy each, as in lookup_many
                if count % BATCH_CHUNK == 0:
                    gc.freeze()

        return answers()

    def _memo(self, names: Iterable[str], at: When | str | None,
              explain: bool) -> AnswerMemo[Resolution]:
        """A batch's memo: its answers for one day and one ``explain``."""
        if isinstance(names, (str, bytes)):
            raise InputError("names must be a list of strings, not a single string")
        if not isinstance(names, Iterable):
            raise InputError("names must be a list (or any iterable) of strings, not "
                             f"{type(names).__name__}")
        day = as_day(at)
        resolve = self.resolver.resolve
        return AnswerMemo(lambda name: resolve(name, day, explain=explain))

    def iter_entities(self, types: str | Iterable[str] | None = None) -> Iterator[Entity]:
        """Entities in registry order, optionally only of some types (``"person"``,
        ``["organization", "place"]``); InputError names an unknown type."""
        wanted: set[str] | None = None
        if types is not None:
            wanted = {types} if isinstance(types, str) else set(types)
            unknown = sorted(wanted - set(ENTITY_TYPES))
            if unknown:
                raise InputError(f"unknown entity type '{unknown[0]}': expected one of "
                                 f"{', '.join(ENTITY_TYPES)}")
        for entity in self.entities.values():
            if wanted is None or entity.type in wanted:
                yield to_model(entity)

    def __iter__(self) -> Iterator[Entity]:
        """Every entity, in registry order."""
        return self.iter_entities()

    def __len__(self) -> int:
        """How many entities the registry holds."""
        return len(self.entities)


def _check_name(name: object) -> None:
    if not isinstance(name, str):
        raise InputError(f"a name must be a string, not {type(name).__name__}")


def load(path: str | os.PathLike[str] | None = None, *, use_cache: bool = True) -> Registry:
    """Load a registry: one YAML file, a folder of them, or a compiled ``.store``
    file (default: see ``default_path``); RegistryFileError on any problem, with
    ``file:line: message``. A registry (of ``cache.MIN_ENTITIES`` or more) is
    compiled into the cache folder on first use and opened from there after,
    while its files are unchanged."""
    file_path = registry_path(path)
    if file_path.suffix == SUFFIX and file_path.is_file():
        return Registry.from_store(open_store(file_path), str(file_path))
    files = registry_files(file_path)
    sources: cache.Sources | None = None
    caching = use_cache and cache.enabled()
    key = ""
    if caching:
        stats = cache.file_stats(files)  # before reading: see cache.remembered_key
        remembered = cache.remembered_key(file_path, stats)
        if remembered is None:
            sources = [(file, read_bytes(file)) for file in files]
            key = cache.source_key(sources)
            cache.remember_key(file_path, stats, key)
        else:
            key = remembered
        entry = cache.entry_for(key)
        if entry.is_file() and cache.trusted(entry):
            try:
                store = Store(entry, disposable=True)
                if store.source_key == key:
                    return Registry.from_store(store, str(file_path))
            except CorruptStore:
                pass
            with contextlib.suppress(OSError):
                entry.unlink()  # corrupt or misnamed: rebuilt below
        if stats is not None and sum(row[1] for row in stats) >= STREAM_MIN_BYTES:
            sources = None  # the streamed build reads the files again, in chunks
            written = build_streamed(file_path, key)
            if written is not None:
                return Registry.from_store(Store(written, disposable=True), str(file_path))
    if sources is None:
        sources = [(file, read_bytes(file)) for file in files]
    registry = _validated(file_path, sources)
    if caching and len(registry) >= cache.MIN_ENTITIES:
        build(registry, key)
    return registry


# A registry this large (about 1,000 synthetic entities of ~250 bytes) is
# compiled straight from its files, entity by entity, and answered from the
# store; a smaller one is validated in memory, answers this run from there, and
# is compiled from that copy.
STREAM_MIN_BYTES = 256 * 1024
ENTITY_ROWS = 4096  # entities written to the store at a time


def write_store(out: Path, key: str, entities: Iterable[Entity],
                vocabulary: Callable[[], tuple[Vocabulary, TitleVocabulary]]) -> None:
    """Compile entities into a store at ``out``, in one pass: each entity is
    written as a row and fed to the index and timeline builders as it comes,
    so a streamed source is never held whole. ``vocabulary`` gives the merged
    vocabulary and titles once the entities are spent (a file's vocabulary
    may follow its entities). Nothing is left at ``out`` if anything fails."""
    writer = Writer(out)
    try:
        timeline = TimelineBuilder()
        offices = OfficeBuilder()  # the office reader's tables, kept as rows

        def fed() -> Iterator[Entity]:
            rows: list[tuple[str, Entity]] = []
            for entity in entities:
                timeline.add(entity)
                offices.add(entity)
                rows.append((entity.id, entity))
                if len(rows) >= ENTITY_ROWS:
                    writer.add_entities(rows)
                    rows = []
                yield entity
            writer.add_entities(rows)

        index = IndexBuilder()  # keeps no entity: token ids and encoded rows
        for entity in fed():
            index.add(entity)
        merged, titles = vocabulary()
        writer.add_value("titles", titles)
        writer.add_value("vocabulary", merged)
        writer.add_value("default_vocabulary", default_vocabulary())
        writer.add_value("packaged", packaged_data())
        finished = timeline.finish({}, titles)
        writer.add_object("timeline", finished)
        office_tables = offices.tables(with_vocabulary(merged.countries, merged.heads))
        writer.add_object("offices", office_tables, OfficeTables.KEYED)
        index.save(writer)
        del index  # its person tokens: the annotator's tables gather their own
        writer.add_value("annotate", _annotate_tables(
            Resolver({}, NameIndex.from_rows(writer.rows()), titles, finished,
                     lambda: office_tables), merged))
        writer.commit(key)
    except BaseException:
        writer.abort()
        raise


def _annotate_tables(resolver: Resolver, vocabulary: Vocabulary) -> AnnotateTables:
    """What the first annotate would build from every surface form (its
    trigger words, word sets and phrase table), built at compile time by
    the annotator's own code over the index just written. It needs no entity:
    the resolver is given none."""
    from registry.text.annotate import Annotator

    return Annotator(resolver, vocabulary.months).tables()


def build_streamed(path: Path, key: str | None = None, out: Path | None = None) -> Path | None:
    """Compile a registry's files, read entity by entity (``store.stream``),
    to ``out`` or into the cache folder under its source key (None when the
    cache folder is not usable). Memory stays near that of one entity plus the
    index being built, whatever the registry's size."""
    from registry.store.stream import RegistryStream

    stream = RegistryStream(path)
    scanned = stream.source_key()
    if key is not None and key != scanned:
        raise RegistryFileError(str(path), None, "changed while being read; run again")

    def vocabulary() -> tuple[Vocabulary, TitleVocabulary]:
        merged = merged_vocabulary(stream.document().vocabulary)
        return merged, TitleVocabulary(merged.titles, merged.descriptors)

    if out is not None:
        write_store(out, scanned, stream.entities(), vocabulary)
        return out
    folder = cache.prepare()
    if folder is None:
        return None
    target = cache.entry_for(scanned)
    try:
        write_store(target, scanned, stream.entities(), vocabulary)
    except OSError:
        return None
    cache.prune(folder)
    return target


def _validated(path: Path, sources: cache.Sources) -> Registry:
    """A registry read from its YAML files and validated (imports pydantic)."""
    from registry.store.loader import load_registry

    return Registry.from_file(load_registry(path, sources))


def build(registry: Registry, key: str, out: Path | None = None) -> Path | None:
    """Compile a registry already in memory to ``out``, or into the cache folder
    under its source key (best effort there: a read-only or shared cache folder
    only costs the next load its speed). Returns where it was written."""
    if out is not None:
        registry.compile(out, key)
        return out
    folder = cache.prepare()
    if folder is None:
        return None
    try:
        registry.compile(cache.entry_for(key), key)
    except OSError:
        return None
    cache.prune(folder)
    return cache.entry_for(key)


def compile_registry(path: str | os.PathLike[str] | None = None,
                     out: str | os.PathLike[str] | None = None) -> Path:
    """``registry build``: compile a registry (file or folder), streamed, to
    ``out``, or to the cache folder where ``load`` finds it. Returns the
    store's path."""
    file_path = registry_path(path)
    target = Path(out) if out is not None else None
    if target is not None and target.suffix != SUFFIX:
        raise InputError(f"{target}: a compiled store's name ends in {SUFFIX}")
    if target is not None and not target.parent.is_dir():
        raise InputError(f"{target}: no such folder: {target.parent}")
    if target is not None and target.is_dir():
        raise InputError(f"{target}: is a folder; name the store file to write")
    written = build_streamed(file_path, out=target)
    if written is None:
        folder = cache.cache_dir()
        raise InputError(f"{folder}: cache folder not usable ({cache.why_unusable(folder)}); "
                         f"set {cache.ENV_DIR} to another folder, or pass --out FILE")
    return written
