"""Plain records stand for the schema's models in a compiled store: the same
fields in the same order, the same derived properties, and back to an equal
model when a command needs pydantic."""

from __future__ import annotations

import pickle

import pytest
from pydantic import BaseModel

from registry.core import load
from registry.model import records, schema
from registry.names.vocabulary import default_vocabulary
from registry.store.compiled import _dumps
from tests.conftest import ROOT

# Models that are never stored on their own: the base class, the abstract
# tenure (stored as Rank or Role) and the whole file (stored entity by entity).
NOT_STORED = {"Strict", "Held", "RegistryFile"}


def _models() -> dict[str, type[BaseModel]]:
    return {name: value for name, value in vars(schema).items()
            if isinstance(value, type) and issubclass(value, BaseModel)
            and value.__module__ == schema.__name__ and name not in NOT_STORED}


def test_every_stored_model_has_a_record_with_its_fields_in_order():
    models = _models()
    assert set(models) == set(records.RECORDS)
    for name, model in models.items():
        record = records.RECORDS[name]
        assert list(record.__slots__) == list(model.model_fields), name


@pytest.fixture(scope="module")
def seed():
    return load(ROOT / "aliases.yaml", use_cache=False)


def _as_records(value):
    """What a store writer makes of a value (its pickler turns models into records)."""
    return pickle.loads(_dumps(value))


def test_a_stored_entity_reads_like_its_model_and_converts_back(seed):
    for entity in seed.entities.values():
        row = _as_records(entity)
        assert isinstance(row, records.EntityRecord)
        assert row.all_name_texts == entity.all_name_texts
        assert [a.declared_strength for a in row.aliases] == [
            a.declared_strength for a in entity.aliases]
        assert [r.tenure for r in [*row.roles, *row.ranks]] == [
            r.tenure for r in [*entity.roles, *entity.ranks]]
        if entity.name_parts is not None:
            assert row.name_parts.slots() == entity.name_parts.slots()
        back = records.to_model(row)
        assert type(back) is schema.Entity and back == entity
        assert back.model_dump(mode="json") == entity.model_dump(mode="json")


def test_the_vocabulary_is_stored_as_records_too(seed):
    vocabulary = _as_records(default_vocabulary())
    assert isinstance(vocabulary, records.VocabularyRecord)
    assert all(isinstance(t, records.TitleRecord) for t in vocabulary.titles)
    assert [c.adjective_forms() for c in vocabulary.countries] == [
        c.adjective_forms() for c in default_vocabulary().countries]
    assert records.to_model(vocabulary) == default_vocabulary()
    timeline = _as_records(seed.timeline)  # roles held inside other objects as well
    assert all(isinstance(h.role, records.RoleRecord)
               for held in timeline._by_position.values() for h in held)


def test_records_are_frozen_and_hashable_like_the_models(seed):
    row = _as_records(seed.get("saddam-haftar"))
    with pytest.raises(AttributeError):
        row.id = "someone-else"
    assert hash(row.name) == hash(_as_records(seed.get("saddam-haftar")).name)
