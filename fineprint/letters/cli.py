"""``fineprint letter RIGHT`` and ``fineprint requests add|list|done``.

Letters go to standard output (or ``-o FILE``); notes for the user — where a prefilled recipient came from, parts to
fill in — go to standard error, so the letter itself stays clean.
"""
from __future__ import annotations

import shlex
from datetime import date
from pathlib import Path

import click

from .compose import FORMATS, REQUEST_RIGHTS, RIGHTS

_DATE = click.DateTime(formats=["%Y-%m-%d"])
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
    from ..contacts import contacts_from_document, extract_contacts
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
    from ..contacts import extract_contacts

    contact_texts = [f.get("text", "") for f in report.findings if f["id"] == "practice.contact-information"]
    texts = contact_texts or [f.get("text", "") for f in report.findings]
    return extract_contacts(t for t in texts if t)


@click.command("letter")
@click.argument("right", type=click.Choice(RIGHTS), metavar="RIGHT")
@click.option("--company", help="The organisation you write to (the controller).")
@click.option("--name", help="Your full name.")
@click.option("--email", help="Your e-mail address, for the answer.")
@click.option("--address", help="Your postal address (separate lines with ' ; ').")
@click.option("--account", help="Customer number, account e-mail or user name, so they can find your data.")
@click.option("--to", "to", help="Recipient: a person or role (e.g. 'Data Protection Officer') or an e-mail address.")
@click.option("--to-address", help="The recipient's postal address (separate lines with ' ; ').")
@click.option("--siren", help="complaint: the organisation's SIREN number, if you know it.")
@click.option("--lang", type=click.Choice(["en", "fr"]), default=None,
              help="Language of the letter (default: the report's language if French, else English). "
                   "The CNIL complaint is always in French.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="txt", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None, help="Write the letter to FILE.")
@click.option("--from-report", "report_path", type=click.Path(dir_okay=False), default=None,
              help="A JSON report (fineprint audit --format json): quote its clauses and tie the request to them.")
@click.option("--policy", "policy_path", default=None,
              help="A privacy policy (file or URL) to take the recipient (controller, DPO contact) from.")
@click.option("--date", "letter_date", type=_DATE, default=None,
              help="Date of the letter, YYYY-MM-DD (default: today); the one-month deadline runs from it.")
@click.option("--detail", "details", multiple=True,
              help="What the request is about (data, processing, consent, correct value); repeat for several.")
@click.option("--ground", "grounds", multiple=True,
              help="erasure: no-longer-needed | consent-withdrawn | objection | unlawful; restriction: "
                   "contested-accuracy | unlawful | legal-claims | objection-pending (default: all, as alternatives).")
@click.option("--reason", help="objection: the grounds relating to your particular situation.")
@click.option("--marketing", is_flag=True, help="objection: to direct marketing (no reason needed, Art. 21(2)).")
@click.option("--transmit-to", help="portability: the controller to send your data to directly (Art. 20(2)).")
@click.option("--sent", type=_DATE, default=None,
              help="reminder, complaint: the date you sent the original request, YYYY-MM-DD.")
@click.option("--about", type=click.Choice(REQUEST_RIGHTS), default=None,
              help="reminder, complaint: the right the original request exercised.")
@click.option("--facts", help="complaint: the facts, in your words.")
@click.option("--reply", help="complaint: what the organisation answered, if it did.")
@click.option("--record", is_flag=True, help="Also record the request in the journal (fineprint requests).")
def letter_command(right, company, name, email, address, account, to, to_address, siren, lang, fmt, output,
                   report_path, policy_path, letter_date, details, grounds, reason, marketing, transmit_to, sent,
                   about, facts, reply, record):
    """Write a GDPR request letter: access, rectification, erasure, objection, withdraw-consent, portability,
    restriction; a reminder after the one-month deadline; or a complaint to the CNIL (in French).

    Every letter cites its GDPR article and states the deadline as a date. With --from-report it quotes the
    clauses the audit found (e.g. a consent said to be perpetual) and ties the request to them."""
    from ..contacts import suggest_recipient
    from .compose import LetterRequest, Person, Recipient, compose_letter
    from .from_report import quotes_for, read_report

    today = _day(letter_date) or date.today()
    report = read_report(report_path) if report_path else None
    lang = lang or (report.language if report and report.language in ("en", "fr") else "en")
    quotes = quotes_for(right, report) if report else ()
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
        person=Person(name=name or "", email=email or "", address=address or "", account=account or ""),
        recipient=Recipient(company=pick("company", company), to=to_name or (
            ("Délégué à la protection des données" if lang == "fr" else "Data Protection Officer")
            if "email" in prefilled and prefilled["email"].role == "dpo" else ""),
            address=pick("address", to_address), email=pick("email", to_email),
            web_form=pick("web form", None), siren=siren or ""),
        details=tuple(details), grounds=tuple(grounds), reason=reason or "", marketing=marketing,
        transmit_to=transmit_to or "", sent=_day(sent), about=about, facts=facts or "", reply=reply or "",
        quotes=quotes, source=report.source if report else "")
    letter = compose_letter(request)
    text = letter.render(fmt)
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
    if record:
        if right in REQUEST_RIGHTS:
            from ..store import RequestJournal

            journal = RequestJournal()
            entry = journal.add(request.recipient.company or "?", right, today,
                                recipient=request.recipient.email or request.recipient.address)
            _note(f"recorded as request #{entry.id} in {journal.path}; deadline {entry.deadline.isoformat()}")
        else:
            _note(f"--record keeps requests only; a {right} is not recorded")


