"""What a word is, for every model: the features (fineprint/detectors/ml/features.py) and the French gloss
(french.py) split text the same way. Its own module so that neither imports the other to get it."""
from __future__ import annotations

import re

WORD_RE = re.compile(r"\w+", re.UNICODE)
