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


class SpecimenError(DocexamError):
    """The specimen library or a specimen in it cannot be used as asked; ``code`` says why.

    Codes: LIBRARY_NOT_FOUND (the library folder is missing or not a folder), NOT_A_LIBRARY
    (one specimen's folder given where the library was expected), PATH_NOT_FOUND (nothing to
    validate there), SPECIMEN_NOT_FOUND, PAGE_NOT_FOUND, FEATURE_NOT_FOUND,
    LIGHT_NOT_AVAILABLE. Problems inside a manifest are results (``Problem``), not errors.
    """

    code = "SPECIMEN_ERROR"


class StudioError(DocexamError):
    """The synthetic document studio cannot do what was asked; ``code`` says why.

    Codes: UNKNOWN_SPECIMEN, UNKNOWN_FORGERY, UNKNOWN_CAPTURE, NOT_APPLICABLE (the forgery
    needs something the specimen lacks, e.g. a ghost image), WRITE_FAILED (folder or file
    could not be written: permissions, full disk), ENCODE_FAILED.
    """

    code = "STUDIO_ERROR"
