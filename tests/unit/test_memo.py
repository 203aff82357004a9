"""The memo for pure calculations: computed once per input, least recently used out."""

from dataclasses import dataclass
from decimal import Decimal

from coop.services.memo import Memo


@dataclass(frozen=True)
class Box:
    amount: Decimal
    names: tuple[str, ...]


def test_the_same_inputs_compute_once_and_changed_inputs_again() -> None:
    memo, calls = Memo(4), []

    def compute(box: Box) -> Decimal:
        calls.append(box)
        return box.amount * 2

    first = Box(Decimal("1.10"), ("a",))
    assert memo.get(memo.key(first), lambda: compute(first)) == Decimal("2.20")
    assert memo.get(memo.key(Box(Decimal("1.10"), ("a",))), lambda: compute(first)) == Decimal(
        "2.20"
    )
    assert len(calls) == 1
    changed = Box(Decimal("1.1"), ("a",))  # equal in value, different written amount
    memo.get(memo.key(changed), lambda: compute(changed))
    assert len(calls) == 2
    assert (memo.hits, memo.misses) == (1, 2)


def test_the_least_recently_used_result_goes_first() -> None:
    memo = Memo(2)
    for n in (1, 2):
        memo.get(memo.key(n), lambda n=n: n)
    memo.get(memo.key(1), lambda: -1)  # 1 is now the most recent
    memo.get(memo.key(3), lambda: 3)  # evicts 2
    assert memo.get(memo.key(1), lambda: -1) == 1
    assert memo.get(memo.key(2), lambda: -2) == -2
