"""The engine's one exception hierarchy.

Exceptions are for real faults: input we cannot use, a device that fails, a store that
cannot be written. Expected findings (a bad check digit, no MRZ in an image, a failed
feature check) are results, never exceptions.

Each error carries a stable ``code`` so the CLI and the UI can map it to a message in the
user's language and to an exit status without parsing English text.
"""

from __future__ import annotations


class DocexamError(Exception):
    """Base of every error the engine raises on purpose."""

    code: str = "DOCEXAM_ERROR"

    def __init__(self, message: str, *, code: str | None = None) -> None:
        super().__init__(message)
        if code is not None:
            self.code = code

    @property
    def message(self) -> str:
        return str(self.args[0]) if self.args else self.code


class InputError(DocexamError):
    """The user handed us something we cannot use (file, text, arguments)."""

    code = "INPUT_ERROR"


class ImageLoadError(InputError):
    """A file could not be turned into an image; ``code`` says why.

    Codes: FILE_NOT_FOUND, FILE_UNREADABLE, FILE_EMPTY, NOT_AN_IMAGE (with the detected
    real type in the message, e.g. a PDF renamed .jpg), IMAGE_CORRUPT, IMAGE_TRUNCATED,
    IMAGE_TOO_LARGE (refused by pixel count before decoding), IMAGE_UNSUPPORTED.
    """

    code = "IMAGE_LOAD_ERROR"


class MrzTextError(InputError):
    """MRZ text that cannot even be split into a known layout's lines."""

    code = "MRZ_TEXT_ERROR"


class ModelError(DocexamError):
    """A shipped model file is missing or damaged (an installation fault)."""

    code = "MODEL_ERROR"
