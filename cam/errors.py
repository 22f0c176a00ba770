"""Errors that the client-acquisition API documents; each has a stable ``code``.

Every error the cam API raises is a :class:`CamError`, so a caller can tell a cam
business failure from a technical one by catching that base class.
"""

from aicmo_site.kernel import errors as kernel_errors


class CamError(kernel_errors.ApplicationError):
    """Base class of every documented client-acquisition error."""


class ClientAcquisitionDenied(CamError):
    """The user's account teams limit them to some clients; cam is agency-wide.

    Campaigns, leads and suppressions belong to no client, so only users who see
    every client work on them. Raised for creates; an existing row is not found.
    """

    code = "PERMISSION_DENIED"
    http_status = 403
    default_message = (
        "Client acquisition is for agency-wide users: your account teams limit you "
        "to some clients, so you cannot add campaigns, leads or suppressions."
    )


class ValidationFailed(CamError, kernel_errors.ValidationFailed):
    """Input failed validation; ``fields`` maps every bad field to its messages."""

    code = "VALIDATION_ERROR"


class CampaignNotFound(CamError, kernel_errors.NotFound):
    """No campaign has the given id."""

    code = "NOT_FOUND"
    default_message = "Campaign not found."


class LeadNotFound(CamError, kernel_errors.NotFound):
    """No lead has the given id."""

    code = "NOT_FOUND"
    default_message = "Lead not found."


class OutreachAttemptNotFound(CamError, kernel_errors.NotFound):
    """No outreach attempt has the given id."""

    code = "NOT_FOUND"
    default_message = "Outreach attempt not found."


class IllegalCampaignTransition(CamError, kernel_errors.Conflict):
    """The campaign's status does not allow the requested status."""

    code = "CONFLICT"


class CampaignCompleted(CamError, kernel_errors.Conflict):
    """The campaign is COMPLETED: it takes no new leads and no edits."""

    code = "CONFLICT"


class IllegalLeadTransition(CamError, kernel_errors.Conflict):
    """The lead's status does not allow the requested status (or closing a deal)."""

    code = "CONFLICT"


class LeadFinal(CamError, kernel_errors.Conflict):
    """The lead is ROUTED or LOST, so its data can no longer change."""

    code = "CONFLICT"


class CampaignNotActive(CamError, kernel_errors.Conflict):
    """The campaign is PAUSED (or COMPLETED): it plans no outreach."""

    code = "CONFLICT"


class LeadNotContactable(CamError, kernel_errors.Conflict):
    """The lead's status does not allow planning outreach."""

    code = "CONFLICT"


class LeadSuppressed(CamError, kernel_errors.Conflict):
    """The lead's email is on the suppression list: it gets no outreach."""

    code = "LEAD_SUPPRESSED"
    default_message = "The lead's email is suppressed."


class BannedWordInOutreach(CamError, kernel_errors.Conflict):
    """A message would contain one of the campaign's banned words.

    Raised when the word is in a name that cannot be rephrased (the lead's name or
    company); ``extra`` names the word and the field.
    """

    code = "BANNED_WORD"
    default_message = "An outreach message would contain a banned word."


class LeadImportFailed(CamError):
    """A lead import stored nothing: ``extra["lines"]`` maps file lines to errors.

    Each line's errors map a column (or ``__all__``) to messages. ``extra["file"]``
    lists problems of the file as a whole (header, campaign).
    """

    code = "VALIDATION_ERROR"
    default_message = "The import has errors; nothing was imported."
