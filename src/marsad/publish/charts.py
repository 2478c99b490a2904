"""Charts of events: fatalities over time by actor, events by type over time, a map.

Figures are built with matplotlib's object API on the Agg canvas (no pyplot, no global state,
no display). :func:`render` gives SVG text or PNG bytes; output is deterministic (no dates in
the metadata, a fixed hash salt).
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections import Counter, defaultdict
from typing import Callable, Sequence

import matplotlib

matplotlib.use("Agg")  # before anything imports pyplot: marsad never opens a window

from matplotlib import rcParams  # noqa: E402
from matplotlib.dates import DAILY, AutoDateLocator, ConciseDateFormatter  # noqa: E402
from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.lines import Line2D  # noqa: E402

from ..errors import MarsadError  # noqa: E402
from ..records import Event  # noqa: E402
from .basemap import countries_in  # noqa: E402

rcParams["svg.hashsalt"] = "marsad"
PALETTE = ["#1b6ca8", "#d1495b", "#edae49", "#00798c", "#66a182", "#8d6a9f", "#2e4057",
           "#c4a35a", "#7f7f7f"]
PRECISION_STYLE = {  # geo_precision -> how sure the point is, as a marker
    1: dict(label="1 exact place", marker="o", size=40, fill=True, radius=0.0),
    2: dict(label="2 near / part of a named area", marker="o", size=40, fill=False, radius=0.08),
    3: dict(label="3 province level", marker="s", size=40, fill=False, radius=0.35),
}


class ChartError(MarsadError):
    code = "M602"


def _bucket(events: Sequence[Event]) -> tuple[Callable[[dt.date], dt.date], float]:
    """Days for a short period, weeks (Mondays) for a longer one, months beyond a year; with
    the bar width in days."""
    dates = [e.date.date for e in events if e.date.date]
    span = (max(dates) - min(dates)).days if dates else 0
    if span <= 45:
        return (lambda d: d), 0.8
    if span <= 400:
        return (lambda d: d - dt.timedelta(days=d.weekday())), 5.6
    return (lambda d: d.replace(day=1)), 24.0


def _stacked_bars(ax, series: dict[str, Counter], ylabel: str, width: float,
                  span: tuple[dt.date, dt.date]) -> None:
    """Bars stacked per series over the whole period of the events (``span``)."""
    days = sorted({d for counts in series.values() for d in counts})
    bottoms = Counter()
    for index, (name, counts) in enumerate(sorted(series.items(), key=lambda kv: -sum(kv[1].values()))):
        heights = [counts.get(d, 0) for d in days]
        ax.bar(days, heights, width=width, bottom=[bottoms[d] for d in days], label=name,
               color=PALETTE[index % len(PALETTE)], edgecolor="white", linewidth=0.5)
        for d, h in zip(days, heights):
            bottoms[d] += h
    ax.set_ylabel(ylabel)
    ax.grid(axis="y", color="#dddddd", linewidth=0.6)
    ax.set_axisbelow(True)
    ax.spines[["top", "right"]].set_visible(False)
    if days:
        pad = dt.timedelta(days=max(1, round(width)))  # whole days: a date drops hours
        ax.set_xlim(span[0] - pad, span[1] + pad)
        ax.legend(fontsize=8, frameon=False, loc="upper left")
    locator = AutoDateLocator(minticks=3, maxticks=10, interval_multiples=True)
    locator.intervald[DAILY] = [1, 2, 7, 14]  # whole days, never hours
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(ConciseDateFormatter(locator))


def _span(events: Sequence[Event]) -> tuple[dt.date, dt.date]:
    dates = [e.date.date for e in events if e.date.date]  # callers draw only dated events
    return min(dates), max(dates)


def _empty(ax, message: str) -> None:
    ax.text(0.5, 0.5, message, ha="center", va="center", transform=ax.transAxes, color="#777777")
    ax.set_xticks([])
    ax.set_yticks([])


def fatalities_chart(events: Sequence[Event]) -> Figure:
    """Best-estimate fatalities per day (or week) stacked by the acting side (actor 1); the
    black ticks show the low-high range of each bar's total."""
    figure = Figure(figsize=(8, 3.6), layout="constrained")
    ax = figure.add_subplot()
    bucket, width = _bucket(events)
    series: dict[str, Counter] = defaultdict(Counter)
    low, high = Counter(), Counter()
    for event in events:
        if event.date.date and event.fatalities_best:
            day = bucket(event.date.date)
            series[event.actor1 or "unknown actor"][day] += event.fatalities_best
            low[day] += event.fatalities_low or event.fatalities_best
            high[day] += event.fatalities_high or event.fatalities_best
    ax.set_title("Fatalities (best estimate) by actor 1", loc="left", fontsize=11)
    if not series:
        _empty(ax, "no event with a fatality figure")
        return figure
    _stacked_bars(ax, series, "fatalities", width, _span(events))
    days = sorted(low)
    ax.vlines(days, [low[d] for d in days], [high[d] for d in days], color="black", linewidth=1.2,
              label="low-high")
    return figure


