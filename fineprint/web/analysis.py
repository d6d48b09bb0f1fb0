"""Running one analysis for a request (shared by the API in app.py and the pages in pages.py): the input checked,
sent to a worker process, and its errors turned into an HTTP status and one line."""
from __future__ import annotations

from pathlib import Path
from fastapi import FastAPI, UploadFile
from fastapi.responses import JSONResponse

from ..errors import FineprintError, InputTooLargeError, UnsupportedInputError
from ..settings import MB
from .worker import WorkerError

MAX_TEXT_FIELD = MB  # a pasted text (python-multipart's limit on a form field; larger documents: upload the file)


def analysis_error(exc: Exception) -> tuple[int, str]:
    """(HTTP status, one line) for an error from the analysis."""
    if isinstance(exc, WorkerError):
        return {"busy": 503, "crashed": 503}.get(exc.reason, 422), exc.message
    if isinstance(exc, InputTooLargeError):
        return 413, exc.one_line()
    if isinstance(exc, UnsupportedInputError):
        return 415, exc.one_line()
    if isinstance(exc, FineprintError):
        return 400, exc.one_line()
    return 500, f"internal error: {type(exc).__name__}"


async def run_analysis(app: FastAPI, kind: str, **kwargs):
    from starlette.concurrency import run_in_threadpool

    return await run_in_threadpool(app.state.pool.run, kind, **kwargs)


async def audit_input(app: FastAPI, config, *, text: str | None, url: str | None,
                      upload: UploadFile | None, lang: str | None, min_confidence: float = 0.5,
                      country: str | None = None):
    """Run an audit of whichever input was given: ``{"report", "json", "where"}`` (worker.audited); raises
    FineprintError/WorkerError."""
    from ..errors import UsageError

    given = [x for x in (text and text.strip(), url and url.strip(), upload is not None and upload.filename)
             if x]
    if len(given) != 1:
        raise UsageError("give exactly one input: a text, a file or a URL")
    if country and country.strip():
        from ..law.regions import region_for

        region_for(country)  # a country without a law profile: a one-line usage error (400), before any work
    settings = config.settings(lang, min_confidence).with_(country=(country or "").strip().upper() or None)
    if upload is not None and upload.filename:
        data = await upload.read(config.max_upload_mb * MB + 1)
        if len(data) > config.max_upload_mb * MB:
            raise InputTooLargeError(f"the file is larger than {config.max_upload_mb} MB")
        return await run_analysis(app, "audit", data=data, name=Path(upload.filename).name or "upload",
                                  settings=settings)
    if url and url.strip():
        url = url.strip()
        if not config.allow_urls:
            raise UsageError("this server does not fetch URLs; upload the file instead")
        if not url.lower().startswith(("http://", "https://")):
            raise UnsupportedInputError("only http and https URLs are fetched", source=url[:200])
        return await run_analysis(app, "audit", url=url, settings=settings)
    data = text.encode("utf-8")
    if len(data) > MAX_TEXT_FIELD:
        raise InputTooLargeError(f"the pasted text is larger than {MAX_TEXT_FIELD // MB} MB; upload it as a file")
    return await run_analysis(app, "audit-text", data=data, name="pasted text", settings=settings)


def _error_response(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": message, "status": status}, status_code=status)