@click.group("requests")
@click.option("--journal", "journal_path", type=click.Path(dir_okay=False), default=None,
              help="Journal file (default: requests.sqlite3 in $FINEPRINT_DATA_DIR or the user data directory).")
@click.pass_context
def requests_command(ctx, journal_path):
    """Track the rights requests you sent and their one-month deadlines (a local SQLite journal)."""
    from ..store import RequestJournal

    ctx.obj = RequestJournal(journal_path)


@requests_command.command("add")
@click.option("--company", required=True, help="The organisation you wrote to.")
@click.option("--right", type=click.Choice(REQUEST_RIGHTS), required=True, help="The right you exercised.")
@click.option("--sent", type=_DATE, default=None, help="When you sent it, YYYY-MM-DD (default: today).")
@click.option("--to", "to", default="", help="Where you sent it (e-mail or address).")
@click.option("--note", default="", help="Anything to remember (reference, registered-mail number).")
@click.pass_obj
def requests_add(journal, company, right, sent, to, note):
    """Record a request you sent; its deadline is one month later (GDPR Art. 12(3))."""
    entry = journal.add(company, right, _day(sent) or date.today(), recipient=to, note=note)
    click.echo(f"#{entry.id} {entry.right} request to {entry.company}, sent {entry.sent.isoformat()}: "
               f"answer due by {entry.deadline.isoformat()} (journal: {journal.path})")


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
        head = f"#{e.id:<3} {e.right:<16} {e.company}  sent {e.sent.isoformat()}  due {e.deadline.isoformat()}"
        if e.status == "done":
            click.echo(f"{head}  done {e.closed.isoformat() if e.closed else ''}"
                       f"{': ' + e.outcome if e.outcome else ''}")
            continue
        if not e.overdue(today):
            left = e.days_left(today)
            click.echo(f"{head}  ({left} day{'s' if left != 1 else ''} left)")
            continue
        late = (today - e.deadline).days
        common = f"--company {shlex.quote(e.company)} --sent {e.sent.isoformat()} --about {e.right}"
        click.echo(f"{head}  OVERDUE by {late} day{'s' if late != 1 else ''}")
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
    click.echo(f"#{entry.id} {entry.right} request to {entry.company} marked done")
