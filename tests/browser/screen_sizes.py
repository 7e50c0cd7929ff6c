"""The three screens every notebook is checked on, and how one page is switched between them.

The notebook is run once; the page is then resized (no second Run All). JupyterLab
lays itself out again on a resize (Lumino's resize handling, CSS for the rest), and
wait_reflowed() checks that it did before anything is measured: the page reports
the new size and scale, the notebook fits in the window, and the layout of every
output stays the same over several animation frames.

200 % zoom is what Chromium's zoom does: half as many CSS pixels (683x450) at two
device pixels each, set through the DevTools protocol on the running page.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from pathlib import Path

from lab_server import ARTIFACTS, artifact

# JupyterLab windows a long notebook (content-visibility:auto on cells away from the viewport, so
# their contents are not laid out): the checks and screenshots need every cell laid out.
ALL_CELLS_VISIBLE = ".jp-Cell{content-visibility:visible !important}"
STYLE_ID = "kit-tests-all-cells-visible"
REFLOW_TIMEOUT_MS = 60_000
STABLE_FRAMES = 3


@dataclass(frozen=True)
class ScreenSize:
    label: str  # used in test ids and file names
    width: int  # CSS pixels
    height: int
    scale: int = 1  # device pixels per CSS pixel: 2 is 200 % zoom
    file_browser: bool = True  # JupyterLab's left sidebar open (its default)
    what: str = ""

    def __str__(self) -> str:
        return self.label


SIZES = [
    ScreenSize("1366x900", 1366, 900, what="a laptop screen, file browser open"),
    ScreenSize("1024x768", 1024, 768, what="a small screen, file browser open (JupyterLab's default)"),
    # With the file browser open at 200 % the notebook column is about 350 px wide; a student who zooms
    # closes it (Ctrl+B), as the student walk did.
    ScreenSize("zoom200", 683, 450, scale=2, file_browser=False, what="200 % zoom (683x450 CSS px at scale 2), file browser closed"),
]
BY_LABEL = {size.label: size for size in SIZES}

# Screenshots are taken in a taller window of the same width (the layout depends on the width; fewer,
# taller pieces are quicker to take and to look at), as JPEG (half the time of PNG, as small), one
# image pixel per CSS pixel: at 200 % zoom the layout is the zoomed one, the text just not as sharp
# (a quarter of the pixels: four times quicker).
SCREENSHOT_HEIGHT = 2400
JPEG_QUALITY = 85

JS_SHOW_ALL_CELLS = f"""() => {{
  if (document.getElementById('{STYLE_ID}')) return;
  const style = document.createElement('style');
  style.id = '{STYLE_ID}';
  style.textContent = '{ALL_CELLS_VISIBLE}';
  document.head.appendChild(style);
}}"""
JS_WINDOW_CELLS_AGAIN = f"() => {{ const s = document.getElementById('{STYLE_ID}'); if (s) s.remove(); }}"

# True once the page has the wanted size and scale, the sidebar is as wanted, the notebook fits in
# the window, and the boxes of the main area and of every output were the same for STABLE_FRAMES
# animation frames in a row (Playwright evaluates this once per frame).
JS_REFLOWED = """([w, h, scale, sidebar, frames]) => {
  const state = window.__kitReflow || (window.__kitReflow = {sig: null, same: 0, why: '', changes: 0});
  const no = (why) => { state.same = 0; state.why = why; return false; };
  if (innerWidth !== w || innerHeight !== h || devicePixelRatio !== scale) return no(`window ${innerWidth}x${innerHeight} at ${devicePixelRatio}`);
  const left = document.querySelector('#jp-left-stack');
  const leftOpen = !!left && !left.classList.contains('lm-mod-hidden') && left.getBoundingClientRect().width > 0;
  if (leftOpen !== sidebar) return no(`file browser ${leftOpen ? 'open' : 'closed'}`);
  const panel = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');
  const main = document.querySelector('#jp-main-dock-panel');
  if (!panel || !main) return no('no notebook panel');
  const p = panel.getBoundingClientRect(), m = main.getBoundingClientRect();
  if (p.right > innerWidth + 1 || m.right > innerWidth + 1 || p.width < 50) return no(`notebook at ${p.left}-${p.right}, main area ${m.left}-${m.right}`);
  const parts = [m.width, m.height, p.width, p.height];
  document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea-output').forEach((o) => {
    const r = o.getBoundingClientRect(); parts.push(Math.round(r.width), Math.round(r.height));
  });
  const sig = parts.join(',');
  if (sig === state.sig) state.same += 1; else { state.same = 0; state.changes += 1; }
  state.sig = sig;
  state.why = `layout changed ${state.changes} times, the same for ${state.same} frame(s)`;
  return state.same >= frames;
}"""

JS_LAYOUT_STATE = """() => {
  const panel = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');
  const r = panel ? panel.getBoundingClientRect() : null;
  return {window: [innerWidth, innerHeight, devicePixelRatio], notebook: r ? [Math.round(r.left), Math.round(r.width)] : null,
          last_check: window.__kitReflow ? window.__kitReflow.why : null};
}"""


def _cdp(page):
    """One DevTools session per page (kept on the page object)."""
    session = getattr(page, "_kit_cdp", None)
    if session is None:
        session = page.context.new_cdp_session(page)
        page._kit_cdp = session
    return session


def set_size(page, size: ScreenSize, *, height: int | None = None) -> None:
    """Resize the page (and its scale) to `size`, open or close the file browser, wait for the reflow."""
    height = height or size.height
    if size.scale == 1:
        if getattr(page, "_kit_zoomed", False):
            # Each DevTools session keeps its own override, and Chromium ignores a session's override that
            # equals that session's last one: clear ours, so that Playwright's applies now and ours next time.
            _cdp(page).send("Emulation.clearDeviceMetricsOverride")
            page._kit_zoomed = False
        page.set_viewport_size({"width": size.width, "height": height})
    else:
        _cdp(page).send("Emulation.setDeviceMetricsOverride",
                        {"width": size.width, "height": height, "deviceScaleFactor": size.scale, "mobile": False})
        page._kit_zoomed = True
    page.evaluate("(open) => { const s = window.jupyterapp.shell; if (open) { s.expandLeft(); } else { s.collapseLeft(); } }", size.file_browser)
    wait_reflowed(page, size, height)


def reset_size(page, width: int, height: int) -> None:
    """Back to Playwright's own window of this size, at scale 1 (a new notebook in the same page)."""
    set_size(page, ScreenSize("reset", width, height))


