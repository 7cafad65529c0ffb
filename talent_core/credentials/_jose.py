"""VC-JWT: an Open Badges 3.0 credential secured as a JWS in compact form (EdDSA or ES256).

As Open Badges 3.0 (§8.2, after the W3C VC JOSE/COSE securing) lays it out, the JWT payload is
the credential itself with the registered claims beside its members: ``iss`` the issuer's id,
``jti`` the credential's id, ``sub`` the subject's id, ``nbf`` its validFrom (and ``exp`` its
validUntil). The header names the algorithm, the key (``kid``, with the public ``jwk`` so a
verifier can check which key signed) and ``typ`` JWT. The JWS is built here over the
``cryptography`` package (Ed25519; P-256 with the raw r||s signature ES256 requires), so no
JOSE library is needed; verifying takes the issuer's public key and trusts nothing the token
says about keys.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import json
import re
from collections.abc import Mapping
from typing import Any, Literal

from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519
from cryptography.hazmat.primitives.asymmetric.utils import (
    decode_dss_signature,
    encode_dss_signature,
)

from .._errors import TalentError

__all__ = [
    "ALGORITHMS",
    "MAX_KEY_BYTES",
    "MAX_TOKEN_BYTES",
    "CredentialError",
    "generate_key_pair",
    "public_key_pem",
    "sign_vc_jwt",
    "verify_vc_jwt",
]

Algorithm = Literal["EdDSA", "ES256"]
#: The JOSE algorithms credentials are signed and verified with.
ALGORITHMS: tuple[Algorithm, ...] = ("EdDSA", "ES256")
#: A credential with its evidence list is a few kB; a token far beyond this is not ours.
MAX_TOKEN_BYTES = 1_000_000
#: A PEM key is under 1 kB.
MAX_KEY_BYTES = 64_000
#: Clock difference allowed between issuer and verifier for ``nbf`` and ``exp``.
LEEWAY = dt.timedelta(minutes=5)
#: ``typ`` values a verifier accepts (OB 3.0 says JWT; the VC JOSE spec says vc+jwt).
TYPES = ("JWT", "vc+jwt", "vc-ld+jwt")
#: Registered claims the token adds to the credential's members.
CLAIMS = ("iss", "sub", "nbf", "exp", "jti", "iat", "aud")

PrivateKey = ed25519.Ed25519PrivateKey | ec.EllipticCurvePrivateKey
PublicKey = ed25519.Ed25519PublicKey | ec.EllipticCurvePublicKey


class CredentialError(TalentError, ValueError):
    """A token or key that does not hold: the message is the reason, in one sentence."""


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(part: str, what: str) -> bytes:
    if not re.fullmatch(r"[A-Za-z0-9_-]*", part) or len(part) % 4 == 1:
        raise CredentialError(f"the {what} is not base64url (a JWS has no padding or spaces)")
    try:
        return base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))
    except (binascii.Error, ValueError):
        raise CredentialError(f"the {what} is not base64url") from None


def _json(data: Mapping[str, Any]) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for key, value in pairs:
        if key in found:
            raise CredentialError(f"the member {key!r} is given twice")
        found[key] = value
    return found


def _object(raw: bytes, what: str) -> dict[str, Any]:
    try:
        value = json.loads(raw.decode("utf-8"), object_pairs_hook=_no_duplicates)
    except UnicodeDecodeError:
        raise CredentialError(f"the {what} is not UTF-8") from None
    except CredentialError as error:
        raise CredentialError(f"the {what} is refused: {error}") from None
    except (ValueError, RecursionError):
        raise CredentialError(f"the {what} is not JSON") from None
    if not isinstance(value, dict):
        raise CredentialError(f"the {what} is not a JSON object")
    return value


# -- keys -----------------------------------------------------------------------------------


def _pem_bytes(pem: bytes | str) -> bytes:
    data = pem.encode("utf-8") if isinstance(pem, str) else pem
    if len(data) > MAX_KEY_BYTES:
        raise CredentialError(f"the key is larger than {MAX_KEY_BYTES:,} bytes: not a PEM key")
    return data


def _supported(key: object) -> Algorithm:
    if isinstance(key, ed25519.Ed25519PrivateKey | ed25519.Ed25519PublicKey):
        return "EdDSA"
    if isinstance(key, ec.EllipticCurvePrivateKey | ec.EllipticCurvePublicKey):
        if isinstance(key.curve, ec.SECP256R1):
            return "ES256"
        raise CredentialError(f"the key is on curve {key.curve.name}; ES256 needs P-256")
    raise CredentialError("the key is neither Ed25519 (EdDSA) nor P-256 (ES256)")


def _private_key(pem: bytes | str) -> tuple[PrivateKey, Algorithm]:
    data = _pem_bytes(pem)
    if b"PRIVATE KEY" not in data:
        raise CredentialError("the signing key is no PEM private key (-----BEGIN PRIVATE KEY)")
    try:
        key = serialization.load_pem_private_key(data, password=None)
    except TypeError:
        raise CredentialError(
            "the private key is encrypted; give it unencrypted, readable only by the issuer"
        ) from None
    except (ValueError, UnsupportedAlgorithm):
        raise CredentialError("the signing key is no readable PEM private key") from None
    algorithm = _supported(key)
    assert isinstance(key, ed25519.Ed25519PrivateKey | ec.EllipticCurvePrivateKey)
    return key, algorithm


def _public_key(pem: bytes | str) -> tuple[PublicKey, Algorithm]:
    """A public key from a PEM public key, or from the private key beside it."""
    data = _pem_bytes(pem)
    if b"PRIVATE KEY" in data:
        private, algorithm = _private_key(data)
        return private.public_key(), algorithm
    try:
        key = serialization.load_pem_public_key(data)
    except (ValueError, UnsupportedAlgorithm):
        raise CredentialError("the key is no readable PEM public key") from None
    algorithm = _supported(key)
    assert isinstance(key, ed25519.Ed25519PublicKey | ec.EllipticCurvePublicKey)
    return key, algorithm


def _jwk(key: PublicKey) -> dict[str, str]:
    """The public JWK (RFC 7517) with members in RFC 7638 thumbprint order."""
    if isinstance(key, ed25519.Ed25519PublicKey):
        raw = key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
        return {"crv": "Ed25519", "kty": "OKP", "x": _b64(raw)}
    numbers = key.public_numbers()
    return {
        "crv": "P-256",
        "kty": "EC",
        "x": _b64(numbers.x.to_bytes(32, "big")),
        "y": _b64(numbers.y.to_bytes(32, "big")),
    }


def _thumbprint(jwk: Mapping[str, str]) -> str:
    return _b64(hashlib.sha256(_json(dict(sorted(jwk.items())))).digest())


def generate_key_pair(algorithm: str = "EdDSA") -> tuple[bytes, bytes]:
    """A new signing key: (private PKCS#8 PEM, public SubjectPublicKeyInfo PEM)."""
    private: PrivateKey
    if algorithm == "EdDSA":
        private = ed25519.Ed25519PrivateKey.generate()
    elif algorithm == "ES256":
        private = ec.generate_private_key(ec.SECP256R1())
    else:
        raise CredentialError(f"unknown algorithm {algorithm!r}; use one of {list(ALGORITHMS)}")
    private_pem = private.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    return private_pem, public_key_pem(private_pem)


def public_key_pem(private_key_pem: bytes | str) -> bytes:
    """The public key (PEM) that verifies what ``private_key_pem`` signs."""
    key, _ = _private_key(private_key_pem)
    return key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )


