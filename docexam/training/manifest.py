"""The session manifest (``session.json`` inside a package): what a trainee may see.

Why a strict allow-list of fields: the package goes to the trainee, so anything it holds is
readable by them. The manifest names the session, the trainer, the settings a trainee's
application needs (time limit, whether to show automatic verdicts) and, per case, an
opaque random id, the sides and their image files with SHA-256 and size. Nothing else is
written (no specimen, seed, capture mode, source folder or forgery), and reading refuses
unknown fields, so a later version cannot leak an answer into a package by accident.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from docexam.training.jsonio import ID_RE, LIGHTS, SIDE_RE, Fields

FORMAT = "docexam-training-session"
FORMAT_VERSION = 1
IMAGE_EXTS = (".png", ".jpg")
_CODE = "PACKAGE_INVALID"
_TOP = {"format", "format_version", "id", "title", "trainer", "created", "settings", "cases"}


@dataclass(frozen=True)
class SessionSettings:
    """``time_limit_s``: seconds allowed per case (None: untimed); cases answered later are
    flagged as over time, never refused. ``show_automatic_verdict``: whether the trainee's
    application may show the engine's verdict (a drill without it trains the eye)."""

    time_limit_s: float | None = None
    show_automatic_verdict: bool = False

    def __post_init__(self) -> None:
        t = self.time_limit_s
        if t is not None and (isinstance(t, bool) or not isinstance(t, int | float) or t <= 0):
            raise ValueError(
                f"time_limit_s must be a positive number of seconds or None, got {t!r}"
            )

    def to_dict(self) -> dict[str, Any]:
        return {
            "time_limit_s": self.time_limit_s,
            "show_automatic_verdict": self.show_automatic_verdict,
        }

    @classmethod
    def from_fields(cls, f: Fields) -> SessionSettings:
        limit = f.number("time_limit_s", optional=True, minimum=0.001)
        return cls(limit, f.flag("show_automatic_verdict"))


@dataclass(frozen=True)
class PackageImage:
    side: str
    light: str
    member: str  # the zip member: cases/<case>/<side>.<light>.<png|jpg>
    sha256: str
    size: int


@dataclass(frozen=True)
class PackageCase:
    """One case as the trainee sees it: ``number`` is its place in the session (1-based)."""

    id: str
    number: int
    sides: tuple[str, ...]
    images: tuple[PackageImage, ...]

    def lights(self, side: str) -> tuple[str, ...]:
        return tuple(i.light for i in self.images if i.side == side)

    def image(self, side: str, light: str) -> PackageImage:
        for i in self.images:
            if i.side == side and i.light == light:
                return i
        raise KeyError(f"case {self.id} has no {side} image under {light}")

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "sides": list(self.sides),
            "images": [
                {
                    "side": i.side,
                    "light": i.light,
                    "file": i.member,
                    "sha256": i.sha256,
                    "size": i.size,
                }
                for i in self.images
            ],
        }


@dataclass(frozen=True)
class SessionManifest:
    id: str
    title: str
    trainer: str
    created: str  # UTC
    settings: SessionSettings
    cases: tuple[PackageCase, ...]

    @property
    def case_ids(self) -> tuple[str, ...]:
        return tuple(c.id for c in self.cases)

    def case(self, case_id: str) -> PackageCase:
        for c in self.cases:
            if c.id == case_id:
                return c
        raise KeyError(f"session {self.id} has no case {case_id!r}")

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "id": self.id,
            "title": self.title,
            "trainer": self.trainer,
            "created": self.created,
            "settings": self.settings.to_dict(),
            "cases": [c.to_dict() for c in self.cases],
        }


def member_name(case_id: str, side: str, light: str, ext: str) -> str:
    return f"cases/{case_id}/{side}.{light}{ext}"


def manifest_from_dict(data: Any, *, where: str) -> SessionManifest:
    """A checked manifest; PACKAGE_INVALID naming the field for anything unexpected."""
    f = Fields(data, where=where, code=_CODE)
    f.expect_format(FORMAT, FORMAT_VERSION, "a docexam training session")
    extra = set(f.data) - _TOP
    if extra:
        raise f.fail(sorted(extra)[0], "absent (unknown field)")
    cases = []
    seen: set[str] = set()
    for n, raw in enumerate(f.items("cases"), 1):
        c = _case(raw, n, where=f"{where}: case {n}")
        if c.id in seen:
            raise f.fail("cases", f"a list of distinct cases (case {c.id} is listed twice)")
        seen.add(c.id)
        cases.append(c)
    if not cases:
        raise f.fail("cases", "a non-empty list")
    return SessionManifest(
        f.text("id", pattern=ID_RE),
        f.text("title"),
        f.text("trainer"),
        f.text("created"),
        SessionSettings.from_fields(f.obj("settings")),
        tuple(cases),
    )


def _case(raw: Any, number: int, *, where: str) -> PackageCase:
    f = Fields(raw, where=where, code=_CODE)
    if set(f.data) - {"id", "sides", "images"}:
        raise f.fail(sorted(set(f.data) - {"id", "sides", "images"})[0], "absent (unknown field)")
    cid = f.text("id", pattern=ID_RE)
    sides = f.ids("sides")
    if not sides or not all(SIDE_RE.match(s) for s in sides):
        raise f.fail("sides", "a non-empty list of side names")
    images = []
    for i, item in enumerate(f.items("images")):
        g = Fields(item, where=f"{where}: image {i + 1}", code=_CODE)
        side, light = g.choice("side", sides), g.choice("light", LIGHTS)
        member = g.text("file")
        if member not in {member_name(cid, side, light, e) for e in IMAGE_EXTS}:
            raise g.fail("file", f"cases/{cid}/{side}.{light}.png or .jpg")
        sha = g.text("sha256")
        if len(sha) != 64 or set(sha) - set("0123456789abcdef"):
            raise g.fail("sha256", "64 lower-case hex digits")
        images.append(PackageImage(side, light, member, sha, g.integer("size", minimum=1)))
    keys = [(i.side, i.light) for i in images]
    if len(set(keys)) != len(keys):
        raise f.fail("images", "one image per side and light")
    for side in sides:
        if (side, "white") not in keys:
            raise f.fail("images", f"a white-light image of side {side}")
    return PackageCase(cid, number, sides, tuple(images))
