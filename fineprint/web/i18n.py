"""The web interface's own words in English and French, and the choice of language for a request.

Language: ``?lang=`` (the switch; remembered in a cookie that holds only "en" or "fr"), else the cookie, else the
browser's Accept-Language, else English. French typography: a no-break space before ":" and a narrow no-break
space before ";", "!" and "?", inside « ».
"""
from __future__ import annotations

LANGUAGES = ("en", "fr")
COOKIE = "fineprint_lang"
NBSP, NNBSP = "\u00a0", "\u202f"

WORDS: dict[str, dict[str, str]] = {
    "en": {
        "site_title": "fineprint — read the fine print",
        "tagline": "Paste terms, a privacy policy or offer rules, upload a file or an Android app, or give a link: "
                   "fineprint tells you what you give away, with the clause as evidence.",
        "nothing_stored": "Nothing you send is stored: it is analysed on this server and forgotten.",
        "not_advice": "fineprint explains; it does not give legal advice.",
        "skip": "Skip to the content",
        "nav_home": "New audit", "nav_api": "API",
        "language": "Language",
        "switch_to": "Français",
        "paste_title": "Paste a text", "paste_label": "Text of the terms, policy or rules",
        "upload_title": "Upload a file",
        "upload_label": "File (.txt, .md, .html, .pdf, .docx or an Android .apk)",
        "url_title": "Give a link", "url_label": "Address of the page (http or https)",
        "report_lang": "Explanations in",
        "report_lang_auto": "the language of the document",
        "reader_country": "The law of",
        "country_FR": "France", "country_DE": "Germany", "country_AT": "Austria", "country_BE": "Belgium",
        "country_ES": "Spain", "country_IT": "Italy", "country_NL": "the Netherlands",
        "country_IE": "Ireland", "country_PL": "Poland", "country_PT": "Portugal", "country_SE": "Sweden",
        "country_FI": "Finland", "country_DK": "Denmark", "country_CZ": "Czechia", "country_SK": "Slovakia",
        "country_RO": "Romania", "country_HU": "Hungary", "country_HR": "Croatia", "country_GR": "Greece",
        "country_CY": "Cyprus", "country_MT": "Malta", "country_LU": "Luxembourg", "country_EE": "Estonia",
        "country_EU": "another EU or EEA country", "country_GB": "the United Kingdom", "country_US": "the United States",
        "country_US-CA": "California (United States)", "country_US-NY": "New York (United States)",
        "audit": "Audit", "max_size": "Largest file: {mb} MB.",
        "report_title": "Report", "app_report_title": "App report",
        "verdict": "Verdict", "top": "What matters most",
        "counts": "Counts", "family": "Family", "total": "Total",
        "clauses_count": "{n} clauses flagged", "clause_count_one": "1 clause flagged",
        "findings": "Findings", "filters": "Show", "severity": "Severity", "apply_filters": "Apply",
        "why": "Why it matters", "law": "The law", "advice": "What you can do",
        "in_document": "in the document", "line": "line {n}",
        "confidence": "confidence {c}",
        "document": "The document, with the flagged clauses highlighted",
        "legend_flag": "flagged clause", "legend_practice": "what the policy says it does",
        "missing": "Not said anywhere in the document",
        "no_findings": "fineprint found nothing to flag in this document.",
        "write_letter": "Write a letter",
        "letter_intro": "Use your rights: fineprint writes the letter, quoting the clauses it found.",
        "letter_title": "Write a letter",
        "letter_right": "What you ask for",
        "letter_company": "Company", "letter_name": "Your name", "letter_email": "Your e-mail",
        "letter_address": "Your postal address", "letter_account": "Account or customer number",
        "letter_lang": "Language of the letter",
        "letter_preview": "Preview", "letter_download": "Download",
        "letter_quotes": "Clauses the letter quotes",
        "letter_no_quotes": "No clause of the report fits this letter: it cites the law only.",
        "letter_pdf_missing": "PDF needs the fpdf2 package (pip install 'fineprint[web]'); text and HTML work.",
        "download_txt": "as text", "download_html": "as HTML", "download_pdf": "as PDF",
        # the consumer letters (fineprint letter withdrawal | cancel): the form's choices, fields and errors
        "letter_group_data": "Your data", "letter_group_contract": "Your contract",
        "right_withdrawal": "Withdraw from a distance contract (within 14 days)",
        "right_cancel": "Cancel a subscription",
        "letter_withdrawal_fields": "For a withdrawal", "letter_cancel_fields": "For a cancellation",
        "letter_contract_date": "Day the contract was concluded", "letter_received": "Day you received the goods",
        "letter_received_hint": "For goods, the 14 days run from the day after you received them.",
        "letter_order": "Order number",
        "letter_items": "What you ordered (one item a line)",
        "letter_subscription": "Subscription or contract you end",
        "letter_effective": "End it on (default: the end of the current period)",
        "letter_renewed_on": "Day of the last tacit renewal",
        "letter_renewed_on_hint": "France: if the trader did not write to you one to three months before it, you "
                                  "may cancel at any time from that renewal.",
        "letter_date_hint": "YYYY-MM-DD",
        "letter_bad_date": "{field}: “{value}” is not a date; write it as YYYY-MM-DD.",
        "letter_no_such_date": "{field}: {value} is not a date (there is no such day).",
        "letter_absurd_date": "{field}: {value} is not a plausible date; give a year from {first} to {last}.",
        "letter_future_date": "{field}: this day is in the future; give the day it happened.",
        "letter_company_missing": "Company: give the trader’s name; the letter is addressed to it.",
        "letter_not_informed": "The trader did not inform me of this right before the contract",
        "letter_not_informed_hint": "Tick it only if it is true: a late letter then claims the 12-month extension.",
        "letter_received_early": "The goods cannot be received before the contract: check the two dates.",
        "letter_effective_past": "A cancellation takes effect in the future: choose today or a later day.",
        "letter_fix": "Correct the form",
        "consumer_intro": "Whatever the terms say, the law may let you out of the contract:",
        "offer_withdrawal": "Withdraw within 14 days", "offer_cancel": "Cancel the subscription",
        "offer_withdrawal_why": "The terms refuse refunds; for a purchase made at a distance (online, by phone), "
                                "the law still gives you 14 days to withdraw and be refunded. The letter quotes "
                                "that clause.",
        "offer_cancel_why": "The contract renews by itself; the letter ends it and quotes the renewal clause.",
        "app_package": "Package", "app_version": "Version",
        "reach_title": "What this app can reach", "reach_what": "What", "reach_evidence": "Evidence",
        "reach_origin": "In", "trackers": "Trackers", "tracker_name": "Tracker",
        "tracker_categories": "Categories", "no_trackers": "No known tracker found.",
        "permissions": "Permissions", "not_analysed": "Not analysed",
        "error_title": "This could not be audited", "back": "Back to the start",
        "error_busy": "The server is busy; try again in a moment.",
        "error_timeout": "The analysis took too long and was stopped.",
        "error_memory": "The analysis needed too much memory and was stopped.",
        "error_crashed": "The analysis stopped unexpectedly.",
        "error_no_input": "Paste a text, choose a file or give a link.",
        "error_too_large": "The upload is larger than {mb} MB.",
        "api_title": "HTTP API", "api_intro": "The same analysis as the command line, as JSON "
                     "(fineprint.report/1). The OpenAPI description is at",
        "warnings": "Warnings",
        "source": "Source",
        "sev_high": "high", "sev_medium": "medium", "sev_low": "low", "sev_info": "information",
        "fam_rights": "Rights you give away", "fam_unfair": "Potentially unfair terms",
        "fam_transparency": "Information the law requires", "fam_app": "App", "fam_practice": "What the policy says it does",
        "more_clauses": "{n} more clauses say the same",
        "see_in_document": "see it in the document",
        "see_explanation": "explanation",
        "kind_terms": "terms of service", "kind_privacy-policy": "privacy policy", "kind_offer": "offer rules",
        "kind_app": "Android app", "kind_unknown": "document",
    },
    "fr": {
        "site_title": "fineprint — lire les petites lignes",
        "tagline": "Collez des conditions, une politique de confidentialité ou un règlement d’offre, envoyez un "
                   "fichier ou une application Android, ou donnez un lien : fineprint vous dit ce que vous cédez, "
                   "clause à l’appui.",
        "nothing_stored": "Rien de ce que vous envoyez n’est conservé : c’est analysé sur ce serveur puis oublié.",
        "not_advice": "fineprint explique ; ce n’est pas un conseil juridique.",
        "skip": "Aller au contenu",
        "nav_home": "Nouvel audit", "nav_api": "API",
        "language": "Langue",
        "switch_to": "English",
        "paste_title": "Coller un texte", "paste_label": "Texte des conditions, de la politique ou du règlement",
        "upload_title": "Envoyer un fichier",
        "upload_label": "Fichier (.txt, .md, .html, .pdf, .docx ou une application Android .apk)",
        "url_title": "Donner un lien", "url_label": "Adresse de la page (http ou https)",
        "report_lang": "Explications en",
        "report_lang_auto": "langue du document",
        "reader_country": "Droit de",
        "country_FR": "la France", "country_DE": "l’Allemagne", "country_AT": "l’Autriche", "country_BE": "la Belgique",
        "country_ES": "l’Espagne", "country_IT": "l’Italie", "country_NL": "les Pays-Bas",
        "country_IE": "l’Irlande", "country_PL": "la Pologne", "country_PT": "le Portugal", "country_SE": "la Suède",
        "country_FI": "la Finlande", "country_DK": "le Danemark", "country_CZ": "la Tchéquie",
        "country_SK": "la Slovaquie", "country_RO": "la Roumanie",
        "country_HU": "la Hongrie", "country_HR": "la Croatie", "country_GR": "la Grèce", "country_CY": "Chypre",
        "country_MT": "Malte", "country_LU": "le Luxembourg", "country_EE": "l'Estonie",
        "country_EU": "un autre pays de l’UE ou de l’EEE", "country_GB": "le Royaume-Uni", "country_US": "les États-Unis",
        "country_US-CA": "la Californie (États-Unis)", "country_US-NY": "l’État de New York (États-Unis)",
        "audit": "Analyser", "max_size": "Taille maximale : {mb} Mo.",
        "report_title": "Rapport", "app_report_title": "Rapport sur l’application",
        "verdict": "Verdict", "top": "L’essentiel",
        "counts": "Décompte", "family": "Famille", "total": "Total",
        "clauses_count": "{n} clauses signalées", "clause_count_one": "1 clause signalée",
        "findings": "Constats", "filters": "Afficher", "severity": "Gravité", "apply_filters": "Appliquer",
        "why": "Pourquoi c’est important", "law": "Le droit", "advice": "Ce que vous pouvez faire",
        "in_document": "dans le document", "line": "ligne {n}",
        "confidence": "confiance {c}",
        "document": "Le document, clauses signalées surlignées",
        "legend_flag": "clause signalée", "legend_practice": "ce que la politique dit faire",
        "missing": "Absent du document",
        "no_findings": "fineprint n’a rien trouvé à signaler dans ce document.",
        "write_letter": "Écrire une lettre",
        "letter_intro": "Exercez vos droits : fineprint rédige la lettre en citant les clauses trouvées.",
        "letter_title": "Écrire une lettre",
        "letter_right": "Votre demande",
        "letter_company": "Entreprise", "letter_name": "Vos nom et prénom", "letter_email": "Votre adresse e-mail",
        "letter_address": "Votre adresse postale", "letter_account": "Identifiant ou numéro de client",
        "letter_lang": "Langue de la lettre",
        "letter_preview": "Aperçu", "letter_download": "Télécharger",
        "letter_quotes": "Clauses citées par la lettre",
        "letter_no_quotes": "Aucune clause du rapport ne concerne cette lettre : elle cite seulement le droit.",
        "letter_pdf_missing": "Le PDF demande le paquet fpdf2 (pip install 'fineprint[web]') ; texte et HTML "
                              "fonctionnent.",
        "download_txt": "en texte", "download_html": "en HTML", "download_pdf": "en PDF",
        "letter_group_data": "Vos données", "letter_group_contract": "Votre contrat",
        "right_withdrawal": "Vous rétracter d’un contrat à distance (sous 14 jours)",
        "right_cancel": "Résilier un abonnement",
        "letter_withdrawal_fields": "Pour une rétractation", "letter_cancel_fields": "Pour une résiliation",
        "letter_contract_date": "Date de conclusion du contrat", "letter_received": "Date de réception des biens",
        "letter_received_hint": "Pour des biens, les 14 jours courent à partir du lendemain de leur réception.",
        "letter_order": "Numéro de commande",
        "letter_items": "Ce que vous avez commandé (un article par ligne)",
        "letter_subscription": "Abonnement ou contrat résilié",
        "letter_effective": "Fin souhaitée le (par défaut : au terme de la période en cours)",
        "letter_renewed_on": "Date de la dernière reconduction tacite",
        "letter_renewed_on_hint": "En France : si le professionnel ne vous a pas écrit entre trois mois et un mois "
                                  "avant, vous pouvez résilier à tout moment à partir de cette reconduction.",
        "letter_date_hint": "AAAA-MM-JJ",
        "letter_bad_date": "{field} : « {value} » n’est pas une date ; écrivez-la sous la forme AAAA-MM-JJ.",
        "letter_no_such_date": "{field} : le {value} n’existe pas.",
        "letter_absurd_date": "{field} : {value} n’est pas une date plausible ; indiquez une année de {first} à "
                              "{last}.",
        "letter_future_date": "{field} : cette date est postérieure à aujourd’hui ; indiquez le jour où c’est "
                              "arrivé.",
        "letter_company_missing": "Entreprise : indiquez le nom du professionnel ; la lettre lui est adressée.",
        "letter_not_informed": "Le professionnel ne m’a pas informé(e) de ce droit avant le contrat",
        "letter_not_informed_hint": "À cocher seulement si c’est vrai : une lettre hors délai invoque alors la "
                                    "prolongation de douze mois.",
        "letter_received_early": "Les biens ne peuvent pas être reçus avant le contrat : vérifiez les deux dates.",
        "letter_effective_past": "Une résiliation prend effet dans le futur : choisissez aujourd’hui ou un jour "
                                 "suivant.",
        "letter_fix": "Corrigez le formulaire",
        "consumer_intro": "Quoi que disent les conditions, la loi peut vous permettre de sortir du contrat :",
        "offer_withdrawal": "Vous rétracter sous 14 jours", "offer_cancel": "Résilier l’abonnement",
        "offer_withdrawal_why": "Les conditions refusent tout remboursement ; pour un achat à distance (en ligne, "
                                "par téléphone), la loi vous donne pourtant 14 jours pour vous rétracter et être "
                                "remboursé. La lettre cite cette clause.",
        "offer_cancel_why": "Le contrat se reconduit tout seul ; la lettre le résilie et cite la clause de "
                            "reconduction.",
        "app_package": "Paquet", "app_version": "Version",
        "reach_title": "Ce à quoi cette application peut accéder", "reach_what": "Quoi", "reach_evidence": "Preuve",
        "reach_origin": "Où", "trackers": "Traqueurs", "tracker_name": "Traqueur",
        "tracker_categories": "Catégories", "no_trackers": "Aucun traqueur connu trouvé.",
        "permissions": "Autorisations", "not_analysed": "Non analysé",
        "error_title": "Impossible d’analyser ceci", "back": "Revenir au début",
        "error_busy": "Le serveur est occupé ; réessayez dans un instant.",
        "error_timeout": "L’analyse a pris trop de temps et a été arrêtée.",
        "error_memory": "L’analyse demandait trop de mémoire et a été arrêtée.",
        "error_crashed": "L’analyse s’est arrêtée de façon inattendue.",
        "error_no_input": "Collez un texte, choisissez un fichier ou donnez un lien.",
        "error_too_large": "L’envoi dépasse {mb} Mo.",
        "api_title": "API HTTP", "api_intro": "La même analyse que la ligne de commande, en JSON "
                     "(fineprint.report/1). La description OpenAPI est à l’adresse",
        "warnings": "Avertissements",
        "source": "Source",
        "sev_high": "élevée", "sev_medium": "moyenne", "sev_low": "faible", "sev_info": "information",
        "fam_rights": "Droits cédés", "fam_unfair": "Clauses potentiellement abusives",
        "fam_transparency": "Informations obligatoires", "fam_app": "Application",
        "fam_practice": "Ce que la politique dit faire",
        "more_clauses": "{n} autres clauses disent la même chose",
        "see_in_document": "la voir dans le document",
        "see_explanation": "explication",
        "kind_terms": "conditions d’utilisation", "kind_privacy-policy": "politique de confidentialité",
        "kind_offer": "règlement d’offre", "kind_app": "application Android", "kind_unknown": "document",
    },
}


