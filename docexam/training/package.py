"""Session packages (``.dxs``): one zip with the manifest and every case's images, no answers.

Why a zip with fixed metadata: the package travels (another institution, a trainee at
home) and is opened by the trainee, so it holds only what the trainee may see
(``manifest.py``). Member order follows the (shuffled) case order, case ids are random,
every member has the same timestamp and permissions, images are stored uncompressed and
JSON deflated whatever the case: nothing in the zip's own structure differs between a
genuine and a forged case. The manifest lists every image's SHA-256, and the SHA-256 of the
manifest itself binds the answer key and the results to exactly this package: an image
changed afterwards no longer matches the manifest, a changed manifest no longer matches
the key.
"""

from __future__ import annotations

import contextlib
import hashlib
import secrets
import zipfile
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from docexam.errors import TrainingError
from docexam.training.images import kind, strip_metadata
from docexam.training.jsonio import LIGHTS, SIDE_RE, dumps, parse_json
from docexam.training.manifest import (
    PackageCase,
    PackageImage,
    SessionManifest,
    SessionSettings,
    manifest_from_dict,
    member_name,
)

if TYPE_CHECKING:
    from docexam.examine.captureset import CaptureSet

MANIFEST = "session.json"
EPOCH = (1980, 1, 1, 0, 0, 0)  # every member's timestamp: build order and time stay private
MAX_MEMBER_BYTES = 256 << 20
MAX_MANIFEST_BYTES = 16 << 20
_CODE = "PACKAGE_INVALID"

SideImages = Mapping[str, Mapping[str, tuple[str, bytes]]]  # side -> light -> (ext, bytes)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def new_case_id(taken: set[str]) -> str:
    """8 random hex digits: says nothing about the case, unique within the session."""
    while True:
        cid = secrets.token_hex(4)
        if cid not in taken:
            return cid


def _info(name: str, *, deflate: bool) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=EPOCH)
    info.compress_type = zipfile.ZIP_DEFLATED if deflate else zipfile.ZIP_STORED
    info.external_attr = 0o644 << 16
    info.create_system = 3
    return info


class PackageWriter:
    """Writes a package case by case into ``<path>.part`` (the caller renames it)."""

    def __init__(self, part: Path) -> None:
        self.part = part
        try:
            self._zip = zipfile.ZipFile(part, "w", allowZip64=True)
        except OSError as exc:
            raise TrainingError(
                f"cannot write {part}: {exc.strerror or exc}", code="WRITE_FAILED"
            ) from exc
        self.cases: list[PackageCase] = []

    def add_case(self, images: SideImages) -> PackageCase:
        """Store one case's images (metadata stripped) under a new random case id."""
        cid = new_case_id({c.id for c in self.cases})
        entries = []
        for side, lights in images.items():
            if not SIDE_RE.match(side):
                raise ValueError(f"images: side name {side!r} is not a plain lower-case name")
            for light in LIGHTS:  # a fixed order, whatever order the source gave
                if light not in lights:
                    continue
                _, data = lights[light]
                data = strip_metadata(data)
                ext = kind(data) or ".png"  # strip_metadata refused anything else
                name = member_name(cid, side, light, ext)
                self._write(name, data, deflate=False)
                entries.append(PackageImage(side, light, name, sha256(data), len(data)))
            if not any(e.side == side and e.light == "white" for e in entries):
                raise ValueError(f"images: side {side!r} has no white-light image")
        case = PackageCase(cid, len(self.cases) + 1, tuple(images), tuple(entries))
        self.cases.append(case)
        return case

    def _write(self, name: str, data: bytes, *, deflate: bool) -> None:
        try:
            self._zip.writestr(_info(name, deflate=deflate), data)
        except OSError as exc:
            self.abort()
            raise TrainingError(
                f"cannot write {self.part}: {exc.strerror or exc}", code="WRITE_FAILED"
            ) from exc

    def finish(
        self, *, session_id: str, title: str, trainer: str, created: str, settings: SessionSettings
    ) -> tuple[SessionManifest, str]:
        """Write the manifest and close; returns (manifest, SHA-256 of its bytes)."""
        m = SessionManifest(session_id, title, trainer, created, settings, tuple(self.cases))
        data = dumps(m.to_dict())
        self._write(MANIFEST, data, deflate=True)
        try:
            self._zip.close()
        except OSError as exc:
            self.abort()
            raise TrainingError(
                f"cannot write {self.part}: {exc.strerror or exc}", code="WRITE_FAILED"
            ) from exc
        return m, sha256(data)

    def abort(self) -> None:
        with contextlib.suppress(OSError, ValueError):
            self._zip.close()
        self.part.unlink(missing_ok=True)


