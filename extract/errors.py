"""Errors with stable codes, mapped to exit codes by the CLI."""

from __future__ import annotations


class NewsfactsError(Exception):
    """Base class of every error newsfacts raises on purpose."""

    code = "E000"

    def __init__(self, message: str, *, path: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path

    def __str__(self) -> str:
        return self.message


class InputError(NewsfactsError):
    """An input cannot be read or decoded as an article; the rest of a batch goes on."""

    code = "E100"


class NotFoundError(InputError):
    code = "E101"


class UnreadableError(InputError):
    code = "E102"


class DecodeError(InputError):
    code = "E103"


class BinaryInputError(InputError):
    code = "E104"


class EmptyInputError(InputError):
    code = "E105"


class TooLargeError(InputError):
    code = "E106"


class BadRecordError(InputError):
    """A JSON Lines line that is not an article object with a text."""

    code = "E107"


class ExtractionError(NewsfactsError):
    """The pipeline failed on one article (a bug or a time guard); the batch goes on."""

    code = "E200"


class TimeLimitError(ExtractionError):
    code = "E201"


class UsageError(NewsfactsError):
    """Wrong command-line usage or settings."""

    code = "E300"
