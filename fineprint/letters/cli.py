"""``fineprint letter RIGHT`` and ``fineprint requests add|list|done``.

Letters go to standard output (or ``-o FILE``); notes for the user — where a prefilled recipient came from, parts to
fill in — go to standard error, so the letter itself stays clean.
"""
from __future__ import annotations

import shlex
from datetime import date
from pathlib import Path

import click

from .compose import FORMATS, letter_types, request_rights, rights, rights_table

class _Day(click.DateTime):
    """click's DateTime for YYYY-MM-DD, whose errors are fineprint's one line (exit 2) instead of click's usage block:
    "2026-02-30 is not a date", and a year outside 1900-2100 refused (9999-12-31 would overflow a deadline)."""

    def __init__(self):
        super().__init__(formats=["%Y-%m-%d"])

    def convert(self, value, param, ctx):
        from datetime import datetime

        from ..errors import UsageError
        from .consumer import FIRST_YEAR, LAST_YEAR

        if isinstance(value, datetime):
            return value
        option = param.opts[0] if param is not None and param.opts else "date"
        text = str(value).strip()
        try:
            day = datetime.strptime(text, "%Y-%m-%d")
        except ValueError:
            import re

            if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
                raise UsageError(f"{option} {text}: {text} is not a date") from None
            raise UsageError(f"{option} {text[:40]!r} is not a date; write it as YYYY-MM-DD") from None
        if not FIRST_YEAR <= day.year <= LAST_YEAR:
            raise UsageError(f"{option} {text} is not a plausible date (give a year from {FIRST_YEAR} to "
                             f"{LAST_YEAR})")
        return day


_DATE = _Day()
# --country on the letters and the journal (docs/letters.md)
_COUNTRY_HELP = ("Where you live (GB, US, US-CA ...): a letter under the UK GDPR or California's CCPA instead of the "
                 "EU GDPR; a US reader also has the opt-out and limit-sensitive requests (also read from "
                 "FINEPRINT_COUNTRY).")


class _Choice(click.Choice):
    """A click.Choice that also accepts ``extra`` values without listing them (in --help and in its error): the
    letter types that exist only under another law (opt-out, limit-sensitive), checked against the reader's law."""

    def __init__(self, choices, extra=()):
        super().__init__(choices)
        self.extra = tuple(extra)

    def convert(self, value, param, ctx):
        if value in self.extra:
            return value
        return super().convert(value, param, ctx)


def _extra_rights() -> tuple[str, ...]:
    """Letter types beside rights.yaml's: the CCPA's (regions.yaml) and the consumer letters (consumer.yaml)."""
    from .consumer import consumer_rights
    from .regional import extra_rights

    return extra_rights() + consumer_rights()
_SHOWN_CLAUSE_CHARS = 220


def _day(value) -> date | None:
    return value.date() if value is not None else None


def _note(message: str) -> None:
    click.echo(f"fineprint: note: {message}", err=True)


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _SHOWN_CLAUSE_CHARS else text[:_SHOWN_CLAUSE_CHARS - 1] + "…"


def _policy_contacts(path: str):
    """Contacts from a privacy policy file, through fineprint's ingest and segmentation."""
    from .contacts import contacts_from_document, extract_contacts
    from ..settings import Settings

    try:
        from ..ingest import load
    except ImportError:  # ingest not installed in this build: read it as plain text
        try:
            return extract_contacts(Path(path).read_text(encoding="utf-8", errors="replace")), path
        except OSError as exc:
            from ..errors import InputError

            raise InputError(f"cannot read the policy: {exc.strerror or exc}", source=path) from None
    doc = load(path, Settings())
    if not hasattr(doc, "text"):
        from ..errors import UsageError

        raise UsageError("--policy needs a privacy policy (text, HTML, PDF, DOCX), not an app", source=path)
    return contacts_from_document(doc), doc.source


def _report_contacts(report):
    """Contacts from a report's findings: its contact-information clauses first, else every quoted clause."""
    from .contacts import extract_contacts

    contact_texts = [f.get("text", "") for f in report.findings if f["id"] == "practice.contact-information"]
    texts = contact_texts or [f.get("text", "") for f in report.findings]
    return extract_contacts(t for t in texts if t)


