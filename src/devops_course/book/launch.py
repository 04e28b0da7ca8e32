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
