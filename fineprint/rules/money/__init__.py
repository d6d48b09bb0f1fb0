"""Data: declarative detection rules (YAML), read by fineprint.detectors.rules; see docs/rules.md."""