def types_chart(events: Sequence[Event]) -> Figure:
    """Events per day (or week) stacked by ACLED event type."""
    figure = Figure(figsize=(8, 3.6), layout="constrained")
    ax = figure.add_subplot()
    bucket, width = _bucket(events)
    series: dict[str, Counter] = defaultdict(Counter)
    for event in events:
        if event.date.date:
            series[event.event_type][bucket(event.date.date)] += 1
    ax.set_title("Events by type", loc="left", fontsize=11)
    if not series:
        _empty(ax, "no dated event")
        return figure
    _stacked_bars(ax, series, "events", width, _span(events))
    ax.yaxis.get_major_locator().set_params(integer=True)
    return figure


def _points(events: Sequence[Event]) -> dict[tuple[float, float, str], list[Event]]:
    """Events grouped by the point they sit on (and its name)."""
    points: dict[tuple[float, float, str], list[Event]] = defaultdict(list)
    for event in events:
        if event.geocode and event.geocode.place:
            place = event.geocode.place
            points[(round(place.longitude, 4), round(place.latitude, 4), place.name)].append(event)
    return points


def _extent(points) -> tuple[float, float, float, float]:
    """Around the points, wide enough (3 degrees at least) to show the country around them."""
    lons = [p[0] for p in points]
    lats = [p[1] for p in points]
    pad = max(1.5, 0.25 * max(max(lons) - min(lons), max(lats) - min(lats)))
    return min(lons) - pad, min(lats) - pad, max(lons) + pad, max(lats) + pad


def map_chart(events: Sequence[Event]) -> Figure:
    """The events on Natural Earth country outlines; marker style shows the geo precision,
    marker size the fatalities, the label the place and how many events sit there."""
    figure = Figure(figsize=(8, 6), layout="constrained")
    ax = figure.add_subplot()
    ax.set_title("Map of events (marker = geo precision, size = fatalities)", loc="left",
                 fontsize=11)
    points = _points(events)
    if not points:
        _empty(ax, "no event with coordinates")
        return figure
    bbox = _extent(points)
    _draw_countries(ax, bbox)
    for index, ((lon, lat, name), here) in enumerate(sorted(points.items(), key=lambda kv: kv[0])):
        for precision in sorted({e.geocode.geo_precision for e in here}):
            _marker(ax, lon, lat, precision, [e for e in here if e.geocode.geo_precision == precision])
        ax.annotate(_point_label(name, here), (lon, lat), xytext=(10, 10 + 14 * (index % 4)),
                    textcoords="offset points", fontsize=8, zorder=5,
                    bbox=dict(boxstyle="round,pad=0.2", facecolor="white", alpha=0.8, linewidth=0),
                    arrowprops=dict(arrowstyle="-", color="#555555", linewidth=0.6))
    ax.set_xlim(bbox[0], bbox[2])
    ax.set_ylim(bbox[1], bbox[3])
    ax.set_aspect(1 / max(0.2, _cos_deg((bbox[1] + bbox[3]) / 2)))
    ax.set_facecolor("#dfe9f2")
    ax.set_xlabel("longitude")
    ax.set_ylabel("latitude")
    ax.legend(handles=_precision_legend(), title="geo precision", fontsize=8, title_fontsize=8,
              loc="lower left", framealpha=0.9)
    ax.text(0.99, 0.99, "Boundaries: Natural Earth (public domain)", transform=ax.transAxes,
            fontsize=7, ha="right", va="top", color="#666666")
    return figure


