"""The kinds of background job: who may start one, its time limit, how to check and run it.

``prepare`` checks the parameters before anything is queued (a bad value is a 422 at once,
not a failed job later) and returns them in plain JSON; ``run`` does the work in the worker.
``CORE_KINDS`` need nothing but a database; ``create_app`` adds the kinds bound to its app (the
PDFs, the budget files in its instance folder) and hands the whole set to its runner, so two
apps in one process (tests) never run each other's jobs.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from coop.domain.access import Role
from coop.services.casework import figures_job
from coop.services.casework.case_figures import KIND as CASE_FIGURES
from coop.services.jobs import placement_job, regions_job, split_job
from coop.services.jobs.context import JobContext

Params = Mapping[str, Any]


@dataclass(frozen=True)
class JobKind:
    """One kind of job."""

    name: str
    label: str  # bokmål, what the status page calls it
    roles: tuple[Role, ...]  # who may start it (admin always)
    prepare: Callable[[Params], dict[str, Any]]
    time_limit_s: Callable[[Params], float]
    run: Callable[[JobContext], Mapping[str, Any]]


JobKinds = Mapping[str, JobKind]

CORE_KINDS: JobKinds = {
    k.name: k
    for k in (
        JobKind(
            placement_job.KIND,
            "Forslag til vertskommuner",
            (Role.STEERING,),
            placement_job.prepare,
            placement_job.time_limit_s,
            placement_job.run,
        ),
        JobKind(
            split_job.KIND,
            "Kostnadsfordeling",
            (Role.STEERING, Role.FINANCE, Role.READER),
            split_job.prepare,
            split_job.time_limit_s,
            split_job.run,
        ),
        JobKind(
            regions_job.KIND,
            "Hvem bør samarbeide?",
            (Role.STEERING,),
            regions_job.prepare,
            regions_job.time_limit_s,
            regions_job.run,
        ),
        JobKind(
            CASE_FIGURES,
            "Tall til saksframlegget",
            (Role.STEERING, Role.FINANCE, Role.READER),
            figures_job.prepare,
            figures_job.time_limit_s,
            figures_job.run,
        ),
    )
}