# -- signing and verifying ------------------------------------------------------------------


def _timestamp(value: object, what: str) -> int:
    if not isinstance(value, str):
        raise CredentialError(f"the credential's {what} is missing")
    try:
        moment = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise CredentialError(f"the credential's {what} {value!r} is no date-time") from None
    if moment.tzinfo is None:
        raise CredentialError(f"the credential's {what} {value!r} has no timezone")
    return int(moment.timestamp())


def _issuer_id(credential: Mapping[str, Any]) -> str:
    issuer = credential.get("issuer")
    value = issuer.get("id") if isinstance(issuer, Mapping) else issuer
    if not isinstance(value, str) or not value:
        raise CredentialError("the credential has no issuer id")
    return value


def _subject_id(credential: Mapping[str, Any]) -> str | None:
    subject = credential.get("credentialSubject")
    if not isinstance(subject, Mapping):
        raise CredentialError("the credential has no credentialSubject object")
    value = subject.get("id")
    return value if isinstance(value, str) else None


def _claims(credential: Mapping[str, Any]) -> dict[str, Any]:
    """The registered claims that mirror the credential's members."""
    if not isinstance(credential.get("id"), str):
        raise CredentialError("the credential has no id")
    claims: dict[str, Any] = {
        "iss": _issuer_id(credential),
        "nbf": _timestamp(credential.get("validFrom"), "validFrom"),
        "jti": credential["id"],
    }
    subject = _subject_id(credential)
    if subject is not None:
        claims["sub"] = subject
    if "validUntil" in credential:
        claims["exp"] = _timestamp(credential["validUntil"], "validUntil")
    return claims


def sign_vc_jwt(
    credential: Mapping[str, Any], private_key_pem: bytes | str, *, kid: str | None = None
) -> str:
    """The credential as a VC-JWT (compact JWS) signed with the issuer's key.

    ``kid`` names the key for verifiers (issuer.json's ``key_id``); by default it is the
    issuer's id with the key's RFC 7638 thumbprint as fragment.
    """
    key, algorithm = _private_key(private_key_pem)
    clash = [name for name in CLAIMS if name in credential]
    if clash:
        raise CredentialError(f"the credential already has the JWT claim {clash[0]!r}")
    jwk = _jwk(key.public_key())
    header = {
        "alg": algorithm,
        "typ": "JWT",
        "kid": kid or f"{_issuer_id(credential)}#{_thumbprint(jwk)}",
        "jwk": jwk,
    }
    payload = {**credential, **_claims(credential)}
    signing_input = f"{_b64(_json(header))}.{_b64(_json(payload))}".encode("ascii")
    if isinstance(key, ed25519.Ed25519PrivateKey):
        signature = key.sign(signing_input)
    else:
        r, s = decode_dss_signature(key.sign(signing_input, ec.ECDSA(hashes.SHA256())))
        signature = r.to_bytes(32, "big") + s.to_bytes(32, "big")
    return f"{signing_input.decode('ascii')}.{_b64(signature)}"


