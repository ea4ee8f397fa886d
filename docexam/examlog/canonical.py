"""Canonical JSON, SHA-256 and the entry hash: the one definition of what is hashed.

Why a module of its own: the store, verify, the case packages and the tests of tampering
must compute exactly the same bytes, on every machine and after a JSON round trip (a case
imported elsewhere keeps its hashes). Canonical JSON here = keys sorted, no whitespace,
UTF-8, no NaN/Infinity; Python's float repr round-trips, so ``canonical(loads(canonical(x)))
== canonical(x)``.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from docexam.errors import LogError

GENESIS = "0" * 64  # the prev_hash of entry 1
ENTRY_HASH_TAG = "docexam-log-entry/1"


def normalise(value: Any) -> Any:
    """A JSON-safe copy: mappings with str keys, tuples as lists, numpy scalars as Python
    numbers, NaN/Infinity as null (JSON has no such numbers). Anything else: BAD_VALUE."""
    if value is None or isinstance(value, str | bool | int):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, Mapping):
        return {str(k): normalise(v) for k, v in value.items()}
    if isinstance(value, Sequence) and not isinstance(value, bytes | bytearray):
        return [normalise(v) for v in value]
    item = getattr(value, "item", None)  # numpy scalars
    if callable(item):
        return normalise(item())
    raise LogError(
        f"cannot store a value of type {type(value).__name__} in the log", code="BAD_VALUE"
    )


def canonical(value: Any) -> str:
    """The canonical JSON text of an already JSON-safe value."""
    try:
        text = json.dumps(
            value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
        )
        text.encode("utf-8")
    except (TypeError, ValueError, UnicodeEncodeError) as exc:
        raise LogError(f"value cannot be stored as JSON: {exc}", code="BAD_VALUE") from exc
    return text


def sha256_hex(data: bytes | str) -> str:
    if isinstance(data, str):
        data = data.encode("utf-8")
    return hashlib.sha256(data).hexdigest()


def content_hash(content: str) -> str:
    """Hash of an entry's content: its canonical JSON text, as stored."""
    return sha256_hex(content)


def entry_hash(
    *,
    seq: int,
    id: str,
    exam_id: str | None,
    kind: str,
    time: str,
    actor: str,
    station: str,
    content_hash: str,
    image_hashes: Sequence[str],
    prev_hash: str,
) -> str:
    """The hash that chains entries: every stored column except the content itself (which
    ``content_hash`` covers, so a purge can drop it and the chain still verifies)."""
    fields = [
        ENTRY_HASH_TAG,
        seq,
        id,
        exam_id,
        kind,
        time,
        actor,
        station,
        content_hash,
        sorted(image_hashes),
        prev_hash,
    ]
    return sha256_hex(canonical(fields))


def utc_text(when: datetime | None = None) -> str:
    """An entry's time: UTC, fixed width (sorts as text), microseconds.
    A naive ``when`` is taken as UTC."""
    when = when or datetime.now(UTC)
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def parse_utc(text: str) -> datetime:
    return datetime.strptime(text, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=UTC)
