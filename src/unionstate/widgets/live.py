"""Persistent figures for the explorers: drawn once, then updated in place.

Drawing a new matplotlib figure for every setting of a control costs 100-300 ms: the
layout engine and a tight bounding box measure every text, twice. An explorer instead
keeps one LiveChart. It is built once, with the largest content it can show, and its
layout is computed then and frozen (axes positions, label room, legend place), so nothing
jumps while a control moves. A new setting only changes the data, texts and colours of the
existing artists; where the number of bars, labels or lines varies, a pool of artists is
kept and the unused ones are hidden. Then the canvas is drawn once and encoded as a PNG at
the size it is shown.

A fresh chart drawn for one setting and a chart that went through other settings first
must show the same thing; artist_state() describes what a figure shows (data, texts,
colours of its visible artists) so a test can compare the two.
"""

from __future__ import annotations

import io
import math
import os
from contextlib import contextmanager

import matplotlib
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg, RendererAgg, get_hinting_flag
from matplotlib.font_manager import fontManager as _fontManager
from matplotlib.font_manager import get_font
from matplotlib.ft2font import RenderMode
from matplotlib.figure import Figure as MplFigure
from matplotlib.transforms import offset_copy
from PIL import Image

from ..plots import HOUSE_STYLE, Figure

DPI = 100  # the PNG is shown at its own size (CSS scales it down in a narrow window, never up)
# zlib level 1: measured (benchmarks/README.md) about twice as fast to encode as the default 6, for
# images about 10 % larger; a flat-coloured chart compresses well at any level.
PNG_COMPRESSION = 1


# --- text drawn faster, pixel for pixel the same ---------------------------------------------
#
# matplotlib 3.11 lays out every text and renders it glyph by glyph, in Python, at every draw;
# for a chart with a few hundred characters of labels that is most of the drawing time. A
# persistent chart draws the same labels again and again, so this renderer remembers each text's
# layout and each glyph's bitmap (by font, size, glyph, rotation and its position within a pixel:
# FreeType renders a glyph moved by whole pixels as the same bitmap, moved). The pixels are exactly
# those of matplotlib's renderer (tests/test_widgets.py compares them); with another matplotlib
# whose internals differ, the plain renderer is used.

_CACHE_LIMIT = 50_000


def _text_caching_supported() -> bool:
    from matplotlib.ft2font import FT2Font

    import inspect

    from matplotlib.text import Text

    # Text._get_layout asks the renderer for _get_font_height_metrics (returning ascent, descent, gap).
    asks = "_get_font_height_metrics" in inspect.getsource(Text._get_layout)
    return asks and all(hasattr(RendererAgg, name) for name in ("_draw_text_glyphs_and_boxes", "_prepare_font")) and all(
        hasattr(FT2Font, name) for name in ("_layout", "_render_glyph", "_set_transform"))


