"""CPU time of the saksframlegg and of a 20-partner key split (issue 15.3).

On a fresh SQLite file (the demo loaded) measures, in CPU seconds of the process and of the
solver processes it ran (``getrusage``):
  * ``case_package`` for Salangen in the demo's option, and its parts (the placement model's
    price of the option, the comparison of options, the rest);
  * the same for a 12-member project made through the use cases (three services);
  * ``split_service`` with the key only, for a 20-partner service.
``--profile`` prints cProfile's 25 most expensive calls (cumulative) for each.
Run: .venv/bin/python bench/case_package_times.py [--runs 3] [--profile]
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import random
import resource
import statistics
import sys
import tempfile
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

ROOT = Path(__file__).resolve().parents[1]
sys.path[:] = [str(ROOT), *(p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench")]

from coop import services  # noqa: E402
from coop.domain.access import SYSTEM  # noqa: E402
from coop.persistence import migrate  # noqa: E402

if TYPE_CHECKING:
    from coop.persistence.unit_of_work import UnitOfWork

HASH = "pbkdf2:sha256:1"
TWENTY = [f"55{n:02d}" for n in (1, 3, *range(10, 46, 2))]  # Troms and Nordland, 2024
SERVICES = ("barnevern", "ikt-drift", "ppt")


def _cpu() -> float:
    """CPU seconds of this process and of its finished children (a solver run as a command)."""
    own, kids = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def _cpu_s(action: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = _cpu()
        action()
        times.append(_cpu() - start)
    return statistics.median(times)


def _each_with_new_uow(
    action: Callable[[UnitOfWork], object], uow: Callable[[], UnitOfWork]
) -> Callable[[], object]:
    """``action`` as a call without arguments that opens a new unit of work each time."""

    def run() -> object:
        return action(uow())

    return run


def _project(
    uow: Callable[[], UnitOfWork], slug: str, members: list[str], codes: tuple[str, ...]
) -> str:
    services.create_project(slug.title(), members, list(codes), SYSTEM, uow(), slug=slug)
    rng = random.Random(len(members))
    for code in codes:
        for number in members:
            fte = rng.randint(2, 12)
            services.set_baseline(slug, code, number, 2026,
                                  {"fte": str(fte), "gross_cost_nok": str(fte * 1_100_000),
                                   "pay_cost_nok": str(fte * 850_000)},
                                  "budsjett", SYSTEM, uow())  # fmt: skip
    arrangements = [{"service": c, "host": members[i], "participants": members,
                     "joint_fte": str(3 * len(members)), "cost_key": "Folketall"}
                    for i, c in enumerate(codes)]  # fmt: skip
    services.edit_scenario(slug, "Felles", arrangements, SYSTEM, uow(), None,
                           "Retningslinjer 2007")  # fmt: skip
    return slug


def _profile(label: str, action: Callable[[], object]) -> None:
    profiler = cProfile.Profile()
    profiler.runcall(action)
    print(f"--- cProfile: {label}")
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)


def main() -> None:
    from coop.services.casework.case_figures import case_figures
    from coop.services.casework.case_package import case_package
    from coop.services.compare import compare_scenarios
    from coop.services.option_price import option_price
    from coop.services.splits.cost_split import split_service
    from web import create_app

    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp())
    app = create_app({"TESTING": True, "SECRET_KEY": "b", "WTF_CSRF_ENABLED": False,
                      "DATABASE_URL": f"sqlite:///{folder}/b.sqlite",
                      "PASSWORD_HASH_METHOD": HASH})  # fmt: skip
    app.instance_path = str(folder / "instance")
    migrate.upgrade(app.extensions["coop.engine"])
    uow = app.extensions["coop.uow"]
    services.load_demo(uow())
    twelve = _project(uow, "tolv", TWENTY[:12], SERVICES)
    twenty = _project(uow, "tjue", TWENTY, ("barnevern",))
    cases = (
        ("demo, Salangen", "astafjord-2007", "Ordførergruppas forslag 2007", "5522"),
        ("12 members, 3 services", twelve, "Felles", TWENTY[1]),
    )
    for label, slug, scenario, number in cases:
        whole = partial(case_package, slug, scenario, number)
        price = partial(option_price, slug, scenario)
        compared = partial(compare_scenarios, slug, [scenario])
        figures = [_cpu_s(_each_with_new_uow(f, uow), args.runs) for f in (whole, price, compared)]
        print(f"case_package, {label}: {figures[0]:6.2f} s CPU (option_price "
              f"{figures[1]:.2f} s, compare_scenarios {figures[2]:.2f} s)")  # fmt: skip
        found = case_figures(slug, scenario, number, uow())
        print(f"  the optimiser's price: {found.optimiser.price_nok if found.optimiser else None} "
              f"kr {found.optimiser_note}; {len(found.options)} options compared")  # fmt: skip
        if args.profile:
            _profile(label, _each_with_new_uow(whole, uow))
    key = partial(split_service, twenty, "barnevern", methods=("key",))
    split_s = _cpu_s(lambda: key(uow()), args.runs)
    print(f"split_service(key only), 20 partners: {split_s:6.2f} s CPU")
    if args.profile:
        _profile("key split, 20 partners", lambda: key(uow()))


if __name__ == "__main__":
    main()
