"""The name index as encoded rows: the same rows in memory and in a compiled
store, forms read with the probe that found them, and title holders' forms put
first without decoding a form to filter."""

from __future__ import annotations

from array import array
from pathlib import Path

import pytest

from registry.core import compile_registry, load
from registry.match import index as index_module
from registry.match.index import CHUNK, SHIFT, IndexBuilder, person_forms
from tools.make_synthetic import generate


@pytest.fixture(scope="module")
def pair(tmp_path_factory):
    """A synthetic registry in memory, and the same registry from a store."""
    folder = tmp_path_factory.mktemp("rows")
    text, _ = generate(700, seed=11)
    (folder / "aliases.yaml").write_text(text, "utf-8")
    memory = load(folder / "aliases.yaml", use_cache=False)
    stored = load(compile_registry(folder / "aliases.yaml", folder / "r.store"))
    return memory, stored


def common_given(index):
    """The given name with the most forms (the synthetic names are skewed)."""
    return max(index.by_given, key=lambda token: len(index.by_given[token]))


def test_store_and_memory_read_the_same_index(pair):
    memory, stored = pair
    assert set(stored.index.vocabulary) == set(memory.index.vocabulary)
    assert set(stored.index.person_tokens) == set(memory.index.person_tokens)
    assert set(stored.index.by_family) == set(memory.index.by_family)
    assert dict(stored.index.phrases.items()) == dict(memory.index.phrases.items())
    for token in memory.index.by_given:
        assert list(stored.index.by_given[token]) == list(memory.index.by_given[token])
        assert stored.index.token_matches(token) == memory.index.token_matches(token)
    people = [e for e in memory.entities.values() if e.type == "person"]
    assert sorted(memory.index.forms) == sorted(f for e in people for f in person_forms(e))
    assert sorted(stored.index.forms) == sorted(memory.index.forms)


