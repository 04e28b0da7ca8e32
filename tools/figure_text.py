"""Readable figure text: count the text of a drawn figure that overlaps or is clipped.

:data:`TEXT_PROBLEMS` runs in the page. For every drawn ``.course-plotly-graph`` it
measures each visible piece of text plotly drew (titles, tick labels, legend
entries, annotations, button and slider labels) and reports, per figure:

* ``overlaps``: pairs of text boxes that cover each other by more than a sliver
  (tilted text is compared glyph by glyph: its bounding box is mostly empty);
* ``covered``: text under a control (the modebar, a button or a slider) that it is
  not part of;
* ``clipped``: text that reaches outside the figure's box or the screen, or
  outside the clip path plotly gives it (a table's cell, a plot's area).

The browser test at phone width and the bench use it.
"""

from __future__ import annotations

TEXT_PROBLEMS = """() => {
  const SLIVER = 2;  // px: boxes that touch by less than this do not count
  const visible = el => {
    const box = el.getBoundingClientRect();
    if (box.width < 1 || box.height < 1 || !el.textContent.trim()) return false;
    for (let node = el; node && node.nodeType === 1; node = node.parentNode) {
      const style = getComputedStyle(node);
      if (style.display === 'none' || style.visibility === 'hidden' ||
          parseFloat(style.opacity) === 0) return false;
    }
    return true;
  };
  const overlap = (a, b) =>
    Math.min(a.right, b.right) - Math.max(a.left, b.left) > SLIVER &&
    Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > SLIVER;
  const tilted = el => {
    const m = el.getScreenCTM();
    return Boolean(m) && (Math.abs(m.b) > 1e-3 || Math.abs(m.c) > 1e-3);
  };
  // Each glyph's box on the page: the corners of its cell, turned as the text is.
  const glyphBoxes = el => {
    const m = el.getScreenCTM(), boxes = [];
    for (let i = 0; i < el.getNumberOfChars(); i++) {
      const r = el.getExtentOfChar(i);
      const xs = [], ys = [];
      for (const [x, y] of [[r.x, r.y], [r.x + r.width, r.y], [r.x, r.y + r.height],
                            [r.x + r.width, r.y + r.height]]) {
        xs.push(m.a * x + m.c * y + m.e);
        ys.push(m.b * x + m.d * y + m.f);
      }
      boxes.push({ left: Math.min(...xs), right: Math.max(...xs),
                   top: Math.min(...ys), bottom: Math.max(...ys) });
    }
    return boxes;
  };
  const textsOverlap = (a, b) => {
    if (!overlap(a.getBoundingClientRect(), b.getBoundingClientRect())) return false;
    if (!tilted(a) && !tilted(b)) return true;
    const other = glyphBoxes(b);
    return glyphBoxes(a).some(glyph => other.some(box => overlap(glyph, box)));
  };
  const describe = el => el.textContent.trim().slice(0, 30);
  // The box of the nearest clip path over ``el`` (plotly clips table cells and
  // plot areas with one rectangle each), in page pixels; null when none.
  const clipBox = el => {
    for (let node = el; node && node.getAttribute; node = node.parentNode) {
      const url = (node.getAttribute('clip-path') || '').match(/#([^)"']+)/);
      const rect = url && document.getElementById(url[1])?.querySelector('rect');
      if (!rect) continue;
      const box = rect.getBBox(), m = node.getScreenCTM();
      return { left: m.e + box.x * m.a, right: m.e + (box.x + box.width) * m.a,
               top: m.f + box.y * m.d, bottom: m.f + (box.y + box.height) * m.d };
    }
    return null;
  };
  const outside = (box, frame) => box.left < frame.left - 1 || box.right > frame.right + 1 ||
    box.top < frame.top - 1 || box.bottom > frame.bottom + 1;
  return [...document.querySelectorAll('.course-plotly-graph')]
    .filter(graph => graph.dataset.drawn === 'true')
    .map(graph => {
      const frame = graph.getBoundingClientRect();
      const screen = document.documentElement.clientWidth;
      const texts = [...graph.querySelectorAll('svg text')].filter(visible);
      const controls = [...graph.querySelectorAll(
        '.modebar, g.updatemenu-button, g.slider-group rect.slider-rail-rect')];
      const problems = { overlaps: [], covered: [], clipped: [] };
      texts.forEach((text, i) => {
        const box = text.getBoundingClientRect();
        const seen = { left: Math.max(frame.left, 0), right: Math.min(frame.right, screen),
                       top: frame.top, bottom: frame.bottom };
        const clip = clipBox(text);
        if (outside(box, seen) || (clip && outside(box, clip))) {
          problems.clipped.push(describe(text));
        }
        texts.slice(i + 1).forEach(other => {
          if (textsOverlap(text, other)) {
            problems.overlaps.push(describe(text) + ' / ' + describe(other));
          }
        });
        controls.forEach(control => {
          if (!control.contains(text) && overlap(box, control.getBoundingClientRect())) {
            problems.covered.push(describe(text));
          }
        });
      });
      const count = problems.overlaps.length + problems.covered.length + problems.clipped.length;
      return { id: graph.dataset.figure, title: graph.getAttribute('aria-label') || '',
               count, ...problems };
    });
}"""
