"""The figures tests drive the blocks under the workbench runtime too: the same fixtures."""

from tests.xblocks.conftest import *  # noqa: F403
