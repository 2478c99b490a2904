"""`marsad geocode` and `marsad gazetteer build|import|add|info`: thin over marsad.geo."""

from __future__ import annotations

import csv
import io
import json
import re
import sys
from pathlib import Path

import click

from ..errors import GazetteerError, InputError
from ..geo import (add_place, build_gazetteer, import_file, open_gazetteer, open_geocoder,
                   user_gazetteer_path)
from ..geo.paths import gazetteer_path
from ..records import Geocode, PlaceQuery
from . import main
from .common import settings_of

CSV_COLUMNS = ("query", "name", "latitude", "longitude", "geo_precision", "where_prec",
               "admin1", "admin2", "country", "geonames_id", "note", "candidates")
# A places spreadsheet (--input with a `place` column): `near` columns (near, near_2, near3...)
# hold the parents, finest first, each cell one or several `;`-joined; `country` is optional.
NEAR_COLUMN = re.compile(r"near(?:[ _-]?\d+)?", re.IGNORECASE)
ALPHA2 = re.compile(r"[A-Za-z]{2}")


def _row(query: str, result: Geocode) -> dict:
    place = result.place
    return {"query": query, "name": place.name if place else "",
            "latitude": place.latitude if place else "", "longitude": place.longitude if place else "",
            "geo_precision": result.geo_precision if place else "",
            "where_prec": result.where_prec if place else "",
            "admin1": place.admin1 if place else "", "admin2": place.admin2 if place else "",
            "country": place.country if place else "",
            "geonames_id": place.id[3:] if place and place.id.startswith("gn:") else "",
            "note": result.note, "candidates": "; ".join(result.candidates)}


def _echo_table(query: str, result: Geocode) -> None:
    row = _row(query, result)
    width = max(len(k) for k in row)
    for key in (k for k in CSV_COLUMNS[1:] if k not in ("note", "candidates")):
        click.echo(f"{key:<{width}}  {row[key]}")
    click.echo(f"{'matched':<{width}}  {result.matched_name}")
    click.echo(f"{'note':<{width}}  {result.note or '-'}")  # the note comes last, or "-"
    for number, candidate in enumerate(result.candidates):  # then what else it could be
        click.echo(f"{'considered' if number == 0 else '':<{width}}  {candidate}")


@main.command("geocode")
@click.argument("place", required=False)
@click.option("--country", default="", help="ISO alpha-2 country the place is in, e.g. SY.")
@click.option("--near", "parents", multiple=True,
              help="A larger place the text names with it (city, province); repeatable.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
              show_default=True, help="Output for a single place.")
@click.option("--input", "input_file", type=click.Path(exists=True, dir_okay=False),
              help="File of place strings, one per line, or a CSV with columns place, near "
                   "(repeatable, or ;-joined) and country: writes CSV.")
@click.option("-o", "--output", type=click.Path(dir_okay=False),
              help="CSV file to write with --input (default: standard output).")
@click.pass_context
def geocode_command(ctx, place, country, parents, fmt, input_file, output):
    """Resolve a place name to a point with ACLED geo_precision and UCDP where_prec.

    \b
    Examples:
      marsad geocode "Al-Daraiya" --near Raqqa --country SY
      marsad geocode "Deir Ezzor" --format json
      marsad geocode --input places.txt --country SY -o places.csv
      marsad geocode --input places.csv -o geocoded.csv

    \b
    A CSV input (a header with a `place` column) keeps its columns and adds the result's;
    its `near` columns (near, near_2, ...; or several names joined by ;) name the larger
    places, finest first, and `country` (ISO alpha-2) the country, else --country.
    """
    if bool(place) == bool(input_file):
        raise click.UsageError("give either a PLACE or --input FILE")
    geocoder = open_geocoder(settings_of(ctx))
    if place:
        result = geocoder.geocode(PlaceQuery(mention=place, country=country.upper(),
                                             parents=tuple(parents)))
        if fmt == "json":
            click.echo(json.dumps(result.model_dump(mode="json"), ensure_ascii=False, indent=2))
        else:
            _echo_table(place, result)
        return
    text = Path(input_file).read_text(encoding="utf-8-sig")
    header = next(csv.reader(io.StringIO(text)), [])
    if "place" in (cell.strip().lower() for cell in header):
        header, rows = _place_table(text, input_file, country, parents)
    else:
        header, rows = _place_lines(text, country, parents)
    handle = open(output, "w", encoding="utf-8", newline="") if output else sys.stdout
    try:
        writer = csv.writer(handle)
        writer.writerow(header)
        for cells, query in rows:
            result = _row(query.mention, geocoder.geocode(query)) if query else _empty_row()
            writer.writerow([*cells, *(result[k] for k in CSV_COLUMNS[1:])])
    finally:
        if output:
            handle.close()


