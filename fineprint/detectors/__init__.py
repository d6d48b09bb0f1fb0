"""Detectors: each turns clauses (or an app model) into findings. See ``base.TextDetector`` and ``registry``."""
