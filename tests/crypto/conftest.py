"""Configure Hypothesis for the crypto tests: quick and deterministic."""

import os

from hypothesis import HealthCheck, settings

# derandomize makes every run explore the same examples, so a failure in CI
# reproduces locally; deadline=None because Argon2 and 200 KiB streams vary in time.
settings.register_profile(
    "wb-crypto",
    deadline=None,
    max_examples=40,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
# HYPOTHESIS_PROFILE=wb-crypto-thorough for a longer, randomised run before a release.
settings.register_profile(
    "wb-crypto-thorough",
    parent=settings.get_profile("wb-crypto"),
    max_examples=1000,
    derandomize=False,
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "wb-crypto"))