def wait_reflowed(page, size: ScreenSize, height: int) -> None:
    page.evaluate("() => { window.__kitReflow = null; }")
    try:
        page.wait_for_function(JS_REFLOWED, arg=[size.width, height, size.scale, size.file_browser, STABLE_FRAMES],
                               timeout=REFLOW_TIMEOUT_MS, polling="raf")
    except Exception as exc:
        state = page.evaluate(JS_LAYOUT_STATE)
        raise AssertionError(f"JupyterLab did not lay itself out again for {size} ({size.width}x{height} at scale {size.scale}) "
                             f"within {REFLOW_TIMEOUT_MS / 1000:g} s; the page reports {state}") from exc


def show_all_cells(page) -> None:
    page.evaluate(JS_SHOW_ALL_CELLS)


def window_cells_again(page) -> None:
    page.evaluate(JS_WINDOW_CELLS_AGAIN)


JS_SCROLLED_AND_PAINTED = """([selector, top]) => new Promise((resolve) => {
  const scroller = document.querySelector(selector);
  scroller.scrollTop = top;
  // Two animation frames: the frame that lays out the scrolled cells, and the one that paints them;
  // and every image in them decoded.
  requestAnimationFrame(() => requestAnimationFrame(async () => {
    const images = Array.from(scroller.querySelectorAll('img'));
    await Promise.all(images.map((img) => img.decode().catch(() => null)));
    resolve(scroller.scrollTop);
  }));
})"""

SCROLLER = ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-WindowedPanel-outer"


def screenshot_pieces(page, stem: str, size: ScreenSize) -> list[Path]:
    """The whole notebook at this screen's width and scale, in pieces of a taller window
    (<stem>-<screen>-pageNN.jpg); the page is put back to the screen's own height afterwards."""
    tall = SCREENSHOT_HEIGHT // size.scale
    set_size(page, size, height=tall)
    for old in ARTIFACTS.glob(f"{stem}-{size.label}-page*.*"):  # an earlier, longer version's pieces
        old.unlink(missing_ok=True)
    saved = []
    try:
        total, step = page.evaluate("(s) => { const e = document.querySelector(s); return [e.scrollHeight, e.clientHeight]; }", SCROLLER)
        for n, top in enumerate(range(0, max(total, 1), max(step - 60, 200)), start=1):
            page.evaluate(JS_SCROLLED_AND_PAINTED, [SCROLLER, top])
            path = artifact(f"{stem}-{size.label}-page{n:02d}.jpg")
            screenshot(page, path, size, tall)
            saved.append(path)
    finally:
        set_size(page, size)
    return saved


def screenshot(page, path: Path, size: ScreenSize, height: int) -> None:
    """What the window shows, one image pixel per CSS pixel. At a zoom Playwright would capture its own
    idea of the window (it does not know about the DevTools override), so the DevTools protocol does."""
    if size.scale == 1:
        page.screenshot(path=str(path), type="jpeg", quality=JPEG_QUALITY)
    else:
        clip = {"x": 0, "y": 0, "width": size.width, "height": height, "scale": 1 / size.scale}
        data = _cdp(page).send("Page.captureScreenshot", {"format": "jpeg", "quality": JPEG_QUALITY, "clip": clip})["data"]
        path.write_bytes(base64.b64decode(data))


def jpeg_size(path: Path) -> tuple[int, int]:
    """(width, height) in pixels, from the JPEG's frame header."""
    data = path.read_bytes()
    assert data[:2] == b"\xff\xd8", f"{path} is not a JPEG file"
    i = 2
    while i + 9 < len(data):
        if data[i] != 0xFF:
            raise AssertionError(f"{path}: not a valid JPEG (no marker at byte {i})")
        marker, length = data[i + 1], int.from_bytes(data[i + 2:i + 4], "big")
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):  # a start-of-frame marker
            return int.from_bytes(data[i + 7:i + 9], "big"), int.from_bytes(data[i + 5:i + 7], "big")
        i += 2 + length
    raise AssertionError(f"{path}: no frame header found")
