"""Unit of work: one transaction that rolls back unless ``commit()`` is called."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from types import TracebackType
from typing import Any, Protocol, Self

from sqlalchemy import event
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import ORMExecuteState, Session
from sqlalchemy.orm.exc import StaleDataError

from coop.domain import errors
from coop.persistence import bounds
from coop.persistence.repositories.agreements import AgreementRepository
from coop.persistence.repositories.assumptions import AssumptionsRepository
from coop.persistence.repositories.catalogue import CatalogueRepository
from coop.persistence.repositories.changes import ChangeLogRepository
from coop.persistence.repositories.imports import BudgetImportRepository
from coop.persistence.repositories.jobs import JobRepository
from coop.persistence.repositories.planning import (
    CostKeyRepository,
    PolicyRepository,
    ScenarioRepository,
)
from coop.persistence.repositories.process import ProcessRepository
from coop.persistence.repositories.projects import (
    BaselineRepository,
    MunicipalityRepository,
    ProjectRepository,
    ServiceRepository,
)
from coop.persistence.repositories.proposals import ProjectAccessRepository, ProposalRepository
from coop.persistence.repositories.travel import ProjectTravelRepository, TravelLinkRepository
from coop.persistence.repositories.users import UserRepository

bounds.install()  # every flush checks the column bounds (coop.domain.columns)
_MEMO = "coop.memo"


@event.listens_for(Session, "after_flush")
def _forget_after_flush(session: Session, _context: object) -> None:
    """A write makes every read model its unit of work remembers stale."""
    session.info.get(_MEMO, {}).clear()


@event.listens_for(Session, "do_orm_execute")
def _forget_on_write(state: ORMExecuteState) -> None:
    """An INSERT, UPDATE or DELETE sent as a statement (no flush) is a write too."""
    if not state.is_select:
        state.session.info.get(_MEMO, {}).clear()


class UnitOfWork(Protocol):
    """What use cases need: repositories and an explicit commit."""

    municipalities: MunicipalityRepository
    services: ServiceRepository
    projects: ProjectRepository
    baselines: BaselineRepository
    policies: PolicyRepository
    cost_keys: CostKeyRepository
    scenarios: ScenarioRepository
    users: UserRepository
    agreements: AgreementRepository
    travel_links: TravelLinkRepository
    project_travel: ProjectTravelRepository
    imports: BudgetImportRepository
    assumptions: AssumptionsRepository
    catalogue: CatalogueRepository
    changes: ChangeLogRepository
    proposals: ProposalRepository
    access: ProjectAccessRepository
    process: ProcessRepository
    jobs: JobRepository
    memo: dict[Hashable, Any]
    """Read models already built through this unit of work; emptied by every write."""

    def __enter__(self) -> Self: ...

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...

    def commit(self) -> None:
        """Persist everything done in this unit of work."""


class SqlAlchemyUnitOfWork:
    """A session per ``with`` block; everything not committed is rolled back on exit."""

    def __init__(self, session_factory: Callable[[], Session]) -> None:
        self.session_factory = session_factory
        self.memo: dict[Hashable, Any] = {}

    def __enter__(self) -> Self:
        self.session = self.session_factory()
        self.session.info[_MEMO] = self.memo  # emptied by the listeners below on a write
        self.municipalities = MunicipalityRepository(self.session)
        self.services = ServiceRepository(self.session)
        self.projects = ProjectRepository(self.session)
        self.baselines = BaselineRepository(self.session)
        self.policies = PolicyRepository(self.session, self.projects)
        self.cost_keys = CostKeyRepository(self.session, self.projects)
        self.scenarios = ScenarioRepository(self.session, self.projects)
        self.users = UserRepository(self.session)
        self.agreements = AgreementRepository(self.session)
        self.travel_links = TravelLinkRepository(self.session)
        self.project_travel = ProjectTravelRepository(self.session, self.projects)
        self.imports = BudgetImportRepository(self.session)
        self.assumptions = AssumptionsRepository(self.session, self.projects)
        self.catalogue = CatalogueRepository(self.session)
        self.changes = ChangeLogRepository(self.session)
        self.proposals = ProposalRepository(self.session, self.projects)
        self.access = ProjectAccessRepository(self.session, self.projects)
        self.process = ProcessRepository(self.session, self.projects)
        self.jobs = JobRepository(self.session)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.session.rollback()
        self.session.close()

    def commit(self) -> None:
        """Persist everything done in this unit of work."""
        try:
            self.session.commit()
        except StaleDataError as error:
            self.session.rollback()
            raise errors.ConcurrentEdit("Dataene") from error
        except IntegrityError as error:
            # Use cases check names before adding; a clash here means two saves raced.
            self.session.rollback()
            raise errors.SavedMeanwhile() from error
