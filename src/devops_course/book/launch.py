"""A JupyterHub (nbgitpuller) launch button on every chapter page, with or without
a hub address in ``_config.yml``.

sphinx-book-theme draws a JupyterHub button only when ``launch_buttons.jupyterhub_url``
is set, but every school or company has its own hub. When no address is configured,
this module adds the button anyway: ``course-launch.js`` asks the reader for their
hub's address once (and remembers it in the browser), then opens the chapter there
through nbgitpuller, exactly as the theme's own button would. When an address is
configured, the theme's button is left as it is.
"""

from __future__ import annotations

from urllib.parse import urlencode

from docutils import nodes
from sphinx.application import Sphinx

# The href of the button: the nbgitpuller query rides in the fragment, which the
# script reads; without the script the link only scrolls to the top of the page.
HUB_LINK_PREFIX = "#jupyterhub?"
UI_PREFIXES = {"classic": "tree", "jupyterlab": "lab/tree"}


def nbgitpuller_query(repo_url: str, branch: str, path_in_repo: str, interface: str) -> str:
    """The query of an nbgitpuller link (``repo``, ``urlpath``, ``branch``) that opens
    ``path_in_repo`` of ``repo_url`` in the given notebook interface."""
    repo = repo_url.rstrip("/").split("/")[-1]
    urlpath = f"{UI_PREFIXES[interface]}/{repo}/{path_in_repo}"
    return urlencode({"repo": repo_url, "urlpath": urlpath, "branch": branch}, safe="/")


def add_jupyterhub_button(app: Sphinx, pagename, templatename, context, doctree) -> None:
    """Put a JupyterHub button after Binder in the page's launch menu, unless the
    theme already drew one from a configured hub address."""
    group = next(
        (b for b in context.get("header_buttons", []) if b.get("label") == "launch-buttons"),
        None,
    )
    if group is None or any(b.get("text") == "JupyterHub" for b in group["buttons"]):
        return
    theme = app.config.html_theme_options
    repo_url = theme.get("repository_url", "")
    if not repo_url.startswith("https://github.com/"):
        return
    docs = theme.get("path_to_docs", "").strip("/")
    path_in_repo = f"{docs + '/' if docs else ''}{pagename}.ipynb"
    query = nbgitpuller_query(
        repo_url,
        theme.get("repository_branch") or "main",
        path_in_repo,
        theme.get("launch_buttons", {}).get("notebook_interface", "classic"),
    )
    button = {
        "type": "link",
        "text": "JupyterHub",
        "tooltip": "JupyterHub에서 열기 (처음 한 번 허브 주소를 묻습니다)",
        "icon": "_static/images/logo_jupyterhub.svg",
        "url": HUB_LINK_PREFIX + query,
        "label": "course-jupyterhub",
    }
    after_binder = next(
        (i + 1 for i, b in enumerate(group["buttons"]) if b.get("text") == "Binder"), 0
    )
    group["buttons"].insert(after_binder, button)
    app.add_js_file("course-launch.js", priority=700, defer="defer")


# ---------------------------------------------------------------- in-browser lab

LITE_LAB = "lite/lab/index.html"
LITE_LABEL = "브라우저에서 실행"


def _is_chapter(pagename: str) -> bool:
    return pagename.rsplit("/", 1)[-1].startswith("ch")


def lite_note(app: Sphinx) -> str:
    """What pressing the button does, with the first load's measured size and time."""
    lite = app.config.course_lite
    return (
        f"설치도 서버도 없이 이 장의 코드와 위젯을 이 브라우저에서 실행합니다. "
        f"처음 한 번은 약 {lite['first_load_mb']}\u00a0MB(압축 전 {lite['uncompressed_mb']}\u00a0MB)를 "
        f"내려받고 시작까지 약 {lite['start_seconds']}초 걸립니다. 그다음부터는 브라우저에 저장된 파일로 "
        f"더 빨리 열리고, 고친 내용도 이 브라우저에 남습니다."
    )


def add_lite_button(app: Sphinx, pagename, templatename, context, doctree) -> None:
    """Put "브라우저에서 실행" first in a chapter's launch menu: it opens the chapter
    in the in-browser lab built under ``lite/`` (tools/build_lite.py)."""
    group = next(
        (b for b in context.get("header_buttons", []) if b.get("label") == "launch-buttons"),
        None,
    )
    if group is None or not _is_chapter(pagename):
        return
    url = f"{context['pathto'](LITE_LAB, 1)}?path={pagename.rsplit('/', 1)[-1]}.ipynb"
    button = {
        "type": "link",
        "text": LITE_LABEL,
        "tooltip": lite_note(app),
        "icon": "fas fa-play",
        "url": url,
        "label": "course-lite",
    }
    group["buttons"].insert(0, button)


def insert_lite_banner(app: Sphinx, doctree, docname: str) -> None:
    """Under a chapter's title, in the HTML only: the button and what it does."""
    if app.builder.format != "html" or not _is_chapter(docname):
        return
    section = next(iter(doctree.findall(nodes.section)), None)
    if section is None or not isinstance(section[0], nodes.title):
        return
    depth = docname.count("/")
    href = f"{'../' * depth}{LITE_LAB}?path={docname.rsplit('/', 1)[-1]}.ipynb"
    html = (
        '<div class="course-lite-banner">'
        f'<a class="course-lite-button" href="{href}">▶ {LITE_LABEL}</a>'
        f'<p class="course-lite-note">{lite_note(app)}</p></div>'
    )
    section.insert(1, nodes.raw("", html, format="html"))
