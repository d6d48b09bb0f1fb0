"""The HTML pages: home, report (document or app), letter, API, errors. Rendered on the server; the only script
(static/app.js) filters findings and is not needed to read anything."""
from __future__ import annotations

from typing import Annotated

from fastapi import FastAPI, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, Response

from . import i18n
from .letters import (MAX_ITEMS, CompanyMissing, LetterFields, best_right, carried_country, carried_report, compose,
                      consumer_letters_of, consumer_offers, is_consumer_letter, letter_quotes, pdf_available,
                      read_carried, request_rights_of, right_names, to_pdf)

# the consumer letters' fields the letter form sends (each in its own fieldset, shown for its letter)
CONSUMER_DATES = ("contract_date", "received", "effective", "renewed_on")
Text = Annotated[str, Form()]  # a text field of a form, "" when absent


class FormError(ValueError):
    """A letter form field the page shows back with the form, in the reader's language."""


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
        found, country = read_carried(carried), carried_country(carried)
        context.update(segments=document_segments(report, summary), carried=carried,
                       letter_right=best_right(found, country), consumer_offers=consumer_offers(found, country))
        return render(request, "report.html.j2", lang, **context)

    def letter_fields(lang, right, company, name, email, address, account, letter_lang, country="",
                      consumer: dict | None = None) -> LetterFields:
        """The form's fields, cut to the lengths the API allows; the consumer fields of the chosen letter only (the
        form sends every fieldset, whichever letter is chosen). FormError for a date that is not one."""
        rights = request_rights_of(country) + consumer_letters_of(country)
        right = right if right in rights else "erasure"
        extra: dict = {}
        if is_consumer_letter(right):
            from datetime import date

            import re

            from ..letters.consumer import FIRST_YEAR, LAST_YEAR

            w = i18n.words(lang)
            consumer = consumer or {}
            for key in CONSUMER_DATES:
                value = (consumer.get(key) or "").strip()
                try:
                    extra[key] = date.fromisoformat(value) if value else None
                except ValueError:
                    real = re.fullmatch(r"\d{4}-\d{2}-\d{2}", value)  # the right shape, but no such day
                    message = "letter_no_such_date" if real else "letter_bad_date"
                    raise FormError(w[message].format(field=w["letter_" + key], value=value[:20])) from None
                if extra[key] and not FIRST_YEAR <= extra[key].year <= LAST_YEAR:
                    raise FormError(w["letter_absurd_date"].format(field=w["letter_" + key], value=value[:20],
                                                                   first=FIRST_YEAR, last=LAST_YEAR))
            extra["not_informed"] = bool((consumer.get("not_informed") or "").strip())
            items = [line.strip()[:300] for line in (consumer.get("items") or "").splitlines() if line.strip()]
            extra.update(order=(consumer.get("order") or "").strip()[:100], items=tuple(items[:MAX_ITEMS]),
                         subscription=(consumer.get("subscription") or "").strip()[:300])
        fields = LetterFields(right=right, company=(company or "")[:300],
                              name=(name or "")[:300], email=(email or "")[:300], address=(address or "")[:1000],
                              account=(account or "")[:300],
                              lang=letter_lang if letter_lang in i18n.LANGUAGES else lang, country=country,
                              company_required=is_consumer_letter(right), **extra)
        return fields.only_for_right()

    def check_consumer_dates(fields: LetterFields, lang: str) -> None:
        """The consumer letters' date errors in the reader's language (compose raises the same in English)."""
        from datetime import date

        w = i18n.words(lang)
        today = date.today()
        for key in ("contract_date", "received", "renewed_on"):
            value = getattr(fields, key)
            if value and value > today:
                raise FormError(w["letter_future_date"].format(field=w["letter_" + key]))
        if fields.contract_date and fields.received and fields.received < fields.contract_date:
            raise FormError(w["letter_received_early"])
        if fields.effective and fields.effective < today:
            raise FormError(w["letter_effective_past"])

    def consumer_form(contract_date, received, order, items, subscription, effective, renewed_on,
                      not_informed="") -> dict:
        return {"contract_date": contract_date, "received": received, "order": order, "items": items,
                "subscription": subscription, "effective": effective, "renewed_on": renewed_on,
                "not_informed": not_informed}

    def right_choices(country: str, lang: str) -> dict[str, str]:
        """The letters the form offers, with their names: the reader's requests, then the consumer letters."""
        w = i18n.words(lang)
        names = right_names(country, lang)
        names.update({r: w["right_" + r] for r in consumer_letters_of(country)})
        return names

    @app.post("/letter", response_class=HTMLResponse, include_in_schema=False)
    async def letter_page(request: Request, report: Text = "", right: Text = "", company: Text = "",
                          name: Text = "", email: Text = "", address: Text = "", account: Text = "",
                          letter_lang: Text = "", ui: Text = "", contract_date: Text = "", received: Text = "",
                          order: Text = "", items: Text = "", subscription: Text = "", effective: Text = "",
                          renewed_on: Text = "", not_informed: Text = ""):
        from ..errors import FineprintError

        lang = ui if ui in i18n.LANGUAGES else page_language(request)
        try:
            found = read_carried(report)
        except FineprintError as exc:
            return error_page(request, lang, 400, exc.one_line())
        country = carried_country(report)
        form = consumer_form(contract_date, received, order, items, subscription, effective, renewed_on,
                             not_informed)
        names = right_choices(country, lang)
        context = dict(carried=report, rights=tuple(names), right_names=names, pdf=pdf_available(),
                       consumer_letters=consumer_letters_of(country), form=form, max_items=MAX_ITEMS)
        letter, error, status = None, "", 200
        try:
            fields = letter_fields(lang, right or best_right(found, country), company, name, email, address,
                                   account, letter_lang, country, form)
        except FormError as exc:  # the form comes back with the line that says what to correct
            fields = letter_fields(lang, right, company, name, email, address, account, letter_lang, country)
            error, status = str(exc), 400
        else:
            try:
                if is_consumer_letter(fields.right):
                    check_consumer_dates(fields, lang)
                letter = compose(fields, found)
            except FormError as exc:
                error, status = str(exc), 400
            except CompanyMissing:
                error, status = i18n.words(lang)["letter_company_missing"], 400
            except FineprintError as exc:  # in the page's language where the letters code has it
                error, status = exc.in_language(lang), 400
        return render(request, "letter.html.j2", lang, status=status, fields=fields, letter=letter, error=error,
                      letter_html=letter.render("txt") if letter else "",
                      quotes=[q.text for q in letter_quotes(fields, found)], **context)

    @app.post("/letter/download", include_in_schema=False)
    async def letter_download(request: Request, report: Text = "", right: Text = "", company: Text = "",
                              name: Text = "", email: Text = "", address: Text = "", account: Text = "",
                              letter_lang: Text = "", ui: Text = "", format: Text = "txt",
                              contract_date: Text = "", received: Text = "", order: Text = "", items: Text = "",
                              subscription: Text = "", effective: Text = "", renewed_on: Text = "",
                              not_informed: Text = ""):
        from ..errors import FineprintError

        lang = ui if ui in i18n.LANGUAGES else page_language(request)
        try:
            found = read_carried(report)
        except FineprintError as exc:
            return error_page(request, lang, 400, exc.one_line())
        form = consumer_form(contract_date, received, order, items, subscription, effective, renewed_on,
                             not_informed)
        try:
            fields = letter_fields(lang, right, company, name, email, address, account, letter_lang,
                                   carried_country(report), form)
            if is_consumer_letter(fields.right):
                check_consumer_dates(fields, lang)
            letter = compose(fields, found)
        except FormError as exc:
            return error_page(request, lang, 400, str(exc))
        except CompanyMissing:
            return error_page(request, lang, 400, i18n.words(lang)["letter_company_missing"])
        except FineprintError as exc:
            return error_page(request, lang, 400, exc.in_language(lang))
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
