"""Build a rights letter: the article table (rights.yaml) + a Jinja2 template per right and language -> a Letter,
rendered as plain text, Markdown or HTML.

Templates write a tiny line markup so that one template serves every format: a blank line ends a block, "- " starts
a list item, "> " a quoted line, "## " an emphasised line (subject, section title), "---" separates the letter from
the note addressed to the user. Every GDPR article a template cites goes through ``art()``, which refuses an article
that the table does not list for that letter: a wrong legal basis is a rendering error, not a silent mistake.
"""
from __future__ import annotations

import calendar
import functools
import html
import re
import textwrap
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..errors import ResourceError, UsageError

HERE = Path(__file__).resolve().parent
TEMPLATES = HERE / "templates"
LANGUAGES = ("en", "fr")
FORMATS = ("txt", "md", "html")

_MONTHS_FR = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
              "novembre", "décembre")
_MONTHS_EN = tuple(calendar.month_name)[1:]


@functools.lru_cache(maxsize=1)
def _table() -> dict:
    return {"rights": letter_data("rights.yaml"), "ties": letter_data("ties.yaml")}


def letter_data(name: str):
    """One of the letters' YAML tables (rights.yaml, ties.yaml, regions.yaml, consumer.yaml), parsed; a missing or
    broken file is a ResourceError (one line for the user)."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's when present: the same data, faster
    try:
        with (HERE / name).open(encoding="utf-8") as fh:
            return yaml.load(fh, Loader=loader)  # noqa: S506 - a safe loader
    except (OSError, yaml.YAMLError) as exc:
        raise ResourceError(f"letter data is missing or broken ({exc}); reinstall fineprint") from exc


def rights_table() -> dict:
    """The parsed article table (rights.yaml): {"common": [...], "rights": {right: {...}}, "cnil": {...}}."""
    return _table()["rights"]


def ties_table() -> dict:
    """Finding id -> {"articles": [...], "en": sentence, "fr": sentence} (ties.yaml)."""
    return _table()["ties"]


def letter_types() -> dict[str, dict]:
    """The registry of letter types: every entry of rights.yaml's ``rights``, in its order (see its header)."""
    return rights_table()["rights"]


def rights() -> tuple[str, ...]:
    """Every letter ``fineprint letter`` writes: ``RIGHTS``."""
    return tuple(letter_types())


def request_rights() -> tuple[str, ...]:
    """The letters that are GDPR requests (kind "request"), which a reminder or a complaint can be about and the
    request journal records: ``REQUEST_RIGHTS``."""
    return tuple(right for right, entry in letter_types().items() if entry["kind"] == "request")


def __getattr__(name: str):
    # RIGHTS and REQUEST_RIGHTS are read from rights.yaml when first used, so that importing fineprint.letters
    # reads no file
    if name == "RIGHTS":
        return rights()
    if name == "REQUEST_RIGHTS":
        return request_rights()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def one_month_after(day: date) -> date:
    """The Art. 12(3) deadline: the same day next month, clamped to the month's end (31 Jan -> 28/29 Feb)."""
    year, month = (day.year + 1, 1) if day.month == 12 else (day.year, day.month + 1)
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def format_date(day: date, lang: str) -> str:
    """'1er mars 2026' / '1 March 2026'."""
    if lang == "fr":
        return f"{'1er' if day.day == 1 else day.day} {_MONTHS_FR[day.month - 1]} {day.year}"
    return f"{day.day} {_MONTHS_EN[day.month - 1]} {day.year}"


@dataclass(frozen=True, slots=True)
class Person:
    """The person making the request."""

    name: str = ""
    email: str = ""
    address: str = ""  # lines separated by newlines or " ; "
    account: str = ""  # customer number, account e-mail or user name, so the controller can find the data


@dataclass(frozen=True, slots=True)
class Recipient:
    """The controller (and, when known, its DPO or privacy contact) the letter goes to."""

    company: str = ""
    to: str = ""  # e.g. "Data Protection Officer"
    address: str = ""
    email: str = ""
    web_form: str = ""
    siren: str = ""  # French company number, for the CNIL complaint


