"""The FastAPI application: pages rendered on the server with Jinja2, and the HTTP API under /api/v1.

Safety, in one place:
- every response carries a strict Content-Security-Policy (no inline script or style, nothing from another
  origin), ``nosniff``, ``no-referrer``, no framing and ``Cache-Control: no-store``;
- request bodies are capped (``max_upload_mb``) before they are read, and uploads stay in memory (never spooled to
  disk); the format is sniffed from the content by fineprint.ingest, whatever the name or Content-Type claims;
- URLs go through the CLI's fetcher (fineprint/ingest/url.py) with its SSRF guard: private addresses are refused;
- the analysis runs in worker processes with a time and a memory limit (worker.py); the server never parses input;
- templates autoescape everything; document text is shown as text with reordering characters made visible;
- nothing is stored: no database, no log of what was audited; the letter form carries its findings itself.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import FastAPI, File, Form, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from pydantic import BaseModel, Field

from .. import __version__
from ..errors import FineprintError, InputTooLargeError, UnsupportedInputError
from ..settings import MB, Settings
from . import i18n
from .worker import WorkerError, WorkerPool
from .analysis import _error_response, analysis_error, audit_input, run_analysis  # noqa: F401 (pages import them from here too)

HERE = Path(__file__).resolve().parent
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; font-src 'self'; "
       "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=(), interest-cohort=()"),
]
MAX_CLASSIFY_TEXTS = 1000
MAX_CLASSIFY_CHARS = 20000
from .analysis import MAX_TEXT_FIELD  # noqa: E402
from .letters import MAX_ITEMS as MAX_LETTER_ITEMS  # noqa: E402


@dataclass(frozen=True, slots=True)
class WebConfig:
    workers: int = 1  # analysis worker processes
    max_upload_mb: int = 20
    timeout: float = 60.0  # seconds one analysis may take
    memory_mb: int = 2048  # address space of a worker
    allow_urls: bool = True
    allow_private: bool = False  # let URLs reach loopback/private addresses (never on a shared server)
    fetch_timeout: float = 15.0
    trackers_path: str | None = None
    warm: bool = True  # load the models when a worker starts

    def settings(self, lang: str | None, min_confidence: float = 0.5) -> Settings:
        return Settings(lang=lang, max_bytes=self.max_upload_mb * MB, allow_private=self.allow_private,
                        fetch_timeout=self.fetch_timeout, trackers_path=self.trackers_path,
                        min_confidence=min_confidence)


class _BodyTooLarge(Exception):
    pass


class SafetyMiddleware:
    """Security headers on every response, and the cap on request bodies (413 before the app reads more)."""

    def __init__(self, app, max_body: int) -> None:
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        started = False

        async def send_with_headers(message):
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                headers = [(k, v) for k, v in message.get("headers", []) if k.lower() not in
                           {h for h, _ in SECURITY_HEADERS}]
                headers += SECURITY_HEADERS
                if not any(k.lower() == b"cache-control" for k, _ in headers):
                    headers.append((b"cache-control", b"no-store"))
                message = dict(message, headers=headers)
            await send(message)

        length = dict(scope.get("headers", [])).get(b"content-length")
        if length is not None and length.isdigit() and int(length) > self.max_body:
            return await self._too_large(scope, send_with_headers)
        seen = 0

        async def capped_receive():
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_body:
                    raise _BodyTooLarge()
            return message

        try:
            await self.app(scope, capped_receive, send_with_headers)
        except _BodyTooLarge:
            if not started:
                await self._too_large(scope, send_with_headers)

    async def _too_large(self, scope, send):
        mb = self.max_body // MB
        body = json.dumps({"error": f"the request is larger than {mb} MB", "status": 413}).encode()
        await send({"type": "http.response.start", "status": 413,
                    "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                                (b"connection", b"close")]})
        await send({"type": "http.response.body", "body": body})


# ---------------------------------------------------------------------------------------------- API data types

class ErrorOut(BaseModel):
    error: str = Field(description="One line saying what went wrong and what to do.")
    status: int


class ClassifyIn(BaseModel):
    texts: list[Annotated[str, Field(max_length=MAX_CLASSIFY_CHARS)]] = Field(
        max_length=MAX_CLASSIFY_TEXTS, description="Clauses, one text each (English or French).")
    lang: Literal["en", "fr"] | None = Field(None, description="Language of every text (default: detected per text).")


class PredictionOut(BaseModel):
    labels: list[str]
    scores: dict[str, float]


class ClassifyOut(BaseModel):
    predictions: list[PredictionOut]


DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}$"


class LetterIn(BaseModel):
    right: Literal["access", "rectification", "erasure", "objection", "withdraw-consent", "portability",
                   "restriction", "opt-out", "limit-sensitive", "withdrawal", "cancel"] = Field(
        "erasure", description="the request; opt-out and limit-sensitive exist only under the CCPA (country US); "
                               "withdrawal (withdraw from a distance contract within 14 days; not for a reader in "
                               "the US) and cancel (end a subscription) are consumer-law letters, not GDPR ones")
    country: str | None = Field(None, max_length=12, description="Where the reader lives (GB: a UK GDPR letter, or "
                                "the Consumer Contracts Regulations 2013 for withdrawal and cancel; US, US-CA: a "
                                "CCPA request; another EU country: Directive 2011/83/EU for withdrawal; default: the "
                                "report's reader, else French law).")
    company: str | None = Field(None, max_length=300, description="The organisation written to; for withdrawal and "
                                "cancel, left out: a [trader's name] placeholder, given blank: refused.")
    name: str = Field("", max_length=300)
    email: str = Field("", max_length=300)
    address: str = Field("", max_length=1000)
    account: str = Field("", max_length=300)
    lang: Literal["en", "fr"] = "en"
    format: Literal["txt", "md", "html", "pdf"] = "txt"
    report: dict[str, Any] | None = Field(None, description="A fineprint.report/1 JSON report: the letter quotes "
                                                            "its clauses (money.no-refund for withdrawal, "
                                                            "money.auto-renewal for cancel) and takes the recipient "
                                                            "from it.")
    date: str | None = Field(None, pattern=DATE_PATTERN, description="YYYY-MM-DD (default: today).")
    # withdrawal only (as `fineprint letter withdrawal`)
    contract_date: str | None = Field(None, pattern=DATE_PATTERN, description="withdrawal: the day the contract was "
                                      "concluded, YYYY-MM-DD (not after the letter's date).")
    received: str | None = Field(None, pattern=DATE_PATTERN, description="withdrawal: the day the goods were "
                                 "received, YYYY-MM-DD (the 14 days run from it; not before contract_date).")
    order: str = Field("", max_length=100, description="withdrawal: the order number (not blank when given).")
    not_informed: bool = Field(False, description="withdrawal: the trader did not inform the reader of the right of "
                               "withdrawal; a late letter then claims the 12-month extension (L221-20).")
    items: list[Annotated[str, Field(max_length=300)]] = Field(
        [], max_length=MAX_LETTER_ITEMS, description=f"withdrawal: what was ordered, one entry each (at most "
                                                     f"{MAX_LETTER_ITEMS}).")
    # cancel only (as `fineprint letter cancel`)
    subscription: str = Field("", max_length=300, description="cancel: the subscription or contract ended.")
    effective: str | None = Field(None, pattern=DATE_PATTERN, description="cancel: when it should end, YYYY-MM-DD "
                                  "(not before the letter's date; default: the end of the current period).")
    renewed_on: str | None = Field(None, pattern=DATE_PATTERN, description="cancel: the last tacit renewal, when the "
                                   "trader did not warn you before it (France, L215-1), YYYY-MM-DD.")


class LawOut(BaseModel):
    ref: str
    url: str


class TaxonomyEntry(BaseModel):
    id: str
    family: str
    severity: str
    title: str
    flags: str
    why: str
    advice: str
    law: list[LawOut]


class TaxonomyOut(BaseModel):
    language: str
    ids: list[TaxonomyEntry]


# ---------------------------------------------------------------------------------------------------- the app

def create_app(config: WebConfig | None = None, pool: WorkerPool | None = None) -> FastAPI:
    """The application. ``pool``: a worker pool to use (tests share one); by default one is started with the app
    and stopped with it."""
    config = config or WebConfig()
    from contextlib import asynccontextmanager

    from starlette.formparsers import MultiPartParser

    # uploads stay in memory up to the body cap: nothing a user sends is written to disk
    MultiPartParser.spool_max_size = max(MultiPartParser.spool_max_size, config.max_upload_mb * MB + MB)

    @asynccontextmanager
    async def lifespan(app):
        own = app.state.pool is None
        if own:
            app.state.pool = WorkerPool(config.workers, timeout=config.timeout, memory_mb=config.memory_mb,
                                        warm=config.warm)
        try:
            yield
        finally:
            if own:
                app.state.pool.close()
                app.state.pool = None

    app = FastAPI(title="fineprint", version=__version__, lifespan=lifespan, docs_url=None, redoc_url=None,
                  openapi_url="/api/v1/openapi.json",
                  description="Audit terms of service, privacy policies, offer rules and Android apps: what you "
                              "give away, with the clause as evidence. Same JSON (fineprint.report/1) as "
                              "`fineprint audit --format json`. Nothing sent is stored.")
    app.state.pool = pool
    app.state.config = config
    app.add_middleware(SafetyMiddleware, max_body=config.max_upload_mb * MB + 64 * 1024)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    templates.env.autoescape = True
    from .view import group_anchor, visible

    from ..report.html import code_spans

    templates.env.globals.update(version=__version__, visible=visible, group_anchor=group_anchor,
                                 code_spans=code_spans)
    from . import pages

    pages.install(app, templates, config)
    _install_api(app, config)
    return app


ERRORS = {s: {"model": ErrorOut, "description": d} for s, d in (
    (400, "Bad input (one line says why)"), (413, "Input too large"), (415, "Not a format fineprint reads"),
    (422, "Invalid request, or an input whose analysis ran past the time or memory limit"),
    (503, "Every worker is busy"))}


def _install_api(app: FastAPI, config: WebConfig) -> None:
    from fastapi.exceptions import RequestValidationError

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError):
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(p) for p in first.get("loc", ()) if p != "body")
        return _error_response(422, f"invalid request: {where + ': ' if where else ''}{first.get('msg', 'invalid')}")

    @app.post("/api/v1/audit", tags=["api"], responses=ERRORS,
              summary="Audit a text, a file (.txt .md .html .pdf .docx .apk) or a URL",
              response_description="The report, fineprint.report/1 (as `fineprint audit --format json`)")
    async def api_audit(text: Annotated[str | None, Form(description="Text to audit")] = None,
                        url: Annotated[str | None, Form(description="http(s) URL to fetch and audit")] = None,
                        file: Annotated[UploadFile | None, File(description="A file to audit")] = None,
                        lang: Annotated[Literal["en", "fr"] | None, Form(
                            description="Language of the explanations (default: the document's)")] = None,
                        min_confidence: Annotated[float, Form(ge=0.0, le=1.0)] = 0.5,
                        country: Annotated[str | None, Form(
                            description="Where the reader lives (ISO 3166 code: FR, DE, GB, US…; or EU): the law "
                                        "the findings are explained under (default: France)", max_length=8)] = None
                        ) -> dict[str, Any]:
        try:
            result = await audit_input(app, config, text=text, url=url, upload=file, lang=lang,
                                       min_confidence=min_confidence, country=country)
        except Exception as exc:  # noqa: BLE001 - every error becomes a one-line JSON answer
            return _error_response(*analysis_error(exc))
        return result["json"]

    @app.post("/api/v1/classify", tags=["api"], responses=ERRORS, response_model=ClassifyOut,
              summary="Label clauses (as `fineprint classify`)")
    async def api_classify(body: ClassifyIn):
        try:
            predictions = await run_analysis(app, "classify", texts=list(body.texts), lang=body.lang,
                                             settings=config.settings(body.lang))
        except Exception as exc:  # noqa: BLE001
            return _error_response(*analysis_error(exc))
        return {"predictions": [{"labels": list(p.labels), "scores": p.scores} for p in predictions]}

    @app.post("/api/v1/letter", tags=["api"], responses={
        **ERRORS, 200: {"description": "The letter", "content": {
            "text/plain": {}, "text/markdown": {}, "text/html": {}, "application/pdf": {}}}},
        summary="Write a letter: a GDPR request (UK GDPR or CCPA for a reader there), a withdrawal from a distance "
                "contract or the cancellation of a subscription, quoting the clauses of a report")
    async def api_letter(body: LetterIn):
        from .letters import LetterFields, api_message, carried_country, compose, pdf_available, read_carried, to_pdf

        try:
            report = read_carried(body.report)
        except FineprintError as exc:
            return _error_response(400, exc.one_line())
        from ..letters.consumer import FIRST_YEAR, LAST_YEAR

        days = {}
        for key in ("date", "contract_date", "received", "effective", "renewed_on"):
            value = getattr(body, key)
            try:
                days[key] = date.fromisoformat(value) if value else None
            except ValueError:
                return _error_response(400, f"invalid {key}: {value} is not a date")
            if days[key] and not FIRST_YEAR <= days[key].year <= LAST_YEAR:
                return _error_response(400, f"invalid {key}: {value} is not a plausible date (give a year from "
                                            f"{FIRST_YEAR} to {LAST_YEAR})")
        if body.right in ("withdrawal", "cancel"):
            for key in ("company", "order", "subscription"):
                value = getattr(body, key)
                if value is not None and (value == "" and key == "company" or value and not value.strip()):
                    return _error_response(400, f"{key} is empty: " + (
                        "give the trader's name (or leave it out for a [trader's name] placeholder)"
                        if key == "company" else "give it, or leave it out"))
            if any(not item.strip() for item in body.items):
                return _error_response(400, "items: an entry is empty; say what was ordered, one entry each")
        country = body.country or carried_country(body.report)
        try:
            letter = compose(LetterFields(right=body.right, company=body.company or "", name=body.name,
                                          email=body.email,
                                          address=body.address, account=body.account, lang=body.lang,
                                          country=country, contract_date=days["contract_date"],
                                          received=days["received"], order=body.order, items=tuple(body.items),
                                          subscription=body.subscription, effective=days["effective"],
                                          renewed_on=days["renewed_on"], not_informed=body.not_informed),
                            report, days["date"])
        except (ValueError, OverflowError) as exc:  # a date whose deadline falls past year 9999
            return _error_response(400, f"invalid date: {exc}")
        except FineprintError as exc:
            return _error_response(400, api_message(exc.one_line()))
        if body.format == "pdf":
            if not pdf_available():
                return _error_response(415, "PDF needs the fpdf2 package (pip install 'fineprint[web]')")
            return Response(to_pdf(letter), media_type="application/pdf")
        media = {"txt": "text/plain", "md": "text/markdown", "html": "text/html"}[body.format]
        return Response(letter.render(body.format), media_type=f"{media}; charset=utf-8")

    @app.get("/api/v1/taxonomy", tags=["api"], response_model=TaxonomyOut,
             summary="Every finding id: title, what it flags, why it matters, the law, what you can do")
    async def api_taxonomy(lang: Annotated[Literal["en", "fr"], Query()] = "en"):
        from ..law import all_ids, entry

        out = []
        for fid in all_ids():
            e = entry(fid)
            out.append({"id": e.id, "family": e.family, "severity": e.severity, "title": e.title[lang],
                        "flags": e.flags[lang], "why": e.why[lang], "advice": e.advice[lang],
                        "law": [{"ref": r.ref, "url": r.url} for r in e.law_refs(lang)]})
        return {"language": lang, "ids": out}

    @app.get("/api/v1/health", tags=["api"], summary="Whether the server answers")
    async def health() -> dict[str, str]:
        return {"status": "ok", "version": __version__}

