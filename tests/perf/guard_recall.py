"""Recall and false positives of the credential guard over tests/guard_corpus.

Run with ``uv run python tests/perf/guard_recall.py``. A secret counts as found when a
finding covers exactly its span with the expected kind.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from pathlib import Path

from app.guard import scan

CORPUS = Path(__file__).parents[1] / "guard_corpus"


def _load(name: str) -> list[dict]:
    with (CORPUS / name).open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def main() -> None:
    secrets, lookalikes = _load("secrets.jsonl"), _load("lookalikes.jsonl")
    expected: Counter[str] = Counter()
    found: Counter[str] = Counter()
    extra = 0
    for case in secrets:
        text = case["text"]
        want = set(zip(case["secrets"], case["kinds"], strict=True))
        got = {(text[f.start : f.end], f.kind) for f in scan(text)}
        for secret, kind in want:
            expected[kind] += 1
            found[kind] += (secret, kind) in got
        extra += len(got - want)
    flagged = [case["text"] for case in lookalikes if scan(case["text"])]

    print(f"secret messages: {len(secrets)}, secrets: {expected.total()}")
    for kind in sorted(expected, key=lambda k: (-expected[k], k)):
        print(f"  {kind:<28} {found[kind]:>3}/{expected[kind]:<3}")
    print(f"recall: {found.total()}/{expected.total()} = {found.total() / expected.total():.1%}")
    print(f"extra findings in secret messages: {extra}")
    print(f"look-alike messages: {len(lookalikes)}, false positives: {len(flagged)}")
    for text in flagged:
        print(f"  flagged: {text[:70]!r}")

    sample = "\n".join(case["text"] for case in secrets + lookalikes)
    message = (sample * (1_000_000 // len(sample) + 1))[:1_000_000]
    started = time.perf_counter()
    findings = scan(message)
    elapsed = time.perf_counter() - started
    print(f"1 MB message of corpus text: {len(findings)} findings in {elapsed:.2f} s")


if __name__ == "__main__":
    main()
