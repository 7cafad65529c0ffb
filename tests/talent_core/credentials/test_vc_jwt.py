"""VC-JWT: every signature verifies; anything changed, another key or alg none is refused."""

from __future__ import annotations

import base64
import datetime as dt
import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import talent_core as tc
from talent_core import credentials as cr

from .conftest import recognise

KEYS = ("ed25519_key", "p256_key")


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def unb64(part: str) -> Any:
    return json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)))


@pytest.fixture(scope="module")
def credential(framework: tc.CompetencyFramework, issuer: cr.Issuer) -> dict[str, Any]:
    return cr.build_open_badge_credential(recognise(framework), issuer)


@pytest.mark.parametrize("key", KEYS)
def test_every_signature_verifies(
    key: str,
    request: pytest.FixtureRequest,
    recognitions: list[cr.RecognisedCompetency],
    issuer: cr.Issuer,
) -> None:
    private, public = request.getfixturevalue(key)
    for item in recognitions:
        credential = cr.build_open_badge_credential(item, issuer)
        assert cr.verify_vc_jwt(cr.sign_vc_jwt(credential, private), public) == credential


@pytest.mark.parametrize(("key", "alg"), [("ed25519_key", "EdDSA"), ("p256_key", "ES256")])
def test_header_and_claims_as_open_badges_3_lays_them_out(
    key: str, alg: str, request: pytest.FixtureRequest, credential: dict[str, Any]
) -> None:
    private, _ = request.getfixturevalue(key)
    header_part, payload_part, signature = cr.sign_vc_jwt(credential, private).split(".")
    header, payload = unb64(header_part), unb64(payload_part)
    assert header["alg"] == alg and header["typ"] == "JWT"
    assert header["kid"].startswith("https://talent.example.org/issuer#")
    assert header["jwk"]["kty"] == ("OKP" if alg == "EdDSA" else "EC")
    assert "d" not in header["jwk"]  # never the private part
    assert payload["iss"] == credential["issuer"]["id"]
    assert payload["jti"] == credential["id"]
    assert payload["sub"] == credential["credentialSubject"]["id"]
    assert payload["nbf"] == int(dt.datetime(2026, 5, 1, 9, 30, tzinfo=dt.UTC).timestamp())
    assert {k: v for k, v in payload.items() if k not in ("iss", "jti", "sub", "nbf")} == credential
    assert len(base64.urlsafe_b64decode(signature + "==")) == 64  # raw r||s for ES256 too


def test_the_kid_is_the_issuers_key_id_when_it_gives_one(
    credential: dict[str, Any], ed25519_key: tuple[bytes, bytes]
) -> None:
    token = cr.sign_vc_jwt(credential, ed25519_key[0], kid="https://talent.example.org/keys/1")
    assert unb64(token.split(".")[0])["kid"] == "https://talent.example.org/keys/1"


def test_the_private_key_pem_verifies_too(
    credential: dict[str, Any], ed25519_key: tuple[bytes, bytes]
) -> None:
    private, public = ed25519_key
    assert cr.public_key_pem(private) == public
    assert cr.verify_vc_jwt(cr.sign_vc_jwt(credential, private), private) == credential


def _refused(token: str, key: bytes | str, reason: str) -> None:
    with pytest.raises(cr.CredentialError, match=reason):
        cr.verify_vc_jwt(token, key)


@pytest.mark.parametrize("key", KEYS)
def test_a_changed_payload_is_refused(
    key: str, request: pytest.FixtureRequest, credential: dict[str, Any]
) -> None:
    private, public = request.getfixturevalue(key)
    header, payload, signature = cr.sign_vc_jwt(credential, private).split(".")
    claims = unb64(payload)
    claims["credentialSubject"]["achievement"]["name"] = "Giving feedback: Expert"
    changed = f"{header}.{b64(json.dumps(claims).encode())}.{signature}"
    _refused(changed, public, "signature does not match")


@pytest.mark.parametrize("key", KEYS)
def test_a_changed_header_is_refused(
    key: str, request: pytest.FixtureRequest, credential: dict[str, Any]
) -> None:
    private, public = request.getfixturevalue(key)
    header, payload, signature = cr.sign_vc_jwt(credential, private).split(".")
    fields = unb64(header)
    fields["kid"] = "https://attacker.example/key"
    _refused(f"{b64(json.dumps(fields).encode())}.{payload}.{signature}", public, "signature")


@pytest.mark.parametrize("key", KEYS)
def test_a_changed_signature_is_refused(
    key: str, request: pytest.FixtureRequest, credential: dict[str, Any]
) -> None:
    private, public = request.getfixturevalue(key)
    header, payload, signature = cr.sign_vc_jwt(credential, private).split(".")
    raw = bytearray(base64.urlsafe_b64decode(signature + "=="))
    raw[5] ^= 1
    _refused(f"{header}.{payload}.{b64(bytes(raw))}", public, "signature does not match")
    _refused(f"{header}.{payload}.", public, "signature")
    _refused(f"{header}.{payload}.{signature}x", public, r"base64url|signature")


def test_another_key_of_the_same_kind_is_refused(credential: dict[str, Any]) -> None:
    private, _ = cr.generate_key_pair("EdDSA")
    _, other = cr.generate_key_pair("EdDSA")
    _refused(cr.sign_vc_jwt(credential, private), other, "another key signed it")
    private, _ = cr.generate_key_pair("ES256")
    _, other = cr.generate_key_pair("ES256")
    _refused(cr.sign_vc_jwt(credential, private), other, "another key signed it")


