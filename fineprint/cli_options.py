"""Options shared by several commands (kept apart from cli.py so that batch.py and watch.py can use them without
importing the whole command line)."""
from __future__ import annotations

import click


def _check_country(ctx, param, value):
    """--country: a country fineprint has a law profile for (fineprint/law/regions.py), upper-cased; else a usage
    error naming the ones it knows (exit 2), before any document is read."""
    if value is None or not value.strip():
        return None
    from .law.regions import region_for

    region_for(value)  # raises UsageError (one line, exit 2) for a country without a law profile
    return value.strip().upper()


COUNTRY_HELP = ("Where you live (ISO 3166 code: FR, DE, BE, GB, US, US-CA...; or EU): the findings are explained under "
                "that country's law (default: France, EU and French law; also read from FINEPRINT_COUNTRY).")


def country_option(f=None, *, help: str = COUNTRY_HELP, hidden: bool = False):
    """The --country option of the commands that explain findings (audit, batch, explain, watch) and of the letters
    (``country_option(help=..., hidden=...)`` for another help line)."""
    def apply(command):
        return click.option("--country", default=None, envvar="FINEPRINT_COUNTRY", callback=_check_country,
                            metavar="CODE", help=help, hidden=hidden)(command)

    return apply(f) if f is not None else apply
