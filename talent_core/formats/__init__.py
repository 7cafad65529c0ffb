"""Import and export of competency frameworks: native JSON, Moodle CSV, CASE, Open edX tags.

Readers return a complete, validated framework or raise FormatError naming the file, the place
in it (CSV row and column, or a JSON path) and the problem; nothing is half-imported.
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
from ._roles import read_roles, write_roles

__all__ = [
    "FORMATS",
    "IMPORT_FORMATS",
    "SCHEMA_ID",
    "case_item_uri",
    "detect_format",
    "export_losses",
    "framework_json_schema",
    "read_framework",
    "read_roles",
    "validate_framework_file",
    "write_framework",
    "write_roles",
]
