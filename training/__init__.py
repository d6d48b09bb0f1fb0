"""Scripts that rebuild fineprint's trained classifiers from ../shared/datasets (needs the ``train`` extra)."""
