"""The second held-out set (Jordan, Algeria, Morocco): written after the fixes the
Lebanon/Tunisia/Egypt set led to, and scored once blind to see whether they
generalise (figures in jordan_maghreb/README.md). Same scorer and gold format
as tests/domains/test_levant_maghreb.py; smaller (37 paragraphs)."""

from __future__ import annotations

from pathlib import Path

import pytest

from registry.review.validate import validate_file
from tests.domains.paragraphs import Report, score_folder

DOMAIN = Path(__file__).resolve().parent / "jordan_maghreb"


@pytest.fixture(scope="module")
def report() -> Report:
    return score_folder(DOMAIN)


def test_registry_validates_without_errors() -> None:
    assert [str(p) for p in validate_file(DOMAIN / "registry.yaml")
            if p.severity == "error"] == []


def test_no_confident_wrong_answer_and_f1(report: Report) -> None:
    total = report.total
    print(report.table())
    assert report.paragraphs >= 30
    assert total.wrong == 0, "\n".join(total.misses)
    assert total.unknown_clear == total.unknown_total, "\n".join(total.misses)
    assert total.f1 >= 0.95, report.table() + "\n" + "\n".join(total.misses)
