"""Intent classifier inference in plain Python: TF-IDF (word 1-2 grams + char 2-5 grams) and a multinomial
logistic regression whose weights are trained by :mod:`mixwise.agent.router.train` and shipped as
``intent_model.json`` (float64 arrays as base64).

The feature functions here are the analyzers the training pipeline uses, so run-time features are the training
features by construction; only the IDF weighting, normalisation and the linear model are re-implemented, with the
standard library only (no scikit-learn, not even numpy: ``mixwise route`` starts fast).
"""

from __future__ import annotations

import base64
import json
import math
import re
import sys
from array import array
from collections import Counter
from functools import lru_cache
from pathlib import Path
from typing import Any

from mixwise.agent.router.entities import ChannelMention, channel_key, find_channels
from mixwise.agent.router.lemmas import lemmatise
from mixwise.agent.router.lexicon import SAMPLE_CHANNELS
from mixwise.agent.router.negation import drop_set_aside
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

MODEL_PATH = Path(__file__).with_name("intent_model.json")
_WORD = re.compile(r"[a-z0-9$%?']+")


_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")
_PUNCT = re.compile(r"([?])")


def mask_text(text: str, mentions: list[ChannelMention]) -> str:
    """Classifier input: channel phrases become 'chan', numbers '0', '?' a separate token, words canonical.

    Inflections and synonyms are read as one word (see :func:`~mixwise.agent.router.lemmas.lemmatise`).

    Args:
        text: Normalised, typo-corrected question.
        mentions: Channel mentions found in ``text`` (see :func:`~mixwise.agent.router.entities.find_channels`).
    """
    parts, last = [], 0
    for m in mentions:
        parts += [text[last : m.start], " chan "]
        last = m.end
    parts.append(text[last:])
    masked = lemmatise(_DIGITS.sub("0", drop_set_aside("".join(parts))))
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


def encode_floats(values: Any) -> str:
    """float64 little-endian bytes of ``values`` as base64 text (how the weights are stored)."""
    arr = array("d", (float(v) for v in values))
    if sys.byteorder != "little":
        arr.byteswap()
    return base64.b64encode(arr.tobytes()).decode("ascii")


def decode_floats(text: str) -> array:
    """Inverse of :func:`encode_floats`."""
    arr = array("d")
    arr.frombytes(base64.b64decode(text))
    if sys.byteorder != "little":
        arr.byteswap()
    return arr


class IntentClassifier:
    """Inference for the exported TF-IDF + logistic-regression pipeline.

    Attributes:
        classes: Intent names, in the model's column order.
        data_hash: Hash of the training data the weights came from (see ``train.data_hash``).
        known_words: Single words of the word vocabulary.
    """

    def __init__(self, doc: dict[str, Any]) -> None:
        self.classes: list[str] = list(doc["classes"])
        self.data_hash: str = doc.get("data_hash", "")
        n_classes = len(self.classes)
        self._blocks = []
        offset = 0
        for name, fn in (("word", word_features), ("char", char_features)):
            vocab = {t: i for i, t in enumerate(doc[f"{name}_vocab"])}
            self._blocks.append((fn, vocab, decode_floats(doc[f"{name}_idf"]), offset))
            offset += len(vocab)
        coef = decode_floats(doc["coef"])  # (n_features, n_classes), row-major
        self._rows = [coef[j * n_classes : (j + 1) * n_classes] for j in range(offset)]
        self._intercept = list(decode_floats(doc["intercept"]))
        self.known_words = frozenset(t for t in self._blocks[0][1] if " " not in t)

    def scores(self, text: str) -> list[float]:
        """Decision function for one prepared text, one score per class."""
        total = list(self._intercept)
        for fn, vocab, idf, offset in self._blocks:
            counts = Counter(vocab[f] for f in fn(text) if f in vocab)
            if not counts:
                continue
            values = {j: (1.0 + math.log(c)) * idf[j] for j, c in counts.items()}
            norm = math.sqrt(sum(v * v for v in values.values()))
            for j, v in values.items():
                row = self._rows[offset + j]
                w = v / norm
                for k in range(len(total)):
                    total[k] += row[k] * w
        return total

    def predict_proba(self, texts: list[str]) -> list[list[float]]:
        """Class probabilities (softmax of the scores), one list per text, in :attr:`classes` order."""
        out = []
        for text in texts:
            scores = self.scores(text)
            top = max(scores)
            exp = [math.exp(s - top) for s in scores]
            total = sum(exp)
            out.append([e / total for e in exp])
        return out


@lru_cache(maxsize=4)
def load_classifier(path: Path = MODEL_PATH) -> IntentClassifier:
    """Load (once) the shipped classifier weights."""
    with open(path, encoding="utf-8") as f:
        return IntentClassifier(json.load(f))
