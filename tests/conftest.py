"""Settings for the whole test suite.

Hypothesis: no per-example deadline. CI runs on two shared cores next to browsers and
kernels, so wall-clock deadlines fail at random without saying anything about the code;
speed is measured by the scripts under bench/ instead.
"""

from hypothesis import HealthCheck, settings

settings.register_profile(
    "talent", deadline=None, suppress_health_check=[HealthCheck.too_slow], print_blob=True
)
settings.load_profile("talent")
