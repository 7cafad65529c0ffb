"""Settings for running the talent blocks in the xblock-sdk workbench (the embedded LMS).

``DJANGO_SETTINGS_MODULE=xblocks.workbench.settings django-admin runserver`` (``make demo``).

* ``?student=staff_hr`` (any id starting with ``staff_``) is course staff, others learners.
* Languages: English, Swedish, Dutch. Pick one with ``?lang=sv`` (remembered in a cookie for
  later pages and the handler calls), else the browser's Accept-Language, else English.
* Files: ``$TALENT_WORKBENCH_VAR`` (default ``var/`` in the working directory) holds the
  SQLite database and the log; ``WORKBENCH_DATABASES`` (JSON) still overrides the database.
* Evidence files of the prior learning portfolio go to Django's default storage, here
  ``MEDIA_ROOT`` = ``var/media``. Credentials are signed with a demo Ed25519 key made on first
  start in ``var/credential-key.pem`` (``TALENT_CREDENTIAL_KEY_FILE``), issued by a demo issuer
  (``TALENT_CREDENTIAL_ISSUER``); an LMS sets both to the organisation's own.
* The index lists only this project's scenarios; the SDK's sample blocks stay installed.
* Many requests at once (a learner's tabs, several learners): field data keeps one row per
  block and user (``xblocks.workbench.store``), SQLite transactions take the write lock when
  they begin and wait for it, and the blocks' locks (``xblocks.concurrency``) live in a
  database cache that every server process shares (create it with
  ``django-admin createcachetable`` after ``migrate``).
"""

import os

from workbench.settings import *  # noqa: F403
from workbench.settings import DATABASES, LOGGING, MIDDLEWARE, WORKBENCH

VAR_DIR = os.path.abspath(os.environ.get("TALENT_WORKBENCH_VAR", "var"))
os.makedirs(VAR_DIR, exist_ok=True)
if "WORKBENCH_DATABASES" not in os.environ:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": os.path.join(VAR_DIR, "workbench.db"),
        }
    }
for _database in DATABASES.values():
    if _database.get("ENGINE") == "django.db.backends.sqlite3":
        # One writer at a time, queued at BEGIN, instead of "database is locked" mid-write.
        # WAL: readers never wait for the writer, and a commit needs no flush to disk each time.
        _database["OPTIONS"] = {
            "transaction_mode": "IMMEDIATE",
            "timeout": 30,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            **_database.get("OPTIONS", {}),
        }
LOGGING["handlers"]["logfile"]["filename"] = os.path.join(VAR_DIR, "workbench.log")

MEDIA_ROOT = os.path.join(VAR_DIR, "media")
os.makedirs(MEDIA_ROOT, exist_ok=True)

TALENT_CREDENTIAL_KEY_FILE = os.path.join(VAR_DIR, "credential-key.pem")
TALENT_CREDENTIAL_ISSUER = {
    "id": "https://talent-demo.example.org/issuer",
    "name": "Talent development demo issuer",
    "url": "https://talent-demo.example.org",
    "email": "recognition@talent-demo.example.org",
    "description": "Demo issuer of the workbench: its credentials verify, but prove nothing.",
}


def _demo_signing_key(path: str) -> None:
    """A demo Ed25519 key (PKCS#8 PEM, readable only by its owner) when none is there yet."""
    if os.path.exists(path):
        return
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ed25519

    pem = ed25519.Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    # Written aside, then linked into place: a process starting at the same moment never
    # reads a half-written key, and the first one's key stays.
    temporary = f"{path}.{os.getpid()}.tmp"
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(pem)
    try:
        os.link(temporary, path)
    except FileExistsError:
        pass
    finally:
        os.unlink(temporary)


_demo_signing_key(TALENT_CREDENTIAL_KEY_FILE)

LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("sv", "Svenska"), ("nl", "Nederlands")]
MIDDLEWARE = [
    *MIDDLEWARE[: MIDDLEWARE.index("django.contrib.sessions.middleware.SessionMiddleware") + 1],
    "xblocks.workbench.services.QueryLanguageMiddleware",
    *MIDDLEWARE[MIDDLEWARE.index("django.contrib.sessions.middleware.SessionMiddleware") + 1 :],
]

WORKBENCH = {
    **WORKBENCH,
    "services": {
        **WORKBENCH["services"],
        "user": "xblocks.workbench.services.StaffAwareUserService",
        "field-data": "xblocks.workbench.store.WorkbenchFieldData",
    },
}

# The blocks' per-learner locks must be seen by every process and thread of the server.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "talent-locks": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "talent_locks",
    },
}
TALENT_LOCK_CACHE = "talent-locks"

EXCLUDED_XBLOCKS = {
    "allscopes_demo",
    "attempts_scoreboard_demo",
    "equality_demo",
    "filethumbs",
    "helloworld_demo",
    "html_demo",
    "problem_demo",
    "sidebar_demo",
    "slider_demo",
    "textinput_demo",
    "thumbs",
    "view_counter_demo",
}
