"""Qualification rules: which leads are rejected, which need a person to look.

Rejections (the lead becomes LOST, with the first code in this order):

* ``INVALID_EMAIL``: the address fails Django's email validation, or its domain has no
  dot (``jane@localhost``, ``jane@intranet``): mail from outside cannot reach it.
* ``SUPPRESSED``: the address is on the suppression list, globally or for the lead's
  campaign (the service looks it up and passes ``suppressed``).
* ``COMPETITOR_DOMAIN``: the domain is one of the campaign's ``competitor_domains`` or a
  subdomain of one (``mail.rival.example`` matches ``rival.example``).
* ``ROLE_ACCOUNT``: the local part, without a ``+tag`` and ignoring ``.``, ``_`` and
  ``-``, is one of :data:`ROLE_ACCOUNTS`: a shared inbox, not a decision maker.

Borderline findings (the lead goes to MANUAL_REVIEW with every reason):

* ``FREE_MAIL_DOMAIN``: the domain is a free mail provider (:data:`FREE_MAIL_DOMAINS`);
  a B2B lead normally writes from its company's domain.
* ``MISSING_COMPANY``: the lead names no company, so the account cannot be checked.
* ``LOW_GRADE``: the lead's grade is C or D (:data:`REVIEW_GRADES`).
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from cam.dto import QualificationCode, QualificationReason

# Shared inboxes; compared without ".", "_" and "-", so "no.reply" and "no_reply" match.
ROLE_ACCOUNTS = frozenset(
    {
        "accounts", "admin", "administrator", "billing", "careers", "contact",
        "do-not-reply", "donotreply", "enquiries", "help", "hello", "hr", "info",
        "inquiries", "jobs", "mail", "marketing", "media", "no-reply", "noreply",
        "office", "postmaster", "press", "reception", "sales", "support", "team",
        "webmaster",
    }
)  # fmt: skip
FREE_MAIL_DOMAINS = frozenset(
    {
        "aol.com", "fastmail.com", "gmail.com", "gmx.com", "gmx.de", "gmx.net",
        "googlemail.com", "hey.com", "hotmail.co.uk", "hotmail.com", "icloud.com",
        "live.com", "mac.com", "mail.com", "me.com", "msn.com", "outlook.com",
        "proton.me", "protonmail.com", "qq.com", "tutanota.com", "web.de",
        "yahoo.co.uk", "yahoo.com", "yandex.com", "yandex.ru", "zoho.com",
    }
)  # fmt: skip
REVIEW_GRADES = frozenset({"C", "D"})

_SEPARATORS = re.compile(r"[._-]")
_COMPACT_ROLE_ACCOUNTS = frozenset(_SEPARATORS.sub("", name) for name in ROLE_ACCOUNTS)


@dataclass(frozen=True, slots=True, kw_only=True)
class Verdict:
    """What the rules found: rejections win over review reasons."""

    rejections: tuple[QualificationReason, ...]
    reviews: tuple[QualificationReason, ...]


def split_email(email: str) -> tuple[str, str]:
    """Return the local part and the lower-cased domain of an address."""
    local, _, domain = email.strip().rpartition("@")
    return local, domain.lower()


def is_role_account(email: str) -> bool:
    """Return whether the address is a shared inbox such as ``info@``."""
    local = split_email(email)[0].lower().split("+", 1)[0]
    return _SEPARATORS.sub("", local) in _COMPACT_ROLE_ACCOUNTS


def matching_domain(domain: str, domains: Iterable[str]) -> str | None:
    """Return the listed domain that ``domain`` equals or is a subdomain of."""
    for listed in domains:
        if domain == listed or domain.endswith(f".{listed}"):
            return listed
    return None


def _email_problem(email: str) -> str | None:
    try:
        validate_email(email.strip())
    except ValidationError:
        return f"{email.strip()!r} is not a valid email address."
    domain = split_email(email)[1]
    if "." not in domain:
        return f"The domain {domain!r} has no dot, so outside mail cannot reach it."
    return None


def evaluate(
    *,
    email: str,
    company: str,
    grade: str,
    competitor_domains: Iterable[str],
    suppressed: bool,
) -> Verdict:
    """Apply every rule to one lead."""
    rejections: list[QualificationReason] = []
    reviews: list[QualificationReason] = []

    def reject(code: QualificationCode, message: str) -> None:
        rejections.append(QualificationReason(code=code, message=message))

    def review(code: QualificationCode, message: str) -> None:
        reviews.append(QualificationReason(code=code, message=message))

    problem = _email_problem(email)
    if problem is not None:
        reject(QualificationCode.INVALID_EMAIL, problem)
    if suppressed:
        reject(
            QualificationCode.SUPPRESSED,
            "The address is on the suppression list; it must not be contacted.",
        )
    domain = split_email(email)[1]
    if problem is None:
        competitor = matching_domain(domain, competitor_domains)
        if competitor is not None:
            reject(
                QualificationCode.COMPETITOR_DOMAIN,
                f"The domain {domain} belongs to the competitor {competitor}.",
            )
        if is_role_account(email):
            reject(
                QualificationCode.ROLE_ACCOUNT,
                f"{split_email(email)[0]}@ is a shared role inbox, not a person.",
            )
        if domain in FREE_MAIL_DOMAINS:
            review(
                QualificationCode.FREE_MAIL_DOMAIN,
                f"The address is at the free mail provider {domain}, not a company "
                "domain.",
            )
    if not company.strip():
        review(QualificationCode.MISSING_COMPANY, "The lead names no company.")
    if grade in REVIEW_GRADES:
        review(
            QualificationCode.LOW_GRADE,
            f"The lead's grade is {grade}; only A and B qualify without a review.",
        )
    return Verdict(rejections=tuple(rejections), reviews=tuple(reviews))