class _TextCachingRenderer(RendererAgg):
    _layouts: dict = {}
    _glyphs: dict = {}
    _heights: dict = {}

    def _get_font_height_metrics(self, prop):
        """The font's ascent, descent and line gap at this size, as Text._get_layout computes them from the
        font's tables for every text at every draw (it asks the renderer first: this method), remembered."""
        key = (tuple(prop.get_family()), prop.get_slant(), prop.get_variant(), prop.get_weight(), prop.get_stretch(),
               prop.get_size_in_points(), prop.get_file(), self.dpi)
        found = self._heights.get(key)
        if found is None:
            found = (None, None, None)
            font = get_font(_fontManager._find_fonts_by_props(prop))
            for table_name, gap, ascent, descent in (("OS/2", "sTypoLineGap", "sTypoAscender", "sTypoDescender"),
                                                     ("hhea", "lineGap", "ascent", "descent")):
                table = font.get_sfnt_table(table_name)
                if table is None:
                    continue
                scale = 1 / font.get_sfnt_table("head")["unitsPerEm"] * prop.get_size_in_points() * self.dpi / 72
                found = (table[ascent] * scale, -table[descent] * scale, table[gap] * scale)
                break
            self._heights[key] = found
        return found

    def draw_text(self, gc, x, y, s, prop, angle, ismath=False, mtext=None):
        if ismath:
            return super().draw_text(gc, x, y, s, prop, angle, ismath, mtext)
        features = mtext.get_fontfeatures() if mtext is not None else None
        language = mtext.get_language() if mtext is not None else None
        size = prop.get_size_in_points()
        key = (tuple(prop.get_family()), prop.get_slant(), prop.get_variant(), prop.get_weight(), prop.get_stretch(), size,
               prop.get_file(), self.dpi, s, get_hinting_flag(), None if features is None else tuple(features), language)
        items = self._layouts.get(key)
        if items is None:
            font = self._prepare_font(prop)
            items = tuple((item.ft_object, item.glyph_index, item.x, item.y)
                          for item in font._layout(s, flags=get_hinting_flag(), features=features, language=language))
            if len(self._layouts) > _CACHE_LIMIT:
                self._layouts.clear()
            self._layouts[key] = items
        self._draw_text_glyphs_and_boxes(gc, x, y, angle, ((ft, size, index, 0, 1, dx, dy) for ft, index, dx, dy in items), [])

    def _draw_text_glyphs_and_boxes(self, gc, x, y, angle, glyphs, boxes):
        if boxes:  # mathtext's rules: matplotlib's own code
            return super()._draw_text_glyphs_and_boxes(gc, x, y, angle, glyphs, boxes)
        cos, sin = math.cos(math.radians(angle)), math.sin(math.radians(angle))
        load_flags = get_hinting_flag()
        antialiased = gc.get_antialiased()
        matrices: dict = {}
        for font, size, glyph_index, slant, extend, dx, dy in glyphs:  # dy is upwards
            shape = matrices.get((slant, extend))
            if shape is None:
                shape = matrices[(slant, extend)] = (0x10000 * np.array([[cos, -sin], [sin, cos]]) @ [[extend, extend * slant], [0, 1]]).round().astype(int)
            tx = round(0x40 * (x + dx * cos - dy * sin))
            ty = round(0x40 * (self.height - y + dx * sin + dy * cos))  # FreeType's y is upwards
            key = (font.fname, size, self.dpi, glyph_index, shape.tobytes(), tx & 63, ty & 63, load_flags, antialiased)
            cached = self._glyphs.get(key)
            if cached is None:
                font.set_size(size, self.dpi)
                font._set_transform(shape, [tx, ty])
                bitmap = font._render_glyph(glyph_index, load_flags, RenderMode.NORMAL if antialiased else RenderMode.MONO)
                buffer = np.array(bitmap.buffer)
                if not antialiased:
                    buffer *= 0xff
                cached = (buffer, bitmap.left - (tx >> 6), bitmap.top - (ty >> 6))
                if len(self._glyphs) > _CACHE_LIMIT:
                    self._glyphs.clear()
                self._glyphs[key] = cached
            buffer, left, top = cached
            # draw_text_image's y is downwards & the bitmap's bottom side.
            self._renderer.draw_text_image(buffer, left + (tx >> 6), int(self.height) - (top + (ty >> 6)) + buffer.shape[0], 0, gc)


class _TextCachingCanvas(FigureCanvasAgg):
    def get_renderer(self):
        w, h = self.get_width_height(physical=True)
        key = w, h, self.figure.dpi
        if self._lastKey != key:
            self.renderer = _TextCachingRenderer(w, h, self.figure.dpi)
            self._lastKey = key
        return self.renderer


CANVAS = _TextCachingCanvas if _text_caching_supported() else FigureCanvasAgg


@contextmanager
def house_style():
    with matplotlib.rc_context(HOUSE_STYLE):
        yield


def encode_png(fig: MplFigure) -> bytes:
    """Draw the figure and encode it as an RGB PNG (empty while a submission is graded: nobody looks)."""
    if os.environ.get("UNIONSTATE_GRADING") == "1":
        return b""
    fig.canvas.draw()
    return _png_of_canvas(fig)


def _png_of_canvas(fig: MplFigure) -> bytes:
    """The canvas as it is now (drawn, or blitted) as an RGB PNG."""
    width, height = fig.canvas.get_width_height(physical=True)
    image = Image.frombuffer("RGBA", (width, height), fig.canvas.buffer_rgba(), "raw", "RGBA", 0, 1).convert("RGB")
    out = io.BytesIO()
    image.save(out, format="png", compress_level=PNG_COMPRESSION)
    return out.getvalue()


