"""The lazy ``coop.services`` facade (issue 16.9): same names as before, loaded on first use."""

import importlib
import pkgutil
import subprocess
import sys

import coop.services
from coop.services import _table


def test_the_table_and_all_list_the_same_names() -> None:
    assert sorted(_table()) == sorted(coop.services.__all__)


def test_every_name_is_the_object_its_module_defines_even_after_importing_every_submodule() -> None:
    for info in pkgutil.walk_packages(coop.services.__path__, "coop.services."):
        importlib.import_module(info.name)  # a submodule named like a use case: baseline_grid
    for name, module in _table().items():
        assert getattr(coop.services, name) is getattr(sys.modules[module], name), name
    assert callable(coop.services.baseline_grid)


def test_an_unknown_name_is_an_attribute_error() -> None:
    assert not hasattr(coop.services, "no_such_use_case")


def test_importing_the_facade_imports_no_use_case() -> None:
    code = (
        "import sys, coop.services\n"
        "print(sorted(m for m in sys.modules if m.startswith('coop.services.')"
        " or m in ('pandas', 'networkx', 'pulp', 'sqlalchemy', 'flask')))\n"
    )
    out = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"
