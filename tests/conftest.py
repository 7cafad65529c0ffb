"""Settings for the whole test suite.

Hypothesis: no per-example deadline. CI runs on two shared cores next to browsers and
kernels, so wall-clock deadlines fail at random without saying anything about the code;
speed is measured by the scripts under bench/ instead.
"""

from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from tests.shared_files import shared_file

settings.register_profile(
    "talent", deadline=None, suppress_health_check=[HealthCheck.too_slow], print_blob=True
)
settings.load_profile("talent")


@pytest.fixture
def oecd_csv_path() -> Path:
    """Moodle's export of the OECD competency framework (../shared/fixtures; skips if absent)."""
    return shared_file("fixtures", "moodle-oecd-competencies.csv")
