"""Reading the reviewed data files shipped in ``registry/data/``.

Every word list, rule table and vocabulary is a YAML file beside the code; this
is the one place that knows where they live and how they are read, so each
module that uses one only says which file and what to build from it.

A compiled store carries these files already parsed (``packaged_data`` when it
is written, ``use_stored`` when it is opened): a cold lookup from a store then
never imports PyYAML (20 ms, mostly compiling its character-class regexes) nor
parses the files (10 ms). The store is keyed by the package's code and data, so
its copy is always the files this code ships.
"""

from __future__ import annotations

from importlib import resources
from typing import Any

_stored: dict[str, Any] = {}


def packaged_yaml(name: str) -> Any:
    """The parsed contents of ``registry/data/NAME`` (a file shipped with the
    package, read with the safe loader), or the copy an opened store holds."""
    if name in _stored:
        return _stored[name]
    import yaml

    # libyaml's safe loader where PyYAML was built with it: the same data, 8x
    # faster (chains.yaml: 25 ms -> 3 ms).
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    text = resources.files("registry").joinpath(f"data/{name}").read_text("utf-8")
    return yaml.load(text, Loader=loader)


def packaged_data() -> dict[str, Any]:
    """Every shipped data file, parsed, by name (what a compiled store keeps).
    The registry itself (``aliases.yaml``, shipped in wheels) is not data."""
    folder = resources.files("registry").joinpath("data")
    names = sorted(item.name for item in folder.iterdir()
                   if item.name.endswith(".yaml") and item.name != "aliases.yaml")
    return {name: packaged_yaml(name) for name in names}


def use_stored(data: dict[str, Any]) -> None:
    """Answer ``packaged_yaml`` from a compiled store's copy from now on."""
    _stored.update(data)
