"""`fineprint trackers`: manage the tracker database used by APK audits.

    fineprint trackers update   download the Exodus Privacy export into the user cache (the only network use)
    fineprint trackers info     which database an audit would use, how many signatures, its licence
    fineprint trackers path     where the cached database lives
"""
from __future__ import annotations

import click


@click.group("trackers")
def trackers_command():
    """Manage the tracker signatures used by APK audits (Exodus Privacy, or fineprint's own short list)."""


@trackers_command.command("update")
@click.option("--url", default=None, help="Exodus API endpoint (default: the official one).")
@click.option("--timeout", type=click.FloatRange(1, 600), default=30.0, show_default=True, help="Seconds.")
def update_command(url, timeout):
    """Download the Exodus Privacy tracker list into the user cache (checked, written atomically)."""
    from .trackers import EXODUS_API, cache_path, download_exodus

    db = download_exodus(cache_path(), url=url or EXODUS_API, timeout=timeout)
    click.echo(f"{len(db.signatures)} tracker signatures saved to {cache_path()}")
    click.echo(db.attribution)


@trackers_command.command("info")
@click.option("--trackers", "trackers_path", type=click.Path(exists=True, dir_okay=False), default=None,
              help="A tracker database file to describe instead of the default one.")
def info_command(trackers_path):
    """Say which tracker database an APK audit would use."""
    from .trackers import load_tracker_db

    db = load_tracker_db(trackers_path)
    click.echo(f"source: {db.origin}")
    click.echo(f"signatures: {len(db.signatures)}")
    click.echo(db.attribution)
    if db.origin == "shipped":
        click.echo("tip: `fineprint trackers update` fetches the full Exodus Privacy list (about 400 trackers)")


@trackers_command.command("path")
def path_command():
    """Print where `fineprint trackers update` stores the database."""
    from .trackers import cache_path

    click.echo(str(cache_path()))
