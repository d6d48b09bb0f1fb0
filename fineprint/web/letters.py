"""Letters for the web app and the API: the same composition as ``fineprint letter`` (fineprint.letters), fed from
form fields and from the findings of a report; plus a PDF rendering when fpdf2 is installed (the ``web`` extra)."""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..errors import FineprintError, UsageError

from ..letters.compose import REQUEST_RIGHTS, LetterRequest, Person, Recipient, compose_letter, rights_table
from ..letters.consumer import consumer_rights, consumer_table
from ..letters.from_report import ReportFindings, parse_report, quotes_for

# the finding ids a letter may quote: the GDPR letters' (rights.yaml) and the consumer letters' (consumer.yaml:
# money.no-refund for a withdrawal, money.auto-renewal for a cancellation)
QUOTED_IDS = frozenset(i for table in (rights_table(), consumer_table()) for v in table["rights"].values()
                       for i in v.get("quotes", ()))
CONTACT_ID = "practice.contact-information"
MAX_CARRIED_FINDINGS = 200
MAX_ITEMS = 20  # withdrawal: the goods or services listed, one line each
# the consumer letters' own fields (LetterFields / LetterIn name -> the letter that reads it), as consumer.py's
CONSUMER_FIELDS = {"contract_date": "withdrawal", "received": "withdrawal", "order": "withdrawal",
                   "items": "withdrawal", "not_informed": "withdrawal", "subscription": "cancel",
                   "effective": "cancel", "renewed_on": "cancel"}
_OPTION_NAMES = {"--contract-date": "contract_date", "--received": "received", "--order": "order",
                 "--item": "items", "--subscription": "subscription", "--effective": "effective",
                 "--renewed-on": "renewed_on", "--not-informed": "not_informed", "--company": "company",
                 "--date": "date"}


class CompanyMissing(UsageError):
    """The letter form left the trader's name blank for a consumer letter (the page says it in its language)."""


@dataclass(frozen=True, slots=True)
class LetterFields:
    right: str = "erasure"
    company: str = ""
    name: str = ""
    email: str = ""
    address: str = ""
    account: str = ""
    lang: str = "en"
    country: str = ""  # where the reader lives (the report's --country): a CCPA or UK GDPR letter for US and UK readers
    # the consumer letters' own fields (fineprint letter withdrawal | cancel); None / "" / () when not given
    contract_date: date | None = None
    received: date | None = None
    order: str = ""
    items: tuple[str, ...] = ()
    subscription: str = ""
    effective: date | None = None
    renewed_on: date | None = None
    not_informed: bool = False  # withdrawal: the trader did not inform the reader of the right (the form's checkbox)
    # the form: a consumer letter needs the trader's name (the API writes a placeholder when company is left out)
    company_required: bool = False

    def only_for_right(self) -> "LetterFields":
        """The same fields, less the consumer fields of a letter other than ``right`` (the form sends every field;
        the API, strict, refuses them instead)."""
        import dataclasses

        empty: dict = {}
        for name, owner in CONSUMER_FIELDS.items():
            if owner != self.right:
                empty[name] = () if name == "items" else "" if name in ("order", "subscription") else \
                    False if name == "not_informed" else None
        return dataclasses.replace(self, **empty)


def is_consumer_letter(right: str) -> bool:
    return right in consumer_rights()


def consumer_letters_of(country: str | None) -> tuple[str, ...]:
    """The consumer letters a reader in ``country`` can send: withdrawal and cancel; no withdrawal in the United
    States (no general right of withdrawal there: the CLI refuses it)."""
    from ..letters.consumer import jurisdiction_of

    try:
        us = jurisdiction_of(country or None) == "us"
    except FineprintError:
        return ()
    return tuple(r for r in consumer_rights() if not (us and r == "withdrawal"))


def consumer_offers(report: ReportFindings | None, country: str | None) -> tuple[str, ...]:
    """The consumer letters the report page offers: those that quote a clause of the report (a withdrawal for a
    money.no-refund finding, a cancellation for a money.auto-renewal one), among the reader's."""
    if report is None:
        return ()
    return tuple(r for r in consumer_letters_of(country) if quotes_for(r, report, table=consumer_table()))


