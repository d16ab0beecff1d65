"""The audit log's secret key: value HMACs, checkpoint and head signatures.

The key comes from ``REPLYDRAFT_AUDIT_HMAC_KEY`` when set. Otherwise it is generated once and
kept in ``<data_dir>/replydraft-audit.key`` (mode 0600), shared by every process using that data
directory. Losing or changing the key breaks the verification of checkpoint and head signatures
and the correlation of value HMACs across the change: back the file up with the database.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import unicodedata
from pathlib import Path
from typing import Any

from service.errors import ConfigurationError
from service.settings import Settings
from service.storage.audit_models import canonical_json

KEY_FILE_NAME = "replydraft-audit.key"
MIN_KEY_CHARS = 16


class AuditKey:
    """Keyed operations of the audit log, with one derived sub-key per purpose."""

    def __init__(self, secret: bytes) -> None:
        if len(secret) < MIN_KEY_CHARS:
            raise ConfigurationError(f"the audit HMAC key needs at least {MIN_KEY_CHARS} bytes")
        # Separate sub-keys: a value HMAC can never be replayed as a signature, or vice versa.
        self._value_key = hmac.digest(secret, b"replydraft-audit/value", hashlib.sha256)
        self._sign_key = hmac.digest(secret, b"replydraft-audit/sign", hashlib.sha256)

    def __repr__(self) -> str:
        return "AuditKey(<secret>)"

    def value_hmac(self, value: str) -> str:
        """HMAC-SHA256 (hex) of ``value`` after NFKC, so full-width and ASCII forms correlate."""
        normalised = unicodedata.normalize("NFKC", value).strip()
        return hmac.new(self._value_key, normalised.encode("utf-8"), hashlib.sha256).hexdigest()

    def sign(self, payload: dict[str, Any]) -> str:
        """HMAC-SHA256 (hex) over the canonical JSON of ``payload``."""
        return hmac.new(self._sign_key, canonical_json(payload), hashlib.sha256).hexdigest()

    def check(self, payload: dict[str, Any], signature: str) -> bool:
        """Whether ``signature`` is this key's signature of ``payload`` (constant time)."""
        return hmac.compare_digest(self.sign(payload), signature)


def load_audit_key(settings: Settings) -> AuditKey:
    """The configured key, or the one in ``data_dir`` (generated on first use)."""
    if settings.audit_hmac_key is not None:
        return AuditKey(settings.audit_hmac_key.get_secret_value().encode("utf-8"))
    return AuditKey(_key_file(Path(settings.data_dir) / KEY_FILE_NAME))


def _key_file(path: Path) -> bytes:
    """Read ``path``, creating it atomically with a random key if it does not exist."""
    if not path.exists():
        _create_key_file(path)
    try:
        return path.read_bytes().strip()
    except OSError as exc:
        raise ConfigurationError(f"cannot read the audit key file {path}") from exc


def _create_key_file(path: Path) -> None:
    # Write a private temp file, then link it into place: another process racing us either
    # wins (we read its key) or loses; nobody ever reads a half-written key.
    temp = path.with_name(f".{path.name}.{secrets.token_hex(6)}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="ascii") as handle:
            handle.write(secrets.token_hex(32) + "\n")
        os.link(temp, path)
    except FileExistsError:
        pass
    except OSError as exc:
        raise ConfigurationError(f"cannot create the audit key file {path}") from exc
    finally:
        temp.unlink(missing_ok=True)
