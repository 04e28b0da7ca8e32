"""Icon fonts cut down to the icons the site draws.

The theme ships Font Awesome's three webfonts whole: 300 KB of woff2 for the two
dozen icons the book shows (menu, search, theme, launch, download, ...). The
browser fetches them at the highest priority as soon as the first icon is laid
out, and on a phone they shared the first second with the page itself:
Lighthouse's simulated slow 4G put the first paint of chapter 1 at 3.3 s and its
performance at 82. This module subsets each font a stylesheet bundle uses to the
code points that the bundle's rules name (``content: "\\f0c9"``, after
``css_bundle`` has dropped the rules of icons no page names), writes it under a
name with a digest of its glyphs, and points the ``@font-face`` rule at it.
"""

from __future__ import annotations

import hashlib
import io
import re
from pathlib import Path

FONT_FACE = re.compile(r"@font-face\{[^}]*\}")
FONT_SOURCE = re.compile(r'url\("([^"]*vendor/fontawesome/webfonts/[^"]+)\.woff2"\)')
# Font Awesome's glyphs are in the private use areas: "\f0c9", "\e163".
ICON_CODE_POINT = re.compile(r'"\\([ef][0-9a-f]{3})"')


def icon_code_points(css: str) -> set[int]:
    """The private-use code points that ``css`` draws with ``content`` or a custom
    property (``--pst-icon-angle-left: "\\f104"``)."""
    return {int(code, 16) for code in ICON_CODE_POINT.findall(css)}


def subset_font(font_bytes: bytes, code_points: set[int]) -> bytes:
    """A woff2 font holding only the glyphs of ``code_points`` (those it has)."""
    # Imported here: fontTools takes 0.6 s to import, on every build otherwise.
    from fontTools import subset
    from fontTools.ttLib import TTFont

    font = TTFont(io.BytesIO(font_bytes))
    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["*"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(code_points))
    subsetter.subset(font)
    out = io.BytesIO()
    font.flavor = "woff2"
    font.save(out)
    return out.getvalue()


def slim_font_faces(static: Path, css: str) -> str:
    """``css`` (a bundle in ``static``, the site's ``_static``) with each Font
    Awesome ``@font-face`` pointing at a subset woff2 written beside the original;
    the truetype fallback goes, since every browser the book supports reads woff2."""
    code_points = icon_code_points(css)

    def slimmed(face: re.Match) -> str:
        source = FONT_SOURCE.search(face[0])
        if source is None:
            return face[0]
        original = static / f"{source[1]}.woff2"
        font = subset_font(original.read_bytes(), code_points)
        name = f"{source[1]}-{hashlib.sha256(font).hexdigest()[:12]}.woff2"
        (static / name).write_bytes(font)
        src = f'src:url("{name}") format("woff2")'
        return re.sub(r"src:[^;}]*", src, face[0])

    return FONT_FACE.sub(slimmed, css)
