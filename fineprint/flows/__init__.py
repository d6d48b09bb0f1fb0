"""Data flows: what a privacy policy says about data types and parties (policy.py), checked against an app (app.py)."""