def letter_options() -> list[tuple[tuple[str, ...], dict]]:
    """Every option of `fineprint letter`, in the order --help shows them: (flags, click settings). The command is
    built from this table and the registry of letter types (rights.yaml); options named after a LetterRequest field
    reach it as they are (dates as dates, repeated options as tuples), the others are read by ``_write_letter``."""
    return [
        (("--company",), dict(help="The organisation you write to (the controller).")),
        (("--name",), dict(help="Your full name.")),
        (("--email",), dict(help="Your e-mail address, for the answer.")),
        (("--address",), dict(help="Your postal address (separate lines with ' ; ').")),
        (("--account",), dict(help="Customer number, account e-mail or user name, so they can find your data.")),
        (("--to", "to"), dict(
            help="Recipient: a person or role (e.g. 'Data Protection Officer') or an e-mail address.")),
        (("--to-address",), dict(help="The recipient's postal address (separate lines with ' ; ').")),
        (("--siren",), dict(help="complaint: the organisation's SIREN number, if you know it.")),
        (("--lang",), dict(type=click.Choice(["en", "fr"]), default=None,
                           help="Language of the letter (default: the report's language if French, else English). "
                                "The CNIL complaint is always in French.")),
        (("--format", "fmt"), dict(type=click.Choice(FORMATS), default="txt", show_default=True)),
        (("-o", "--output"), dict(type=click.Path(dir_okay=False), default=None, help="Write the letter to FILE.")),
        (("--from-report", "report_path"), dict(
            type=click.Path(dir_okay=False), default=None,
            help="A JSON report (fineprint audit --format json): quote its clauses and tie the request to them.")),
        (("--policy", "policy_path"), dict(
            default=None, help="A privacy policy (file or URL) to take the recipient (controller, DPO contact) from.")),
        (("--date", "letter_date"), dict(
            type=_DATE, default=None,
            help="Date of the letter, YYYY-MM-DD (default: today); the one-month deadline runs from it.")),
        (("--detail", "details"), dict(
            multiple=True,
            help="What the request is about (data, processing, consent, correct value); repeat for several.")),
        (("--ground", "grounds"), dict(multiple=True, help=_grounds_help())),
        (("--reason",), dict(help="objection: the grounds relating to your particular situation.")),
        (("--marketing",), dict(is_flag=True, help="objection: to direct marketing (no reason needed, Art. 21(2)).")),
        (("--transmit-to",), dict(help="portability: the controller to send your data to directly (Art. 20(2)).")),
        (("--sent",), dict(type=_DATE, default=None,
                           help="reminder, complaint: the date you sent the original request, YYYY-MM-DD.")),
        (("--about",), dict(type=_Choice(request_rights(), _extra_rights()), default=None,
                            help="reminder, complaint: the right the original request exercised.")),
        (("--facts",), dict(help="complaint: the facts, in your words.")),
        (("--reply",), dict(help="complaint: what the organisation answered, if it did.")),
        (("--contract-date", "contract_date"), dict(
            type=_DATE, default=None, help="withdrawal: the day the contract was concluded, YYYY-MM-DD.")),
        (("--received",), dict(type=_DATE, default=None,
                               help="withdrawal: the day you received the goods, YYYY-MM-DD (the 14 days run from it).")),
        (("--order",), dict(default=None, help="withdrawal: the order number.")),
        (("--not-informed", "not_informed"), dict(
            is_flag=True, help="withdrawal: the trader did not inform you of the right of withdrawal before the "
                               "contract; a late letter then claims the 12-month extension (L221-20).")),
        (("--item", "items"), dict(multiple=True, help="withdrawal: what you ordered; repeat for several.")),
        (("--subscription",), dict(default=None, help="cancel: the subscription or contract you end.")),
        (("--effective",), dict(type=_DATE, default=None,
                                help="cancel: when it should end, YYYY-MM-DD (default: the end of the current period).")),
        (("--renewed-on", "renewed_on"), dict(
            type=_DATE, default=None,
            help="cancel: the last tacit renewal, when the trader did not warn you before it (France, L215-1).")),
        (("--record",), dict(is_flag=True, help="Also record the request in the journal (fineprint requests).")),
    ]


_LETTER_EPILOG = ("Every letter cites the law it relies on and states the deadline as a date. With --from-report it "
                  "quotes the\n    clauses the audit found (e.g. a consent said to be perpetual) and ties the request "
                  "to them.")


