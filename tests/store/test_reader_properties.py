"""Property tests of the guarded YAML reader: within the limits it reads exactly
what PyYAML reads (same data, same line marks); beyond them it refuses with a
line, whatever the shape, and never recurses (so never crashes)."""

from __future__ import annotations

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from registry.errors import RegistryFileError
from registry.store.loader import MAX_DEPTH, compose

SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(-10**12, 10**12),
    st.text(alphabet=st.sampled_from("abc xyz:-#'\"[]{},&*!|>\u0627\u0644\u200f"),
            max_size=12),
    st.sampled_from(["2025-01-02", "1.5", "yes", "~", "0x1f", "1_000", "علي حسن"]),
)
DOCUMENTS = st.recursive(
    SCALARS,
    lambda inner: st.one_of(st.lists(inner, max_size=4),
                            st.dictionaries(st.text("abcdefg", min_size=1, max_size=5),
                                            inner, max_size=4)),
    max_leaves=30,
)


def pyyaml_tree(text):
    loader = yaml.CSafeLoader(text)  # the composer the guarded one replaced
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


def same_tree(a, b):
    if type(a) is not type(b) or a.tag != b.tag:
        return False
    if (a.start_mark.line, a.start_mark.column) != (b.start_mark.line, b.start_mark.column):
        return False
    if isinstance(a, yaml.ScalarNode):
        return a.value == b.value and a.style == b.style
    if isinstance(a, yaml.SequenceNode):
        return len(a.value) == len(b.value) and all(map(same_tree, a.value, b.value))
    pairs = zip(a.value, b.value, strict=True) if len(a.value) == len(b.value) else None
    return pairs is not None and all(
        same_tree(ka, kb) and same_tree(va, vb) for (ka, va), (kb, vb) in pairs)


@settings(max_examples=200, deadline=None)
@given(DOCUMENTS, st.booleans())
def test_within_the_limits_it_reads_what_pyyaml_reads(document, flow):
    text = yaml.safe_dump(document, allow_unicode=True, default_flow_style=flow)
    tree, data = compose("x.yaml", text)
    assert data == yaml.safe_load(text)
    assert same_tree(tree.root, pyyaml_tree(text))


@settings(max_examples=25, deadline=None)
@given(st.integers(1, 20_000), st.sampled_from(["[", "{a: ", "- ", "a:\n  "]))
def test_any_depth_is_read_or_refused_at_a_line(depth, opener):
    closer = {"[": "]", "{a: ": "}", "- ": "", "a:\n  ": ""}[opener]
    if opener == "a:\n  ":  # block mappings: one more indentation level per line
        text = "".join("  " * i + "a:\n" for i in range(depth)) + "  " * depth + "x\n"
    else:
        text = opener * depth + "x" + closer * depth + "\n"
    if depth + 1 <= MAX_DEPTH:
        compose("x.yaml", text)
        return
    with pytest.raises(RegistryFileError, match=r"x\.yaml:\d+:\d+: nesting deeper than 32"):
        compose("x.yaml", text)


@pytest.mark.parametrize("text", [
    "a: &x 1\nb: *x\n", "a: &x [1]\n", "a: &x {b: 1}\n", "&x a: 1\n", "a: !!str &x 1\n",
])
def test_an_anchor_on_any_node_kind_is_refused(text):
    with pytest.raises(RegistryFileError, match=r"YAML (anchor|alias)"):
        compose("x.yaml", text)
