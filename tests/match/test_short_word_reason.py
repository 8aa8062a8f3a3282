"""A short Latin word read to a short Arabic name through its transliteration
is held back like a typo reading (short spellings fit many names), but the
explanation says what happened: a transliteration, not a typo (audit P, 17)."""

from __future__ import annotations

from registry.core import Registry
from registry.model.schema import RegistryFile


def test_the_reason_names_the_transliteration():
    doc = {"version": 1, "entities": [
        {"id": "adel-al-jubeir", "type": "person",
         "name": {"ar": "عادل الجبير", "en": "Adel al-Jubeir"},
         "name_parts": {"given": "عادل", "family": "الجبير", "called_by": "family"}}]}
    reg = Registry(RegistryFile.model_validate(doc))
    res = reg.lookup("Jubeir")
    assert res.status == "ambiguous" and res.contenders == ["adel-al-jubeir"]
    text = " ".join(res.explanation)
    assert "read only through a transliteration" in text and "typo" not in text
