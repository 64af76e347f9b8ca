"""What a cleaner reports, the reasons a file is kept as sent, and the bomb guards."""

from __future__ import annotations

from dataclasses import dataclass, field

MIB = 1024 * 1024

# Bomb guards. A 200-megapixel phone photo is ordinary; a billion pixels is not.
MAX_PIXELS = 400_000_000
MAX_MEMBERS = 10_000  # members of one archive or office file
MAX_INFLATED = 512 * MIB  # bytes all members of one archive may unpack to, together
MAX_RATIO = 200  # a member may unpack to at most this many times its packed size
MAX_DEPTH = 3  # archives inside archives inside archives


class NotCleanedError(Exception):
    """The file is kept exactly as sent; `reason` is the `kept:<reason>` code's tail."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass
class Findings:
    """What one cleaning found: removed, still there, not checked, and plain remarks."""

    removed: set[str] = field(default_factory=set)
    remains: set[str] = field(default_factory=set)
    unchecked: set[str] = field(default_factory=set)
    notes: set[str] = field(default_factory=set)

    def merge(self, other: Findings) -> None:
        self.removed |= other.removed
        self.remains |= other.remains
        self.unchecked |= other.unchecked
        self.notes |= other.notes

    def codes(self) -> list[str]:
        """The outcome first, then every finding as a `sanitize_labels` code."""
        if self.remains:
            outcome = "partly_cleaned"
        elif self.removed:
            outcome = "cleaned"
        else:
            outcome = "none_found"
        return [
            outcome,
            *(f"removed:{c}" for c in sorted(self.removed)),
            *(f"remains:{c}" for c in sorted(self.remains)),
            *(f"unchecked:{c}" for c in sorted(self.unchecked)),
            *(f"note:{c}" for c in sorted(self.notes)),
        ]


def guard_pixels(width: int, height: int) -> None:
    if width * height > MAX_PIXELS:
        raise NotCleanedError("bomb")