@dataclass(frozen=True, slots=True)
class Quote:
    """A clause quoted from an audit report, with the finding ids it was flagged with."""

    text: str
    finding_ids: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class LetterRequest:
    """Everything a letter is built from. ``date`` is the letter's date (the deadline runs from it)."""

    right: str
    date: date
    person: Person = Person()
    recipient: Recipient = Recipient()
    lang: str = "en"
    details: tuple[str, ...] = ()  # which data / processing / consent, one item each
    grounds: tuple[str, ...] = ()  # erasure and restriction grounds (keys of rights.yaml); () = all, as alternatives
    reason: str = ""  # objection: grounds relating to one's particular situation
    marketing: bool = False  # objection to direct marketing (Art. 21(2)-(3)): no reason needed
    transmit_to: str = ""  # portability: controller to transmit the data to (Art. 20(2))
    sent: date | None = None  # reminder / complaint: when the original request was sent
    about: str | None = None  # reminder / complaint: the right the original request exercised
    facts: str = ""  # complaint: facts in the person's words
    reply: str = ""  # complaint: what the controller answered, if anything
    quotes: tuple[Quote, ...] = ()
    source: str = ""  # the audited document the quotes come from
    # consumer letters (consumer.py): withdrawal
    contract_date: date | None = None  # the day the contract was concluded
    received: date | None = None  # the day the goods were received
    order: str = ""  # order number
    items: tuple[str, ...] = ()  # what was ordered, one item each
    not_informed: bool = False  # the trader did not inform the consumer of the right (the 12-month extension)
    # consumer letters: cancel
    subscription: str = ""  # what is cancelled
    effective: date | None = None  # when the cancellation should take effect (None: as soon as the contract allows)
    renewed_on: date | None = None  # the last tacit renewal, when the trader sent no notice before it (L215-1)


@dataclass(frozen=True, slots=True)
class Letter:
    right: str
    lang: str
    subject: str
    deadline: date | None
    markup: str  # the template output (line markup, see the module docstring)
    articles: tuple[str, ...]  # GDPR articles the letter cites, in order of first citation
    notes: tuple[str, ...] = field(default=(), hash=False)  # for the user: to print on stderr, not in the letter

    def render(self, fmt: str = "txt") -> str:
        """The letter as ``txt``, ``md`` or ``html``."""
        if fmt not in FORMATS:
            raise UsageError(f"unknown letter format {fmt!r}; choose one of {', '.join(FORMATS)}")
        blocks = parse_markup(self.markup)
        return {"txt": _to_text, "md": _to_markdown, "html": _to_html}[fmt](blocks, self)


def _article_allowed(article: str, allowed: set[str]) -> bool:
    return any(article == a or article.startswith(a + "(") for a in allowed)


def _split_lines(value: str) -> list[str]:
    return [part.strip() for part in re.split(r"\n|\s;\s|\\n", value) if part.strip()]


def _elide_de(word: str) -> str:
    return ("d'" if word[:1].lower() in "aeéèêiîoôuh" else "de ") + word


@dataclass(frozen=True, slots=True)
class Law:
    """The law a letter is written under, when it is not the GDPR of rights.yaml (see ``regional.py``): its letter
    types and citations, how a citation reads, how the deadline is counted, which templates override the shared
    ones (``<name>.<region>.<lang>.j2``) and which language it is written in."""

    region: str  # "uk" | "us": the infix of its own templates
    table: dict  # {"common": [...], "rights": {right: entry}}: the same shape as rights.yaml
    cite: object  # (reference, lang) -> the words the letter prints
    deadline: object  # (day, entry) -> date | None
    ties: dict  # finding id -> {"articles": [...], "en": sentence}
    language: str = "en"
    language_note: str = ""
    name: str = ""  # "UK GDPR", "CCPA": in error messages
    context: dict = field(default_factory=dict)