def _draw_countries(ax, bbox: tuple[float, float, float, float]) -> None:
    for country in countries_in(bbox):
        for ring in country.rings:
            xs, ys = zip(*ring)
            ax.fill(xs, ys, facecolor="#f3f1ea", edgecolor="#8a8a8a", linewidth=0.7, zorder=1)
        cx, cy = (country.bbox[0] + country.bbox[2]) / 2, (country.bbox[1] + country.bbox[3]) / 2
        if not (bbox[0] < cx < bbox[2] and bbox[1] < cy < bbox[3]):
            continue  # its middle is off the map: a label at the edge would mislead
        ax.text(cx, cy, country.name.upper(), fontsize=9, color="#9a9a9a", ha="center",
                zorder=2, clip_on=True)


def _point_label(name: str, here: list[Event]) -> str:
    fatalities = sum(e.fatalities_best or 0 for e in here)
    by_precision = Counter(e.geocode.geo_precision for e in here)
    detail = ", ".join(f"p{p}: {n}" for p, n in sorted(by_precision.items()))
    killed = f"; {fatalities} killed" if fatalities else ""
    return f"{name}: {len(here)} event{'s' if len(here) > 1 else ''} ({detail}){killed}"


def _cos_deg(latitude: float) -> float:
    import math

    return math.cos(math.radians(latitude))


def _marker(ax, lon: float, lat: float, precision: int, here: list[Event]) -> None:
    style = PRECISION_STYLE.get(precision, PRECISION_STYLE[3])
    fatalities = sum(e.fatalities_best or 0 for e in here)
    size = style["size"] + 6 * fatalities
    colour = PALETTE[1] if fatalities else PALETTE[0]
    ax.scatter([lon], [lat], s=size, marker=style["marker"], zorder=4, linewidths=1.5,
               facecolors=colour if style["fill"] else "none", edgecolors=colour)
    if style["radius"]:
        from matplotlib.patches import Circle

        ax.add_patch(Circle((lon, lat), style["radius"], fill=False, linestyle="--",
                            edgecolor=colour, linewidth=0.8, zorder=3))


def _precision_legend() -> list[Line2D]:
    return [Line2D([], [], linestyle="none", marker=s["marker"], markersize=7,
                   markerfacecolor=PALETTE[0] if s["fill"] else "none",
                   markeredgecolor=PALETTE[0], label=s["label"] + (" (dashed: area)" if s["radius"] else ""))
            for s in PRECISION_STYLE.values()]


CHARTS: dict[str, Callable[[Sequence[Event]], Figure]] = {
    "fatalities": fatalities_chart,
    "types": types_chart,
    "map": map_chart,
}


def chart(kind: str, events: Sequence[Event]) -> Figure:
    try:
        return CHARTS[kind](events)
    except KeyError:
        raise ChartError(f"no chart {kind!r}; choose one of {', '.join(CHARTS)}") from None


def render(figure: Figure, fmt: str) -> bytes:
    """The figure as ``svg`` (UTF-8 text) or ``png`` bytes."""
    if fmt not in ("svg", "png", "pdf"):
        raise ChartError(f"cannot write a chart as {fmt!r}; use .png or .svg")
    FigureCanvasAgg(figure)
    buffer = io.BytesIO()
    metadata = {"Date": None} if fmt == "svg" else {}
    figure.savefig(buffer, format=fmt, dpi=110, metadata=metadata or None)
    return buffer.getvalue()


def inline_svg(figure: Figure, prefix: str = "chart") -> str:
    """SVG markup for embedding in HTML (no XML prolog or doctype). Its ids get ``prefix`` so
    that several charts on one page never point at each other's glyphs and markers."""
    text = render(figure, "svg").decode("utf-8")
    text = text[text.index("<svg"):]
    text = re.sub(r'id="([^"]+)"', rf'id="{prefix}-\1"', text)
    text = re.sub(r'(xlink:href|href)="#([^"]+)"', rf'\1="#{prefix}-\2"', text)
    return re.sub(r"url\(#([^)]+)\)", rf"url(#{prefix}-\1)", text)
