"""Train the credential guard's learned looks into their weights: the token look
(``app/core/guard/scorer.py``) and the look at passphrases (``app/core/guard/phrases.py``).

Run with ``uv run python tests/perf/guard_scorer.py [--hold SPLIT ...] [--plain DIR] [--look
FILE]``. The examples of each look are its candidates (tokens, runs of words) in every corpus
split but the held ones (a candidate inside a secret is one to find) and in texts that hold
none: the look-alikes the unit tests hold the guard to (each test that asserts ``scan(text) ==
[]``, five times over: they are few, and each was written to be hard), the guard's own
explanations of the corpus (pasted into a ticket, they are safe), each message of the corpus as
it reads once its secrets are removed, and up to 16 MB of the documents and sources under
``--plain``, in pieces of 4,000 characters. By default those are the installed packages that
``uv.lock`` pins, so that every machine trains on the same text. A logistic model is
fitted by stochastic gradient descent, in a fixed order, over the features seen at least twice;
the weights go to ``scorer.json`` and ``phrases.json`` in ``app/core/guard``, or in the folder
``--out``.
"""

from __future__ import annotations

import argparse
import importlib
import inspect
import json
import math
import random
import sys
import sysconfig
import types
from collections import Counter
from pathlib import Path

from guard_recall import SPLITS, load

from hourdesk.app.core.guard import _lower, explain, phrases, removed, scorer

ROOT = Path(__file__).parents[2]
LOOKS = {"scorer.json": scorer, "phrases.json": phrases}
PLAIN_BYTES = 16_000_000
PIECE = 4_000


def plain_texts(folder: Path) -> list[str]:
    """Ordinary text: the UTF-8 documents under ``folder`` then its Python sources, each in
    order of path; none of this project's own (its README quotes credentials)."""
    texts, size = [], 0
    paths = (p for p in folder.rglob("*") if _is_plain(p, folder))
    for path in sorted(paths, key=lambda p: (p.suffix == ".py", p)):
        try:
            text = path.read_text("utf-8")
        except (UnicodeDecodeError, OSError):
            continue
        texts += [text[i : i + PIECE] for i in range(0, len(text), PIECE)]
        size += len(text)
        if size >= PLAIN_BYTES:
            break
    return texts


_PLAIN_SUFFIXES = frozenset({".md", ".rst", ".txt", ".py"})


def _is_plain(path: Path, folder: Path) -> bool:
    """A document or a source file, not a link (``METADATA`` holds a package's README)."""
    named = path.suffix in _PLAIN_SUFFIXES or path.name == "METADATA"
    ours = path.relative_to(folder).parts[0].startswith(("hourdesk", "__editable__"))
    return named and not ours and path.is_file() and not path.is_symlink()


def test_lookalikes() -> list[str]:
    """The texts of the guard's unit tests that assert ``scan(text) == []``."""
    sys.path.insert(0, str(ROOT))
    texts = []
    for path in sorted((ROOT / "tests" / "unit").glob("test_guard*.py")):
        module = importlib.import_module(f"tests.unit.{path.stem}")
        for test in vars(module).values():
            if not inspect.isfunction(test) or "scan(text) == []" not in inspect.getsource(test):
                continue
            for mark in getattr(test, "pytestmark", []):
                if mark.name == "parametrize" and mark.args[0] == "text":
                    texts += [text for text in mark.args[1] if isinstance(text, str)]
    return texts


def without_secrets(case: dict) -> str:
    """The case's text with its secrets replaced as the guard replaces one."""
    text = case["text"]
    for secret in sorted(case["secrets"], key=len, reverse=True):
        text = text.replace(secret, removed("password"))
    return text


def examples(cases: list[dict], look: types.ModuleType) -> tuple[list[list[str]], list[bool]]:
    """Each candidate of ``look``, its features and whether it lies inside a secret of its
    case."""
    features, found = [], []
    for case in cases:
        text = case["text"]
        secrets = []
        for secret in case["secrets"]:
            at = text.find(secret)
            while at != -1:
                secrets.append((at, at + len(secret)))
                at = text.find(secret, at + 1)
        of = look.featurizer(text, _lower(text))
        for start, end in look.candidates(text):
            features.append(of(start, end))
            found.append(any(a <= start and end <= b for a, b in secrets))
    return features, found


def fit(features: list[list[str]], found: list[bool], epochs: int = 6) -> dict[str, float]:
    """Logistic regression by stochastic gradient descent, a learning rate that decays."""
    weights: dict[str, float] = {}
    order = list(range(len(features)))
    rng, rate = random.Random(1), 0.1
    for _ in range(epochs):
        rng.shuffle(order)
        for i in order:
            z = sum(weights.get(f, 0.0) for f in features[i])
            p = 1 / (1 + math.exp(-max(-30.0, min(30.0, z))))
            step = (p - found[i]) * rate
            for f in features[i]:
                weights[f] = weights.get(f, 0.0) - step
        rate *= 0.7
    return weights


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hold", choices=SPLITS, action="append", default=[])
    parser.add_argument("--plain", type=Path, default=Path(sysconfig.get_paths()["purelib"]))
    parser.add_argument("--out", type=Path, default=ROOT / "app" / "core" / "guard")
    parser.add_argument("--look", choices=LOOKS, action="append", help="train these only")
    args = parser.parse_args()
    cases = [case for split in SPLITS if split not in args.hold for case in load(split)]
    explained = "\n".join(explain("\n\n".join(case["text"] for case in cases)))
    redacted = [without_secrets(case) for case in cases if case["secrets"]]
    benign = test_lookalikes() * 5 + [explained, *redacted] + plain_texts(args.plain)
    cases += [{"text": text, "secrets": []} for text in benign]
    for name in args.look or LOOKS:
        look = LOOKS[name]
        features, found = examples(cases, look)
        seen = Counter(f for row in features for f in row)
        features = [[f for f in row if seen[f] >= 2] for row in features]
        weights = fit(features, found)
        kept = {f: round(w, 4) for f, w in sorted(weights.items()) if abs(w) >= 0.005}
        out = args.out / name
        out.write_text(json.dumps(kept, ensure_ascii=False, separators=(",", ":")) + "\n")
        print(f"{len(found)} candidates, {sum(found)} in secrets; {len(kept)} weights in {out}")


if __name__ == "__main__":
    main()
