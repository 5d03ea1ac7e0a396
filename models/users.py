"""The users of `raingan web` and their roles: a viewer reads, an auditor also reviews, an
admin also manages users. Passwords are kept as argon2 hashes, never as given."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlmodel import Session, col, select

from models.tables import USER_NAME_LENGTH, USER_ROLES, User

VIEWER, AUDITOR, ADMIN = USER_ROLES
HASHER = PasswordHasher()  # argon2id, the library's recommended cost
# A hash checked when the name is unknown, so that a wrong name takes as long as a wrong password.
UNKNOWN_USER_HASH = HASHER.hash("no such user")


class UserProblem(ValueError):
    """A name or role that cannot be stored, or a user that is not there."""


@dataclass(frozen=True)
class Account:
    name: str
    role: str
    disabled: bool
    has_password: bool
    created_at: datetime


def may(role: str, needed: str) -> bool:
    """Whether `role` may do what `needed` may (roles are ordered, each a superset)."""
    return USER_ROLES.index(role) >= USER_ROLES.index(needed)


def as_account(user: User) -> Account:
    return Account(
        user.name, user.role, user.disabled, user.password_hash is not None, user.created_at
    )


def user_named(session: Session, name: str) -> User | None:
    return session.exec(select(User).where(User.name == name)).first()


def checked_name(name: str) -> str:
    name = name.strip()
    if not name or len(name) > USER_NAME_LENGTH or any(char.isspace() for char in name):
        raise UserProblem(
            f"a user name is 1 to {USER_NAME_LENGTH} characters without spaces, not {name!r}"
        )
    return name


def checked_role(role: str) -> str:
    if role not in USER_ROLES:
        raise UserProblem(f"a role is one of {', '.join(USER_ROLES)}, not {role!r}")
    return role


def add_user(
    session: Session, name: str, role: str, password: str | None, *, now: datetime
) -> Account:
    """A new user (the caller commits); without a password only a reverse proxy signs them in."""
    name, role = checked_name(name), checked_role(role)
    if user_named(session, name) is not None:
        raise UserProblem(f"there is already a user {name!r}")
    if password is not None and not password:
        raise UserProblem("an empty password")
    user = User(
        name=name,
        role=role,
        password_hash=HASHER.hash(password) if password else None,
        created_at=now,
    )
    session.add(user)
    session.flush()
    return as_account(user)


def existing(session: Session, name: str) -> User:
    user = user_named(session, name)
    if user is None:
        raise UserProblem(f"no user {name!r}")
    return user


def set_role(session: Session, name: str, role: str) -> Account:
    user = existing(session, name)
    user.role = checked_role(role)
    session.add(user)
    return as_account(user)


def set_disabled(session: Session, name: str, disabled: bool = True) -> Account:
    user = existing(session, name)
    user.disabled = disabled
    session.add(user)
    return as_account(user)


def all_users(session: Session) -> list[Account]:
    return [as_account(user) for user in session.exec(select(User).order_by(col(User.name)))]


def signed_in(session: Session, name: str, password: str) -> Account | None:
    """The enabled user whose password this is; None otherwise (always after one argon2 check)."""
    user = user_named(session, name)
    stored = user.password_hash if user is not None and user.password_hash else UNKNOWN_USER_HASH
    try:
        HASHER.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return None
    if user is None or user.disabled or stored is UNKNOWN_USER_HASH:
        return None
    return as_account(user)


def active_user(session: Session, name: str) -> Account | None:
    """The user a session or a reverse proxy names, if they exist and are not disabled."""
    user = user_named(session, name)
    return None if user is None or user.disabled else as_account(user)
