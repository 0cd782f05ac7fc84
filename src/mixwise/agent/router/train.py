"""Build step: train the intent classifier with scikit-learn and export its weights for numpy inference.

Run ``python -m mixwise.agent.router.train`` after editing ``mixwise/agent/data/questions_train.jsonl``; it writes
``intent_model.json`` next to this module. The held-out file is never read here (it is for the benchmark only).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import numpy as np

from mixwise.agent.router.classifier import MODEL_PATH, char_features, encode_floats, prepare, word_features

__all__ = ["DATA_DIR", "TRAIN_PATH", "HOLDOUT_PATH", "load_questions", "data_hash", "build_pipeline", "train", "export"]

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
TRAIN_PATH = DATA_DIR / "questions_train.jsonl"
HOLDOUT_PATH = DATA_DIR / "questions_holdout.jsonl"
C = 50.0  # chosen by 5-fold cross-validation on the training questions (mixwise.agent.router.tune)


def load_questions(path: Path = TRAIN_PATH) -> list[dict[str, Any]]:
    """Labelled questions: one JSON object a line with question, intent, channels, pct, amount, period, [context]."""
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def data_hash(rows: list[dict[str, Any]]) -> str:
    """Hash of the (question, intent) pairs and the hyper-parameters the weights were trained on."""
    payload = json.dumps([[r["question"], r["intent"]] for r in rows] + [C], sort_keys=True)
    return hashlib.sha256(payload.encode()).hexdigest()[:16]


def build_pipeline(c: float = C) -> Any:
    """The scikit-learn pipeline: word and char TF-IDF (sublinear tf, l2 each) and multinomial logistic regression.

    Args:
        c: Inverse regularisation strength of the logistic regression (default :data:`C`, chosen by
            ``python -m mixwise.agent.router.tune``).
    """
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import FeatureUnion, Pipeline

    features = FeatureUnion(
        [
            ("word", TfidfVectorizer(analyzer=word_features, sublinear_tf=True, lowercase=False)),
            ("char", TfidfVectorizer(analyzer=char_features, sublinear_tf=True, lowercase=False)),
        ]
    )
    return Pipeline([("features", features), ("clf", LogisticRegression(C=c, max_iter=5000))])


def train(rows: list[dict[str, Any]] | None = None) -> tuple[Any, list[str], list[str]]:
    """Fit the pipeline on the training questions; returns (pipeline, prepared texts, labels)."""
    rows = rows if rows is not None else load_questions()
    texts = [prepare(r["question"]) for r in rows]
    labels = [r["intent"] for r in rows]
    pipe = build_pipeline()
    pipe.fit(texts, labels)
    return pipe, texts, labels


def export(pipe: Any, rows: list[dict[str, Any]], path: Path = MODEL_PATH) -> Path:
    """Write vocabularies, IDF weights, coefficients (float64, base64) and the data hash to a JSON file."""
    union = pipe.named_steps["features"]
    clf = pipe.named_steps["clf"]
    doc: dict[str, Any] = {"classes": [str(c) for c in clf.classes_], "data_hash": data_hash(rows)}
    for name, vec in union.transformer_list:
        doc[f"{name}_vocab"] = sorted(vec.vocabulary_, key=vec.vocabulary_.get)
        doc[f"{name}_idf"] = encode_floats(vec.idf_)
    doc["coef"] = encode_floats(np.asarray(clf.coef_, dtype=np.float64).T.ravel())  # (n_features, n_classes)
    doc["intercept"] = encode_floats(clf.intercept_)
    path.write_text(json.dumps(doc, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    return path


def main() -> None:
    """Train on the shipped training questions and export the weights next to the classifier module."""
    rows = load_questions()
    pipe, texts, labels = train(rows)
    path = export(pipe, rows)
    accuracy = float(np.mean(pipe.predict(texts) == np.array(labels)))
    print(
        f"trained on {len(rows)} questions, training accuracy {accuracy:.3f}, wrote {path} ({path.stat().st_size} bytes)"
    )


if __name__ == "__main__":
    main()
