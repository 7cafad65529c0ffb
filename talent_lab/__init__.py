"""talent_lab: the widgets and view models behind the HR notebooks.

Each notebook pairs a pure session (state, tables, import and export; usable from code) with a
thin ipywidgets view that renders it into HTML widgets.
"""

from ._charter_session import CharterSession
from ._dashboard_session import DashboardSession
from ._dashboard_view import DashboardView
from ._errors import FileProblemsError
from ._export import ExportedFile
from ._groups_session import GroupingSession
from ._groups_view import GroupingView
from ._mentoring_session import MentoringSession
from ._mentoring_view import MentoringView
from ._messages import LANGUAGE_NAMES, UI_LANGUAGES
from ._pipeline_session import PipelineSession
from ._pipeline_view import PipelineView
from ._roles_session import RoleSession
from ._roles_view import RoleEditorView
from ._rpl_session import RplReviewSession
from ._rpl_view import RplReviewView
from ._session import DEFAULT_OUT_DIR, MAX_UPLOAD_BYTES, FrameworkSession
from ._tables import COMPETENCY_COLUMNS, competency_table, required_levels
from ._view import FrameworkExplorerView

__all__ = [
    "COMPETENCY_COLUMNS",
    "DEFAULT_OUT_DIR",
    "LANGUAGE_NAMES",
    "MAX_UPLOAD_BYTES",
    "UI_LANGUAGES",
    "CharterSession",
    "DashboardSession",
    "DashboardView",
    "ExportedFile",
    "FileProblemsError",
    "FrameworkExplorerView",
    "FrameworkSession",
    "GroupingSession",
    "GroupingView",
    "MentoringSession",
    "MentoringView",
    "PipelineSession",
    "PipelineView",
    "RoleEditorView",
    "RoleSession",
    "RplReviewSession",
    "RplReviewView",
    "competency_table",
    "required_levels",
]
