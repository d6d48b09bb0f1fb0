"""fineprint's errors. Each has a one-line, actionable message; the CLI prints it and exits with ``exit_code``.

    FineprintError
     ├── InputError            bad input: the user can fix it (exit 2)
     │    ├── EmptyInputError
     │    ├── UnsupportedInputError     not a format we read / not what the extension claims
     │    ├── CorruptInputError         truncated, malformed
     │    ├── NoTextError               e.g. a scanned PDF without a text layer
     │    ├── EncryptedInputError
     │    ├── UnsupportedLanguageError  a document in a language fineprint does not read (not English or French)
     │    ├── InputTooLargeError
     │    │    └── BudgetExceededError   the time, memory or output budget for one document ran out
     │    └── FetchError                a URL could not be fetched (unreachable, refused, private address)
     ├── UsageError            wrong options (exit 2)
     └── ResourceError         a model, rule or data file is missing or broken (exit 2)
"""
from __future__ import annotations


class FineprintError(Exception):
    exit_code = 2

    def __init__(self, message: str, *, source: str | None = None,
                 translations: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.source = source
        # the same message in other languages ({"fr": ...}), for a page shown in that language (the web letter form)
        self.translations = dict(translations or {})

    def one_line(self) -> str:
        """The message on one line, prefixed by the source; nothing from the input can drive the terminal."""
        return self.in_language("en")

    def in_language(self, lang: str) -> str:
        """``one_line`` in ``lang`` where the error carries that translation (else in English, as raised)."""
        from .safetext import one_line

        text = " ".join(self.translations.get(lang, self.message).split())
        return one_line(f"{self.source}: {text}" if self.source else text)


class InputError(FineprintError):
    pass


class EmptyInputError(InputError):
    pass


class UnsupportedInputError(InputError):
    pass


class CorruptInputError(InputError):
    pass


class NoTextError(InputError):
    pass


class EncryptedInputError(InputError):
    pass


class UnsupportedLanguageError(InputError):
    pass


class InputTooLargeError(InputError):
    pass


class BudgetExceededError(InputTooLargeError):
    """A document's time, memory or output budget ran out (fineprint/isolate.py); ``budget`` says which."""

    def __init__(self, message: str, *, source: str | None = None, budget: str | None = None) -> None:
        super().__init__(message, source=source)
        self.budget = budget


class FetchError(InputError):
    pass


class UsageError(FineprintError):
    pass


class ResourceError(FineprintError):
    pass
