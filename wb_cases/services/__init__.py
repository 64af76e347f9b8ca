"""Services both apps call. They take a session, flush, and never commit."""
