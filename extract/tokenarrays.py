"""A doc's token attributes as one numpy array, read as Python lists.

Python code that looks at each token costs about a microsecond per token; the dates
component and the tense lookups read a few columns (lower-cased form, shape, offsets,
suffix, sentence starts) as plain lists instead, converted once per document.
"""

from __future__ import annotations

import numpy as np
from spacy.attrs import IDX, LENGTH, LOWER, SENT_START, SHAPE, SUFFIX
from spacy.tokens import Doc

LOWER_COL, SHAPE_COL, START_COL, LENGTH_COL, SUFFIX_COL, SENT_COL = range(6)
_COLUMNS = [LOWER, SHAPE, IDX, LENGTH, SUFFIX, SENT_START]


class TokenArrays:
    """The LOWER, SHAPE, IDX, LENGTH, SUFFIX and SENT_START columns of a doc's tokens."""

    def __init__(self, doc: Doc) -> None:
        self.arr = doc.to_array(_COLUMNS) if len(doc) else np.zeros((0, len(_COLUMNS)), dtype=np.uint64)
        self._lists: dict[int, list[int]] = {}
        self._sentence_starts: list[int] | None = None

    def __len__(self) -> int:
        return len(self.arr)

    def column(self, col: int) -> list[int]:
        """One column as a Python list, converted on first use. Only the columns read
        token by token are converted: a hash becomes a Python int, which costs."""
        values = self._lists.get(col)
        if values is None:
            values = self._lists[col] = self.arr[:, col].tolist()
        return values

    @property
    def sentence_starts(self) -> list[int]:
        """The index of each sentence's first token."""
        if self._sentence_starts is None:
            starts = (self.arr[:, SENT_COL] == 1).nonzero()[0].tolist()
            if len(self.arr) and (not starts or starts[0] != 0):
                starts.insert(0, 0)
            self._sentence_starts = starts
        return self._sentence_starts
