"""The batch memo: each distinct name computed once while it is kept, memory
bounded whatever the batch, and lookup_many equal to lookup in a loop."""

from __future__ import annotations

import pytest

from registry.match.memo import AnswerMemo


def counting_memo(half: int) -> tuple[AnswerMemo[str], list[str]]:
    computed: list[str] = []

    def compute(name: str) -> str:
        computed.append(name)
        return name.upper()

    return AnswerMemo(compute, half), computed


def test_each_distinct_name_is_computed_once():
    memo, computed = counting_memo(half=100)
    answers = [memo.lookup(n) for n in ["a", "b", "a", "a", "c", "b"]]
    assert [a for a, _ in answers] == ["A", "B", "A", "A", "C", "B"]
    assert [known for _, known in answers] == [False, False, True, True, False, True]
    assert computed == ["a", "b", "c"] and memo.computed == 3


def test_memory_is_bounded_by_two_generations():
    memo, computed = counting_memo(half=4)
    for i in range(1000):
        memo(f"name-{i}")
        assert len(memo) <= 8
    assert len(computed) == 1000


def test_a_name_the_batch_keeps_repeating_survives_generations():
    memo, computed = counting_memo(half=4)
    for i in range(200):
        memo("often")  # promoted back to the young generation each time it is met
        memo(f"once-{i}")
    assert computed.count("often") == 1


def test_a_forgotten_name_is_computed_again_with_the_same_answer():
    memo, computed = counting_memo(half=2)
    first = memo("x")
    for name in "abcdef":
        memo(name)
    assert memo("x") == first and computed.count("x") == 2


def test_many_answers_as_one_at_a_time_across_generations():
    names = [f"n{i % 7}" for i in range(50)] + ["x", "n1", "y", "x"]
    one, _ = counting_memo(half=3)
    many, _ = counting_memo(half=3)
    assert many.many(names) == [one(n) for n in names]
    assert len(many) <= 6


def test_many_computes_each_new_name_once_in_sorted_order():
    memo, computed = counting_memo(half=100)
    memo("b")
    assert memo.many(["d", "b", "a", "d", "c", "a"]) == ["D", "B", "A", "D", "C", "A"]
    assert computed == ["b", "a", "c", "d"]  # b was known; the new ones sorted


def test_an_empty_memo_is_refused():
    with pytest.raises(ValueError):
        AnswerMemo(str.upper, half=0)


def test_lookup_many_streams_a_generator_and_copies_every_answer(reg):
    names = ["صدام حفتر", "حفتر", "صدام حفتر"]
    stream = reg.iter_lookups(iter(names))
    first = next(stream)
    first.explanation.append("edited by the caller")
    rest = list(stream)
    assert rest[1] == reg.lookup("صدام حفتر") and "edited by the caller" not in rest[1].explanation
    brief = reg.lookup_many(names, explain=False)
    assert [(r.status, r.id) for r in brief] == [(r.status, r.id) for r in (first, *rest)]
    assert all(r.explanation == [] for r in brief)