def test_a_key_of_the_other_algorithm_is_refused(
    credential: dict[str, Any], ed25519_key: tuple[bytes, bytes], p256_key: tuple[bytes, bytes]
) -> None:
    token = cr.sign_vc_jwt(credential, ed25519_key[0])
    _refused(token, p256_key[1], "header says alg EdDSA but the key is for ES256")


@pytest.mark.parametrize("alg", ["none", "None", "NONE"])
def test_alg_none_is_refused(
    alg: str, credential: dict[str, Any], ed25519_key: tuple[bytes, bytes]
) -> None:
    header = b64(json.dumps({"alg": alg, "typ": "JWT"}).encode())
    payload = cr.sign_vc_jwt(credential, ed25519_key[0]).split(".")[1]
    for token in (f"{header}.{payload}.", f"{header}.{payload}"):
        with pytest.raises(cr.CredentialError) as caught:
            cr.verify_vc_jwt(token, ed25519_key[1])
        assert "none" in str(caught.value) or "compact JWS" in str(caught.value)


@pytest.mark.parametrize("alg", ["HS256", "RS256", "ES384", ""])
def test_other_algorithms_are_refused(
    alg: str, credential: dict[str, Any], ed25519_key: tuple[bytes, bytes]
) -> None:
    token = cr.sign_vc_jwt(credential, ed25519_key[0])
    _header, payload, signature = token.split(".")
    forged = b64(json.dumps({"alg": alg}).encode())
    _refused(f"{forged}.{payload}.{signature}", ed25519_key[1], r"alg|algorithm")


def test_a_token_whose_claims_disagree_with_its_credential_is_refused(
    credential: dict[str, Any], ed25519_key: tuple[bytes, bytes]
) -> None:
    import talent_core.credentials._jose as jose

    private, public = ed25519_key
    key, _ = jose._private_key(private)
    for claim, value in (("iss", "https://other.example"), ("jti", "urn:uuid:x"), ("nbf", 0)):
        claims = {**credential, **jose._claims(credential), claim: value}
        header = b64(json.dumps({"alg": "EdDSA", "typ": "JWT"}).encode())
        body = b64(json.dumps(claims).encode())
        assert isinstance(key, jose.ed25519.Ed25519PrivateKey)
        signature = b64(key.sign(f"{header}.{body}".encode()))
        _refused(f"{header}.{body}.{signature}", public, f"claim {claim} does not match")


def test_not_yet_valid_and_expired_credentials_are_refused(
    credential: dict[str, Any], ed25519_key: tuple[bytes, bytes]
) -> None:
    private, public = ed25519_key
    token = cr.sign_vc_jwt(credential, private)
    with pytest.raises(cr.CredentialError, match="not valid yet"):
        cr.verify_vc_jwt(token, public, now=dt.datetime(2026, 4, 1, tzinfo=dt.UTC))
    ending = {**credential, "validUntil": "2027-05-01T00:00:00Z"}
    token = cr.sign_vc_jwt(ending, private)
    assert cr.verify_vc_jwt(token, public, now=dt.datetime(2027, 1, 1, tzinfo=dt.UTC)) == ending
    with pytest.raises(cr.CredentialError, match="expired"):
        cr.verify_vc_jwt(token, public, now=dt.datetime(2027, 6, 1, tzinfo=dt.UTC))


@pytest.mark.parametrize(
    ("key", "reason"),
    [
        (b"", "no readable PEM public key"),
        (b"-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n", "no readable PEM"),
        (b"x" * 70_000, "larger than"),
    ],
)
def test_a_bad_key_is_refused_with_a_reason(
    key: bytes, reason: str, credential: dict[str, Any], ed25519_key: tuple[bytes, bytes]
) -> None:
    token = cr.sign_vc_jwt(credential, ed25519_key[0])
    _refused(token, key, reason)


def test_an_rsa_or_p384_key_is_refused() -> None:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ec, rsa

    for private in (rsa.generate_private_key(65537, 2048), ec.generate_private_key(ec.SECP384R1())):
        pem = private.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        with pytest.raises(cr.CredentialError, match=r"Ed25519|P-256"):
            cr.sign_vc_jwt({}, pem)


def test_an_encrypted_private_key_is_refused_with_the_reason() -> None:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ed25519

    pem = ed25519.Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(b"secret"),
    )
    with pytest.raises(cr.CredentialError, match="encrypted"):
        cr.sign_vc_jwt({}, pem)


def test_duplicate_members_in_the_header_are_refused(
    credential: dict[str, Any], ed25519_key: tuple[bytes, bytes]
) -> None:
    token = cr.sign_vc_jwt(credential, ed25519_key[0])
    _, payload, signature = token.split(".")
    header = b64(b'{"alg":"EdDSA","alg":"none"}')
    _refused(f"{header}.{payload}.{signature}", ed25519_key[1], "given twice")


@settings(max_examples=200, deadline=None)
@given(token=st.text(max_size=400) | st.binary(max_size=400))
def test_any_token_is_refused_with_a_reason_or_verifies(token: str | bytes) -> None:
    _, public = KEYPAIR
    with pytest.raises(cr.CredentialError):
        cr.verify_vc_jwt(token, public)


KEYPAIR = cr.generate_key_pair()