def compose_letter(request: LetterRequest, law: Law | None = None) -> Letter:
    """Render ``request`` into a Letter (raises UsageError on inconsistent options). Without ``law``: a GDPR
    letter from rights.yaml; with one (``regional.law_for``), a letter under that law."""
    table = law.table if law else rights_table()
    if request.right not in table["rights"]:
        choices = tuple(table["rights"]) if law else rights()
        raise UsageError(f"unknown right {request.right!r}; choose one of {', '.join(choices)}")
    if request.lang not in LANGUAGES:
        raise UsageError(f"unknown language {request.lang!r}; choose en or fr")
    entry = table["rights"][request.right]
    notes: list[str] = []
    lang = request.lang
    if law and law.language and lang != law.language:  # a law written in one language only
        lang = law.language
        notes.append(law.language_note)
    if entry.get("only_language") and entry["only_language"] != lang:
        lang = entry["only_language"]
        notes.append("The complaint to the CNIL is written in French, the language of the French authority.")

    allowed = set(table["common"]) | set(entry["articles"])
    about = None
    follow_up = entry["kind"] == "follow-up"
    if follow_up:
        if entry.get("needs_sent") and request.sent is None:
            raise UsageError(f"a {entry['name']['en']} needs --sent DATE: the day the original request was sent")
        # a follow-up chases a request, or a consumer letter with a deadline (a withdrawal's refund)
        requests = [r for r, e in table["rights"].items() if e["kind"] == "request" or
                    (e["kind"] == "consumer" and e.get("days"))] if law else request_rights()
        if request.about and request.about not in requests:
            raise UsageError(f"--about must be one of {', '.join(requests)}")
        about_key = request.about or "access"
        if request.sent and not request.about:
            notes.append("--about not given: the letter assumes the original request was an access request.")
        about_entry = table["rights"][about_key]
        allowed |= {about_entry["main"]}
        about = {"key": about_key, "main": about_entry["main"], "name_en": about_entry["name"]["en"],
                 "name_fr": about_entry["name"]["fr"], "de_fr": _elide_de(about_entry["name"]["fr"])}

    grounds = []
    if "grounds" in entry:
        choices = entry["grounds"]
        unknown = [g for g in request.grounds if g not in choices]
        if unknown:
            raise UsageError(f"unknown ground {unknown[0]!r} for {request.right}; choose from {', '.join(choices)}")
        keys = request.grounds or tuple(choices)
        grounds = [{"key": k, "article": choices[k]["article"], "text": choices[k][lang]} for k in keys]
    elif request.grounds:
        with_grounds = [right for right, e in table["rights"].items() if "grounds" in e]
        raise UsageError(f"--ground applies to {' and '.join(with_grounds)} only, not to {request.right}")

    ties = law.ties if law else ties_table()
    quotes = []
    said: set[str] = set()  # a legal paragraph is written once, under the first clause it answers
    for quote in request.quotes:
        sentences = []
        for fid in quote.finding_ids:
            if fid in ties and lang in ties[fid]:
                allowed |= set(ties[fid]["articles"])
                if ties[fid][lang] not in said:
                    said.add(ties[fid][lang])
                    sentences.append(ties[fid][lang])
        quotes.append({"text": quote.text, "ties": sentences, "ids": quote.finding_ids})

    if law:
        chased = table["rights"][about["key"]] if about else entry
        day = request.sent if follow_up else request.date
        deadline = law.deadline(day, chased) if day else None
    elif follow_up:
        deadline = one_month_after(request.sent) if request.sent else None
    else:
        deadline = one_month_after(request.date)

    cited: list[str] = []

    def art(article: str) -> str:
        if not _article_allowed(article, allowed):
            where = f"{law.region} " if law else ""
            raise ResourceError(f"letter template {request.right}.{where}{lang} cites {law.name if law else 'GDPR'} "
                                f"{'' if law else 'Art. '}{article}, which the article table does not list for this "
                                "letter")
        if article not in cited:
            cited.append(article)
        if law:
            return law.cite(article, lang)
        return f"article {article} du RGPD" if lang == "fr" else f"Article {article} GDPR"

    person = request.person
    rec = request.recipient
    consumer = bool(law and law.region == "consumer")
    if consumer:
        company = rec.company or ("[nom du professionnel]" if lang == "fr" else "[trader's name]")
    else:
        company = rec.company or ("[nom de l'organisme]" if lang == "fr" else "[name of the organisation]")
    sender = [person.name or ("[Vos prénom et nom]" if lang == "fr" else "[Your full name]")]
    sender += _split_lines(person.address)
    if person.email:
        sender.append(person.email)
    if entry.get("recipient") == "cnil":
        cnil = table["cnil"]
        recipient = [cnil["name"], *cnil["address"]]
    else:
        recipient = [rec.to, company] if rec.to else [company]
        recipient += _split_lines(rec.address)
        if rec.email:
            recipient.append(rec.email)
        if rec.web_form and not rec.email and not rec.address:
            recipient.append(rec.web_form)
    company_lines = [company, *_split_lines(rec.address)]
    if rec.siren:
        company_lines.append(f"SIREN : {rec.siren}")

    subject = entry["subject"][lang].format(
        sent=format_date(request.sent, lang) if request.sent else "", company=company)
    n = len(quotes)
    source = request.source
    if source and not re.match(r"^[a-z]+://", source):
        source = Path(source).name  # a local path says nothing to the company; the file name may
    if consumer:  # a letter to a trader names its terms, never a file name or "pasted text" (internal labels)
        if lang == "fr":
            quote_intro = (f"Vos conditions générales contiennent "
                           f"{'la clause suivante' if n == 1 else 'les clauses suivantes'} :")
        else:
            quote_intro = f"Your terms and conditions contain the following clause{'s' if n > 1 else ''}:"
    elif lang == "fr":
        where = f"Le document « {source} »" if source else "Vos conditions"
        verb = "contient" if source else "contiennent"
        quote_intro = f"{where} {verb} {'la clause suivante' if n == 1 else 'les clauses suivantes'} :"
    else:
        where = f"The document “{source}”" if source else "Your terms"
        verb = "contains" if source else "contain"
        quote_intro = f"{where} {verb} the following clause{'s' if n > 1 else ''}:"

    context = {
        "person": person, "recipient": recipient, "sender": sender, "company": company,
        "company_lines": company_lines, "date": request.date, "deadline": deadline, "subject": subject,
        "details": list(request.details), "grounds": grounds, "reason": request.reason,
        "marketing": request.marketing, "transmit_to": request.transmit_to, "sent": request.sent, "about": about,
        "facts": request.facts, "reply": request.reply, "quotes": quotes, "quote_intro": quote_intro,
        "source": source, "cnil": table.get("cnil", {}),
        "publication": any("rights.likeness-use" in q["ids"] for q in quotes),
        "entry": entry, **(law.context if law else {}),
    }
    template = _environment(law.region if law else "").get_template(f"{request.right}.{lang}.j2")
    markup = template.render(**context, art=art, sec=art, reg=art, cite=art, fdate=lambda d: format_date(d, lang))
    markup = _tidy(markup)
    if lang == "fr":
        from ..report.common import typography

        markup = typography(markup, lang)  # no-break spaces before : ; ! ? » and after « (French typography)
    # placeholders are ours; brackets inside a quoted clause ("[Temu]") are the company's words
    own_words = "\n".join(line for line in markup.split("\n---\n")[0].splitlines() if not line.startswith("> "))
    if re.search(r"\[[^\]]{3,}\]", own_words):
        notes.append("Fill in the parts in [brackets] before sending.")
    return Letter(right=request.right, lang=lang, subject=subject, deadline=deadline, markup=markup,
                  articles=tuple(cited), notes=tuple(notes))


