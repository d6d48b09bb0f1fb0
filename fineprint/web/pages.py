"""The HTML pages: home, report (document or app), letter, API, errors. Rendered on the server; the only script
(static/app.js) filters findings and is not needed to read anything."""
from __future__ import annotations

from typing import Annotated

from fastapi import FastAPI, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, Response

from . import i18n
from .letters import (LetterFields, best_right, carried_country, carried_report, compose, pdf_available,
                      read_carried, request_rights_of, right_names, to_pdf)


def page_language(request: Request) -> str:
    return i18n.choose(request.query_params.get("lang"), request.cookies.get(i18n.COOKIE),
                       request.headers.get("accept-language"))


def install(app: FastAPI, templates, config) -> None:
    from .analysis import analysis_error, audit_input

    def render(request: Request, name: str, lang: str, status: int = 200, **context) -> HTMLResponse:
        w = i18n.words(lang)
        other = "fr" if lang == "en" else "en"
        response = templates.TemplateResponse(request, name, {
            "lang": lang, "w": w, "other_lang": other, "switch_href": f"{request.url.path}?lang={other}"
            if request.method == "GET" else f"/?lang={other}", "max_mb": config.max_upload_mb,
            "allow_urls": config.allow_urls, **context}, status_code=status)
        if request.query_params.get("lang") in i18n.LANGUAGES:
            response.set_cookie(i18n.COOKIE, lang, max_age=365 * 24 * 3600, samesite="strict", httponly=True)
        return response

    def error_page(request: Request, lang: str, status: int, message: str) -> HTMLResponse:
        return render(request, "error.html.j2", lang, status=status, message=message)

    from starlette.exceptions import HTTPException as StarletteHTTPException

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        """Errors raised before a route runs (an oversized form field, an unknown page): one line, as JSON for the
        API and as a page for the browser."""
        from .analysis import _error_response

        message = str(exc.detail)
        if "maximum size" in message:  # python-multipart's limit on a text field
            message = "a form field is larger than 1 MB; upload a long document as a file"
        elif exc.status_code == 404:
            message = "no such page"
        if request.url.path.startswith("/api/"):
            return _error_response(exc.status_code, message)
        return error_page(request, page_language(request), exc.status_code, message)

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    async def home(request: Request):
        return render(request, "home.html.j2", page_language(request))

    @app.post("/report", response_class=HTMLResponse, include_in_schema=False)
    async def report_page(request: Request, text: Annotated[str | None, Form()] = None,
                          url: Annotated[str | None, Form()] = None, file: UploadFile | None = None,
                          ui: Annotated[str | None, Form()] = None,
                          report_lang: Annotated[str | None, Form()] = None,
                          country: Annotated[str | None, Form()] = None):
        lang = ui if ui in i18n.LANGUAGES else page_language(request)
        explain_in = report_lang if report_lang in i18n.LANGUAGES else (None if report_lang == "auto" else lang)
        if file is not None and not file.filename:
            file = None
        if not any(((text or "").strip(), (url or "").strip(), file)):
            return error_page(request, lang, 400, i18n.words(lang)["error_no_input"])
        try:
            result = await audit_input(app, config, text=text, url=url, upload=file, lang=explain_in,
                                       country=country)
        except Exception as exc:  # noqa: BLE001 - shown as one line
            status, message = analysis_error(exc)
            from .worker import WorkerError

            if isinstance(exc, WorkerError):
                message = i18n.words(lang).get(f"error_{exc.reason}", message)
            return error_page(request, lang, status, message)
        return render_report(request, result, lang)

    def render_report(request: Request, result: dict, lang: str) -> HTMLResponse:
        from ..report.common import labels, less_certain, reach_origin, tracker_categories
        from ..report.summary import summarize
        from .view import document_segments

        report, data = result["report"], result["json"]
        summary = summarize(report, where=result["where"])
        rlang = report.language
        context = {"report": report, "summary": summary, "data": data, "rlang": rlang, "severities": [s for s in ("high", "medium", "low", "info")
                                                                if s in summary.counts.by_severity],
                   "families": list(summary.counts.by_family)}
        if report.app is not None:
            context.update(reach=[dict(row, where=reach_origin(row, rlang)) for row in report.app.reach],
                           trackers=[(t.name, tracker_categories(t.categories, rlang), t.website)
                                     for t in report.app.trackers])
            return render(request, "app.html.j2", lang, **context)
        context.update(less_certain=less_certain(report), report_words=labels(rlang))
        carried = carried_report(data)
        context.update(segments=document_segments(report, summary), carried=carried,
                       letter_right=best_right(read_carried(carried), carried_country(carried)))
        return render(request, "report.html.j2", lang, **context)

    def letter_fields(lang, right, company, name, email, address, account, letter_lang, country="") -> LetterFields:
        rights = request_rights_of(country)
        return LetterFields(right=right if right in rights else "erasure", company=(company or "")[:300],
                            name=(name or "")[:300], email=(email or "")[:300], address=(address or "")[:1000],
                            account=(account or "")[:300],
                            lang=letter_lang if letter_lang in i18n.LANGUAGES else lang, country=country)

    @app.post("/letter", response_class=HTMLResponse, include_in_schema=False)
    async def letter_page(request: Request, report: Annotated[str, Form()] = "",
                          right: Annotated[str, Form()] = "", company: Annotated[str, Form()] = "",
                          name: Annotated[str, Form()] = "", email: Annotated[str, Form()] = "",
                          address: Annotated[str, Form()] = "", account: Annotated[str, Form()] = "",
                          letter_lang: Annotated[str, Form()] = "", ui: Annotated[str, Form()] = ""):
        from ..errors import FineprintError

        lang = ui if ui in i18n.LANGUAGES else page_language(request)
        try:
            found = read_carried(report)
        except FineprintError as exc:
            return error_page(request, lang, 400, exc.one_line())
        country = carried_country(report)
        fields = letter_fields(lang, right or best_right(found, country), company, name, email, address, account,
                               letter_lang, country)
        try:
            letter = compose(fields, found)
        except FineprintError as exc:
            return error_page(request, lang, 400, exc.one_line())
        names = right_names(country, lang)
        return render(request, "letter.html.j2", lang, fields=fields, carried=report, letter=letter,
                      letter_html=letter.render("txt"), rights=tuple(names), right_names=names, pdf=pdf_available(),
                      quotes=[q.text for q in letter_quotes(fields, found)])

    def letter_quotes(fields, found):
        from ..letters.from_report import quotes_for
        from ..letters.regional import law_for

        law = law_for(fields.country or None)
        return quotes_for(fields.right, found, table=law.table if law else None) if found else ()

    @app.post("/letter/download", include_in_schema=False)
    async def letter_download(request: Request, report: Annotated[str, Form()] = "",
                              right: Annotated[str, Form()] = "", company: Annotated[str, Form()] = "",
                              name: Annotated[str, Form()] = "", email: Annotated[str, Form()] = "",
                              address: Annotated[str, Form()] = "", account: Annotated[str, Form()] = "",
                              letter_lang: Annotated[str, Form()] = "", ui: Annotated[str, Form()] = "",
                              format: Annotated[str, Form()] = "txt"):
        from ..errors import FineprintError

        lang = ui if ui in i18n.LANGUAGES else page_language(request)
        try:
            found = read_carried(report)
        except FineprintError as exc:
            return error_page(request, lang, 400, exc.one_line())
        try:
            letter = compose(letter_fields(lang, right, company, name, email, address, account, letter_lang,
                                           carried_country(report)), found)
        except FineprintError as exc:
            return error_page(request, lang, 400, exc.one_line())
        filename = f"fineprint-{letter.right}-{letter.lang}"
        if format == "pdf" and pdf_available():
            body, media, ext = to_pdf(letter), "application/pdf", "pdf"
        elif format == "html":
            body, media, ext = letter.render("html"), "text/html; charset=utf-8", "html"
        else:
            body, media, ext = letter.render("txt"), "text/plain; charset=utf-8", "txt"
        return Response(body, media_type=media,
                        headers={"content-disposition": f'attachment; filename="{filename}.{ext}"'})

    @app.get("/api", response_class=HTMLResponse, include_in_schema=False)
    async def api_page(request: Request):
        spec = app.openapi()
        operations = [(method.upper(), path, op.get("summary", ""), op.get("description", ""))
                      for path, item in spec["paths"].items() for method, op in item.items()]
        return render(request, "api.html.j2", page_language(request), operations=operations)
