"""The web app and HTTP API: ``fineprint serve`` (FastAPI, pages rendered on the server with Jinja2).

    from fineprint.web.app import create_app, WebConfig
    app = create_app(WebConfig(workers=1))

Needs the ``web`` extra (fastapi, uvicorn, python-multipart). See docs/web.md.
"""
