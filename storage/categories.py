"""The three categories of time: the words stored, and the words shown. Standard library only,
for the fast ``status`` path."""

CATEGORY_WORDS = {
    "investigation": "investigation/analysis",
    "implementation": "implementation/testing",
    "verification": "verification/cleanup",
}
CATEGORIES: tuple[str, ...] = tuple(CATEGORY_WORDS)
