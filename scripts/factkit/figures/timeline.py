"""The timeline: events on a time axis, honest about precision.

Two scales, because one cannot show both 1971 and a single weekend:
- the overview is a year axis, broken wherever more than MAX_GAP years hold no event, with each
  year (or month) precision event drawn as a bar across its whole span;
- when events cluster in one month (the month wholly containing the most day- and month-precision
  events), that month is enlarged below as a day axis, where day-precision events are points and
  month-precision events span the month. The overview marks the enlarged month and joins it to
  the inset, so a reader sees where the weekend sits.
Each row (label and mark) links to the event's row on the timeline page.
"""
from __future__ import annotations

import calendar
import datetime as dt
from collections import Counter
from dataclasses import dataclass

from markupsafe import Markup

from ..core import vocab
from ..core.markup import date_span, humanize, render
from ..core.model import Package
from . import svg
from .links import Links
from .metrics import LABEL_SIZE


@dataclass(frozen=True)
class Geometry:
    """One drawing of the timeline. Wide: labels in a column left of the plot. Narrow (phones):
    each label on its own line above its mark, so the plot keeps the whole width."""

    name: str
    width: float
    label_w: float
    row_h: float
    stacked: bool
    min_width: int

    @property
    def plot_x(self) -> float:
        return 10.0 if self.stacked else self.label_w + 20

    @property
    def label_room(self) -> float:
        """How wide an event's label may be: its column (wide), the drawing's width (narrow)."""
        return self.width - 2 * self.plot_x if self.stacked else self.label_w - 10

    @property
    def plot_w(self) -> float:
        return self.width - self.plot_x - (14 if self.stacked else 20)


WIDE = Geometry("wide", 1000, 440, 25, False, 700)
NARROW = Geometry("narrow", 420, 0, 40, True, 300)
MAX_GAP = 2  # more empty years than this between events and the axis breaks
BREAK_W = 26
MAX_ROWS = 150  # per panel; the timeline page paginates long before this


def _year_fraction(day: dt.date) -> float:
    days = 366 if calendar.isleap(day.year) else 365
    return (day.timetuple().tm_yday - 1) / days


class YearAxis:
    """Covered years, split into segments where the gap is long; x of any date."""

    def __init__(self, events: list[dict], plot_x: float, plot_w: float):
        years: set[int] = set()
        for e in events:
            years.update(range(e["date_start"].year, (e["date_end"] or e["date_start"]).year + 1))
        ordered = sorted(years)
        self.segments: list[list[int]] = []
        for y in ordered:
            if self.segments and y - self.segments[-1][-1] - 1 <= MAX_GAP:
                self.segments[-1].extend(range(self.segments[-1][-1] + 1, y + 1))
            else:
                self.segments.append([y])
        n_years = sum(len(s) for s in self.segments)
        self.breaks = len(self.segments) - 1
        self.year_w = min(120.0, (plot_w - self.breaks * BREAK_W) / max(n_years, 1))
        self.start_x: dict[int, float] = {}
        x = plot_x
        for i, seg in enumerate(self.segments):
            if i:
                x += BREAK_W
            for y in seg:
                self.start_x[y] = x
                x += self.year_w
        self.end = x

    def x(self, day: dt.date) -> float:
        return self.start_x[day.year] + _year_fraction(day) * self.year_w

    def x_end(self, day: dt.date) -> float:
        """Right edge of a day (spans are inclusive of their last day)."""
        nxt = day + dt.timedelta(days=1)
        if nxt.year != day.year:
            return self.start_x[day.year] + self.year_w
        return self.x(nxt)

    def ticks(self) -> list[dict]:
        every = 1 if self.year_w >= 31 else (2 if self.year_w >= 17 else (5 if self.year_w >= 7 else 10))
        out = []
        for seg in self.segments:
            for y in seg:
                if y == seg[0] or y % every == 0:
                    out.append({"x": self.start_x[y], "mid": self.start_x[y] + self.year_w / 2, "label": str(y)})
        return out

    def break_marks(self) -> list[float]:
        return [self.start_x[seg[0]] - BREAK_W / 2 for seg in self.segments[1:]]


