"""The issuer of credentials (``issuer.json``): who signs, as every credential names it."""

from __future__ import annotations

import json
import re
from typing import Annotated, Any

from pydantic import AfterValidator, StringConstraints

from .._errors import FormatError
from .._text import LongText, StrictModel, control_character_fields
from .._validation import load

__all__ = ["MAX_ISSUER_BYTES", "Issuer", "read_issuer"]

#: An issuer.json is a few hundred bytes; anything near this is not one.
MAX_ISSUER_BYTES = 64_000

_EMAIL = re.compile(r"^[^@\s<>\"',;]+@[^@\s<>\"',;]+\.[^@\s<>\"',;]+$")


def _https_url(value: str) -> str:
    if not re.fullmatch(r"https://[^\s<>\"'\\]+", value) or len(value) > 2000:
        raise ValueError("must be an https:// URL without spaces or quotes")
    return value


def _issuer_id(value: str) -> str:
    if value.startswith("did:"):
        if not re.fullmatch(r"did:[a-z0-9]+:[A-Za-z0-9._:%-]+", value) or len(value) > 2000:
            raise ValueError("a DID looks like did:web:example.org")
        return value
    try:
        return _https_url(value)
    except ValueError:
        raise ValueError(
            "must be an https:// URL (the issuer's profile page) or a DID such as "
            "did:web:example.org"
        ) from None


def _email(value: str) -> str:
    if not _EMAIL.fullmatch(value) or len(value) > 254:
        raise ValueError("must be an e-mail address such as badges@example.org")
    return value


HttpsUrl = Annotated[str, AfterValidator(_https_url)]
Name = Annotated[str, StringConstraints(min_length=1, max_length=300, strip_whitespace=True)]


class Issuer(StrictModel):
    """The organisation that awards the credentials, as issuer.json gives it.

    ``id`` identifies the issuer in every credential (an https URL of its profile, or a DID);
    ``key_id`` is where verifiers find the public key (the JOSE ``kid``); without it the key is
    named by its thumbprint under ``id``.
    """

    id: Annotated[str, AfterValidator(_issuer_id)]
    name: Name
    url: HttpsUrl
    email: Annotated[str, AfterValidator(_email)]
    image: HttpsUrl | None = None
    description: LongText = ""
    key_id: HttpsUrl | None = None


def read_issuer(data: bytes | str | dict[str, Any], name: str = "issuer.json") -> Issuer:
    """The issuer from issuer.json (or the equivalent dict, as the LMS settings hold it).

    FormatError when it is no JSON object; ValidationError naming every bad field otherwise.
    """
    if isinstance(data, dict):
        parsed: Any = data
    else:
        raw = data.encode("utf-8") if isinstance(data, str) else data
        if len(raw) > MAX_ISSUER_BYTES:
            raise FormatError(name, "", f"larger than {MAX_ISSUER_BYTES:,} bytes: not an issuer")
        try:
            parsed = json.loads(raw.decode("utf-8-sig"))
        except UnicodeDecodeError:
            raise FormatError(name, "", "is not UTF-8 text") from None
        except (ValueError, RecursionError) as error:
            raise FormatError(name, "", f"is not JSON ({error})") from None
    if not isinstance(parsed, dict):
        raise FormatError(name, "", "must be a JSON object with id, name, url and email")
    bad = control_character_fields(parsed)
    if bad:
        raise FormatError(name, bad[0], "holds a control character")
    return load(Issuer, parsed, where=name)
