"""Settings for running the talent blocks in the xblock-sdk workbench (the embedded LMS).

``DJANGO_SETTINGS_MODULE=xblocks.workbench.settings django-admin runserver`` (``make demo``).

* ``?student=staff_hr`` (any id starting with ``staff_``) is course staff, others learners.
* Languages: English, Swedish, Dutch. Pick one with ``?lang=sv`` (remembered in a cookie for
  later pages and the handler calls), else the browser's Accept-Language, else English.
* Files: ``$TALENT_WORKBENCH_VAR`` (default ``var/`` in the working directory) holds the
  SQLite database and the log; ``WORKBENCH_DATABASES`` (JSON) still overrides the database.
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