def _grounds_help() -> str:
    """erasure: no-longer-needed | consent-withdrawn | ...; restriction: ... -- from the grounds of rights.yaml."""
    parts = [f"{right}: {' | '.join(entry['grounds'])}" for right, entry in letter_types().items()
             if entry.get("grounds")]
    return f"{'; '.join(parts)} (default: all, as alternatives)."


def _letter_command() -> click.Command:
    """`fineprint letter RIGHT [OPTIONS]`, built from ``letter_options()`` and the registry of letter types."""
    command = _write_letter
    for decls, settings in reversed(letter_options()):
        command = click.option(*decls, **settings)(command)
    from ..cli_options import country_option

    command = country_option(help=_COUNTRY_HELP)(command)
    command = click.argument("right", type=_Choice(rights(), _extra_rights()), metavar="RIGHT")(command)
    from .consumer import consumer_rights, consumer_table

    intro = rights_table()["letter_help"].format(requests=", ".join(request_rights()))
    intro = intro.rstrip(".") + consumer_table()["letter_help"].format(consumer=", ".join(consumer_rights()))
    command.__doc__ = f"{intro}\n\n    {_LETTER_EPILOG}"
    return click.command("letter")(command)


def _write_letter(right, **opts):
    from .contacts import suggest_recipient
    from .compose import LetterRequest, Person, Recipient, compose_letter
    from .from_report import quotes_for, read_report
    from .consumer import ConsumerComplaint, is_consumer
    from .regional import ComplaintElsewhere, law_for

    consumer = is_consumer(right, opts["about"])
    if consumer:
        from ..errors import UsageError

        for option, key in (("--company", "company"), ("--order", "order"), ("--subscription", "subscription")):
            if opts.get(key) is not None and not opts[key].strip():
                raise UsageError(f"{option} is empty: " + ("give the trader's name (or leave the option out for a "
                                                           "[trader's name] placeholder)" if key == "company" else
                                                           "give it, or leave the option out"))
    try:
        law = None if consumer else law_for(opts["country"], right)
    except ComplaintElsewhere as where:
        click.echo(str(where))
        return
    company, to, to_address, policy_path = opts["company"], opts["to"], opts["to_address"], opts["policy_path"]
    today = _day(opts["letter_date"]) or date.today()
    report = read_report(opts["report_path"]) if opts["report_path"] else None
    lang = opts["lang"] or (report.language if report and report.language in ("en", "fr") else "en")
    if consumer:
        from .consumer import consumer_table

        table = consumer_table()
    else:
        table = law.table if law else None
    quotes = quotes_for(right, report, table=table) if report else ()
    if report and not quotes:
        _note(f"the report has no finding that a {right} letter quotes; the letter cites the law only")

    to_email = to if to and "@" in to else ""
    to_name = to if to and "@" not in to else ""
    prefilled = {}
    contacts = ()
    if policy_path:
        contacts, _ = _policy_contacts(policy_path)
    elif report and (report.kind == "privacy-policy"
                     or any(f["id"] == "practice.contact-information" for f in report.findings)):
        contacts = _report_contacts(report)
    if contacts:
        suggestion = suggest_recipient(contacts)
        for field_name, contact, given in (("company", suggestion.organisation, company),
                                           ("email", suggestion.email, to_email),
                                           ("address", suggestion.address, to_address),
                                           ("web form", suggestion.web_form, None)):
            if contact is not None and not given:
                prefilled[field_name] = contact
        if "web form" in prefilled and (to_email or to_address or "email" in prefilled or "address" in prefilled):
            del prefilled["web form"]  # the letter shows a web form only when there is nowhere to post or mail it
        for field_name, contact in prefilled.items():
            who = " (data protection officer)" if contact.role == "dpo" else ""
            _note(f"recipient {field_name} taken from the policy{who}: {contact.value} — from: "
                  f"\"{_short(contact.clause)}\" Check it before sending.")
    elif policy_path:
        _note("no controller or DPO contact found in the policy; give --company and --to yourself")

    def pick(key, given):
        return given or (prefilled[key].value if key in prefilled else "")

    request = LetterRequest(
        right=right, date=today, lang=lang,
        person=Person(**{f: opts[f] or "" for f in ("name", "email", "address", "account")}),
        recipient=Recipient(company=pick("company", company), to=to_name or (
            ("Délégué à la protection des données" if lang == "fr" else "Data Protection Officer")
            if "email" in prefilled and prefilled["email"].role == "dpo" else ""),
            address=pick("address", to_address), email=pick("email", to_email),
            web_form=pick("web form", None), siren=opts["siren"] or ""),
        quotes=quotes, source=report.source if report else "", **_request_fields(opts))
    if consumer:
        from .consumer import law_for as consumer_law

        try:
            law = consumer_law(opts["country"], request)
        except ConsumerComplaint as where:
            click.echo(str(where))
            return
        if request.renewed_on and law.context.get("j") != "fr":
            _note("--renewed-on is used only under French law (Code de la consommation L215-1, free cancellation "
                  "after a renewal without notice); this letter does not use it")
    else:
        from .consumer import check_request

        check_request(request)  # a consumer letter's own options on another letter: a one-line error
    letter = compose_letter(request, law)
    text = letter.render(opts["fmt"])
    output = opts["output"]
    if output:
        try:
            Path(output).write_text(text, encoding="utf-8")
        except OSError as exc:
            from ..errors import UsageError

            raise UsageError(f"cannot write {output}: {exc.strerror or exc}") from None
    else:
        click.echo(text, nl=not text.endswith("\n"))
    for message in letter.notes:
        _note(message)
    if opts["record"]:
        requests = tuple(r for r, e in law.table["rights"].items() if e["kind"] in ("request", "consumer")) \
            if law else request_rights()
        if right in requests and letter.deadline is None:
            _note(f"--record keeps requests with a deadline; the law sets none for a {right} request: not recorded")
        elif right in requests:
            from .journal import RequestJournal

            journal = RequestJournal()
            entry = journal.add(request.recipient.company or "?", right, today, country=opts["country"],
                                recipient=request.recipient.email or request.recipient.address,
                                lang=letter.lang, name=request.person.name,
                                goods=bool(consumer and law.context.get("goods")))
            _note(f"recorded as request #{entry.id} in {journal.path}; deadline {entry.deadline.isoformat()}")
        else:
            _note(f"--record keeps requests only; a {right} is not recorded")


