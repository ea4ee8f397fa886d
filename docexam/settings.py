"""The user's settings: one declarative registry, a frozen ``Settings``, a JSON file.

Why a registry of ``Setting`` rows: the CLI (``docexam settings``), the UI's preferences
and the docs list, validate and explain the same keys; a new setting is one row here, with
its type, default, help in both languages and its environment variable. Why no global
object: whoever needs settings loads them once (``load_settings``) and passes them on, so
tests and a second station on the same machine never share hidden state.

Precedence, lowest first: the registry default, the settings file, the environment
variable. Command-line options (``--db``, ``--officer``) override all three in the CLI.
"""

from __future__ import annotations

import contextlib
import dataclasses
import getpass
import json
import os
import socket
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from docexam.errors import InputError

SETTINGS_ENV = "DOCEXAM_SETTINGS"
ERROR_CODE = "SETTINGS_INVALID"


def _user_name() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no passwd entry and no LOGNAME/USER: a container
        return "unknown"


def _host_name() -> str:
    return socket.gethostname() or "unknown"


@dataclass(frozen=True)
class Setting:
    """One setting. ``type`` is ``str``, ``int`` or ``Path``; ``nullable`` allows None
    ("use the built-in choice"); ``default`` is a value or a zero-argument callable
    (computed when settings are loaded: the OS user and host names)."""

    key: str
    type: type
    default: Any
    help_en: str
    help_ru: str
    env: str | None = None
    nullable: bool = False
    choices: tuple[str, ...] = ()
    minimum: int | None = None

    def default_value(self) -> Any:
        return self.default() if callable(self.default) else self.default

    def check(self, value: Any) -> Any:
        """``value`` normalised (str -> Path for paths); ValueError naming the key."""
        if value is None:
            if self.nullable:
                return None
            raise ValueError(f"{self.key}: a value is required (null is not allowed)")
        if self.type is Path:
            if isinstance(value, str | os.PathLike) and str(value):
                return Path(value).expanduser()
            raise ValueError(f"{self.key}: expected a path, got {value!r}")
        if self.type is int:
            if isinstance(value, bool) or not isinstance(value, int):
                raise ValueError(f"{self.key}: expected a whole number, got {value!r}")
            if self.minimum is not None and value < self.minimum:
                raise ValueError(f"{self.key}: must be at least {self.minimum}, got {value}")
            return value
        if not isinstance(value, str):
            raise ValueError(f"{self.key}: expected text, got {value!r}")
        if self.choices and value not in self.choices:
            raise ValueError(f"{self.key}: must be one of {', '.join(self.choices)}, got {value!r}")
        if not self.choices and not value.strip():
            raise ValueError(f"{self.key}: must not be empty")
        return value

    def parse(self, text: str) -> Any:
        """A value typed on the command line or in an environment variable."""
        text = text.strip()
        if self.nullable and text.lower() in ("", "none", "null", "default"):
            return None
        if self.type is int:
            try:
                return self.check(int(text))
            except ValueError:
                if text.lstrip("-").isdigit():
                    raise
                raise ValueError(f"{self.key}: expected a whole number, got {text!r}") from None
        return self.check(text)

    def to_json(self, value: Any) -> Any:
        return str(value) if isinstance(value, Path) else value


REGISTRY: tuple[Setting, ...] = (
    Setting(
        "officer_id", str, _user_name,
        "Who examines: recorded with every log entry. Default: the operating-system user.",
        "Кто проводит проверку: записывается в каждую запись журнала. По умолчанию: "
        "пользователь операционной системы.",
        env="DOCEXAM_OFFICER",
    ),
    Setting(
        "station_id", str, _host_name,
        "Which checkpoint station examines: recorded with every log entry. Default: the "
        "host name.",
        "Рабочее место (пост) проверки: записывается в каждую запись журнала. По умолчанию: "
        "имя компьютера.",
        env="DOCEXAM_STATION",
    ),
    Setting(
        "log_db", Path, None,
        "The examination log database. Default: docexam's folder in the user's data "
        "directory (examlog.sqlite).",
        "База данных журнала проверок. По умолчанию: папка docexam в каталоге данных "
        "пользователя (examlog.sqlite).",
        env="DOCEXAM_DB", nullable=True,
    ),
    Setting(
        "retention_days", int, 1825,
        "How many days examinations are kept before 'docexam log purge' removes their "
        "personal data and images (default 1825 = 5 years). The agency sets this by its "
        "data-retention rules.",
        "Сколько дней хранятся проверки, прежде чем 'docexam log purge' удалит персональные "
        "данные и изображения (по умолчанию 1825 = 5 лет). Срок устанавливает ведомство по "
        "своим правилам хранения данных.",
        env="DOCEXAM_RETENTION_DAYS", minimum=1,
    ),
    Setting(
        "language", str, "en",
        "Language of messages and reports: en or ru.",
        "Язык сообщений и отчётов: en или ru.",
        env="DOCEXAM_LANG", choices=("en", "ru"),
    ),
    Setting(
        "specimen_library", Path, None,
        "The reference-specimen library folder. Default: the bundled reference_specimens.",
        "Папка библиотеки эталонных образцов. По умолчанию: встроенная reference_specimens.",
        env="DOCEXAM_SPECIMENS", nullable=True,
    ),
)  # fmt: skip

