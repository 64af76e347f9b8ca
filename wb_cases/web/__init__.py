"""Flask-only helpers shared by the two apps (never imported by services)."""
