"""Write registry/data/aliases.schema.json from the pydantic models.

aliases.yaml's first line points editors at that file. Run after changing
registry/model/schema.py; ``--check`` exits 1 when the committed file is stale (the
test suite runs the check).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from registry.model.schema import json_schema

TARGET = Path(__file__).resolve().parent.parent / "registry" / "data" / "aliases.schema.json"


def render() -> str:
    return json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true", help="exit 1 if the file is stale")
    args = parser.parse_args()
    text = render()
    if args.check:
        current = TARGET.read_text("utf-8") if TARGET.exists() else ""
        if current != text:
            print(f"{TARGET}: stale; run python tools/export_schema.py", file=sys.stderr)
            return 1
        return 0
    TARGET.write_text(text, "utf-8")
    print(f"wrote {TARGET}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
