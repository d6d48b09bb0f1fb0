"""Who to write to: the controller's name and its privacy or DPO contact (e-mail, postal address, web form, phone),
extracted from a privacy policy, each with the passage it came from so the user can check it before sending.

Pure regular expressions over lines of text: an e-mail is an e-mail; a web form is a URL on a line that talks about
contacting, requests or privacy; a postal address is a line with a street, a P.O. box, a floor/suite or a postcode
next to a place name, joined with the short address lines around it; a phone number needs a "phone/tel" cue; an
organisation is a name ending with a legal form (Inc., Ltd, GmbH, SAS ...) or the name a policy defines as "we".
Whether a contact is the DPO's comes from its mailbox (dpo@, datenschutz@ ...) or a DPO mention near it.

    contacts = extract_contacts(policy_text)
    recipient = suggest_recipient(contacts)   # best e-mail, address, web form and organisation, or None each
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Iterable

from .. import postal

KINDS = ("organisation", "email", "address", "web-form", "phone")

# The TLD may stop before a capital: "info@example.comBy email" (passages glued together by extraction).
_EMAIL = re.compile(r"(?<![\w.+-])[A-Za-z0-9][A-Za-z0-9._%+-]*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*"
                    r"\.(?:[a-z]{2,24}(?=[A-Z]|\b)|[A-Z]{2,24}\b|[A-Z][a-z]{1,23}\b)")
_OBFUSCATED_EMAIL = re.compile(
    r"\b([A-Za-z0-9._-]+)\s*[\[(]\s*(?:at|@|arobase)\s*[\])]\s*([A-Za-z0-9-]+(?:\s*[\[(]\s*(?:dot|point)\s*[\])]\s*"
    r"[A-Za-z0-9-]+)+)", re.IGNORECASE)
_NOT_EMAIL_TLD = re.compile(r"\.(?:png|jpe?g|gif|svg|webp)$", re.IGNORECASE)
_URL = re.compile(r"\b(?:https?://|www\.)[^\s<>\"'()\[\]{}]+", re.IGNORECASE)
_DPO_MAILBOX = re.compile(r"^(?:dpo|dpd|gdpr|rgpd|data[._-]?protection|dataprotection|datenschutz|privacy[._-]?officer"
                          r"|protection[._-]?donnees|donnees[._-]?personnelles|dpo[._-]\w+)$", re.IGNORECASE)
_PRIVACY_MAILBOX = re.compile(r"privacy|privacidad|privacidade|datenschutz|gdpr|rgpd|dpo|dpd|donnees|legal|compliance",
                              re.IGNORECASE)
_DPO_CUE = re.compile(r"data protection officer|\bDPO\b|\bDPD\b|délégué(?:e)? à la protection des données|"
                      r"datenschutzbeauftragte|grievance officer|privacy officer", re.IGNORECASE)
# A URL is a contact channel only on a line that asks to contact, write, request or fill in a form.
_FORM_CUE = re.compile(r"contact|reach us|write to|request|demande|\bform\b|formulaire|exercise|exercer|submit|"
                       r"visit(?:ing)? (?:this|our) page|complaint|réclamation|grievance", re.IGNORECASE)
_NOT_FORM_PATH = re.compile(r"privacy|policy|policies|terms|cookie|legal|\.pdf$|opt-?out|choices", re.IGNORECASE)
_CONTACT_CUE = re.compile(r"contact|reach|write|e-?mail|mail|address|adresse|courrier|écrire|request|demande|form"
                          r"|formulaire|question|complain|exercise|exercer|privacy|confidentialité|données|data",
                          re.IGNORECASE)
_PHONE_CUE = re.compile(r"\b(?:phone|telephone|tel|téléphone|tél|call|mobile|contact no|hotline|whatsapp)\b\.?",
                        re.IGNORECASE)
_PHONE = re.compile(r"\+?\(?\d[\d\s()./-]{5,18}\d")
_INTERNATIONAL_PHONE_LINE = re.compile(r"^\+\d{1,3}[\d\s()./-]{6,16}\d$")
# Third-party sites a policy links to (their own policies, app stores): never the controller's web form.
_THIRD_PARTY_HOSTS = re.compile(
    r"(?:^|\.)(?:google|googleapis|gstatic|facebook|fb|apple|microsoft|amazon|adobe|twitter|x|instagram|linkedin|"
    r"youtube|firebase|admob|unity3d|unity|appsflyer|onesignal|paypal|stripe|cnil|europa|ico|ftc|w3|allaboutcookies|"
    r"aboutcookies|networkadvertising|youronlinechoices|aboutads|privacypolicies|termsfeed|freeprivacypolicy|"
    r"privacypolicygenerator|app-privacy-policy-generator|nishant|flycricket|iubenda|wikipedia)\.[a-z.]+$",
    re.IGNORECASE)

# What a street line, a postcode beside a place and a country look like is fineprint.postal's (shared with the structure
# reader, which keeps address lines from being taken for headings).
_LABEL = re.compile(r"^\s*(?:(?:postal |mailing |registered |office |head office |our )?address(?:e)?|adresse(?: postale)?|"
                    r"by (?:post|mail)|courrier|siège(?: social)?|registered office(?: address)?|located (?:at|in))"
                    r"\s*[:\-–]?\s*", re.IGNORECASE)
_LEGAL_FORM = (r"Inc\.?|Incorporated|LLC|L\.L\.C\.|Ltd\.?|Limited|GmbH|gGmbH|AG|UG|S\.A\.S\.?|SAS|SASU|SARL|"
               r"S\.A\.R\.L\.|EURL|S\.A\.|SA|SE|B\.V\.|BV|N\.V\.|NV|Pty\.?\s?Ltd\.?|PLC|plc|Corp\.?|Corporation|"
               r"Co\.,?\s?Ltd\.?|S\.r\.l\.|SRL|S\.L\.|SL|S\.p\.A\.|AB|Oy|ApS|A/S|AS|LLP|LP|Pvt\.?\s?Ltd\.?|"
               r"Private Limited|OÜ|Sp\.\s?z\s?o\.o\.|K\.K\.|KG")
_NAME_WORD = r"(?:[A-Z0-9][\w&'’.+-]*|&|and|of|de|du|des|la|le|et|for)"
_ORGANISATION = re.compile(
    r"\b((?:[A-Z0-9][\w&'’.+-]*)(?:\s+" + _NAME_WORD + r"){0,6}?|[a-z][\w&'’.+-]*),?\s+(" + _LEGAL_FORM +
    r")(?![\w])")
_DEFINED_AS_WE = re.compile(
    r"\b((?:[A-Z]|[a-z](?=[A-Z]))[\w&'’.+-]*(?:\s+[A-Z][\w&'’.+-]*){0,5})\s*(?:,\s*(?:" + _LEGAL_FORM + r"))?\s*\(\s*(?:[\w\s,]{0,40}?"
    r"(?i:referred to as|hereinafter|ci-après)[^)]{0,20}?)?(?:[\"“”'‘][^\"“”'‘)]{1,40}[\"“”'‘],?\s*)?(?i:the\s+)?"
    r"[\"“”'‘]{1,2}\s*(?i:we|us|our|the company|company|developer|provider|publisher|operator|controller|nous|"
    r"la société|l'éditeur|éditeur)\b")
# Generated app policies: "Margin Games built the Color Haze app", "This SERVICE is provided by Renato at no cost".
_BUILT_OR_PROVIDED_BY = re.compile(
    r"^((?:[A-Z0-9][\w&'’.+-]*)(?:\s+" + _NAME_WORD + r"){0,5}?)\s+built the\b"
    r"|\b(?i:is (?:provided|operated|owned|developed|published) by|(?:exploité|édité|publié) par)\s+"
    r"((?:[A-Z0-9][\w&'’.+-]*)(?:\s+" + _NAME_WORD + r"){0,5}?)(?=\s+(?:at|as|and|to|for|under|à|dans)\b|[.,;(]|$)")
_COMPANY_REFERS = re.compile(r"\brefers to\s+((?:[A-Z0-9][\w&'’.+-]*)(?:\s+" + _NAME_WORD + r"){0,7})", re.UNICODE)
_CONTROLLER_IS = re.compile(
    r"(?:data controller|controller|responsable (?:du|de) traitement)\s+(?:is|est|:)\s+((?:[A-Z0-9][\w&'’.+-]*)"
    r"(?:\s+" + _NAME_WORD + r"){0,6})", re.IGNORECASE)
_NOT_ORGANISATION = re.compile(r"^(?:the|this|our|your|we|us|a|an|any|all|such|if|for|by|in|company|app|application|"
                               r"service|services|website|privacy|policy|terms|google|facebook|apple|microsoft|amazon|"
                               r"firebase|admob|unity|meta)$", re.IGNORECASE)


# SDK and platform vendors that app policies name as recipients: "third-party" unless the policy defines them as "we".
_WELL_KNOWN_THIRD_PARTIES = re.compile(
    r"^(?:google|alphabet|facebook|meta(?: platforms)?|instagram|whatsapp|amazon(?:\.com)?|amazon web services|apple|"
    r"microsoft|linkedin|twitter|x corp|yahoo|verizon|oath|applovin|inmobi|unity(?: technologies)?|ironsource|vungle|"
    r"liftoff(?: mobile)?|adcolony|chartboost|flurry|appsflyer|adjust|branch metrics|onesignal|stripe|paypal|"
    r"mopub|tapjoy|fyber|digital turbine|bytedance|tiktok|pangle|mintegral|yandex|huawei|samsung|sentry|"
    r"automattic|cloudflare|mailchimp|intuit|hotjar|mixpanel|segment|amplitude|zendesk|salesforce|hubspot)\b",
    re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Contact:
    """One contact found in a policy, with where it came from."""

    kind: str  # organisation | email | address | web-form | phone
    value: str
    role: str  # "dpo" (data protection officer), "controller", or "third-party" (a well-known vendor named)
    clause: str  # the passage it was read from, to show the user
    start: int  # offsets of ``value`` in the text given to extract_contacts (-1 when not a plain substring)
    end: int


@dataclass(frozen=True, slots=True)
class SuggestedRecipient:
    """The contacts a letter would be addressed to; each field is a Contact (for its source clause) or None."""

    organisation: Contact | None
    email: Contact | None
    address: Contact | None
    web_form: Contact | None
    phone: Contact | None

    def is_empty(self) -> bool:
        return not any((self.organisation, self.email, self.address, self.web_form, self.phone))


def extract_contacts(text: str | Iterable[str]) -> tuple[Contact, ...]:
    """Every contact found in ``text`` (a policy, or clause texts joined by newlines), in reading order.

    Duplicates (same kind and value, case-insensitive) are kept once, at their first occurrence."""
    if not isinstance(text, str):
        text = "\n".join(text)
    lines = _lines(text)
    found: list[Contact] = []
    for index, (start, line) in enumerate(lines):
        window = " ".join(l for _, l in lines[max(0, index - 2):index + 1])
        dpo_context = bool(_DPO_CUE.search(window))
        found += _emails(line, start, dpo_context)
        found += _web_forms(line, start, dpo_context, " ".join(l for _, l in lines[max(0, index - 1):index + 1]))
        found += _phones(line, start, dpo_context, " ".join(l for _, l in lines[max(0, index - 1):index + 1]))
        found += _organisations(line, start)
    found += _addresses(lines)
    found.sort(key=lambda c: (c.start if c.start >= 0 else 1 << 60))
    seen: set[tuple[str, str]] = set()
    unique = []
    for c in found:
        key = (c.kind, c.value.casefold())
        if key not in seen:
            seen.add(key)
            unique.append(c)
    return tuple(unique)


def contacts_from_document(doc) -> tuple[Contact, ...]:
    """Contacts from a fineprint Document; the clause shown for each is the segmented clause that holds it."""
    contacts = extract_contacts(doc.text)
    try:
        from ..segment import segment_clauses

        clauses = segment_clauses(doc)
    except Exception:  # segmentation is a nicety here: the line the contact came from is shown instead
        return contacts
    out = []
    for c in contacts:
        holder = next((cl for cl in clauses if cl.start <= c.start < cl.end), None) if c.start >= 0 else None
        out.append(Contact(c.kind, c.value, c.role, holder.text if holder and len(holder.text) >= len(c.value)
                           else c.clause, c.start, c.end))
    return tuple(out)


def suggest_recipient(contacts: Iterable[Contact]) -> SuggestedRecipient:
    """Pick the most likely privacy contact of each kind: the DPO's first, then a privacy mailbox, then the most
    frequent; the organisation named most often (definitions of "we" count double)."""
    contacts = list(contacts)

    def best(kind: str, score) -> Contact | None:
        items = [c for c in contacts if c.kind == kind and c.role != "third-party"]
        if not items:
            return None
        counts = Counter(c.value.casefold() for c in items)
        return max(items, key=lambda c: (score(c), counts[c.value.casefold()], -items.index(c)))

    def email_score(c: Contact) -> int:
        local = c.value.split("@")[0]
        return (4 if c.role == "dpo" else 0) + (2 if _PRIVACY_MAILBOX.search(local) else 0) + \
            (1 if _CONTACT_CUE.search(c.clause) else 0) - (3 if re.search(r"no-?reply", local, re.I) else 0)

    def contact_score(c: Contact) -> int:
        return (2 if c.role == "dpo" else 0) + (1 if _CONTACT_CUE.search(c.clause) else 0)

    return SuggestedRecipient(
        organisation=best("organisation", lambda c: 1 if "(" in c.clause and re.search(r"[\"“']\s*we\b", c.clause,
                                                                                        re.I) else 0),
        email=best("email", email_score),
        address=best("address", contact_score),
        web_form=best("web-form", contact_score),
        phone=best("phone", contact_score),
    )


def _lines(text: str) -> list[tuple[int, str]]:
    out, pos = [], 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped:
            out.append((pos + raw.index(stripped[0]), stripped))
        pos += len(raw) + 1
    return out


def _emails(line: str, offset: int, dpo_context: bool) -> list[Contact]:
    out = []
    for m in _EMAIL.finditer(line):
        value = m.group(0).rstrip(".")
        if _NOT_EMAIL_TLD.search(value):
            continue
        local = value.split("@")[0]
        role = "dpo" if _DPO_MAILBOX.match(local) or dpo_context else "controller"
        out.append(Contact("email", value, role, line, offset + m.start(), offset + m.start() + len(value)))
    for m in _OBFUSCATED_EMAIL.finditer(line):
        domain = re.sub(r"\s*[\[(]\s*(?:dot|point)\s*[\])]\s*", ".", m.group(2), flags=re.IGNORECASE)
        value = f"{m.group(1)}@{domain}"
        role = "dpo" if _DPO_MAILBOX.match(m.group(1)) or dpo_context else "controller"
        out.append(Contact("email", value, role, line, -1, -1))
    return out


def _host(url: str) -> str:
    url = re.sub(r"^https?://", "", url, flags=re.IGNORECASE)
    return url.split("/")[0].split(":")[0].lower()


def _web_forms(line: str, offset: int, dpo_context: bool, context: str) -> list[Contact]:
    if not (_FORM_CUE.search(context) or dpo_context):
        return []
    out = []
    for m in _URL.finditer(line):
        value = m.group(0).rstrip(".,;:")
        host = _host(value)
        path = value[value.lower().find(host) + len(host):]
        if _THIRD_PARTY_HOSTS.search(host) or "@" in value or _NOT_FORM_PATH.search(path) or host.endswith(".gov") \
                or ".gov." in host or not re.search(r"\.[a-z]{2,}$", host):
            continue
        # A URL in the same sentence as "privacy policy of <third party>" is that party's policy, not a form.
        if re.search(r"privacy polic(?:y|ies) of|their privacy polic|third[- ]part", context, re.IGNORECASE):
            continue
        out.append(Contact("web-form", value, "dpo" if dpo_context else "controller", line,
                           offset + m.start(), offset + m.start() + len(value)))
    return out


def _phones(line: str, offset: int, dpo_context: bool, context: str) -> list[Contact]:
    # The cue may sit on the line above ("Phone:" then the number), but then the line must be the number alone.
    phone_only = len(re.sub(r"[\d\s()+./-]", "", line)) <= 3
    cue = _PHONE_CUE.search(line) or (_PHONE_CUE.search(context) and phone_only) or \
        _INTERNATIONAL_PHONE_LINE.match(line)
    if not cue:
        return []
    out = []
    for m in _PHONE.finditer(line):
        value = m.group(0).strip()
        digits = re.sub(r"\D", "", value)
        if not 6 <= len(digits) <= 15 or re.fullmatch(r"(?:19|20)\d\d", digits[:4]) and len(digits) == 8 and "-" in value:
            continue
        out.append(Contact("phone", value, "dpo" if dpo_context else "controller", line,
                           offset + m.start(), offset + m.start() + len(value)))
    return out


def _clean_organisation(name: str) -> str:
    name = re.sub(r"^(?:by|of|to|from|at|and|with|the|le|la|les|par|de)\s+", "", name.strip(), flags=re.IGNORECASE)
    return name.strip(" ,.;:\"“”'‘’")


def _organisations(line: str, offset: int) -> list[Contact]:
    out = []
    for pattern in (_ORGANISATION, _DEFINED_AS_WE, _COMPANY_REFERS, _CONTROLLER_IS, _BUILT_OR_PROVIDED_BY):
        for m in pattern.finditer(line):
            value = _clean_organisation(m.group(0) if pattern is _ORGANISATION else m.group(1) or m.group(2))
            first = value.split()[0] if value.split() else ""
            if len(value) < 2 or len(value) > 80 or _NOT_ORGANISATION.match(value) or _NOT_ORGANISATION.match(first) \
                    and len(value.split()) == 1 or re.fullmatch(_LEGAL_FORM, value.rstrip(".")):
                continue
            role = "third-party" if pattern is not _DEFINED_AS_WE and _WELL_KNOWN_THIRD_PARTIES.match(value) \
                else "controller"
            start = line.find(value)
            out.append(Contact("organisation", value, role, line,
                               offset + start if start >= 0 else -1, offset + start + len(value) if start >= 0 else -1))
    return out


def _is_address_line(line: str) -> bool:
    return postal.is_address_line(line)


def _country_line(line: str) -> bool:
    """A line that ends an address with its country ("France", "Tel Aviv, Israel", "Republic of Lithuania"), not a
    title that ends with one ("Transferts de données en dehors du Royaume-Uni", "B. RGPD du Royaume-Uni")."""
    if not postal.ends_with_country(line):
        return False
    words = line.lstrip(">*-•· ").rstrip(".").split()
    return "," in line and len(words) <= 6 or all(w[:1].isupper() or w[:1].isdigit() or w in ("of", "&")
                                                  for w in words)


def _short_address_part(line: str) -> bool:
    """A short line that continues an address block: postcode + town, a country, a region."""
    if len(line) > 70 or line.endswith((".", ":")) and not postal.ends_with_country(line):
        return False
    return _country_line(line) or _is_address_line(line)


# Where an address starts inside a sentence: after a clause break, a label, a preposition or a verb of place
# ("located at", "fourni par", "dont le siège social est situé"), or a table cell.
_ADDRESS_START = re.compile(r"[.;:!?]\s|(?<![^\s|(])(?:at|to|via|in|is|à|au|par|chez|sis|sise|situé|située|situées|"
                            r"situés|domicilié|domiciliée|domiciled)\s|\b(?:address|adresse|located)\b\s*[:\-–]?\s*"
                            r"|\|\s*",
                            re.IGNORECASE)
# Where it ends: the end of the sentence (not the dot of "St.", "Dr.", "Jr."), a parenthesis, a table cell, a link, or a
# comma or conjunction followed by a lower-case word that goes on with the sentence (", une entreprise du groupe",
# " and can be"; not a lower-case part of an address: ", via Roma 5", ", aéroport de …", ", the Netherlands",
# ", à San Francisco").
_ADDRESS_END = re.compile(
    r"(?<!\b[A-Z])(?<!\bNo)(?<!\bSt)(?<!\bDr)(?<!\bJr)(?<!\bAve)(?<!\bBlvd)(?<!\bRd)(?<!\bSte)(?<!\bBldg)(?<!\bApt)"
    r"[.;!?](?:\s|$)|\s\(|\s?\||\[|[,\-–—]\s*(?:www\.|https?://|e-?mail\b"
    r"|(?:tel|t[ée]l|phone|telephone|t[ée]l[ée]phone)\b\.?\s*[:+(\d])"
    r"|,\s*(?:incorporated|registered|company|hereinafter|vat|tva|rcs|siret|siren|immatricul\w*|enregistr\w*|"
    r"inscrit\w*|représent\w*|fiscal|tax)\b"
    r"|,\s*(?-i:(?=[a-zà-ÿ]))(?!(?:via|viale|rue|c/o|calle|avenue|av\.|boulevard|bd|chemin|route|place|allée|quai|"
    r"impasse|cours|piazza|corso|straße|strasse|aéroport|zone|lieu-dit|bâtiment|immeuble|beside|opposite|near|behind|"
    r"next|off|ground|floor|étage|bp|cs|cedex|the\s+(?:Netherlands|United|Czech|Philippines|Bahamas|Gambia))\b"
    r"|(?:à|in|at|en)\s+(?-i:[A-Z]))"
    r"|\s(?:and|et|or|ou)\s(?-i:(?=[a-zà-ÿ]))", re.IGNORECASE)


def _trim_address(line: str, anchor_start: int) -> tuple[int, int]:
    """Cut a long line down to the address around ``anchor_start``: from the last label or clause break before it
    to the sentence end after it; an address in parentheses is cut at them."""
    start = 0
    for m in _ADDRESS_START.finditer(line, 0, anchor_start):
        start = m.end()
    depth, opening = 0, -1
    for i in range(anchor_start - 1, start - 1, -1):  # the parenthesis the address stands in, if any
        depth += {")": 1, "(": -1}.get(line[i], 0)
        if depth < 0:
            opening = i
            break
    if opening >= 0:
        start = opening + 1
    # Keep a company name just before the street ("heyData GmbH, Schützenstraße 5"): it is part of the address.
    end = len(line)
    m = _ADDRESS_END.search(line, anchor_start)
    if m:
        end = m.start()
    closing = line.find(")", anchor_start, end)
    if closing >= 0 and "(" not in line[start:closing]:
        end = closing  # "(… at House of Francis, Room 303, Mahe, Seychelles) is your data controller"
    return start, end


def _addresses(lines: list[tuple[int, str]]) -> list[Contact]:
    out = []
    used: set[int] = set()
    for index, (offset, line) in enumerate(lines):
        if index in used or not _is_address_line(line):
            continue
        street = postal.street(line)
        postcode = postal.find_postcode(line)
        if not street and not (postcode and len(line) <= 70):
            continue  # a postcode alone in a long sentence is too weak a sign
        label = _LABEL.match(line)
        if label or len(line) <= 70:
            start, end = (label.end() if label else 0), len(line)
        else:
            first = street.start() if street else postcode.start
            start, end = _trim_address(line, first)
        parts = [line[start:end].strip(" ,;")]
        block_start, block_end = offset + start, offset + end
        block_lines = [line]
        # Join the short lines that continue (or open) the address block.
        j = index + 1
        # A part that ends with a comma announces more ("Time Square Building," / "Next to Pariseema, C G Road ,").
        while j < len(lines) and end - start <= 140 and j - index <= 4 and not (
                len(block_lines) > 1 and postal.ends_with_country(block_lines[-1])) and (
                _short_address_part(lines[j][1])
                or (block_lines[-1].endswith(",") and len(lines[j][1]) <= 60
                    and not lines[j][1].endswith((".", ":")))):
            parts.append(lines[j][1].strip(" ,;"))
            block_lines.append(lines[j][1])
            block_end = lines[j][0] + len(lines[j][1])
            used.add(j)
            j += 1
        value = ", ".join(p for p in parts if p)
        value = re.sub(r"\s+", " ", value).strip(" ,;.")
        if len(value) < 8 or not re.search(r"\d", value) and not postal.ends_with_country(value):
            continue
        context = " ".join(l for _, l in lines[max(0, index - 2):index + 1])
        role = "dpo" if _DPO_CUE.search(context) else "controller"
        single = len(parts) == 1 and line[start:end].strip(" ,;.") == value
        out.append(Contact("address", value, role, "\n".join(block_lines),
                           block_start if single else -1, block_end if single else -1))
    return out