def _request_fields(opts: dict) -> dict:
    """The options named after a LetterRequest field (details, grounds, reason, sent, about ...), as it wants them."""
    import dataclasses

    from .compose import LetterRequest

    out = {}
    for f in dataclasses.fields(LetterRequest):
        if f.name not in opts or f.name in ("date", "lang"):
            continue
        value = opts[f.name]
        if isinstance(value, tuple):
            out[f.name] = value
        elif hasattr(value, "date") and callable(value.date):  # click.DateTime gives a datetime
            out[f.name] = value.date()
        elif value is None:
            out[f.name] = f.default
        else:
            out[f.name] = value
    return out


letter_command = _letter_command()


@click.group("requests")
@click.option("--journal", "journal_path", type=click.Path(dir_okay=False), default=None,
              help="Journal file (default: requests.sqlite3 in $FINEPRINT_DATA_DIR or the user data directory).")
@click.pass_context
def requests_command(ctx, journal_path):
    """Track the rights requests you sent and their one-month deadlines (a local SQLite journal)."""
    from .journal import RequestJournal

    ctx.obj = RequestJournal(journal_path)


def _country(f):
    from ..cli_options import country_option

    return country_option(help=_COUNTRY_HELP)(f)


@requests_command.command("add")
@click.option("--company", required=True, help="The organisation you wrote to.")
@click.option("--right", type=_Choice(request_rights(), _extra_rights()), required=True,
              help="The right you exercised.")
@click.option("--sent", type=_DATE, default=None, help="When you sent it, YYYY-MM-DD (default: today).")
@click.option("--to", "to", default="", help="Where you sent it (e-mail or address).")
@click.option("--note", default="", help="Anything to remember (reference, registered-mail number).")
@click.option("--lang", type=click.Choice(["en", "fr"]), default=None,
              help="The language of the letter you sent: `requests list` suggests the reminder in it.")
@click.option("--name", default="", help="Your name as the letter gave it, for the reminder.")
@click.option("--goods", is_flag=True,
              help="withdrawal: the contract was a sale of goods (the refund may wait for their return).")
