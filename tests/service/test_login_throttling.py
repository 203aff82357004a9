"""Issue 15.10: failed logins are counted in the database per user name and per address."""

import logging
from datetime import UTC, datetime, timedelta

import pytest

from coop import services
from coop.persistence.unit_of_work import SqlAlchemyUnitOfWork
from coop.services import login as login_module

from ..conftest import CHEAP_HASH

T0 = datetime(2026, 12, 2, 12, 0, tzinfo=UTC)
POLICY = services.LoginPolicy(max_per_user=5, max_per_address=20, window_min=15)
GOOD = "riktig-passord-1"


@pytest.fixture
def users(uow: SqlAlchemyUnitOfWork) -> SqlAlchemyUnitOfWork:
    services.create_first_admin("kari", GOOD, uow, CHEAP_HASH)
    services.create_first_admin("ola", GOOD, uow, CHEAP_HASH)
    return uow


def attempt(uow, name, password, minute, address="10.0.0.1"):  # type: ignore[no-untyped-def]
    return services.authenticate(
        name,
        password,
        uow,
        address=address,
        hash_method=CHEAP_HASH,
        policy=POLICY,
        now=T0 + timedelta(minutes=minute),
    )


def test_five_failures_lock_the_user_name_until_the_first_leaves_the_window(
    users: SqlAlchemyUnitOfWork,
) -> None:
    for minute in range(5):  # failures at 12:00, 12:01, …, 12:04
        assert attempt(users, "kari", "feil", minute) is None
    with pytest.raises(services.LoginThrottled) as throttled:
        attempt(users, "kari", GOOD, 5)  # even the right password waits
    # the 12:00 failure leaves the 15-minute window at 12:15: ten minutes from 12:05
    assert throttled.value.minutes == 10
    assert "Prøv igjen om 10 minutter" in throttled.value.message
    assert attempt(users, "ola", GOOD, 5) is not None  # another user from the same address
    assert attempt(users, "kari", GOOD, 15) is not None


def test_twenty_failures_from_one_address_lock_that_address_only(
    users: SqlAlchemyUnitOfWork,
) -> None:
    for i in range(20):  # twenty different (unknown) user names, four tries each at most
        assert attempt(users, f"gjett{i}", "feil", 0) is None
    with pytest.raises(services.LoginThrottled):
        attempt(users, "kari", GOOD, 1)
    assert attempt(users, "kari", GOOD, 1, address="10.0.0.2") is not None


def test_a_successful_login_forgets_the_users_failures(users: SqlAlchemyUnitOfWork) -> None:
    for minute in range(4):
        attempt(users, "kari", "feil", minute)
    assert attempt(users, "kari", GOOD, 4) is not None
    for minute in range(5, 9):
        attempt(users, "kari", "feil", minute)
    assert attempt(users, "kari", GOOD, 9) is not None  # 4 + 4 failures, never 5 in a row


def test_an_unknown_user_name_costs_a_password_hash_too(
    users: SqlAlchemyUnitOfWork, monkeypatch: pytest.MonkeyPatch
) -> None:
    checked: list[str] = []
    real = login_module.check_password_hash

    def spy(stored: str, password: str) -> bool:
        checked.append(stored.split("$")[0])
        return real(stored, password)

    monkeypatch.setattr(login_module, "check_password_hash", spy)
    attempt(users, "kari", "feil", 0)
    attempt(users, "finnes-ikke", "feil", 0)
    assert checked == ["pbkdf2:sha256:1", "pbkdf2:sha256:1"]  # same method, same cost


def test_a_deactivated_user_cannot_log_in(users: SqlAlchemyUnitOfWork) -> None:
    with users:
        admin = users.users.by_username("ola")
    assert admin is not None
    services.set_user_active(admin.actor, "kari", False, users)
    assert attempt(users, "kari", GOOD, 0) is None


def test_failures_are_logged_with_user_name_and_address(
    users: SqlAlchemyUnitOfWork, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="coop.login"):
        attempt(users, "kari", "feil", 0, address="192.0.2.7")
    assert "Mislykket innlogging for «kari» fra 192.0.2.7" in caplog.text


def test_a_very_long_user_name_is_counted_not_stored_whole(users: SqlAlchemyUnitOfWork) -> None:
    name = "x" * 5000
    for minute in range(5):
        assert attempt(users, name, "feil", minute) is None
    with pytest.raises(services.LoginThrottled):
        attempt(users, name, "feil", 5)
