"""What still refers to an option, a cost key or a personnel policy, said in bokmål.

Options name their policy and, per service, their cost key; agreement drafts name their
option. Deleting something another record names would leave that record pointing at
nothing (issue 15.7), so a delete is refused with a sentence saying what depends on it,
e.g. «Nøkkelen «Folketall» brukes i «Ordførergruppas forslag 2007» (barnevern og IKT-drift)».
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

OptionReferences = tuple[str, str | None, tuple[tuple[str, str], ...]]
"""(option name, its policy or None, ((service code, cost key), …))."""


def listed(items: Sequence[str]) -> str:
    """«a», «a og b», «a, b og c»."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " og " + items[-1]


def _service(code: str, names: Mapping[str, str]) -> str:
    """«Barnevern» → «barnevern» inside a sentence; «IKT-drift» and «PPT» stay as they are."""
    name = names.get(code, code)
    return name if name[:2].isupper() else name[:1].lower() + name[1:]


def _services(names: Sequence[str]) -> str:
    """«barnevern og IKT-drift»; with «; » when a name has its own «og» (skatt og innfordring)."""
    return "; ".join(names) if any(" og " in n for n in names) else listed(names)


def key_users(key: str, options: Iterable[OptionReferences], names: Mapping[str, str]) -> list[str]:
    """Per option that gives some service this key: ««A» (barnevern og IKT-drift)»."""
    out = []
    for option, _policy, keys in options:
        services = [_service(code, names) for code, used in keys if used == key]
        if services:
            out.append(f"«{option}» ({_services(services)})")
    return out


def key_in_use(key: str, users: Sequence[str], pending_proposals: int) -> str | None:
    """Why the key cannot be deleted, or None when nothing depends on it."""
    reasons, todo = [], []
    if users:
        reasons.append(f"brukes i {listed(list(users))}")
        todo.append("gi tjenestene en annen nøkkel")
    if pending_proposals:
        reasons.append(f"har {pending_proposals} forslag til behandling")
        todo.append("avgjør forslagene")
    if not reasons:
        return None
    return (
        f"Nøkkelen «{key}» {' og '.join(reasons)}. {' og '.join(todo).capitalize()} først; "
        "ingenting er slettet."
    )


def policy_in_use(policy: str, options: Iterable[OptionReferences]) -> str | None:
    """Why the policy cannot be deleted (the options that name it), or None."""
    users = [f"«{option}»" for option, named, _keys in options if named == policy]
    if not users:
        return None
    what = "alternativet" if len(users) == 1 else "alternativene"
    return (
        f"Retningslinjene «{policy}» brukes av {what} {listed(users)}. Velg andre "
        "retningslinjer der først; ingenting er slettet."
    )


def option_in_use(option: str, drafted: Iterable[str], names: Mapping[str, str]) -> str | None:
    """Why the option cannot be deleted (services with saved agreement drafts), or None."""
    services = sorted({_service(code, names) for code in drafted})
    if not services:
        return None
    return (
        f"Alternativet «{option}» har lagrede avtaleutkast for {_services(services)}; "
        "avtalehistorikken må bevares, så det kan ikke slettes. Ingenting er slettet."
    )