Rows = list[tuple[list[str], "PlaceQuery | None"]]  # the input's cells, and what to geocode


def _place_lines(text: str, country: str, parents: tuple[str, ...]) -> tuple[list[str], Rows]:
    """A plain file: one place string a line, blank lines skipped, --near for every one."""
    lines = [line.strip() for line in text.splitlines()]
    return list(CSV_COLUMNS), [([line], PlaceQuery(mention=line, country=country.upper(),
                                                   parents=tuple(parents)))
                               for line in lines if line]


def _place_table(text: str, path: str, country: str,
                 parents: tuple[str, ...]) -> tuple[list[str], Rows]:
    """A CSV with a `place` column: every row kept (one without a place is not geocoded); the
    row's `near` cells then --near are the parents; its `country`, else --country."""
    reader = csv.reader(io.StringIO(text))
    header = [cell.strip() for cell in next(reader)]
    names = [cell.lower() for cell in header]
    place_at = names.index("place")
    near_at = [i for i, name in enumerate(names) if NEAR_COLUMN.fullmatch(name)]
    country_at = names.index("country") if "country" in names else None
    rows: Rows = []
    for cells in reader:
        if not any(cell.strip() for cell in cells):
            continue
        cells += [""] * (len(header) - len(cells))
        near = [name.strip() for i in near_at for name in cells[i].split(";") if name.strip()]
        code = (cells[country_at].strip() if country_at is not None else "") or country
        if code and not ALPHA2.fullmatch(code):
            raise InputError(f"country {code!r} is not an ISO alpha-2 code (SY, IQ, ML...); "
                             "fix the cell", path=path, line=reader.line_num)
        place = cells[place_at].strip()
        query = PlaceQuery(mention=place, country=code.upper(),
                           parents=(*near, *parents)) if place else None
        rows.append((cells, query))
    taken = {name.lower() for name in header}
    return header + [f"geocoded_{k}" if k in taken else k for k in CSV_COLUMNS[1:]], rows


def _empty_row() -> dict:
    return {**dict.fromkeys(CSV_COLUMNS, ""), "note": "no place in this row"}


@main.group("gazetteer")
def gazetteer_group():
    """The offline gazetteer: build it, import your own places, add one, show what it holds.

    \b
    The packaged layer is built from GeoNames data shipped in PyPI packages plus marsad's
    conflict packs, at <venv>/share/marsad/gazetteer.sqlite (setting `gazetteer`).
    Your places go to the user layer: setting `user_gazetteer`, by default a file beside the
    SQLite database (marsad.db -> marsad.places.sqlite).

    \b
    Example:
      marsad gazetteer build
      marsad --db syria.db gazetteer import SY.zip
      marsad --db syria.db gazetteer import my_acled_export.csv
    """


def _progress_printer():
    last = {"step": None}

    def report(step: str, done: int, total: int) -> None:
        if step != last["step"] or done == total:
            click.echo(f"  {step}: {done}/{total}", err=True)
            last["step"] = step

    return report


@gazetteer_group.command("build")
@click.option("--force", is_flag=True, help="Rebuild even if the inputs have not changed.")
@click.option("--path", type=click.Path(dir_okay=False),
              help="Where to write it (default: the `gazetteer` setting or <venv>/share/marsad).")
