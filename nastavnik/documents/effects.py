"""What a signed order does besides being filed: a small registry the stage apps fill in.

`documents` is a shared service and imports none of the stage apps (domain.md), yet an order such as «Об
утверждении реестра наставников» must approve the registry kept by `intake`, and «Об утверждении наставников и
наставнических пар/групп» must fix the pairs kept by `matching`. So each app registers, in its AppConfig.ready(),
a function for the kinds it owns; `order_sign` calls them inside the signing transaction, after the order got its
number and date. A draft has no effect at all.

A hook is `fn(*, order, signed_by_user)`; it may raise ValidationError (with a Russian message) to refuse the
signature, and then nothing is signed.
"""

from __future__ import annotations

from collections.abc import Callable

Hook = Callable[..., None]

_HOOKS: dict[str, list[Hook]] = {}


def register(kind: str, hook: Hook) -> None:
    """Run `hook` when an order of `kind` is signed (idempotent: the same function is registered once)."""
    hooks = _HOOKS.setdefault(str(kind), [])
    if hook not in hooks:
        hooks.append(hook)


def run(*, order, signed_by_user) -> None:
    for hook in _HOOKS.get(order.kind, []):
        hook(order=order, signed_by_user=signed_by_user)


def registered(kind: str) -> list[Hook]:
    return list(_HOOKS.get(str(kind), []))
