"""The errors QC's public API documents."""

from aicmo_site.kernel.errors import ApplicationError, NotFound, ValidationFailed


class QcError(ApplicationError):
    """Base class of every QC error."""

    code = "QC_ERROR"


class QcResultNotFound(QcError, NotFound):
    """No QC result has the given id."""

    code = "NOT_FOUND"
    default_message = "QC result not found."


class QcInputInvalid(QcError, ValidationFailed):
    """The draft or the arguments are not valid; ``fields`` names each problem."""

    code = "VALIDATION_ERROR"