@functools.lru_cache(maxsize=4)
def _environment(region: str = ""):
    import jinja2

    loader = jinja2.FileSystemLoader(str(TEMPLATES))
    if region:
        # a region's own template ("base.us.en.j2") replaces the shared one ("base.en.j2") wherever it is named
        shared = loader

        class RegionLoader(jinja2.BaseLoader):
            def get_source(self, environment, template):
                stem, dot, rest = template.partition(".")
                try:
                    return shared.get_source(environment, f"{stem}.{region}.{rest}")
                except jinja2.TemplateNotFound:
                    return shared.get_source(environment, template)

        loader = RegionLoader()
    return jinja2.Environment(
        loader=loader,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,  # the markup is plain text; HTML output escapes every piece of text itself
    )


def _tidy(markup: str) -> str:
    lines = [line.rstrip() for line in markup.splitlines()]
    text = "\n".join(lines).strip("\n")
    return re.sub(r"\n{3,}", "\n\n", text) + "\n"


@dataclass(frozen=True, slots=True)
class Block:
    kind: str  # paragraph | list | quote | heading | rule
    lines: tuple[str, ...]


def parse_markup(markup: str) -> list[Block]:
    """Split the line markup into blocks (see the module docstring)."""
    blocks: list[Block] = []
    kind, lines = None, []

    def close():
        nonlocal kind, lines
        if kind and lines:
            blocks.append(Block(kind, tuple(lines)))
        kind, lines = None, []

    for line in markup.splitlines():
        if not line.strip():
            close()
        elif line.strip() == "---":
            close()
            blocks.append(Block("rule", ()))
        elif line.startswith("## "):
            close()
            blocks.append(Block("heading", (line[3:],)))
        else:
            this, content = ("list", line[2:]) if line.startswith("- ") else \
                ("quote", line[2:]) if line.startswith("> ") else ("paragraph", line)
            if this != kind:
                close()
                kind = this
            lines.append(content)
    close()
    return blocks


