"""Remove hidden information from files reporters send, one parser per format.

These modules parse hostile bytes, so they run only inside the bubblewrap
sandbox (`wb_cases.sandbox`), started by `wb_cases.services.sanitize` through
`python -m wb_cases.cleaners.worker`. They import nothing of Flask, SQLAlchemy
or the rest of wb_cases, work in memory, and say per file what was found and
removed, what was found and kept, and what could not be checked
(`Findings`). What each format loses and keeps is listed in docs/security.md,
"Files".
"""
