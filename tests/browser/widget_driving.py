"""Explorers and quizzes in the browser: find their controls, change them, time the redraw.

Explorers are ipywidgets VBoxes with the CSS class unionstate-explorer; their
output is the HTML widget unionstate-explorer-output. Quizzes are VBoxes with
the class unionstate-quiz (unionstate.widgets.quizzes).
"""

from __future__ import annotations

import re

REDRAW_TIMEOUT_MS = 60_000  # only reached when the kernel does not answer at all (an unchanged output is told apart at once)

# Every control kind the kit's explorers use, in the order the browser shows them.
JS_CONTROLS = """(explorer) => {
  const found = [];
  const controls = explorer.querySelectorAll(
    '.widget-dropdown select, .widget-toggle-buttons, .widget-hslider .noUi-handle, .widget-checkbox input[type=checkbox], .widget-radio-box');
  controls.forEach((el, i) => {
    let kind = 'other';
    if (el.matches('select')) kind = 'dropdown';
    else if (el.matches('.widget-toggle-buttons')) kind = 'toggle';
    else if (el.matches('.noUi-handle')) kind = 'slider';
    else if (el.matches('input[type=checkbox]')) kind = 'checkbox';
    else if (el.matches('.widget-radio-box')) kind = 'radio';
    const widget = el.closest('.widget-dropdown, .widget-toggle-buttons, .widget-hslider, .widget-checkbox, .widget-radio') || el.parentElement;
    const label = widget.querySelector('.widget-label');
    const text = ((label && label.textContent) || '').replace(/\u200b/g, '').trim() || widget.textContent.replace(/\u200b/g, '').trim();
    found.push({kind, label: text.slice(0, 60)});
  });
  return found;
}"""
CONTROL_SELECTOR = ".widget-dropdown select, .widget-toggle-buttons, .widget-hslider .noUi-handle, .widget-checkbox input[type=checkbox], .widget-radio-box"

# Timing as the student sees it: from the first input event of the change (key, mouse, select)
# to the first animation frame after the explorer's output HTML differs.
#
# Whether the kernel has answered: every widget message the page sends is recorded, and so is
# every iopub "idle" status, which the kernel sends for a message once it has handled it and after
# every message that handling caused (on one ordered iopub stream). JupyterLab sends widget
# messages to a kernel subshell of their own (its "comms over subshells" setting), so they are not
# queued behind other requests: a request sent afterwards says nothing about them; their own
# "idle" does. (ipywidgets holds a widget's next message back while one is unanswered, so "nothing
# sent" is only sure when no message is unanswered.)
JS_ARM = """(explorer) => {
  const content = explorer.querySelector('.unionstate-explorer-output .widget-html-content');
  const before = content.innerHTML;
  const t = {start: null, end: null};
  const mark = () => { if (t.start === null) t.start = performance.now(); };
  const kinds = ['keydown', 'mousedown', 'input', 'change'];
  kinds.forEach((k) => document.addEventListener(k, mark, true));
  const observer = new MutationObserver(() => {
    if (t.end === null && t.start !== null && content.innerHTML !== before) {
      t.end = -1;
      requestAnimationFrame(() => { t.end = performance.now(); });
    }
  });
  observer.observe(content, {subtree: true, childList: true, characterData: true, attributes: true});
  const kernel = window.jupyterapp.shell.currentWidget.sessionContext.session.kernel;
  let comms = window.__kitComms;
  if (!comms || comms.kernel !== kernel) {  // one record per kernel, kept from the first change on
    comms = window.__kitComms = {kernel, unanswered: new Set(), sent: 0};
    kernel.anyMessage.connect((_, args) => {
      const msg = args.msg;
      if (args.direction === 'send' && msg.header.msg_type === 'comm_msg') { comms.unanswered.add(msg.header.msg_id); comms.sent += 1; }
      if (args.direction === 'recv' && msg.header.msg_type === 'status' && msg.content.execution_state === 'idle') comms.unanswered.delete(msg.parent_header.msg_id);
    });
  }
  window.__kitRedraw = {t, comms, sentBefore: comms.sent, stop: () => {
    observer.disconnect();
    kinds.forEach((k) => document.removeEventListener(k, mark, true));
  }};
}"""

# Changed, or sure it will not change: no widget message is unanswered, and two animation frames
# have passed since (JupyterLab applies iopub messages in arrival order, so the updates are applied
# by then and the redraw, if any, is on the page). `sent` says how many messages the change sent
# (0: the control did not tell the kernel anything). No fixed grace time: on a slow machine each
# step takes longer, and the wait with it.
JS_WAIT_REDRAW = """([timeout]) => new Promise((resolve) => {
  const r = window.__kitRedraw;
  const begun = performance.now();
  let frames = null;  // set once nothing is unanswered: done two animation frames later
  const finish = (value) => { r.stop(); resolve({...value, sent: r.comms.sent - r.sentBefore}); };
  const tick = () => {
    if (r.t.end !== null && r.t.end > 0) return finish({changed: true, ms: r.t.end - r.t.start});
    const sent = r.comms.sent;
    if (r.comms.unanswered.size > 0 || (frames !== null && frames.sent !== sent)) frames = null;
    else if (frames === null) {
      const mine = frames = {done: false, sent};
      requestAnimationFrame(() => requestAnimationFrame(() => { mine.done = true; }));
    } else if (frames.done && r.t.end === null) return finish({changed: false, ms: null, answered: true});
    if (performance.now() - begun > timeout) return finish({changed: false, ms: null, answered: false});
    setTimeout(tick, 5);
  };
  tick();
})"""

