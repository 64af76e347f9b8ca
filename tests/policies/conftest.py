"""Hypothesis profile for the policies tests: fixed, deterministic and fast.

The profile is registered here and applied by the policies tests' own ``@settings``
(``settings(POLICIES_PROFILE, ...)``), never loaded globally: hypothesis settings are
process-wide, and loading it here would override tests/crypto's profile in a full run.
"""

from hypothesis import HealthCheck, settings

settings.register_profile(
    "wb-policies",
    deadline=None,
    derandomize=True,
    database=None,
    max_examples=200,
    suppress_health_check=[HealthCheck.too_slow],
)