class SessionPackage:
    """An opened package: the manifest, and each case's images checked against it.

    Opening never reads an answer key (there is none inside). Each call opens the zip
    anew, so a UI may load cases from several threads.
    """

    def __init__(self, path: Path, manifest: SessionManifest, manifest_sha256: str) -> None:
        self.path = path
        self.manifest = manifest
        self.manifest_sha256 = manifest_sha256

    @property
    def id(self) -> str:
        return self.manifest.id

    @property
    def cases(self) -> tuple[PackageCase, ...]:
        return self.manifest.cases

    def image_bytes(self, case_id: str, side: str, light: str) -> bytes:
        """One image's file bytes, refused (PACKAGE_INVALID) when they changed."""
        img = self.manifest.case(case_id).image(side, light)
        with _open_zip(self.path) as z:
            return _read_member(z, img)

    def capture_sets(self, case_id: str) -> dict[str, CaptureSet]:
        """side -> CaptureSet of one case, decoded by the engine's safe loader."""
        from docexam.examine.captureset import from_images
        from docexam.imaging.load import load_image_bytes

        case = self.manifest.case(case_id)
        out = {}
        with _open_zip(self.path) as z:
            for side in case.sides:
                pix = {}
                for light in case.lights(side):
                    img = case.image(side, light)
                    data = _read_member(z, img)
                    pix[light] = load_image_bytes(data, name=f"case {case.number} {side}").pixels
                out[side] = from_images(pix, name=side)
        return out

    def verify(self) -> int:
        """Check every image against the manifest; returns the bytes checked."""
        total = 0
        with _open_zip(self.path) as z:
            for case in self.cases:
                for img in case.images:
                    total += len(_read_member(z, img))
        return total


def _open_zip(path: Path) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(path)
    except FileNotFoundError:
        raise TrainingError(f"session package {path} does not exist", code=_CODE) from None
    except IsADirectoryError:
        raise TrainingError(f"{path} is a folder, not a session package", code=_CODE) from None
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise TrainingError(f"{path} is not a session package ({exc})", code=_CODE) from None


def _read_member(z: zipfile.ZipFile, img: PackageImage) -> bytes:
    try:
        info = z.getinfo(img.member)
        if info.file_size != img.size:
            raise TrainingError(
                f"{z.filename}: {img.member} is {info.file_size} bytes, the "
                f"manifest says {img.size}: the package was altered",
                code=_CODE,
            )
        data = z.read(info)
    except KeyError:
        raise TrainingError(f"{z.filename}: {img.member} is missing", code=_CODE) from None
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise TrainingError(f"{z.filename}: cannot read {img.member} ({exc})", code=_CODE) from None
    if sha256(data) != img.sha256:
        raise TrainingError(
            f"{z.filename}: {img.member} does not match its SHA-256 in the "
            "manifest: the package was altered",
            code=_CODE,
        )
    return data


def open_package(path: Path | str, *, verify: bool = True) -> SessionPackage:
    """Open a session package for a trainee (no answers are read: there are none).

    Refuses (PACKAGE_INVALID) anything but a package whose members are exactly the manifest
    and the images it lists; ``verify`` also checks every image's SHA-256 now (~0.5 s per
    100 MB) instead of when each case is loaded.
    """
    path = Path(path)
    with _open_zip(path) as z:
        names = z.namelist()
        if len(set(names)) != len(names):
            raise TrainingError(f"{path} holds a member twice", code=_CODE)
        if MANIFEST not in names:
            raise TrainingError(f"{path} is not a session package (no {MANIFEST})", code=_CODE)
        info = z.getinfo(MANIFEST)
        if info.file_size > MAX_MANIFEST_BYTES:
            raise TrainingError(f"{path}: {MANIFEST} is too large", code=_CODE)
        data = z.read(info)
        listed: set[str] = set()
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            raise TrainingError(f"{path}: {MANIFEST} is not UTF-8 text", code=_CODE) from None
        raw = parse_json(text, where=f"{path}: {MANIFEST}", what="a session manifest", code=_CODE)
        manifest = manifest_from_dict(raw, where=f"{path}: {MANIFEST}")
        for case in manifest.cases:
            listed.update(i.member for i in case.images)
        extra = sorted(set(names) - listed - {MANIFEST})
        if extra:
            raise TrainingError(
                f"{path} holds a member the manifest does not list: {extra[0]}", code=_CODE
            )
        for member in sorted(listed):
            if member not in names:
                raise TrainingError(f"{path}: {member} is missing", code=_CODE)
            if z.getinfo(member).file_size > MAX_MEMBER_BYTES:
                raise TrainingError(f"{path}: {member} is too large", code=_CODE)
    pkg = SessionPackage(path, manifest, sha256(data))
    if verify:
        pkg.verify()
    return pkg


def manifest_bytes(path: Path) -> bytes:
    """The raw manifest of a package (tests and tools that inspect a package)."""
    with _open_zip(path) as z:
        try:
            return z.read(MANIFEST)
        except KeyError:
            raise TrainingError(
                f"{path} is not a session package (no {MANIFEST})", code=_CODE
            ) from None
