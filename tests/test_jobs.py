"""`classify --jobs 2`: the rules run in a second process (concurrent.futures) and the answers do not change."""
from __future__ import annotations

from fineprint import pipeline
from fineprint.settings import DEFAULT


def test_two_processes_give_the_same_predictions_as_one():
    texts = ["We may sell your personal data to third parties.",
             "By using the site you agree to these terms.",
             "You grant us a perpetual, worldwide licence to use your photos in advertising.",
             "The weather is nice today."] * (pipeline.PARALLEL_MIN_CLAUSES // 4 + 1)
    one = pipeline.classify(texts, "en", DEFAULT)
    two = pipeline.classify(texts, "en", DEFAULT.with_(jobs=2))
    assert one == two
    assert "rights.data-sale" in one[0].labels and "unfair.contract-by-using" in one[1].labels
