"""The operator password: scrypt hashes as `scrypt$n$r$p$salt$hash` (base64), made and checked with hashlib."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

PASSWORD_HASH_ENV = "NEWSWATCH_WEB_PASSWORD_HASH"
# RFC 7914's interactive-login parameters: about 50 ms and 16 MiB per check on a 2020s server core.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1


class PasswordHashError(ValueError):
    """The configured hash is not one this module wrote."""


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def hash_password(password: str, n: int = SCRYPT_N, r: int = SCRYPT_R, p: int = SCRYPT_P) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, n=n, r=r, p=p, maxmem=256 * 1024 * 1024, dklen=32)
    return f"scrypt${n}${r}${p}${_b64(salt)}${_b64(digest)}"


def parse_hash(encoded: str) -> tuple[int, int, int, bytes, bytes]:
    parts = encoded.strip().split("$")
    try:
        if len(parts) != 6 or parts[0] != "scrypt":
            raise ValueError("not scrypt$n$r$p$salt$hash")
        n, r, p = int(parts[1]), int(parts[2]), int(parts[3])
        salt, digest = base64.b64decode(parts[4], validate=True), base64.b64decode(parts[5], validate=True)
    except ValueError as exc:
        raise PasswordHashError(f"{PASSWORD_HASH_ENV} is not a password hash made by "
                                f"`newswatch web --hash-password` ({exc})") from None
    if n < 2 or n & (n - 1) or not digest or not salt:
        raise PasswordHashError(f"{PASSWORD_HASH_ENV} has invalid scrypt parameters")
    return n, r, p, salt, digest


def verify_password(password: str, encoded: str) -> bool:
    n, r, p, salt, digest = parse_hash(encoded)
    candidate = hashlib.scrypt(password.encode(), salt=salt, n=n, r=r, p=p, maxmem=256 * 1024 * 1024,
                               dklen=len(digest))
    return hmac.compare_digest(candidate, digest)
