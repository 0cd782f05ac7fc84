"""Intent classifier inference with numpy only: TF-IDF (word 1-2 grams + char 2-5 grams) and a multinomial
logistic regression whose weights are trained by :mod:`mixwise.agent.router.train` and shipped as ``intent_model.npz``.

The feature functions here are the analyzers the training pipeline uses, so run-time features are the training
features by construction; only the IDF weighting, normalisation and the linear model are re-implemented.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from functools import lru_cache
from pathlib import Path

import numpy as np

from mixwise.agent.router.entities import ChannelMention, channel_key, find_channels
from mixwise.agent.router.lexicon import SAMPLE_CHANNELS
from mixwise.agent.router.text import correct_typos, normalise

__all__ = [
    "MODEL_PATH",
    "word_features",
    "char_features",
    "mask_text",
    "prepare",
    "IntentClassifier",
    "load_classifier",
]

MODEL_PATH = Path(__file__).with_name("intent_model.npz")
_WORD = re.compile(r"[a-z0-9$%?']+")


_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")
_PUNCT = re.compile(r"([?])")


def mask_text(text: str, mentions: list[ChannelMention]) -> str:
    """Classifier input: channel phrases become 'chan', numbers '0', '?' a separate token.

    Args:
        text: Normalised, typo-corrected question.
        mentions: Channel mentions found in ``text`` (see :func:`~mixwise.agent.router.entities.find_channels`).
    """
    parts, last = [], 0
    for m in mentions:
        parts += [text[last : m.start], " chan "]
        last = m.end
    parts.append(text[last:])
    masked = _DIGITS.sub("0", "".join(parts))
    return " ".join(_PUNCT.sub(r" \1 ", masked).split())


def prepare(question: str, channels: tuple[str, ...] | list[str] = SAMPLE_CHANNELS) -> str:
    """Normalise, correct typos and mask one raw question (what the classifier sees)."""
    text, _ = correct_typos(normalise(question), extra_targets=[channel_key(c) for c in channels])
    return mask_text(text, find_channels(text, channels))


def word_features(text: str) -> list[str]:
    """Word unigrams and bigrams of a prepared text ('tv roi ?' -> ['tv', 'roi', '?', 'tv roi', 'roi ?'])."""
    tokens = _WORD.findall(text)
    return tokens + [f"{a} {b}" for a, b in zip(tokens, tokens[1:], strict=False)]


def char_features(text: str) -> list[str]:
    """Character 2-5 grams inside word boundaries, padded with a space (scikit-learn's ``char_wb``)."""
    grams: list[str] = []
    for w in text.split():
        w = f" {w} "
        for n in range(2, 6):
            if len(w) < n:
                grams.append(w)
                break
            grams.extend(w[i : i + n] for i in range(len(w) - n + 1))
    return grams


class IntentClassifier:
    """Numpy inference for the exported TF-IDF + logistic-regression pipeline.

    Attributes:
        classes: Intent names, shape (n_classes,).
    """

    def __init__(self, arrays: dict[str, np.ndarray]) -> None:
        self.classes: list[str] = [str(c) for c in arrays["classes"]]
        self._blocks = []
        offset = 0
        for name, fn in (("word", word_features), ("char", char_features)):
            vocab = {str(t): i for i, t in enumerate(arrays[f"{name}_vocab"])}
            idf = np.asarray(arrays[f"{name}_idf"], dtype=float)
            self._blocks.append((fn, vocab, idf, offset))
            offset += len(vocab)
        self._coef = np.asarray(arrays["coef"], dtype=float)  # (n_classes, n_features)
        self._intercept = np.asarray(arrays["intercept"], dtype=float)
        self.data_hash = str(arrays["data_hash"]) if "data_hash" in arrays else ""
        self.known_words = frozenset(t for t in self._blocks[0][1] if " " not in t)

    def scores(self, text: str) -> np.ndarray:
        """Decision function for one prepared text, shape (n_classes,)."""
        total = self._intercept.copy()
        for fn, vocab, idf, offset in self._blocks:
            counts = Counter(vocab[f] for f in fn(text) if f in vocab)
            if not counts:
                continue
            idx = np.fromiter(counts.keys(), dtype=int, count=len(counts))
            tf = np.fromiter((1.0 + math.log(c) for c in counts.values()), dtype=float, count=len(counts))
            values = tf * idf[idx]
            values /= np.sqrt(values @ values)
            total += self._coef[:, offset + idx] @ values
        return total

    def predict_proba(self, texts: list[str]) -> np.ndarray:
        """Class probabilities, shape (n_texts, n_classes), columns in :attr:`classes` order."""
        scores = np.stack([self.scores(t) for t in texts]) if texts else np.zeros((0, len(self.classes)))
        scores -= scores.max(axis=1, keepdims=True)
        probs = np.exp(scores)
        return probs / probs.sum(axis=1, keepdims=True)


@lru_cache(maxsize=4)
def load_classifier(path: Path = MODEL_PATH) -> IntentClassifier:
    """Load (once) the shipped classifier weights."""
    with np.load(path, allow_pickle=False) as data:
        return IntentClassifier({k: data[k] for k in data.files})
