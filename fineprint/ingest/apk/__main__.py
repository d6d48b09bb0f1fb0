"""``python -m fineprint.ingest.apk``: the budgeted child process of ``load_apk`` (isolate.py)."""
from .isolate import _child_main

_child_main()
