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


class LogError(DocexamError):
    """The examination log cannot do what was asked; ``code`` says why.

    Codes: DB_UNWRITABLE (read-only folder, file or medium, no permission: nothing was
    written), DISK_FULL (no space left: the write was rolled back), DB_LOCKED (another
    writer held the lock past the busy timeout), DB_CORRUPT (not a SQLite file, not a
    docexam log, or a damaged database), NOT_FOUND (no such examination, entry or log
    file), SCHEMA_TOO_NEW (written by a newer docexam), SCHEMA_TOO_OLD (an older schema
    opened read-only where the file cannot be upgraded), CASEFILE_INVALID (a case package
    that is not one, or whose entries or images do not match their hashes),
    BAD_VALUE (an unknown decision, an empty officer, a correction of an unknown field ...),
    WRITE_FAILED (an export file could not be written). A broken hash chain is not an
    error: ``verify`` reports it as a result.
    """

    code = "LOG_ERROR"


class CaptureError(DocexamError):
    """A capture device or source cannot deliver; ``code`` says why.

    Codes: NO_DEVICE (nothing at that index/name/URL, or no scanner found), DEVICE_BUSY
    (another program holds it), DEVICE_LOST (unplugged or the stream dropped mid-way: the
    frames read so far stay valid), TIMEOUT (no frame / no scan within the time allowed; the
    device process was stopped), CANCELLED (the caller cancelled), SCAN_FAILED (the scanner
    reported an error; its message is included), SOURCE_INVALID (a source string that is
    none of index, file, image sequence or URL), FOLDER_GONE (a watched folder disappeared),
    TOOL_MISSING (scanimage is not installed). A capture that fails a quality gate is not
    an error: the gate report says what to fix.
    """

    code = "CAPTURE_ERROR"


class TrainingError(DocexamError):
    """A training session, answer key or results file cannot be used; ``code`` says why.

    Codes: PACKAGE_INVALID (not a session package, a member missing, unexpected or changed:
    its SHA-256 no longer matches the manifest), KEY_INVALID (not an answer key),
    KEY_MISMATCH (the key belongs to another session or to an altered package),
    KEY_NOT_FOUND, RESULTS_INVALID (not a results file: bad fields, duplicate or unknown
    cases), RESULTS_MISMATCH (results of another session or package), ANSWERS_INVALID (a
    trainer's answers.json that does not fit the folder), BAD_SPEC (a session that cannot
    be built as asked: no cases, unknown specimen or forgery), OUTPUT_EXISTS (a package or
    key would be overwritten), WRITE_FAILED, DB_INVALID (a file that is not a training
    results database), DUPLICATE (results already imported). A trainee's
    wrong answer is a score, never an error.
    """

    code = "TRAINING_ERROR"
