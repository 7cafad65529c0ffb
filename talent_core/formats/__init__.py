"""Import and export of competency frameworks: native JSON, Moodle CSV, CASE, Open edX tags.

Role files (native JSON or the role CSV) are read and checked by :func:`read_roles` and
:func:`validate_roles_file`. Readers return a complete, validated framework or raise
FormatError naming the file, the place in it (CSV row and column, or a JSON path) and the
problem; nothing is half-imported.
``export_losses`` says in plain words what a format leaves behind.
"""

from ._case import case_item_uri
from ._io import (
    FORMATS,
    IMPORT_FORMATS,
    detect_format,
    read_framework,
    validate_framework_file,
    write_framework,
)
from ._losses import export_losses
from ._native import SCHEMA_ID, framework_json_schema
from ._roles import (
    MAX_ROLE_FILE_BYTES,
    ROLE_CSV_COLUMNS,
    ROLE_FORMATS,
    detect_role_format,
    read_roles,
    validate_roles_file,
    write_roles,
)

__all__ = [
    "FORMATS",
    "IMPORT_FORMATS",
    "MAX_ROLE_FILE_BYTES",
    "ROLE_CSV_COLUMNS",
    "ROLE_FORMATS",
    "SCHEMA_ID",
    "case_item_uri",
    "detect_format",
    "detect_role_format",
    "export_losses",
    "framework_json_schema",
    "read_framework",
    "read_roles",
    "validate_framework_file",
    "validate_roles_file",
    "write_framework",
    "write_roles",
]