def test_a_probe_reads_its_forms_in_a_few_rows_not_one_per_person(pair, monkeypatch):
    memory, stored = pair
    token = common_given(memory.index)
    ids = list(memory.index.by_given[token])
    assert len({i >> SHIFT for i in ids}) > CHUNK  # more people than one chunk holds
    fresh = load(stored.path)
    reads: list[str] = []
    real = fresh.index.rows.get

    def counted(key):
        reads.append(key)
        return real(key)

    monkeypatch.setattr(fresh.index.rows, "get", counted)
    query = [fresh.index.token_matches(token)]
    got = [fresh.index.forms[i] for i in fresh.index.candidate_forms(query)]
    assert got == [memory.index.forms[i] for i in memory.index.candidate_forms(query)]
    # the token's row, its whole-name probe, and one row per CHUNK forms: no person row
    assert not [key for key in reads if key.startswith("P")]
    assert len(reads) <= 4 + 2 * (len(ids) // CHUNK + 1)


@pytest.mark.parametrize("few_holders", [True, False])
def test_title_holders_forms_come_first_whichever_side_is_looked_up(pair, few_holders):
    memory, stored = pair
    token = common_given(memory.index)
    for reg in (memory, fresh := load(stored.path)):
        query = [reg.index.token_matches(token)]
        listed = list(reg.index.candidate_forms(query))
        people = sorted({reg.index.forms[i].entity_id for i in listed})
        holders = set(people[::3])
        if not few_holders:  # more holders than candidates: the candidates are looked up
            holders |= {f"someone-else-{n}" for n in range(len(listed) + 1)}
        expected = [i for i in listed if reg.index.forms[i].entity_id in holders] + listed
        index = load(stored.path).index if reg is fresh else reg.index
        assert list(index.candidate_forms(query, holders)) == expected
        # a frozenset (Timeline.title_holders) has its holders' ordinals remembered
        frozen = frozenset(holders)
        for _ in range(2):
            assert list(index.candidate_forms(query, frozen)) == expected
        assert frozen in index._holders


def test_a_builder_gives_its_rows_once():
    builder = IndexBuilder()
    builder.finish()
    with pytest.raises(RuntimeError, match="once"):
        builder.finish()


def test_a_build_spilled_many_times_writes_the_same_rows_and_leaves_no_scratch(pair,
                                                                               monkeypatch):
    memory, _ = pair
    entities = list(memory.entities.values())

    def build() -> tuple[dict[str, bytes], Path]:
        builder = IndexBuilder()
        for entity in entities:
            builder.add(entity)
        rows = dict(builder.rows())
        assert builder._scratch is not None
        return rows, Path(builder._scratch.name)

    once, scratch = build()
    assert not scratch.exists()
    monkeypatch.setattr(index_module, "SPILL_EVERY", 50)  # a spill every few people
    again, scratch = build()
    assert again == once
    assert not scratch.exists()


def test_narrowing_by_the_other_words_never_drops_a_form_that_fits(pair, monkeypatch):
    """candidate_forms keeps the rarest word's forms only when every other later
    word's postings list them: checked against fitting every form there is, on
    queries of three and four words (full names, dropped patronymics, and
    words from two different people, which nobody's form fits). The kept forms
    are the same whether each list is walked (a set intersection) or each kept
    form is looked up in it (binary searches in the pair row's two runs)."""
    from registry.match.resolver import _fit_form

    memory, stored = pair
    ratio = index_module.NARROW_RATIO
    people = [e for e in memory.entities.values() if e.type == "person"]
    all_forms = {(ordinal << SHIFT) | k: form for ordinal in range(len(people))
                 for k, form in enumerate(memory.index.person_forms(ordinal))}
    queries = []
    for a, b in zip(people[::7], people[3::7], strict=False):
        tokens = next(f.tokens for f in person_forms(a) if f.slots[0] == "given")
        other = next(f.tokens for f in person_forms(b) if f.slots[0] == "given")
        queries += [list(tokens), [tokens[0], *tokens[2:]], [tokens[0], tokens[1], other[-1]]]
    narrowed = 0
    for reg in (memory, load(stored.path)):
        for words in (q for q in queries if len(q) >= 3):
            query = [reg.index.token_matches(w, article_free=i > 0) for i, w in enumerate(words)]
            readings = [{m.token: float(m.fuzzy) for m in matches} for matches in query]
            listed = set(reg.index.candidate_forms(query))
            fitting = {i for i, form in all_forms.items()
                       if _fit_form(readings, form) is not None}
            assert fitting <= listed, words
            _, keep = reg.index._sources(query)
            narrowed += keep is not None
            monkeypatch.setattr(index_module, "NARROW_RATIO", 0)  # always looked up
            assert reg.index._sources(query)[1] == keep
            monkeypatch.setattr(index_module, "NARROW_RATIO", 10**9)  # always walked
            assert reg.index._sources(query)[1] == keep
            monkeypatch.setattr(index_module, "NARROW_RATIO", ratio)
    assert narrowed  # the narrowing ran


def test_the_timeline_numbers_title_holders_as_the_index_does(pair):
    """Each title's holders by ordinal (kept by the timeline at build time) are
    the ordinals the index gives those people, in memory and from a store: a
    titled query filters form ids by them without reading a row per holder."""
    for reg in pair:
        titles = list(reg.timeline._title_holders)
        assert titles  # the synthetic registry has ranks
        for title in titles:
            holders = frozenset(reg.timeline.title_holders({title}))
            assert reg.timeline.holder_ordinals({title}) == reg.index._ordinals(holders)
        every = set(titles)
        assert reg.timeline.holder_ordinals(every) == reg.index._ordinals(
            frozenset(reg.timeline.title_holders(every)))


def test_a_titled_query_reads_no_holder_rows(pair, monkeypatch):
    """The first titled query after opening reads its holders' ordinals from
    the timeline: no ``o`` row per holder (at 1M a rank has ~32k holders)."""
    memory, stored = pair
    rank = next(iter(memory.timeline._title_holders))
    fresh = load(stored.path)
    reads: list[str] = []
    real = fresh.index.rows.get_many

    def counted(keys):
        reads.extend(keys)
        return real(keys)

    monkeypatch.setattr(fresh.index.rows, "get_many", counted)
    token = common_given(memory.index)
    query = [fresh.index.token_matches(token)]
    holders = fresh.timeline.title_holders({rank})
    ordinals = fresh.timeline.holder_ordinals({rank})
    listed = list(fresh.index.candidate_forms(query, holders, ordinals))
    assert listed == list(memory.index.candidate_forms(query, memory.timeline.title_holders(
        {rank})))
    assert not [key for key in reads if key.startswith("o")]
    assert fresh.index._holders == {}  # nothing read to number the holders


def test_titles_ever_held_reads_no_entity_and_agrees_with_titles_held(reg, pair):
    """Title evidence with no date comes from the holders kept per title: the
    same titles as reading the person's ranks and offices, for every person
    of the repository's registry (offices with titles) and of the synthetic one
    (ranks); asked of a store, no entity row is read."""
    for registry in (reg, *pair):
        every = set(registry.timeline._title_holders)
        assert every
        people = [e for e in registry.entities.values() if e.type == "person"]
        held_some = 0
        for person in people:
            ever = registry.timeline.titles_ever_held(person.id, every)
            assert ever == every & registry.timeline.titles_held(person, None), person.id
            held_some += bool(ever)
        assert held_some
    fresh = load(pair[1].path)
    person = next(e for e in pair[0].entities.values() if e.ranks)
    assert fresh.timeline.titles_ever_held(person.id, every)
    assert not fresh.entities._loaded  # type: ignore[attr-defined]


@pytest.mark.parametrize("first, rest", [([3, 9, 40], [1, 5, 41, 70]), ([], [2, 4]),
                                         ([2, 4], []), ([7], [7 + 1])])
def test_a_pair_row_finds_a_form_in_either_run(first, rest):
    """A pair row holds two ascending runs (family-first forms, then the rest);
    membership is two binary searches, which must agree with a plain scan for
    every id around them, found or not."""
    row = index_module._decode_pair(index_module._encode_pair(array("q", first + rest),
                                                              len(first)))
    assert list(row.ids) == first + rest and row.split == len(first)
    for form_id in range(-1, 80):
        assert (form_id in row) == (form_id in first + rest), form_id


def test_title_holders_are_read_with_their_chunks_not_one_person_row_each(pair, monkeypatch):
    """The holders' forms fitted first come from the chunk rows they sit in
    (a chunk with more than FEW_FORMS of them is one row), in the same order
    as before: not one person row per holder, which at 1M entities is one
    random page of the store each."""
    memory, stored = pair
    fresh = load(stored.path)
    reads: list[str] = []
    real = fresh.index.rows.get

    def counted(key):
        reads.append(key)
        return real(key)

    monkeypatch.setattr(fresh.index.rows, "get", counted)
    token = common_given(memory.index)
    rank = max(memory.timeline._title_holders,
               key=lambda t: len(memory.timeline.title_holders({t})))
    holders = fresh.timeline.title_holders({rank})
    ordinals = fresh.timeline.holder_ordinals({rank})
    query = [fresh.index.token_matches(token)]
    # the holders' pass: the candidates' holder forms, in the walk's order
    expected = [i for i in memory.index.candidate_forms([memory.index.token_matches(token)])
                if i >> SHIFT in ordinals]
    listed = fresh.index.candidate_forms(query, holders, ordinals)
    held = [next(listed) for _ in expected]
    assert held == expected
    assert [fresh.index.form(i) for i in held] == [memory.index.form(i) for i in held]
    people = {i >> SHIFT for i in held}
    assert len(people) > index_module.FEW_FORMS + 1
    person_reads = [key for key in reads if key.startswith(index_module.PERSON)]
    assert len(person_reads) < len(people)
    assert [key for key in reads if key.startswith(index_module.GIVEN_FORMS)]


def test_a_whole_name_row_says_whether_its_pairs_can_add_a_form(pair):
    """Every whole-name row of two or more words records whether the forms its
    pair rows keep (those listed by the pairs of the given name with every later
    word) are all in the row itself: checked against intersecting the pair rows,
    in memory and from a store, with both answers present in the registry."""
    import marshal

    memory, stored = pair
    seen = {True: 0, False: 0}
    for reg in (memory, load(stored.path)):
        index = reg.index
        for key, row in index.rows.scan(index_module.WHOLE):
            tokens = key[1:].split(" ")
            blob, _, _, alone = marshal.loads(row)
            ids = set(index_module._decode_ids(blob))
            if len(tokens) < 2:
                assert alone is False
                continue
            keep = None
            for token in tokens[1:]:
                listed = set(index._pair(tokens[0], token).ids)
                keep = listed if keep is None else keep & listed
            assert alone == (keep <= ids), key
            seen[alone] += 1
    assert seen[True] and seen[False]


def test_an_exact_full_name_reads_no_pair_row_when_its_row_says_so(pair, monkeypatch):
    """A full name whose whole-name row is alone is answered from that row: no
    pair row is read, and the forms listed are the same as reading them (the
    pairs add only forms already listed); a name whose row is not alone (a
    namesake's longer name holds every word) still reads them and lists the
    namesake."""
    memory, stored = pair
    fresh = load(stored.path)
    reads: list[str] = []
    real_get, real_many = fresh.index.rows.get, fresh.index.rows.get_many
    monkeypatch.setattr(fresh.index.rows, "get", lambda key: reads.append(key) or real_get(key))
    monkeypatch.setattr(fresh.index.rows, "get_many",
                        lambda keys: reads.extend(keys) or real_many(keys))
    people = [e for e in memory.entities.values() if e.type == "person"]
    checked = {True: 0, False: 0}
    read_whole = index_module.NameIndex._whole

    def not_alone(index, key):
        row = read_whole(index, key)
        return None if row is None else row._replace(alone=False)

    for entity in people[:200]:
        tokens = person_forms(entity)[0].tokens
        if len(tokens) < 2:
            continue
        query = [fresh.index.token_matches(t, article_free=i > 0) for i, t in enumerate(tokens)]
        if any(len(m) != 1 for m in query):
            continue
        reads.clear()
        listed = list(dict.fromkeys(fresh.index.candidate_forms(query)))
        alone = fresh.index._whole(" ".join(tokens)).alone
        pair_reads = [k for k in reads if k.startswith(index_module.PAIR)]
        assert bool(pair_reads) != alone, tokens
        with monkeypatch.context() as patched:  # every row read as not alone: pairs read
            patched.setattr(index_module.NameIndex, "_whole", not_alone)
            memory_query = [memory.index.token_matches(t, article_free=i > 0)
                            for i, t in enumerate(tokens)]
            expected = list(dict.fromkeys(memory.index.candidate_forms(memory_query)))
        assert [fresh.index.forms[i] for i in listed] == [memory.index.forms[i] for i in expected]
        checked[alone] += 1
    assert checked[True] and checked[False], checked


def test_an_office_answer_names_its_holders_without_reading_their_rows(pair, monkeypatch):
    """An office phrase's holders come with their canonical names (kept with
    each tenure), so the answer shows them without reading a person row each;
    the names and the whole answer are those of the registry in memory."""
    memory, stored = pair
    fresh = load(stored.path)
    reads: list[str] = []
    real_get, real_many = fresh.index.rows.get, fresh.index.rows.get_many
    monkeypatch.setattr(fresh.index.rows, "get", lambda key: reads.append(key) or real_get(key))
    monkeypatch.setattr(fresh.index.rows, "get_many",
                        lambda keys: reads.extend(keys) or real_many(keys))
    asked = 0
    for position in [e for e in memory.entities.values() if e.type == "position"][:40]:
        for holding in memory.resolver.timeline.holdings(position.id)[:2]:
            day = str(holding.role.start)
            answer = fresh.lookup(position.name.ar, day)
            assert answer == memory.lookup(position.name.ar, day)
            asked += answer.status == "matched"
    assert asked > 10
    assert not [key for key in reads if key.startswith(index_module.ORDINAL)]


def test_pairs_of_a_given_name_too_many_to_hold_are_written_in_pieces(pair, monkeypatch):
    """A given name with more later words than the build holds at once has its
    pair rows written in pieces: every row is the same, and its whole names
    are written as not alone (their queries read the pairs, as before);
    the other whole names keep their flag."""
    import marshal

    memory, _ = pair
    entities = list(memory.entities.values())

    def build() -> dict[str, bytes]:
        builder = IndexBuilder()
        for entity in entities:
            builder.add(entity)
        return dict(builder.rows())

    held = build()
    monkeypatch.setattr(index_module, "MAX_HELD_PAIRS", 3)
    cut = build()
    assert cut.keys() == held.keys()
    lowered = kept = 0
    for key, row in held.items():
        if not key.startswith(index_module.WHOLE):
            assert cut[key] == row, key
            continue
        *same, alone = marshal.loads(row)
        *same_cut, alone_cut = marshal.loads(cut[key])
        assert same_cut == same
        assert alone_cut <= alone  # never alone where the whole pairs say otherwise
        lowered += alone and not alone_cut
        kept += alone_cut
    assert lowered and kept
