"""Hypothesis runs a fixed, deterministic profile so the policies suite stays fast."""

from hypothesis import HealthCheck, settings

settings.register_profile(
    "policies", deadline=None, derandomize=True, max_examples=400, database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile("policies")