class LiveChart:
    """One figure that an explorer keeps and updates. Subclasses implement build() and update().

    build() creates the axes and every artist, filled with the largest content the chart can
    show (the longest labels, the most legend entries); the layout engine runs once on that and
    the positions are kept. update(**setting) changes the artists for one setting and must set
    everything a setting can change (hidden or shown, data, texts, limits): nothing may carry
    over from the setting before.
    """

    size: tuple[float, float] = (8.0, 4.5)
    layout: str | None = "constrained"  # None: the chart places its axes itself

    def __init__(self) -> None:
        self._background, self._background_setting = None, None  # for blitting: see draw()
        with house_style():
            self.fig = MplFigure(figsize=self.initial_size(), dpi=DPI, layout=self.layout)
            CANVAS(self.fig)
            self.build()
            self.fig.draw_without_rendering()  # the one layout pass
        if self.layout is not None:
            self.fig.set_layout_engine("none")
            self._pin_axis_labels()
        for ax in self.fig.axes:  # a title stays where it is: no search for tick labels above the axes at every draw
            for title in (ax.title, ax._left_title, ax._right_title):
                title.set_y(title.get_position()[1])
        width, height = self.fig.get_size_inches()
        # Margins in inches from the bottom and the top, so set_height() keeps the label room.
        self._margins = [(ax, ax.get_position().x0, ax.get_position().x1, ax.get_position().y0 * height,
                          (1 - ax.get_position().y1) * height) for ax in self.fig.axes]

    def initial_size(self) -> tuple[float, float]:
        """The figure's size while the layout is computed (for the largest content): `size` unless overridden."""
        return self.size

    def _pin_axis_labels(self) -> None:
        """Keep each axis label where the layout put it, at a fixed distance (in points) from its axes.

        Otherwise every draw measures all tick labels again to place the axis labels; pinned, the
        label room stays what the largest content needed."""
        for ax in self.fig.axes:
            box = ax.get_window_extent()
            for axis, horizontal in ((ax.xaxis, True), (ax.yaxis, False)):
                label = axis.label
                if not label.get_text() or not axis.get_label_position() in ("bottom", "left"):
                    continue
                px, py = label.get_transform().transform(label.get_position())
                to_points = 72 / self.fig.dpi
                if horizontal:
                    where = offset_copy(ax.transAxes, fig=self.fig, x=0, y=(py - box.y0) * to_points, units="points")
                    axis.set_label_coords((px - box.x0) / box.width, 0, transform=where)
                else:
                    where = offset_copy(ax.transAxes, fig=self.fig, x=(px - box.x0) * to_points, y=0, units="points")
                    axis.set_label_coords(0, (py - box.y0) / box.height, transform=where)

    def build(self) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def update(self, **setting) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def set_height(self, inches: float) -> None:
        """Grow or shrink the figure (e.g. with the number of bars) keeping every margin in inches.

        For charts whose axes sit side by side (one row)."""
        width, height = self.fig.get_size_inches()
        if abs(height - inches) < 1e-9:
            return
        self.fig.set_size_inches(width, inches)
        self._background = None  # a blitting background of the old size is of no use
        for ax, x0, x1, bottom, top in self._margins:
            ax.set_position((x0, bottom / inches, x1 - x0, max(inches - bottom - top, 0.1) / inches))

    # Blitting (measured worth it where one control moves a few artists, e.g. the margin-of-error chart's
    # n slider: benchmarks/README.md). A chart lists its `moving` artists (on top of everything they can
    # overlap); they are always drawn last, over a background drawn without them. While the setting
    # differs from the last background's only in what moves them (same_background), the background is
    # restored and only they are drawn again.
    moving: list = []

    def same_background(self, before: dict, now: dict) -> bool:
        """Whether `now` needs no other artist changed than the moving ones (False: draw everything)."""
        return False

    def draw(self, **setting) -> bytes:
        """Update the artists for a setting and return the PNG."""
        with house_style():
            if not self.moving:
                self.update(**setting)
                return encode_png(self.fig)
            if os.environ.get("UNIONSTATE_GRADING") == "1":
                self.update(**setting)
                return b""
            reuse = self._background is not None and self.same_background(self._background_setting, setting)
            self.update(**setting)
            canvas = self.fig.canvas
            if reuse:
                canvas.restore_region(self._background)
            else:
                for artist in self.moving:
                    artist.set_animated(True)
                try:
                    canvas.draw()
                finally:
                    for artist in self.moving:
                        artist.set_animated(False)
                self._background, self._background_setting = canvas.copy_from_bbox(self.fig.bbox), dict(setting)
            for artist in self.moving:
                if artist.get_visible():
                    self.fig.draw_artist(artist)
            return _png_of_canvas(self.fig)

    def render(self, *, alt: str, caption: str, **setting) -> Figure:
        """The chart for one setting as a plots.Figure: PNG, alt text and caption (no live artists)."""
        if not alt or not alt.strip():
            raise ValueError("Every chart needs alt text: describe what it shows in one or two sentences.")
        return Figure(self.draw(**setting), alt.strip(), caption)