WIDTH = 80


def _to_text(blocks: list[Block], letter: Letter) -> str:
    out = []
    for block in blocks:
        if block.kind == "paragraph":
            out.append("\n".join(textwrap.fill(line, WIDTH) for line in block.lines))
        elif block.kind == "heading":
            out.append(textwrap.fill(block.lines[0], WIDTH))
        elif block.kind == "list":
            out.append("\n".join(textwrap.fill(line, WIDTH, initial_indent="  - ", subsequent_indent="    ")
                                 for line in block.lines))
        elif block.kind == "quote":
            out.append("\n".join(textwrap.fill(line, WIDTH - 4, initial_indent="    ", subsequent_indent="    ")
                                 for line in block.lines))
        else:
            out.append("-" * 20)
    return "\n\n".join(out) + "\n"


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")


def _md(text: str) -> str:
    # Placeholders like "[Your full name]" stay readable: only characters that would change the layout are escaped.
    return _MD_SPECIAL.sub(r"\\\1", text)


def _to_markdown(blocks: list[Block], letter: Letter) -> str:
    out = []
    for block in blocks:
        if block.kind == "paragraph":
            out.append("  \n".join(_md(line) for line in block.lines))
        elif block.kind == "heading":
            out.append(f"**{_md(block.lines[0])}**")
        elif block.kind == "list":
            out.append("\n".join(f"- {_md(line)}" for line in block.lines))
        elif block.kind == "quote":
            out.append("\n>\n".join(f"> {_md(line)}" for line in block.lines))
        else:
            out.append("---")
    return "\n\n".join(out) + "\n"


_HTML_STYLE = ("body{font-family:Georgia,serif;max-width:42em;margin:2em auto;line-height:1.5;padding:0 1em}"
               "blockquote{border-left:3px solid #999;margin-left:0;padding-left:1em;font-style:italic}"
               "hr{margin:2em 0}hr~p{color:#555;font-size:.9em}")


def _to_html(blocks: list[Block], letter: Letter) -> str:
    esc = html.escape
    out = []
    for block in blocks:
        if block.kind == "paragraph":
            out.append("<p>" + "<br>\n".join(esc(line) for line in block.lines) + "</p>")
        elif block.kind == "heading":
            out.append(f"<p><strong>{esc(block.lines[0])}</strong></p>")
        elif block.kind == "list":
            out.append("<ul>\n" + "\n".join(f"<li>{esc(line)}</li>" for line in block.lines) + "\n</ul>")
        elif block.kind == "quote":
            out.append("<blockquote>" + "".join(f"<p>{esc(line)}</p>" for line in block.lines) + "</blockquote>")
        else:
            out.append("<hr>")
    body = "\n".join(out)
    return (f'<!DOCTYPE html>\n<html lang="{letter.lang}">\n<head>\n<meta charset="utf-8">\n'
            f"<title>{esc(letter.subject)}</title>\n<style>{_HTML_STYLE}</style>\n</head>\n<body>\n{body}\n"
            "</body>\n</html>\n")