SLIDER_PRESSES = 5  # a range's end may sit on a year without data: move it a few steps before calling it dead


def explorer_controls(explorer) -> list[dict]:
    return explorer.evaluate(JS_CONTROLS)


def arm(explorer) -> None:
    explorer.evaluate(JS_ARM)


def wait_redraw(page, timeout_ms: int = REDRAW_TIMEOUT_MS) -> dict:
    """{'changed': bool, 'ms': milliseconds from the change's first input event to the redrawn output}."""
    return page.evaluate(JS_WAIT_REDRAW, [timeout_ms])


def slider_direction(handle) -> str:
    """ArrowRight unless the handle is at its upper limit (for a range's lower handle: the upper handle)."""
    now = float(handle.get_attribute("aria-valuenow") or 0)
    top = float(handle.get_attribute("aria-valuemax") or now)
    return "ArrowRight" if now < top else "ArrowLeft"


def _press_until_redrawn(page, explorer, key: str, tries: int) -> tuple[str, dict]:
    """Press a key on the focused control until the output changes, at most `tries` times."""
    redraw: dict = {"changed": False, "ms": None}
    keys = []
    for _ in range(tries):
        arm(explorer)
        page.keyboard.press(key)
        keys.append(key)
        redraw = wait_redraw(page)
        if redraw["changed"] or not redraw.get("answered", True):
            break
    counted = ", ".join(f"{k} x{keys.count(k)}" for k in dict.fromkeys(keys))
    return counted, redraw


def change_control(page, explorer, n: int, *, keyboard_only: bool = False) -> tuple[str, dict]:
    """Change control n of an explorer and wait for the explorer's answer: (what was done, wait_redraw() result).

    With keyboard_only the control is reached with Tab (from wherever the keyboard's focus is,
    see start_keyboard_walk) and changed with keys only."""
    control = explorer.locator(CONTROL_SELECTOR).nth(n)
    kind = explorer_controls(explorer)[n]["kind"]
    if keyboard_only:
        return _change_by_keyboard(page, explorer, control, kind)
    if kind == "dropdown":
        options = control.evaluate("(s) => Array.from(s.options).map(o => o.value)")
        if len(options) < 2:
            raise AssertionError("the dropdown has a single option")
        target = options[(options.index(control.evaluate("(s) => s.value")) + 1) % len(options)]  # the next one
        arm(explorer)
        control.select_option(target)
        return f"selected {target!r}", wait_redraw(page)
    if kind == "toggle":
        target = control.locator("button.mod-active + button, button:first-child:not(.mod-active)").first  # the next one
        text = target.inner_text()
        arm(explorer)
        target.click()
        return f"clicked {text!r}", wait_redraw(page)
    if kind == "slider":
        control.focus()
        keys, redraw = _press_until_redrawn(page, explorer, slider_direction(control), SLIDER_PRESSES)
        return f"focused the slider handle, {keys}", redraw
    if kind == "checkbox":
        control.focus()
        arm(explorer)
        page.keyboard.press("Space")
        return "focused the checkbox, Space", wait_redraw(page)
    if kind == "radio":
        target = control.locator("input[type=radio]:not(:checked)").first
        arm(explorer)
        target.check()
        return "checked another radio button", wait_redraw(page)
    raise AssertionError(f"unknown control kind {kind}")


JS_CONTROL_STATE = """(el) => {
  if (el.matches('select')) return {value: el.value};
  if (el.matches('.widget-toggle-buttons')) return {active: Array.from(el.querySelectorAll('button')).findIndex((b) => b.classList.contains('mod-active'))};
  if (el.matches('.noUi-handle')) return {now: el.getAttribute('aria-valuenow')};
  if (el.matches('input[type=checkbox]')) return {checked: el.checked};
  if (el.matches('.widget-radio-box')) return {checked: Array.from(el.querySelectorAll('input')).findIndex((i) => i.checked)};
  return {};
}"""

# What the explorer shows, as a reader sees it: its output's text and its images' alt texts.
JS_FINGERPRINT = """(explorer) => {
  const out = explorer.querySelector('.unionstate-explorer-output');
  return out.innerText + ' | ' + Array.from(out.querySelectorAll('img')).map((i) => i.alt).join(' | ');
}"""


def control_state(explorer, n: int) -> dict:
    return explorer.locator(CONTROL_SELECTOR).nth(n).evaluate(JS_CONTROL_STATE)


def fingerprint(explorer) -> str:
    return explorer.evaluate(JS_FINGERPRINT)