@click.pass_context
def build_command(ctx, force, path):
    """Build the packaged gazetteer offline (about a minute; does nothing if up to date).

    \b
    Example:
      marsad gazetteer build
      marsad gazetteer build --force --path /tmp/gazetteer.sqlite
    """
    settings = settings_of(ctx)
    target = Path(path) if path else gazetteer_path(settings)
    target.parent.mkdir(parents=True, exist_ok=True)
    click.echo(f"gazetteer: {target}", err=True)
    progress = _progress_printer() if settings.progress else (lambda *a: None)
    built = build_gazetteer(target, force=force, progress=progress)
    click.echo(f"built {target}" if built else f"{target} is up to date")


@gazetteer_group.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--country", default="", help="Country of the places when the file does not say.")
@click.pass_context
def import_command(ctx, file, country):
    """Import places into your user layer, all or nothing.

    FILE is a GeoNames dump (SY.txt, SY.zip, allCountries.zip), alternateNamesV2, admin2Codes,
    or an ACLED / UCDP GED CSV (recognised by its header; only rows coded at the exact place,
    geo_precision 1 / where_prec 1, become places).

    \b
    Example:
      marsad --db syria.db gazetteer import SY.zip
      marsad --db syria.db gazetteer import ged_syria.csv --country SY
    """
    settings = settings_of(ctx)
    gazetteer = open_gazetteer(settings)
    report = import_file(file, user_gazetteer_path(settings), gazetteer, country=country)
    click.echo(f"{report.summary()} -> {user_gazetteer_path(settings)}")


@gazetteer_group.command("add")
@click.argument("name")
@click.option("--lat", type=float, required=True, help="Latitude, decimal degrees.")
@click.option("--lon", type=float, required=True, help="Longitude, decimal degrees.")
@click.option("--kind", default="village", show_default=True,
              help="village, town, neighbourhood, district, landmark, camp...")
@click.option("--parent", default="", help="The city or area it lies in, e.g. Raqqa.")
@click.option("--country", default="", help="ISO alpha-2 country (else the parent's).")
@click.option("--alt", "alternates", multiple=True, help="Another spelling; repeatable.")
@click.pass_context
def add_command(ctx, name, lat, lon, kind, parent, country, alternates):
    """Add one place to your user layer.

    \b
    Example:
      marsad gazetteer add "Al-Tayar" --lat 35.96 --lon 39.03 --kind neighbourhood \\
          --parent Raqqa --country SY --alt "Tayyar"
    """
    settings = settings_of(ctx)
    gazetteer = open_gazetteer(settings)
    place = add_place(user_gazetteer_path(settings), gazetteer, name, lat, lon, kind=kind,
                      parent=parent, country=country, alternate_names=tuple(alternates))
    click.echo(f"added {place.name} ({place.kind}) {place.latitude}, {place.longitude} "
               f"{place.country} -> {user_gazetteer_path(settings)}")


@gazetteer_group.command("info")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
              show_default=True)
@click.pass_context
def info_command(ctx, fmt):
    """Show the gazetteer layers: paths, places by kind, names.

    \b
    Example:
      marsad gazetteer info --format json
    """
    settings = settings_of(ctx)
    if not gazetteer_path(settings).is_file():
        raise GazetteerError(f"no gazetteer at {gazetteer_path(settings)}; run "
                             "`marsad gazetteer build`")
    info = open_gazetteer(settings, build_missing=False).info()
    info["user_layer"] = str(user_gazetteer_path(settings))
    if fmt == "json":
        click.echo(json.dumps(info, indent=2, ensure_ascii=False))
        return
    for layer in info["layers"]:
        click.echo(f"{layer['path']}: {layer['places']} places, {layer['names']} names")
        for kind, count in sorted(layer["kinds"].items()):
            click.echo(f"  {kind:<14}{count:>8}")
    click.echo(f"user layer: {info['user_layer']}")