def api_message(message: str) -> str:
    """A consumer letter's one-line error, with the CLI's option names as the API's field names."""
    for option, name in _OPTION_NAMES.items():
        message = message.replace(option, name)
    return message


def carried_report(report_dict: dict) -> str:
    """The part of a JSON report that a letter uses (what the letter form carries in a hidden field: nothing is
    kept on the server): document, and the findings a letter may quote or take a contact from."""
    keep = [{"id": f["id"], "text": f["text"], "span": f["span"]} for f in report_dict.get("findings", ())
            if (f["id"] in QUOTED_IDS or f["id"] == CONTACT_ID) and not f.get("missing")][:MAX_CARRIED_FINDINGS]
    carried = {"schema": report_dict["schema"], "document": report_dict["document"], "findings": keep}
    country = (report_dict.get("reader") or {}).get("country")
    if country:  # the letter follows the law the report was explained under
        carried["reader"] = {"country": country}
    return json.dumps(carried, ensure_ascii=False, separators=(",", ":"))


def carried_country(raw: str | dict | None) -> str:
    """The reader's country a carried report (or an API report) names, "" when none or when it is malformed (the
    report itself is checked by ``read_carried``)."""
    if isinstance(raw, str):
        try:
            raw = json.loads(raw) if raw else None
        except json.JSONDecodeError:
            return ""
    reader = raw.get("reader") if isinstance(raw, dict) else None
    country = reader.get("country") if isinstance(reader, dict) else None
    return country[:12] if isinstance(country, str) else ""


def request_rights_of(country: str | None) -> tuple[str, ...]:
    """The request letters a reader in ``country`` can send (the GDPR's, the UK GDPR's or the CCPA's)."""
    from ..letters.regional import request_rights_for

    return request_rights_for(country or None)


def right_names(country: str | None, lang: str) -> dict[str, str]:
    """Each request letter's subject line, as the letter form lists them."""
    from ..letters.regional import law_for

    law = law_for(country or None)
    table = law.table["rights"] if law else rights_table()["rights"]
    return {r: (table[r]["subject"].get(lang) or table[r]["subject"]["en"]).replace("'", "’")
            for r in request_rights_of(country)}


def read_carried(raw: str | dict | None) -> ReportFindings | None:
    """A report given back by the letter form or the API (None when there is none); InputError when malformed."""
    if raw in (None, "", {}):
        return None
    if isinstance(raw, str):
        from ..errors import CorruptInputError

        try:
            raw = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise CorruptInputError(f"the report is not JSON ({exc.msg})") from None
    return parse_report(raw, source="report")


def best_right(report: ReportFindings | None, country: str | None = None) -> str:
    """The request letter that quotes most clauses of the report, then ties most findings to them (the Temu clause:
    withdrawal of consent, which answers all six of its findings); erasure when none quotes anything. For a reader in
    the UK or the US, among the letters of their law."""
    from ..letters.regional import law_for

    if report is None:
        return "erasure"
    law = law_for(country or None)
    rights = request_rights_of(country) if law else REQUEST_RIGHTS
    table = law.table if law else None
    quotes = {r: quotes_for(r, report, table=table) for r in rights}
    return max(rights, key=lambda r: (len(quotes[r]), sum(len(q.finding_ids) for q in quotes[r]), r == "erasure"))