def restore_control(page, explorer, n: int, before: dict) -> bool:
    """Put control n back to the state control_state() saw (with the mouse, or keys on a slider),
    waiting for the explorer's answer after each step; True if the control is back in that state.
    The caller compares what the explorer shows with what it showed then (fingerprint())."""
    control = explorer.locator(CONTROL_SELECTOR).nth(n)
    kind = explorer_controls(explorer)[n]["kind"]
    if control.evaluate(JS_CONTROL_STATE) != before:
        if kind == "dropdown":
            arm(explorer)
            control.select_option(before["value"])
            wait_redraw(page)
        elif kind == "toggle":
            arm(explorer)
            control.locator("button").nth(before["active"]).click()
            wait_redraw(page)
        elif kind == "slider":
            control.focus()
            for _ in range(4 * SLIDER_PRESSES):
                now = float(control.get_attribute("aria-valuenow") or 0)
                if now == float(before["now"]):
                    break
                arm(explorer)
                page.keyboard.press("ArrowRight" if now < float(before["now"]) else "ArrowLeft")
                wait_redraw(page)
        elif kind == "checkbox":
            arm(explorer)
            control.click()
            wait_redraw(page)
        elif kind == "radio":
            arm(explorer)
            control.locator("input").nth(before["checked"]).check()
            wait_redraw(page)
    return control.evaluate(JS_CONTROL_STATE) == before


def _focused_inside(element) -> bool:
    return element.evaluate("(el) => el === document.activeElement || el.contains(document.activeElement)")


def _tab_to(page, element, limit: int = 40) -> int:
    for presses in range(1, limit + 1):
        page.keyboard.press("Tab")
        if _focused_inside(element):
            return presses
    where = page.evaluate("() => document.activeElement ? document.activeElement.outerHTML.slice(0, 160) : 'nothing'")
    raise AssertionError(f"Tab did not reach the control within {limit} presses; the focus is on {where}")


def start_keyboard_walk(explorer) -> None:
    """Put the keyboard's starting point on the explorer's title: a click on plain text, not on a control."""
    explorer.locator(".widget-html-content").first.click()


def _change_by_keyboard(page, explorer, control, kind: str) -> tuple[str, dict]:
    if kind == "toggle":
        target = control.locator("button:not(.mod-active)").first
        presses = _tab_to(page, target)
        arm(explorer)
        page.keyboard.press("Space")
        return f"Tab x{presses} to the toggle button {target.inner_text()!r}, Space", wait_redraw(page)
    presses = _tab_to(page, control)
    if kind == "dropdown":
        # Not ArrowDown/ArrowUp: in JupyterLab's command mode those move to the next cell (a notebook
        # shortcut that also applies while a <select> in an output has the focus). PageDown/PageUp,
        # Home and End change a closed <select> in Chromium and are not notebook shortcuts.
        at_end = control.evaluate("(s) => s.selectedIndex === s.options.length - 1")
        keys, redraw = _press_until_redrawn(page, explorer, "PageUp" if at_end else "PageDown", 1)
    elif kind == "slider":
        keys, redraw = _press_until_redrawn(page, explorer, slider_direction(control), SLIDER_PRESSES)
    elif kind == "checkbox":
        keys, redraw = _press_until_redrawn(page, explorer, "Space", 1)
    elif kind == "radio":
        keys, redraw = _press_until_redrawn(page, explorer, "ArrowDown", 1)
    else:
        raise AssertionError(f"unknown control kind {kind}")
    return f"Tab x{presses} to the {kind}, {keys}", redraw


# --- quizzes -----------------------------------------------------------------------------


def quiz_id(quiz) -> str:
    """The quiz's id, from its question ("Quiz 00.usable_shares (1 point). ...")."""
    text = quiz.locator(".widget-html-content").first.inner_text()
    match = re.search(r"Quiz (\d{2}\.[a-z][a-z0-9_]*)", text)
    assert match, f"no quiz id in the quiz's question: {text[:200]!r}"
    return match.group(1)


def quiz_letters(quiz) -> list[str]:
    return [label.split(".")[0].strip() for label in quiz.locator(".widget-radio-box label").all_inner_texts()]


def choose_and_check(quiz, letter: str) -> None:
    """Click the option with this letter, then the "Check answer" button."""
    quiz.locator(".widget-radio-box label").filter(has_text=re.compile(rf"^\s*{re.escape(letter)}\. ")).click()
    quiz.get_by_role("button", name="Check answer").click()


def choose_and_check_by_keyboard(page, quiz, letter: str) -> str:
    """The same with the keyboard only: from the question, Tab to the option and press Space, then Tab to
    the button and press Space. (Arrow keys do not move between the options: in JupyterLab's command
    mode they move to another cell.)"""
    quiz.locator(".widget-html-content").first.click()
    option = quiz.locator(".widget-radio-box label").filter(has_text=re.compile(rf"^\s*{re.escape(letter)}\. ")).locator("input")
    to_option = _tab_to(page, option)
    page.keyboard.press("Space")
    to_button = _tab_to(page, quiz.get_by_role("button", name="Check answer"))
    page.keyboard.press("Space")
    return f"Tab x{to_option}, Space, Tab x{to_button}, Space"