def french_typography(text: str) -> str:
    """No-break spaces where French typography wants them (before : ; ! ? and inside « »)."""
    out = text.replace(" :", NBSP + ":").replace(" ;", NNBSP + ";").replace(" !", NNBSP + "!") \
        .replace(" ?", NNBSP + "?").replace("« ", "«" + NBSP).replace(" »", NBSP + "»")
    return out


def words(lang: str) -> dict[str, str]:
    table = WORDS[lang if lang in LANGUAGES else "en"]
    return {k: french_typography(v) for k, v in table.items()} if lang == "fr" else dict(table)


def from_accept_language(header: str | None) -> str | None:
    """The first of en/fr the browser prefers (q-values honoured), or None."""
    if not header:
        return None
    ranked = []
    for i, part in enumerate(header.split(",")):
        tag, _, params = part.strip().partition(";")
        q = 1.0
        for param in params.split(";"):
            key, _, value = param.strip().partition("=")
            if key == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        base = tag.strip().lower().split("-")[0]
        if base in LANGUAGES and q > 0:
            ranked.append((-q, i, base))
    return min(ranked)[2] if ranked else None


def choose(query: str | None, cookie: str | None, accept: str | None) -> str:
    for candidate in (query, cookie):
        if candidate in LANGUAGES:
            return candidate
    return from_accept_language(accept) or "en"