class ChartSet:
    """The persistent charts of one explorer, one per kind (a LiveChart subclass and its arguments),
    each built when first needed. A view function given none draws on a fresh set."""

    def __init__(self) -> None:
        self._charts: dict = {}

    def get(self, kind: type[LiveChart], *args) -> LiveChart:
        key = (kind, args)
        if key not in self._charts:
            self._charts[key] = kind(*args)
        return self._charts[key]


# --- pools of artists ------------------------------------------------------------------------


class BarPool:
    """A fixed number of bars on one axes (horizontal or vertical); show() uses the first n, hides the rest.

    Each bar can carry a value label at its end (like Axes.bar_label), kept as an annotation."""

    def __init__(self, ax, size: int, *, horizontal: bool, label_size: float = 9, label_pad: float = 3, label_box: dict | None = None, **style):
        self.ax, self.horizontal, self.pad = ax, horizontal, label_pad
        positions, zeros = list(range(size)), [0.0] * size
        made = ax.barh(positions, zeros, **style) if horizontal else ax.bar(positions, zeros, **style)
        self.bars = list(made.patches)
        self.labels = []
        for _ in range(size):
            label = ax.annotate("", (0, 0), xytext=(0, 0), textcoords="offset points", fontsize=label_size, zorder=5,
                                annotation_clip=False)
            if label_box:
                label.set_bbox(dict(label_box))
            self.labels.append(label)
        self.hide()

    def hide(self, start: int = 0) -> None:
        for bar, label in zip(self.bars[start:], self.labels[start:]):
            bar.set_visible(False)
            label.set_visible(False)

    def show(self, positions, values, *, thickness: float, base=None, colors=None, hatches=None, edgecolors=None,
             alphas=None, linestyles=None, labels=None) -> None:
        n = len(values)
        if n > len(self.bars):
            raise ValueError(f"{n} bars asked for, the pool has {len(self.bars)}: make the pool larger")
        bases = list(base) if base is not None else [0.0] * n
        for i, (pos, value) in enumerate(zip(positions, values)):
            bar, value, start = self.bars[i], float(value), float(bases[i])
            if self.horizontal:
                bar.set_xy((start, pos - thickness / 2))
                bar.set_width(value)
                bar.set_height(thickness)
            else:
                bar.set_xy((pos - thickness / 2, start))
                bar.set_width(thickness)
                bar.set_height(value)
            bar.set_facecolor(colors[i] if colors is not None else "C0")
            bar.set_edgecolor(edgecolors[i] if edgecolors is not None else "none")
            bar.set_hatch(hatches[i] if hatches is not None and hatches[i] else None)
            bar.set_alpha(alphas[i] if alphas is not None else None)
            bar.set_linestyle(linestyles[i] if linestyles is not None else "-")
            bar.set_visible(True)
            label = self.labels[i]
            if labels is None or labels[i] is None:
                label.set_visible(False)
                continue
            end = start + value
            negative = value < 0
            if self.horizontal:
                label.xy = (end, pos)
                label.xyann = (-self.pad if negative else self.pad, 0)
                label.set_ha("right" if negative else "left")
                label.set_va("center")
            else:
                label.xy = (pos, end)
                label.xyann = (0, -self.pad if negative else self.pad)
                label.set_ha("center")
                label.set_va("top" if negative else "bottom")
            label.set_text(labels[i])
            label.set_visible(True)
        self.hide(n)


class TextPool:
    """A fixed number of annotations of one style; show() sets the first n, hides the rest."""

    def __init__(self, ax, size: int, **style):
        if "textcoords" in style:
            style.setdefault("xytext", (0, 0))
        self.items = []
        for _ in range(size):
            item = ax.annotate("", (0, 0), **style)
            item.set_visible(False)
            self.items.append(item)

    def take(self, n: int) -> list:
        if n > len(self.items):
            raise ValueError(f"{n} texts asked for, the pool has {len(self.items)}: make the pool larger")
        for item in self.items[n:]:
            item.set_visible(False)
        for item in self.items[:n]:
            item.set_visible(True)
        return self.items[:n]


class LinePool:
    """A fixed number of Line2D artists on one axes; take(n) shows the first n (their data set by the caller)."""

    def __init__(self, ax, size: int, **style):
        self.lines = [ax.plot([], [], **style)[0] for _ in range(size)]
        for line in self.lines:
            line.set_visible(False)

    def take(self, n: int) -> list:
        if n > len(self.lines):
            raise ValueError(f"{n} lines asked for, the pool has {len(self.lines)}: make the pool larger")
        for line in self.lines[n:]:
            line.set_visible(False)
            line.set_data([], [])
        for line in self.lines[:n]:
            line.set_visible(True)
        return self.lines[:n]