@click.option("--returned", type=_DATE, default=None,
              help="withdrawal: the day you sent the goods back, YYYY-MM-DD, with proof of sending (implies --goods).")
@_country
@click.pass_obj
def requests_add(journal, company, right, sent, to, note, lang, name, goods, returned, country):
    """Record a request you sent; its deadline is one month later (GDPR Art. 12(3)); a withdrawal's refund, 14 days
    (for goods, see --goods and --returned)."""
    sent_on = _day(sent) or date.today()
    returned_on = _day(returned)
    if returned_on and returned_on > date.today():
        from ..errors import UsageError

        raise UsageError(f"--returned {returned_on.isoformat()} is in the future: record the day the goods were sent "
                         "back, once they are")
    entry = journal.add(company, right, sent_on, recipient=to, note=note, country=country,
                        lang=lang or "", name=name, goods=goods, returned=returned_on)
    click.echo(f"#{entry.id} {entry.shown} request to {entry.company}, sent {entry.sent.isoformat()}: "
               f"answer due by {entry.deadline.isoformat()} (journal: {journal.path})")
    if goods or returned_on:  # when the refund is really due, as `requests list` repeats once it is overdue
        click.echo(f"     note: {entry.note}")


@requests_command.command("list")
@click.option("--all", "include_done", is_flag=True, help="Include requests marked done.")
@click.option("--today", type=_DATE, default=None, help="Compare deadlines with this date (default: today).")
@click.pass_obj
def requests_list(journal, include_done, today):
    """List open requests, soonest deadline first, and what to do about those past their deadline."""
    today = _day(today) or date.today()
    entries = journal.list(include_done=include_done)
    from ..safetext import one_line

    for rid, why in journal.unreadable:
        click.echo(f"fineprint: warning: request #{one_line(str(rid))} in the journal cannot be read "
                   f"({one_line(why)[:120]}); fix or remove it with sqlite3 {journal.path}", err=True)
    if not entries:
        click.echo("No open requests." if not include_done else "No requests recorded.")
        return
    for e in entries:
        head = f"#{e.id:<3} {e.shown:<16} {e.company}  sent {e.sent.isoformat()}  due {e.deadline.isoformat()}"
        if e.status == "done":
            click.echo(f"{head}  done {e.closed.isoformat() if e.closed else ''}"
                       f"{': ' + e.outcome if e.outcome else ''}")
            continue
        if not e.overdue(today):
            left = e.days_left(today)
            click.echo(f"{head}  ({left} day{'s' if left != 1 else ''} left)")
            continue
        late = (today - e.deadline).days
        common = f"--company {shlex.quote(e.company)} --sent {e.sent.isoformat()} --about {e.request_right}"
        if e.lang:  # the reminder in the letter's language, signed by the same name
            common += f" --lang {e.lang}"
        if e.name:
            common += f" --name {shlex.quote(e.name)}"
        click.echo(f"{head}  OVERDUE by {late} day{'s' if late != 1 else ''}")
        from .consumer import consumer_rights, follow_up_hint

        if e.request_right in consumer_rights():
            country = {"uk": " --country GB", "eu": " --country CODE"}.get(e.region, "")
            click.echo(f"     send a reminder:      fineprint letter reminder {common}{country}")
            click.echo(f"     or:                   {follow_up_hint(e.region)}")
        elif e.region:
            from .regional import regions_table

            authority = regions_table()[e.region]["authority"]
            country = "GB" if e.region == "uk" else "US"
            click.echo(f"     send a reminder:      fineprint letter reminder {common} --country {country}")
            click.echo(f"     or complain:          {authority['name']}, {authority['url']}")
        else:
            click.echo(f"     send a reminder:      fineprint letter reminder {common}")
            click.echo(f"     or complain (CNIL):   fineprint letter complaint {common}")
        if e.note:
            click.echo(f"     note: {e.note}")


@requests_command.command("done")
@click.argument("request_id", type=click.IntRange(min=1))
@click.option("--outcome", default="", help="What came of it (answered, partial answer, refused ...).")
@click.pass_obj
def requests_done(journal, request_id, outcome):
    """Mark request ID as answered or closed."""
    entry = journal.done(request_id, outcome=outcome)
    click.echo(f"#{entry.id} {entry.shown} request to {entry.company} marked done")