def compose(fields: LetterFields, report: ReportFindings | None, today: date | None = None):
    """A ``Letter`` from the form fields and the report's findings (quotes, recipient contacts)."""
    from ..contacts import extract_contacts, suggest_recipient
    from ..letters.consumer import check_request
    from ..letters.consumer import law_for as consumer_law
    from ..letters.regional import law_for

    consumer = is_consumer_letter(fields.right)
    # a UsageError for a letter the reader's law has not
    law = None if consumer else law_for(fields.country or None, fields.right)
    table = consumer_table() if consumer else (law.table if law else None)
    quotes = quotes_for(fields.right, report, table=table) if report else ()
    email = address = web_form = ""
    company = fields.company
    if report is not None:
        texts = [f.get("text", "") for f in report.findings if f["id"] == CONTACT_ID]
        if texts:
            s = suggest_recipient(extract_contacts(t for t in texts if t))
            company = company or (s.organisation.value if s.organisation else "")
            email = s.email.value if s.email else ""
            address = s.address.value if s.address else ""
            web_form = s.web_form.value if s.web_form and not (email or address) else ""
    if consumer and fields.company_required and not company.strip():
        raise CompanyMissing("company is empty: give the trader's name")
    request = LetterRequest(
        right=fields.right, date=today or date.today(), lang=fields.lang,
        person=Person(name=fields.name, email=fields.email, address=fields.address, account=fields.account),
        recipient=Recipient(company=company, email=email, address=address, web_form=web_form),
        quotes=quotes, source=report.source if report else "",
        contract_date=fields.contract_date, received=fields.received, order=fields.order, items=tuple(fields.items),
        subscription=fields.subscription, effective=fields.effective, renewed_on=fields.renewed_on,
        not_informed=fields.not_informed)
    if consumer:  # the consumer law of the reader's country, with the dates the letter states; UsageError as the CLI
        # (its note names the form's fields, never a command-line option)
        law = consumer_law(fields.country or None, request, medium="web")
    else:
        check_request(request)  # a consumer letter's own field on another letter: a one-line error, as the CLI
    return compose_letter(request, law)


def letter_quotes(fields: LetterFields, report: ReportFindings | None):
    """The clauses of the report the letter quotes (what the letter page lists above the preview)."""
    from ..letters.regional import law_for

    if report is None:
        return ()
    if is_consumer_letter(fields.right):
        return quotes_for(fields.right, report, table=consumer_table())
    law = law_for(fields.country or None)
    return quotes_for(fields.right, report, table=law.table if law else None)


def pdf_available() -> bool:
    try:
        import fpdf  # noqa: F401
    except ImportError:
        return False
    return True


_FONTS = ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/dejavu/DejaVuSans.ttf",
          "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf")
_LATIN1 = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-",
                         "\u2026": "...", "\u202f": " ", "\u2009": " ", "\u2011": "-", "\u2022": "-"})


def to_pdf(letter) -> bytes:
    """The letter as a PDF (fpdf2): a system Unicode font (DejaVu, Liberation) when there is one, else the PDF
    core font with the few typographic characters Latin-1 lacks replaced."""
    from fpdf import FPDF

    from ..letters.compose import parse_markup

    pdf = FPDF(format="A4")
    pdf.set_margins(22, 20, 22)
    pdf.set_auto_page_break(True, 20)
    pdf.add_page()
    font = next((p for p in _FONTS if Path(p).is_file()), None)
    if font:
        pdf.add_font("body", "", font)
        family = "body"

        def clean(s: str) -> str:
            return s
    else:
        family = "Helvetica"

        def clean(s: str) -> str:
            return s.translate(_LATIN1).encode("latin-1", "replace").decode("latin-1")
    pdf.set_title(clean(letter.subject))
    pdf.set_font(family, size=11)
    width = pdf.epw
    for block in parse_markup(letter.markup):
        if block.kind == "rule":
            y = pdf.get_y() + 2
            pdf.line(pdf.l_margin, y, pdf.l_margin + 40, y)
            pdf.ln(6)
            continue
        for line in block.lines:
            text = clean(line)
            if block.kind == "list":
                pdf.set_x(pdf.l_margin + 4)
                pdf.multi_cell(width - 4, 5.5, "- " + text, new_x="LMARGIN", new_y="NEXT")
            elif block.kind == "quote":
                pdf.set_x(pdf.l_margin + 8)
                pdf.multi_cell(width - 8, 5.5, text, new_x="LMARGIN", new_y="NEXT")
            else:
                pdf.multi_cell(width, 5.5, text, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(3)
    return bytes(pdf.output())