# --- what a figure shows -----------------------------------------------------------------------


def _round(values) -> list:
    array = np.asarray(values, dtype=float).round(6)
    return array.tolist()


def _color(value) -> tuple | None:
    if value is None:
        return None
    try:
        return tuple(round(float(c), 4) for c in matplotlib.colors.to_rgba(value))
    except (ValueError, TypeError):
        return tuple(tuple(round(float(c), 4) for c in row) for row in np.atleast_2d(value))


def _text_state(text) -> tuple:
    position = text.get_position()
    state = ("text", text.get_text(), _round(position), _color(text.get_color()), text.get_fontsize(), text.get_fontweight(),
             text.get_ha(), text.get_va(), text.get_rotation())
    if hasattr(text, "xy"):  # an annotation: its point, its offset, its box and arrow
        box = text.get_bbox_patch()
        arrow = text.arrow_patch
        state += (_round(text.xy), _round(text.xyann), _color(box.get_facecolor()) if box else None,
                  _color(box.get_edgecolor()) if box else None, bool(arrow and arrow.get_visible()))
    return state


def artist_state(fig: MplFigure) -> list:
    """What a figure shows, as plain values: for every axes its limits, ticks, labels, legend and the
    data, texts and colours of its visible artists (hidden pool members are left out). Equal states
    mean the same picture, without comparing pixels."""
    fig.canvas.draw()  # ticks and their labels are set while drawing
    state: list = [("size", _round(fig.get_size_inches()))]
    state += [_text_state(t) for t in fig.texts if t.get_visible() and t.get_text()]
    for ax in fig.axes:
        if not ax.get_visible():
            continue
        state.append(("axes", _round(ax.get_position().bounds), _round(ax.get_xlim()), _round(ax.get_ylim())))
        for axis in (ax.xaxis, ax.yaxis):
            ticks = [(float(t.get_loc()), t.label1.get_text()) for t in axis.get_major_ticks() if t.get_visible() and t.label1.get_visible()]
            lo, hi = sorted(axis.get_view_interval())
            state.append(("ticks", [(round(loc, 6), text) for loc, text in ticks if lo - 1e-9 <= loc <= hi + 1e-9],
                          axis.get_label().get_text()))
        for title in (ax.title, ax._left_title, ax._right_title):
            if title.get_text():
                state.append(("title", title.get_text()))
        for line in ax.get_lines():
            if line.get_visible():
                state.append(("line", _round(line.get_xydata()).__repr__(), _color(line.get_color()), line.get_linestyle(),
                              line.get_linewidth(), str(line.get_marker()), _color(line.get_markerfacecolor()),
                              _color(line.get_markeredgecolor()), line.get_markersize(), line.get_label()))
        for patch in ax.patches:
            if patch.get_visible():
                extent = patch.get_path().vertices if not hasattr(patch, "get_xy") else patch.get_xy()
                state.append(("patch", type(patch).__name__, _round(extent).__repr__(),
                              _round([getattr(patch, "get_width", lambda: 0)(), getattr(patch, "get_height", lambda: 0)()]),
                              _color(patch.get_facecolor()), _color(patch.get_edgecolor()), patch.get_hatch(),
                              patch.get_linestyle(), patch.get_alpha()))
        for collection in ax.collections:
            if collection.get_visible():
                segments = collection.get_segments() if hasattr(collection, "get_segments") else []
                state.append(("collection", type(collection).__name__, _round(collection.get_offsets()).__repr__(),
                              [_round(s).__repr__() for s in segments], _color(collection.get_facecolor()),
                              _color(collection.get_edgecolor()), _round(getattr(collection, "get_sizes", lambda: [])()).__repr__(),
                              _round(collection.get_linewidths()).__repr__()))
        for text in ax.texts:
            if text.get_visible() and text.get_text():
                state.append(_text_state(text))
        legend = ax.get_legend()
        if legend is not None and legend.get_visible():
            state.append(("legend", [t.get_text() for t in legend.get_texts()], legend._loc,
                          [type(h).__name__ for h in legend.legend_handles]))
    return state


__all__ = ["BarPool", "ChartSet", "DPI", "LinePool", "LiveChart", "PNG_COMPRESSION", "TextPool", "artist_state", "encode_png", "house_style"]
