"""Reports built straight from the model (no detector needed): the Temu clause, a hostile document, an app."""
from __future__ import annotations

from fineprint.assess import assess
from fineprint.model import AppInfo, DocumentInfo, Finding, Span, TrackerInfo
from fineprint.settings import Settings

TEMU = ("Except to the extent prohibited by applicable law, participation in the Program and/or receipt or use of "
        "Rewards constitutes a Member's consent for Sponsor to use and publish such Member's photo, name likeness, "
        "voice, opinions, statements, biographical information, and/or hometown and state for promotional or "
        "advertising purposes in any media worldwide, now known or hereafter developed, in perpetuity without "
        "further review, notification, payment, or consideration.")
INTRO = "Cash Reward rules\n\n1. Who can take part.\nAnyone over 18.\n\n2. Publicity.\n"
DOC = INTRO + TEMU + "\n\n3. Law.\nThese rules are governed by the laws of Ireland.\n"
CUES = {"rights.likeness-use": "photo", "rights.perpetual": "in perpetuity",
        "rights.unbounded-scope": "in any media worldwide", "rights.no-notice-no-compensation": "without further",
        "rights.consent-by-conduct": "participation in the Program", "rights.consent-for-reward": "Rewards"}
HOSTILE = ('Intro <script>alert("x")</script> & "quotes" \'single\' <b>bold</b> **stars** [link](javascript:x)\n'
           'We may keep your data <img src=x onerror=alert(1)> :smile: [bold red]forever[/] and ever.\n')


def span_of(text: str, words: str) -> Span:
    i = text.index(words)
    return Span(i, i + len(words))


def make_temu_report(lang: str | None = None):
    start = DOC.index(TEMU)
    clause = Span(start, start + len(TEMU))
    findings = [Finding(id=i, span=clause, text=TEMU, confidence=0.9, detector=f"rule:{i}/test", clause_id="c3",
                        highlights=(span_of(DOC, cue),)) for i, cue in CUES.items()]
    law_clause = span_of(DOC, "These rules are governed by the laws of Ireland.")
    findings.append(Finding(id="unfair.choice-of-law", span=law_clause, text=DOC[law_clause.start:law_clause.end],
                            confidence=0.8, detector="model:unfair/test", clause_id="c5",
                            highlights=(span_of(DOC, "laws of Ireland"),)))
    info = DocumentInfo(source="rules.txt", kind="offer", language="en", sha256="a" * 64, chars=len(DOC))
    return assess(info, findings, settings=Settings(lang=lang), text=DOC)


def make_hostile_report():
    clause = span_of(HOSTILE, "We may keep your data <img src=x onerror=alert(1)> :smile: [bold red]forever[/] and ever.")
    f = Finding(id="rights.indefinite-retention", span=clause, text=HOSTILE[clause.start:clause.end],
                detector='rule:<script>"x"</script>', highlights=(span_of(HOSTILE, "forever"),),
                evidence={"matched": ["<script>"]})
    info = DocumentInfo(source='evil"<script>.html', kind="privacy-policy", language="en", sha256="",
                        chars=len(HOSTILE))
    return assess(info, [f], settings=Settings(), text=HOSTILE, warnings=("<script>warning</script>",))


def make_app_report(lang: str = "en", exodus: bool = True):
    findings = [
        Finding(id="app.tracker", span=Span(0, 0), text="Facebook Ads: com.facebook.ads", confidence=0.95,
                detector="apk:trackers/exodus", evidence={"origin": "library", "library": "Facebook Ads"}),
        Finding(id="app.contacts", span=Span(0, 0), text="READ_CONTACTS; ContactsContract query",
                detector="apk:capabilities", evidence={"origin": "app", "permissions": ["READ_CONTACTS"]}),
        Finding(id="app.log-reading", span=Span(0, 0), text="READ_LOGS", detector="apk:capabilities",
                severity="medium", severity_reason="READ_LOGS is granted only to system apps",
                evidence={"origin": "app"}),
    ]
    app = AppInfo(package="com.example.shop", version="1.2.3", min_sdk=24, target_sdk=34,
                  permissions=("android.permission.READ_CONTACTS", "android.permission.READ_LOGS"),
                  trackers=(TrackerInfo(name="Facebook Ads", categories=("Advertisement",),
                                        source="exodus" if exodus else "fineprint"),),
                  reach=({"id": "app.contacts", "what": "Read your contacts <all of them>", "evidence": "READ_CONTACTS",
                          "origin": "app"},
                         {"id": "app.tracker", "what": "Sends data to Facebook Ads (Advertisement)",
                          "evidence": "com.facebook.ads", "origin": "library: Facebook Ads"}),
                  not_analysed=("native code (.so) is not analysed",))
    info = DocumentInfo(source="shop.apk", kind="app", language=lang, sha256="b" * 64, chars=0)
    return assess(info, findings, settings=Settings(lang=lang), app=app)


POLICY = ("Privacy policy\n\n"
          "What we collect\n"
          "We collect your name and email address when you register.\n"
          "We collect your delivery address when you order.\n"
          "We collect your IP address when you visit <b>our site</b> & \"read\" pages.\n"
          "We collect the pages you visit to improve the site.\n"
          "We collect your payment details through our payment provider.\n\n"
          "Sharing\n"
          "We share your address with our delivery partner.\n\n"
          "Your rights\n"
          "You may delete your account at any time.\n"
          "You can ask for a copy of your data; we will answer within a month.\n")
POLICY_PRACTICES = [
    ("practice.first-party-collection", "We collect your name and email address when you register.", 0.95),
    ("practice.first-party-collection", "We collect your delivery address when you order.", 0.9),
    ("practice.first-party-collection", "We collect your IP address when you visit <b>our site</b> & \"read\" pages.",
     0.99),
    ("practice.first-party-collection", "We collect the pages you visit to improve the site.", 0.7),
    ("practice.first-party-collection", "We collect your payment details through our payment provider.", 0.6),
    ("practice.third-party-sharing", "We share your address with our delivery partner.", 0.9),
    ("practice.user-access", "You can ask for a copy of your data; we will answer within a month.", 0.8),
    ("practice.introductory", "Privacy policy", 0.9),
]


def make_policy_report(lang: str | None = None, kind: str = "privacy-policy"):
    """A small privacy policy with hand-made practice.* findings (no detector), one of them holding markup, and one
    rights.* finding: the "what this policy says about your data" section without the classifier's variance."""
    findings = [Finding(id=i, span=span_of(POLICY, words), text=words, confidence=c, detector="model:practice/test",
                        clause_id=f"p{n}") for n, (i, words, c) in enumerate(POLICY_PRACTICES)]
    delete = span_of(POLICY, "You may delete your account at any time.")
    findings.append(Finding(id="unfair.unilateral-termination", span=delete, text=POLICY[delete.start:delete.end],
                            confidence=0.7, detector="model:unfair/test", clause_id="u1"))
    info = DocumentInfo(source="policy.txt", kind=kind, language="en", sha256="c" * 64, chars=len(POLICY))
    return assess(info, findings, settings=Settings(lang=lang), text=POLICY)