def _check_signature(key: PublicKey, signing_input: bytes, signature: bytes) -> None:
    try:
        if isinstance(key, ed25519.Ed25519PublicKey):
            key.verify(signature, signing_input)
            return
        if len(signature) != 64:
            raise CredentialError("the ES256 signature is not 64 bytes (r||s)")
        r, s = int.from_bytes(signature[:32], "big"), int.from_bytes(signature[32:], "big")
        key.verify(encode_dss_signature(r, s), signing_input, ec.ECDSA(hashes.SHA256()))
    except InvalidSignature:
        raise CredentialError(
            "the signature does not match: the credential was changed or another key signed it"
        ) from None


def _check_header(header: Mapping[str, Any], algorithm: Algorithm) -> None:
    alg = header.get("alg")
    if not isinstance(alg, str) or not alg:
        raise CredentialError("the header names no algorithm (alg)")
    if alg.lower() == "none":
        raise CredentialError("alg 'none' is refused: an unsigned token proves nothing")
    if alg not in ALGORITHMS:
        raise CredentialError(f"alg {alg!r} is not accepted; credentials use EdDSA or ES256")
    if alg != algorithm:
        raise CredentialError(f"the header says alg {alg} but the key is for {algorithm}")
    if "crit" in header:
        raise CredentialError("the header has critical extensions (crit) this verifier lacks")
    if "typ" in header and header["typ"] not in TYPES:
        raise CredentialError(f"the header's typ {header['typ']!r} is not a JWT credential")


def _check_claims(payload: Mapping[str, Any], now: dt.datetime) -> None:
    types = payload.get("type")
    listed = types if isinstance(types, list) else [types]
    if not {"OpenBadgeCredential", "AchievementCredential"} & set(map(str, listed)):
        raise CredentialError("the token holds no Open Badges credential (type)")
    expected = _claims({k: v for k, v in payload.items() if k not in CLAIMS})
    for name in ("iss", "jti", "sub", "nbf", "exp"):
        if payload.get(name) != expected.get(name):
            raise CredentialError(
                f"the claim {name} does not match the credential it carries "
                f"({payload.get(name)!r}, the credential says {expected.get(name)!r})"
            )
    moment = now.timestamp()
    if expected["nbf"] > moment + LEEWAY.total_seconds():
        raise CredentialError("the credential is not valid yet (validFrom is in the future)")
    if "exp" in expected and expected["exp"] < moment - LEEWAY.total_seconds():
        raise CredentialError("the credential has expired (validUntil has passed)")


def verify_vc_jwt(
    token: bytes | str, public_key_pem: bytes | str, *, now: dt.datetime | None = None
) -> dict[str, Any]:
    """The credential a VC-JWT carries once its signature verifies with the issuer's public
    key (a private key PEM gives its public half) and its claims agree with the credential.

    CredentialError with the reason otherwise: not a compact JWS, alg ``none`` or another
    algorithm than the key's, a changed header, payload or signature, another key, a
    credential not valid yet or expired.
    """
    key, algorithm = _public_key(public_key_pem)
    if isinstance(token, bytes):
        if len(token) > MAX_TOKEN_BYTES:
            raise CredentialError(f"the token is larger than {MAX_TOKEN_BYTES:,} bytes")
        try:
            token = token.decode("ascii")
        except UnicodeDecodeError:
            raise CredentialError("the token is not a compact JWS (ASCII text)") from None
    token = token.strip()
    if len(token) > MAX_TOKEN_BYTES:
        raise CredentialError(f"the token is larger than {MAX_TOKEN_BYTES:,} bytes")
    if token.startswith("{"):
        raise CredentialError("this is JSON, not a VC-JWT (header.payload.signature)")
    parts = token.split(".")
    if len(parts) != 3:
        raise CredentialError(
            f"the token is not a compact JWS (header.payload.signature): {len(parts)} parts"
        )
    header = _object(_unb64(parts[0], "header"), "header")
    _check_header(header, algorithm)
    signature = _unb64(parts[2], "signature")
    _check_signature(key, f"{parts[0]}.{parts[1]}".encode("ascii"), signature)
    payload = _object(_unb64(parts[1], "payload"), "payload")
    _check_claims(payload, now or dt.datetime.now(dt.UTC))
    return {name: value for name, value in payload.items() if name not in CLAIMS}
