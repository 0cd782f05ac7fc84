"""Choose the router's settings by 5-fold cross-validation on the TRAINING questions only (a build-time tool).

``python -m mixwise.agent.router.tune`` prints, for each regularisation strength C and each weighting of the keyword
rules against the classifier, the cross-validated intent accuracy and log loss, then the accuracy of the questions
above and below candidate clarify thresholds. The held-out and blind files are never read here.

The router scores ``CLASSIFIER_WEIGHT * log p(intent) + RULE_WEIGHT * rule bonus`` and takes a softmax: the ratio of
the two weights decides which intent wins (chosen by accuracy), their common scale decides how confident the router
says it is (chosen by log loss, so the confidence is calibrated).
"""

from __future__ import annotations

import math
import sys
from typing import Any

import numpy as np

from mixwise.agent.router.classifier import prepare
from mixwise.agent.router.entities import extract_entities
from mixwise.agent.router.lexicon import SAMPLE_CHANNELS
from mixwise.agent.router.rules import rule_scores
from mixwise.agent.router.train import build_pipeline, load_questions

__all__ = ["cv_log_probs", "combine", "evaluate", "main"]


def cv_log_probs(rows: list[dict[str, Any]], c: float, folds: int = 5, seed: int = 0) -> tuple[np.ndarray, list[str]]:
    """Out-of-fold classifier log-probabilities (n_rows, n_classes) and the class order."""
    from sklearn.model_selection import StratifiedKFold

    texts = np.array([prepare(r["question"]) for r in rows], dtype=object)
    labels = np.array([r["intent"] for r in rows])
    classes = sorted(set(labels))
    out = np.zeros((len(rows), len(classes)))
    for train_idx, test_idx in StratifiedKFold(folds, shuffle=True, random_state=seed).split(texts, labels):
        pipe = build_pipeline(c)
        pipe.fit(list(texts[train_idx]), labels[train_idx])
        assert list(pipe.classes_) == classes
        out[test_idx] = np.log(np.clip(pipe.predict_proba(list(texts[test_idx])), 1e-12, None))
    return out, classes


def rule_matrix(rows: list[dict[str, Any]], classes: list[str]) -> np.ndarray:
    """Keyword-rule bonuses (n_rows, n_classes) for each question, as the router computes them."""
    out = np.zeros((len(rows), len(classes)))
    for i, r in enumerate(rows):
        ents = extract_entities(r["question"], list(SAMPLE_CHANNELS))
        bonus = rule_scores(ents.text, ents, classes)
        out[i] = [bonus[c] for c in classes]
    return out


def combine(log_p: np.ndarray, bonus: np.ndarray, clf_weight: float, rule_weight: float) -> np.ndarray:
    """Router probabilities: softmax of ``clf_weight * log p + rule_weight * bonus``, row by row."""
    z = clf_weight * log_p + rule_weight * bonus
    z -= z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def evaluate(probs: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """(accuracy, mean log loss) of probabilities against label indices ``y``."""
    acc = float(np.mean(probs.argmax(axis=1) == y))
    loss = float(-np.mean(np.log(np.clip(probs[np.arange(len(y)), y], 1e-12, None))))
    return acc, loss


def main() -> None:
    """Print the cross-validation grid (C x rule weighting x scale) and the clarify-threshold table."""
    rows = [r for r in load_questions() if not r.get("context")]
    best: tuple[float, float, float, float, float] | None = None  # acc, -loss, c, clf_w, rule_w
    for c in [float(v) for v in (sys.argv[1:2] if sys.argv[1:2] and sys.argv[1][0].isdigit() else (10, 20, 50, 100))]:
        log_p, classes = cv_log_probs(rows, c)
        y = np.array([classes.index(r["intent"]) for r in rows])
        bonus = rule_matrix(rows, classes)
        acc0, loss0 = evaluate(combine(log_p, bonus, 1.0, 0.0), y)
        print(f"C={c:g}: classifier alone accuracy {acc0:.3f} log loss {loss0:.3f}")
        for ratio in (0.25, 0.5, 1.0, 1.5, 2.0, 3.0):
            # accuracy depends on the ratio only; pick the scale with the lowest log loss
            scored = [
                (evaluate(combine(log_p, bonus, s, s * ratio), y), s) for s in (0.35, 0.5, 0.7, 1.0, 1.4, 2.0, 2.8)
            ]
            (acc, loss), scale = min(scored, key=lambda t: t[0][1])
            print(f"  rules/classifier = {ratio:g}: accuracy {acc:.3f}, log loss {loss:.3f} at scale {scale:g}")
            key = (acc, -loss, c, scale, scale * ratio)
            if best is None or key[:2] > best[:2]:
                best = key
    assert best is not None
    acc, neg_loss, c, clf_w, rule_w = best
    print(
        f"best: C={c:g} CLASSIFIER_WEIGHT={clf_w:g} RULE_WEIGHT={rule_w:g}: accuracy {acc:.3f} log loss {-neg_loss:.3f}"
    )
    log_p, classes = cv_log_probs(rows, c)
    y = np.array([classes.index(r["intent"]) for r in rows])
    probs = combine(log_p, rule_matrix(rows, classes), clf_w, rule_w)
    conf, right = probs.max(axis=1), probs.argmax(axis=1) == y
    if "--misses" in sys.argv:
        for i in np.flatnonzero(~right):
            print(f"  miss: {rows[i]['question']!r} {rows[i]['intent']} -> {classes[probs[i].argmax()]} {conf[i]:.2f}")
    for t in (0.3, 0.35, 0.4, 0.45, 0.5, 0.6):
        low = conf < t
        acc_low = float(right[low].mean()) if low.any() else math.nan
        print(
            f"  clarify below {t:.2f}: asks on {low.mean():.1%} of questions; accuracy of those {acc_low:.2f}, "
            f"of the rest {right[~low].mean():.3f}"
        )


if __name__ == "__main__":
    main()