class Timeline:
    def __init__(self, package: Package):
        self.bases = vocab.enum(package.schema("events"), "date_basis")  # fills by position (factkit.css)

    @staticmethod
    def _zoom_month(events: list[dict]) -> tuple[int, int] | None:
        """The month wholly containing the most day/month-precision events, if it is worth it."""
        if not events:
            return None
        first = min(e["date_start"] for e in events)
        last = max(e["date_end"] or e["date_start"] for e in events)
        if (last - first).days <= 366:
            return None
        months = Counter()
        for e in events:
            s, t = e["date_start"], e["date_end"] or e["date_start"]
            if e["date_precision"] in ("day", "month") and (s.year, s.month) == (t.year, t.month):
                months[(s.year, s.month)] += 1
        if not months:
            return None
        (ym, count), = sorted(months.items(), key=lambda kv: (-kv[1], kv[0]))[:1]
        return ym if count >= 2 else None

    def _row(self, e: dict, y: float, links: Links, x0: float, x1: float, point: bool, g: Geometry) -> dict:
        return {
            "id": e["event_id"], "y": y, "label": svg.fit(e["summary"], g.label_room, LABEL_SIZE), "summary": e["summary"],
            "when": date_span(e["date_start"], e["date_end"], e["date_precision"]), "precision": e["date_precision"], "basis": e["date_basis"],
            "x0": x0, "x1": max(x1, x0 + 3), "point": point, "href": links.event(e["event_id"]),
            # wide: label right-aligned in its column, mark on the row; narrow: label above the mark
            "label_x": g.plot_x if g.stacked else g.label_w, "label_y": y - 6 if g.stacked else y + 4.5,
            "mark_y": y + 9 if g.stacked else y,
        }

    def _view(self, overview: list[dict], inset: list[dict], zoom, links: Links, g: Geometry) -> dict:
        axis = YearAxis(overview + inset, g.plot_x, g.plot_w)
        top = 34 + (10 if g.stacked else 0)
        rows = []
        for i, e in enumerate(overview):
            y = top + i * g.row_h
            s, t = e["date_start"], e["date_end"] or e["date_start"]
            point = e["date_precision"] == "day" and s == t
            x0 = axis.x(s)
            x1 = x0 if point else axis.x_end(t)
            rows.append(self._row(e, y, links, x0, x1, point, g))
        axis_y = top + len(overview) * g.row_h + (8 if g.stacked else 4)
        panel = {"rows": rows, "axis_y": axis_y, "top": top - (24 if g.stacked else 8), "ticks": axis.ticks(),
                 "breaks": axis.break_marks(), "end": axis.end, "year_w": axis.year_w}
        zoom_panel = None
        height = axis_y + 40
        if inset:
            year, month = zoom
            days = calendar.monthrange(year, month)[1]
            day_w = g.plot_w / days
            z_top = axis_y + 92 + (12 if g.stacked else 0)
            first = dt.date(year, month, 1)
            zrows = []
            for i, e in enumerate(inset):
                s, t = e["date_start"], e["date_end"] or e["date_start"]
                point = e["date_precision"] == "day" and s == t
                x0 = g.plot_x + (s - first).days * day_w
                x1 = g.plot_x + ((t - first).days + 1) * day_w
                if point:
                    x0 = x1 = x0 + day_w / 2
                zrows.append(self._row(e, z_top + i * g.row_h, links, x0, x1, point, g))
            z_axis = z_top + len(inset) * g.row_h + (8 if g.stacked else 4)
            busy = {(e["date_start"] - first).days + 1 for e in inset if e["date_precision"] == "day"}
            labelled = sorted({1, days, *busy} | {d for d in range(1, days + 1) if d % 7 == 1})
            # keep tick labels apart: drop a routine label that sits next to an event day
            labelled = [d for d in labelled if d in busy or d in (1, days) or not ({d - 1, d + 1} & busy)]
            # weekday names under event days; on a narrow axis, neighbours alternate between two lines
            stagger = day_w < 16
            ticks = [{"x": g.plot_x + (d - 1) * day_w, "mid": g.plot_x + (d - 0.5) * day_w,
                      "label": str(d), "strong": d in busy, "wy": 30 + (12 if stagger and d % 2 == 0 else 0),
                      "weekday": dt.date(year, month, d).strftime("%a")[:2]} for d in labelled]
            zoom_panel = {
                "rows": zrows, "top": z_top - (24 if g.stacked else 8), "axis_y": z_axis, "ticks": ticks,
                "day_w": day_w, "days": days, "label": f"{first:%B %Y}, day by day", "short": f"{first:%b %Y}",
                "x0": axis.x(first), "x1": axis.x_end(dt.date(year, month, days)), "count": len(inset),
            }
            height = z_axis + 56
        return {"g": g, "overview": panel, "zoom": zoom_panel, "height": height, "breaks": axis.breaks}

    def figure(self, events: list[dict], links: Links, fig_id: str = "timeline") -> Markup:
        """The given events on a time axis, one row each in the order given (the timeline page gives
        them in date order). The figure has no table of its own: the page that shows it lists the
        same events, with their dates, right below."""
        if not events:
            return Markup("")
        zoom = self._zoom_month(events)

        def in_zoom(e):
            s, t = e["date_start"], e["date_end"] or e["date_start"]
            return zoom is not None and (s.year, s.month) == zoom == (t.year, t.month) and e["date_precision"] != "year"

        inset = [e for e in events if in_zoom(e)][:MAX_ROWS]
        overview = [e for e in events if not in_zoom(e)][:MAX_ROWS]
        hidden = len(events) - len(inset) - len(overview)
        views = [self._view(overview, inset, zoom, links, g) for g in (WIDE, NARROW)]
        wide = views[0]
        legend_bases = list(dict.fromkeys(e["date_basis"] for e in events))
        n_points = sum(1 for e in events if e["date_precision"] == "day")
        label = wide["zoom"]["label"] if wide["zoom"] else ""
        desc = (f"{len(events)} events on a time axis. The overview is in years"
                + (f", broken where no event happens for more than {MAX_GAP} years" if wide["breaks"] else "")
                + "; year-precision events are bars across their year or years"
                + (f". {label} is enlarged below with {len(inset)} events: day-precision ones as "
                   f"points, month-precision ones as bars across the month" if wide["zoom"] else "")
                + f". {n_points} events are dated to the day. Fill shows how the date is known: "
                + ", ".join(humanize(b) for b in legend_bases)
                + ". Every event is listed, with its date, in the table below.")
        return render(
            "figures/timeline.svg.j2", fig_id=fig_id, title="Timeline of the events", desc=desc, views=views,
            shown_bases=legend_bases, bases=self.bases, hidden=hidden, has_points=n_points > 0)
