"""`marsad reports` (the stored reports) and `marsad reports date` (give one its date)."""

from __future__ import annotations

import click

from ..pipeline import Pipeline
from ..records import Report
from ..redate import RedateSummary, date_reports, find_report_id
from . import main
from .common import console, iso_date, open_store, settings_of, table

DATE_HINT = "marsad reports date {id} YYYY-MM-DD"


@main.group(invoke_without_command=True)
@click.pass_context
def reports(ctx):
    """List stored reports: date, outlet, language, what was extracted and their status.

    A report stored without a date says so, with the command that gives it one.

    \b
    Example:
      marsad reports
      marsad reports date 3fa2c1d9 2024-03-10
    """
    if ctx.invoked_subcommand is not None:
        return
    store = open_store(ctx)
    statuses, counts = store.report_statuses(), store.extraction_counts()
    out = table("reports", ["id", "published", "outlet", "lang", "title", "extracted", "status"])
    for report in store.reports():
        out.add_row(report.id, str(report.published or "no date"), report.outlet or "none named",
                    report.language, report.title[:60], extracted_text(counts.get(report.id)),
                    status_text(report, statuses.get(report.id, "")))
    console().print(out)


def extracted_text(counts: tuple[int, int, int] | None) -> str:
    claims, tolls, controls = counts or (0, 0, 0)
    parts = [f"{n} {word}" for n, word in ((claims, "claim(s)"), (tolls, "toll(s)"),
                                           (controls, "control claim(s)")) if n]
    return ", ".join(parts) or "nothing found"


def status_text(report: Report, stored: str) -> str:
    """The store's status (imported, extraction notes), the report's warnings, and for a
    report without a date the command that gives it one; "stored" when there is nothing
    to say."""
    parts = [stored] if stored else []
    if report.published is None:
        parts.append("no date given: " + DATE_HINT.format(id=report.id[:8]))
        parts += [w for w in report.warnings if "publication date" not in w]
    else:
        parts += list(report.warnings)
    return "; ".join(parts) or "stored"


@reports.command("date")
@click.argument("report_id")
@click.argument("published", callback=iso_date, metavar="YYYY-MM-DD")
@click.pass_context
def date_command(ctx, report_id, published):
    """Give a stored report its publication date; extract it again so its relative dates
    ("on Sunday") resolve against it, and resolve events anew.

    REPORT_ID may be a unique prefix, as `marsad reports` prints it.

    \b
    Example:
      marsad reports date 3fa2c1d9 2024-03-10
    """
    store = open_store(ctx)
    found = find_report_id(store, report_id)
    pipeline = Pipeline.from_settings(settings_of(ctx), store)
    echo_redated(date_reports(pipeline, [found], published))


def echo_redated(summary: RedateSummary) -> None:
    for done in summary.reports:
        was = f"was {done.before}" if done.before else "had none"
        click.echo(f"report {done.report_id} ({done.title or 'untitled'}): published {done.after} "
                   f"({was}); extracted again: {done.claims} claim(s), {done.dated_claims} of "
                   "them dated")
    click.echo(f"{summary.events} event(s) in the database")