BY_KEY: Mapping[str, Setting] = {s.key: s for s in REGISTRY}


def setting(key: str) -> Setting:
    """The registry row of ``key``; ValueError naming the key when there is none."""
    try:
        return BY_KEY[key]
    except KeyError:
        raise ValueError(f"unknown setting {key!r}: known are {', '.join(BY_KEY)}") from None


@dataclass(frozen=True)
class Settings:
    """The settings in force. ``sources``: key -> "default" | "file" | "env"."""

    officer_id: str
    station_id: str
    log_db: Path | None
    retention_days: int
    language: str
    specimen_library: Path | None
    sources: Mapping[str, str] = field(default_factory=dict, compare=False, repr=False)

    def replace(self, **changes: Any) -> Settings:
        """A copy with ``changes`` validated by the registry (ValueError naming the key)."""
        checked = {key: setting(key).check(value) for key, value in changes.items()}
        sources = {**self.sources, **dict.fromkeys(checked, "set")}
        return dataclasses.replace(self, **checked, sources=sources)

    def values(self) -> dict[str, Any]:
        return {s.key: getattr(self, s.key) for s in REGISTRY}

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready values (paths as text)."""
        return {s.key: s.to_json(getattr(self, s.key)) for s in REGISTRY}


def defaults() -> Settings:
    """The settings with nothing configured."""
    return Settings(**{s.key: s.default_value() for s in REGISTRY},
                    sources=dict.fromkeys(BY_KEY, "default"))  # fmt: skip


def settings_path(explicit: Path | None = None, environ: Mapping[str, str] | None = None) -> Path:
    """``explicit`` > ``$DOCEXAM_SETTINGS`` > ``user_config_dir("docexam")/settings.json``."""
    if explicit is not None:
        return Path(explicit).expanduser()
    env = os.environ if environ is None else environ
    if env.get(SETTINGS_ENV):
        return Path(env[SETTINGS_ENV]).expanduser()
    from platformdirs import user_config_dir

    return Path(user_config_dir("docexam")) / "settings.json"


def _invalid(message: str) -> InputError:
    return InputError(message, code=ERROR_CODE)


def _read_file(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError) as exc:
        detail = getattr(exc, "strerror", None) or exc
        raise _invalid(f"cannot read the settings file {path}: {detail}") from exc
    try:
        data = json.loads(text) if text.strip() else {}
    except json.JSONDecodeError as exc:
        raise _invalid(
            f"the settings file {path} is not valid JSON (line {exc.lineno}, column "
            f"{exc.colno}: {exc.msg}); fix or delete it"
        ) from exc
    if not isinstance(data, dict):
        raise _invalid(f"the settings file {path} must hold a JSON object of key: value")
    return data


def load_settings(
    path: Path | None = None,
    *,
    environ: Mapping[str, str] | None = None,
    use_env: bool = True,
) -> Settings:
    """Defaults, then the file at ``settings_path(path)``, then environment variables.

    A missing file means defaults; an unreadable or corrupt one, an unknown key or a value
    of the wrong type is an ``InputError`` (code SETTINGS_INVALID) naming the file and key.
    ``use_env=False`` reads the file alone: what ``settings set`` must write back, so that
    a value that came from the environment is not saved by accident.
    """
    env = os.environ if environ is None else environ
    file = settings_path(path, env)
    raw = _read_file(file)
    values, sources = {}, {}
    for key, value in raw.items():
        if key not in BY_KEY:
            raise _invalid(
                f"the settings file {file} has an unknown setting {key!r} "
                f"(known: {', '.join(BY_KEY)})"
            )
        try:
            values[key] = BY_KEY[key].check(value)
        except ValueError as exc:
            raise _invalid(f"the settings file {file}: {exc}") from None
        sources[key] = "file"
    for s in REGISTRY if use_env else ():
        text = env.get(s.env) if s.env else None
        if text is None or not text.strip():
            continue
        try:
            values[s.key] = s.parse(text)
        except ValueError as exc:
            raise _invalid(f"the environment variable {s.env}: {exc}") from None
        sources[s.key] = "env"
    base = defaults()
    return dataclasses.replace(base, **values, sources={**base.sources, **sources})


def save_settings(settings: Settings, path: Path | None = None) -> Path:
    """Write the values that differ from the defaults, atomically; returns the file.

    Why only those: a default that is computed (user and host name) must follow the
    machine, not be frozen into the file the first time anything is saved. Why atomic: a
    crash half-way must leave the old file, never a truncated one that stops the program.
    """
    file = settings_path(path)
    base = defaults()
    data = {s.key: s.to_json(getattr(settings, s.key)) for s in REGISTRY
            if getattr(settings, s.key) != getattr(base, s.key)}  # fmt: skip
    text = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    tmp = file.with_name(f".{file.name}.{os.getpid()}.tmp")
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        with open(tmp, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, file)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
        raise _invalid(f"cannot write the settings file {file}: {exc.strerror or exc}") from exc
    return file
