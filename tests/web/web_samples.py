"""Inputs shared by the web app tests."""

TEMU = ("Except to the extent prohibited by applicable law, participation in the Program and/or receipt or use of "
        "Rewards constitutes a Member's consent for Sponsor to use and publish such Member's photo, name likeness, "
        "voice, opinions, statements, biographical information, and/or hometown and state for promotional or "
        "advertising purposes in any media worldwide, now known or hereafter developed, in perpetuity without "
        "further review, notification, payment, or consideration.")
TEMU_IDS = {"rights.likeness-use", "rights.perpetual", "rights.unbounded-scope", "rights.no-notice-no-compensation",
            "rights.consent-by-conduct", "rights.consent-for-reward"}
TRACKER_APK = "apk/samples/trk_exoduscore_instapaper.apk"
