"""A class on a real JupyterHub, on this machine (`make classroom LEARNERS=30`).

It starts JupyterHub on 127.0.0.1 (pinned in classroom/requirements.txt, with
configurable-http-proxy from package-lock.json), with the dummy authenticator and
a local process spawner. The learners' servers run in the environment built from
binder/ plus nbgitpuller (``.venv/classroom``, made by the Makefile). The course
comes from a bare git clone of this repository: git's ``insteadOf`` maps the
book's repository address to that clone, so the hub never reaches the internet
and the link stays exactly the one the book prints.

Each learner, in a thread of its own, as a browser would:

1. signs in on the hub's login form;
2. follows chapter 1's JupyterHub link, the one the built book opens (read from
   the page and its launch script in a real browser): the hub spawns the
   learner's server, nbgitpuller's page streams the pull, then the notebook opens;
3. starts a kernel through the REST API (a session, as JupyterLab makes one) and
   runs every code cell over the kernel's websocket, checking each reply.

A sampler records every learner's peak memory (the single-user server and its
kernel). The report goes to _build/classroom/report.json; everything is shut
down at the end, within bounded time.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit

import psutil
import requests
import websocket
import yaml

ROOT = Path(__file__).resolve().parents[1]
WORK = ROOT / "_build" / "classroom"
ENV = Path(os.environ.get("CLASSROOM_ENV", ROOT / ".venv" / "classroom")).resolve()
PROXY = ROOT / "node_modules" / ".bin" / "configurable-http-proxy"
CHAPTER = "ch1_definition"
PASSWORD = "course-classroom"  # the dummy authenticator's one password (loopback only)
TIMEOUT = 600  # seconds for one learner, from sign-in to the last cell


# ------------------------------------------------------------------ the hub


LOOPBACK = "127.0.0.1"  # every address of the class: nothing here leaves the machine


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((LOOPBACK, 0))
        return sock.getsockname()[1]


def local(url: str) -> str:
    """``url`` itself, after checking that it names this machine's loopback address:
    the simulated learners talk to the local hub only, never to the network."""
    if urlsplit(url).hostname != LOOPBACK:
        raise ValueError(f"not a loopback address: {url}")
    return url


class LoopbackSession(requests.Session):
    """A learner's browser: keeps its cookies, and refuses to send a request (or
    follow a redirect) anywhere but this machine's loopback address."""

    def send(self, request, **kwargs):
        local(request.url)
        return super().send(request, **kwargs)


def repository_url() -> str:
    """The course repository's address, as _config.yml gives it to the book."""
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    return config["repository"]["url"]


def clone_course(work: Path) -> Path:
    """A bare clone of this repository's committed state: the hub's course server."""
    target = work / "course.git"
    shutil.rmtree(target, ignore_errors=True)
    subprocess.run(["git", "clone", "--quiet", "--bare", str(ROOT), str(target)], check=True)
    return target


def git_config(work: Path, clone: Path) -> Path:
    """A git config for the learners' servers: the book's repository address is
    served from the local clone (and nothing else is reachable)."""
    path = work / "gitconfig"
    path.write_text(
        f'[url "file://{clone}"]\n\tinsteadOf = {repository_url()}\n[safe]\n\tdirectory = *\n',
        encoding="utf-8",
    )
    return path


def hub_config(work: Path, port: int, hub_port: int, token: str, gitconfig: Path) -> Path:
    """jupyterhub_config.py for a loopback class: the proxy on ``port``, the hub
    itself on ``hub_port``."""
    env_bin = ENV / "bin"
    settings = {
        "bind_url": f"http://{LOOPBACK}:{port}",
        "hub_bind_url": f"http://{LOOPBACK}:{hub_port}",
        "proxy_api": f"http://{LOOPBACK}:{free_port()}",
        "db": f"sqlite:///{work / 'jupyterhub.sqlite'}",
        "home": str(work / "home" / "{username}"),
        "cmd": str(env_bin / "jupyterhub-singleuser"),
        "path": f"{env_bin}:{os.environ.get('PATH', '/usr/bin:/bin')}",
        "gitconfig": str(gitconfig),
        "proxy": str(PROXY),
        "token": token,
        "password": PASSWORD,
        # CI runs as root, where Jupyter refuses to start unless told
        "args": ["--allow-root"] if os.geteuid() == 0 else [],
    }
    text = """# Written by tools/classroom.py: a class of simulated learners on loopback.
c = get_config()  # noqa
c.JupyterHub.bind_url = {bind_url!r}
c.JupyterHub.hub_bind_url = {hub_bind_url!r}
c.JupyterHub.db_url = {db!r}
c.JupyterHub.cleanup_servers = True
c.JupyterHub.authenticator_class = "dummy"
c.DummyAuthenticator.password = {password!r}
c.Authenticator.allow_all = True
c.JupyterHub.spawner_class = "jupyterhub.spawner.SimpleLocalProcessSpawner"
c.SimpleLocalProcessSpawner.home_dir_template = {home!r}
c.Spawner.cmd = [{cmd!r}]
c.Spawner.args = {args!r}
c.Spawner.default_url = "/lab"
c.Spawner.start_timeout = 300
c.Spawner.http_timeout = 300
c.Spawner.environment = {{"PATH": {path!r}, "GIT_CONFIG_GLOBAL": {gitconfig!r},
                          "NBGITPULLER_APP": "lab"}}
c.ConfigurableHTTPProxy.command = [{proxy!r}]
c.ConfigurableHTTPProxy.api_url = {proxy_api!r}
c.JupyterHub.services = [{{"name": "classroom", "api_token": {token!r}}}]
c.JupyterHub.load_roles = [{{"name": "classroom", "services": ["classroom"],
                            "scopes": ["admin:users", "admin:servers"]}}]
""".format(**settings)
    path = work / "jupyterhub_config.py"
    path.write_text(text, encoding="utf-8")
    return path


class Hub:
    """A running JupyterHub; ``stop()`` ends it and every learner's server."""

    def __init__(self, work: Path):
        self.work = work
        self.port, self.hub_port = free_port(), free_port()
        self.url = f"http://{LOOPBACK}:{self.port}"
        self.token = secrets.token_hex(16)
        self.clone = clone_course(work)
        gitconfig = git_config(work, self.clone)
        config = hub_config(work, self.port, self.hub_port, self.token, gitconfig)
        self.log_path = work / "hub.log"
        self.log = self.log_path.open("w", encoding="utf-8")
        self.process = subprocess.Popen(
            [str(ENV / "bin" / "jupyterhub"), "-f", str(config)],
            cwd=work,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            env={**os.environ, "PATH": f"{ENV / 'bin'}:{os.environ.get('PATH', '')}"},
        )
        self._wait_ready()

    def _wait_ready(self, timeout: float = 120) -> None:
        """Wait for the hub (asked directly, not through the proxy, which logs an
        error for every request before the hub's route exists), then the proxy.
        The class's errors are counted from there on."""
        deadline = time.monotonic() + timeout
        for url in (f"http://{LOOPBACK}:{self.hub_port}/hub/api/", f"{self.url}/hub/api/"):
            while not self._answers(url):
                if self.process.poll() is not None:
                    raise RuntimeError(f"the hub stopped: see {self.log_path}")
                if time.monotonic() > deadline:
                    raise RuntimeError(
                        f"the hub did not start in {timeout:.0f} s: see {self.log_path}"
                    )
                time.sleep(0.5)
        self.log.flush()
        self.log_start = self.log_path.stat().st_size

    @staticmethod
    def _answers(url: str) -> bool:
        try:
            return requests.get(local(url), timeout=2).ok
        except requests.ConnectionError:
            return False

    def api(self, method: str, path: str, **kwargs) -> requests.Response:
        headers = {"Authorization": f"token {self.token}"}
        return requests.request(
            method, local(f"{self.url}/hub/api{path}"), headers=headers, timeout=60, **kwargs
        )

    def errors(self, source: str = "JupyterHub") -> list[str]:
        """Error lines of the hub (``"JupyterHub"``), the learners' servers
        (``"ServerApp"``) or the proxy (``"ConfigProxy"``), from the hub's log
        since the hub was ready."""
        with self.log_path.open(encoding="utf-8", errors="replace") as log:
            log.seek(self.log_start)
            text = log.read()
        if source == "ConfigProxy":
            pattern = r"^\S+ \[ConfigProxy\] \S*error"
        else:
            pattern = rf"^\[E \S+ \S+ {source}"
        return [line for line in text.splitlines() if re.match(pattern, line)]

    def stop(self, timeout: float = 60) -> None:
        """Stop every server, then the hub (and its proxy), killing what lingers."""
        try:
            for user in self.api("GET", "/users").json():
                if user.get("servers"):
                    self.api("DELETE", f"/users/{user['name']}/server")
        except (requests.RequestException, ValueError):
            pass
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(10)
        for process in _learner_processes():  # servers the hub did not stop in time
            process.kill()
        self.log.close()


# ----------------------------------------------------------------- the link


def book_link(hub_url: str, browser=None) -> str:
    """Chapter 1's JupyterHub link as the built book opens it: the page's launch
    button, clicked in Chromium, with ``hub_url`` typed into its prompt. Pass a
    Playwright ``browser`` to reuse one (a test's), or one is started here."""
    if browser is None:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as playwright:
            own = playwright.chromium.launch(
                executable_path="/usr/bin/chromium", args=["--no-sandbox"]
            )
            try:
                return book_link(hub_url, own)
            finally:
                own.close()
    page_path = ROOT / "_build" / "html" / "book" / f"{CHAPTER}.html"
    if not page_path.exists():
        raise RuntimeError(f"{page_path} is missing: run `make book` first")
    sys.path.insert(0, str(ROOT / "tools"))
    from local_site import serve

    server, site = serve(str(ROOT / "_build" / "html"))
    page = browser.new_page()
    try:
        page.on("dialog", lambda dialog: dialog.accept(hub_url))
        page.add_init_script("window.open = url => { window.__opened = url; };")
        page.goto(f"{site}/book/{CHAPTER}.html")
        page.eval_on_selector('a[href^="#jupyterhub?"]', "a => a.click()")
        link = page.evaluate("window.__opened")
    finally:
        page.close()
        server.shutdown()
    if not link or not link.startswith(hub_url):
        raise RuntimeError(f"the book's JupyterHub button opened {link!r}")
    return link


# --------------------------------------------------------------- a learner


@dataclass
class Learner:
    """One simulated learner and what happened to them."""

    name: str
    spawn_seconds: float | None = None
    pull_seconds: float | None = None
    run_all_seconds: float | None = None
    cells: int = 0
    errors: list[str] = field(default_factory=list)
    finished: bool = False
    peak_server_mb: float = 0.0
    peak_kernel_mb: float = 0.0
    reconnects: int = 0


def sign_in(session: requests.Session, hub_url: str, name: str) -> None:
    session.get(f"{hub_url}/hub/login", timeout=60)
    response = session.post(
        f"{hub_url}/hub/login",
        data={"username": name, "password": PASSWORD, "_xsrf": session.cookies.get("_xsrf", "")},
        timeout=60,
        allow_redirects=False,  # the hub would start the server: the link does that
    )
    if response.status_code != 302 or "/hub/login" in response.headers.get("Location", ""):
        raise RuntimeError(f"sign-in refused ({response.status_code})")


def follow_link(session: requests.Session, link: str, name: str) -> requests.Response:
    """Follow the hub link until the learner's own server answers it (the hub shows
    a spawn-pending page meanwhile, which a browser refreshes)."""
    deadline = time.monotonic() + TIMEOUT
    target = link
    while time.monotonic() < deadline:
        response = session.get(target, timeout=120)
        path = urlsplit(response.url).path
        if response.ok and path.startswith(f"/user/{name}/"):
            return response
        if "/spawn-pending/" in path or response.status_code in (202, 424, 503):
            target = (
                f"{link.split('/hub/')[0]}/hub/user/{name}/"
                + link.split("/hub/user-redirect/", 1)[1]
            )
            time.sleep(1)
            continue
        response.raise_for_status()
        raise RuntimeError(f"the link led to {response.url}")
    raise TimeoutError("the server did not start in time")


def pull(session: requests.Session, hub_url: str, name: str, link: str) -> None:
    """What nbgitpuller's page does in the browser: stream its pull API to the end."""
    query = {key: values[0] for key, values in parse_qs(urlsplit(link).query).items()}
    params = {
        "_xsrf": _xsrf(session, name),
        "repo": query["repo"],
        "targetpath": query.get("targetpath") or query["repo"].rstrip("/").split("/")[-1],
        "branch": query.get("branch", ""),
    }
    url = f"{hub_url}/user/{name}/git-pull/api?{urlencode(params)}"
    with session.get(url, stream=True, timeout=300) as stream:
        stream.raise_for_status()
        for line in stream.iter_lines(decode_unicode=True):
            if not line or not line.startswith("data:"):
                continue
            event = json.loads(line[5:])
            if event.get("phase") == "error":
                raise RuntimeError(f"nbgitpuller: {event.get('message')}")
            if event.get("phase") == "finished":
                opened = session.get(f"{hub_url}/user/{name}/{query['urlpath']}", timeout=60)
                opened.raise_for_status()
                return
    raise RuntimeError("nbgitpuller's stream ended before the pull finished")


def _xsrf(session: requests.Session, name: str) -> str:
    for cookie in session.cookies:
        if cookie.name == "_xsrf" and cookie.path.startswith(f"/user/{name}"):
            return cookie.value
    return session.cookies.get("_xsrf", "")


def notebook_path(link: str) -> str:
    """The notebook's path in the learner's files, from the link's ``urlpath``."""
    urlpath = parse_qs(urlsplit(link).query)["urlpath"][0]
    return urlpath.split("/tree/", 1)[1]


def run_all(session: requests.Session, hub_url: str, name: str, path: str):
    """Start a kernel for the notebook and run every code cell; return the number
    of cells, the errors (as the kernel reported them) and the socket's retries."""
    base = f"{hub_url}/user/{name}/api"
    headers = {"X-XSRFToken": _xsrf(session, name)}
    notebook = session.get(f"{base}/contents/{path}", params={"content": 1}, timeout=60).json()
    cells = [c for c in notebook["content"]["cells"] if c["cell_type"] == "code"]
    created = session.post(
        f"{base}/sessions",
        json={"path": path, "type": "notebook", "name": "", "kernel": {"name": "python3"}},
        headers=headers,
        timeout=120,
    )
    created.raise_for_status()
    kernel = created.json()["kernel"]["id"]
    channel, reconnects = connect(session, f"{base}/kernels/{kernel}/channels")
    errors: list[str] = []
    try:
        for index, cell in enumerate(cells):
            errors += [f"cell {index + 1}: {e}" for e in _execute(channel, name, cell["source"])]
    finally:
        channel.close()
        session.delete(f"{base}/kernels/{kernel}", headers=headers, timeout=60)
    return len(cells), errors, reconnects


RECONNECTS = 5  # JupyterLab, too, tries again when a kernel's socket drops


def connect(session: requests.Session, url: str):
    """The kernel's websocket, as JupyterLab opens it: tried again when the server
    closes it (under load a new kernel can miss the server's 60 s kernel_info
    wait). Returns the socket and how many tries failed."""
    cookies = "; ".join(f"{c.name}={c.value}" for c in session.cookies)
    socket_url = f"{local(url).replace('http', 'ws', 1)}?session_id={uuid.uuid4().hex}"
    for attempt in range(RECONNECTS + 1):
        try:
            channel = websocket.create_connection(
                socket_url, header=[f"Cookie: {cookies}"], timeout=180
            )
            return channel, attempt
        except (websocket.WebSocketException, OSError):
            if attempt == RECONNECTS:
                raise
            time.sleep(2**attempt)
    raise AssertionError("unreachable")


def _execute(channel, name: str, source) -> list[str]:
    code = "".join(source) if isinstance(source, list) else source
    msg_id = uuid.uuid4().hex
    channel.send(
        json.dumps(
            {
                "header": {
                    "msg_id": msg_id,
                    "username": name,
                    "session": msg_id,
                    "msg_type": "execute_request",
                    "version": "5.3",
                },
                "parent_header": {},
                "metadata": {},
                "content": {
                    "code": code,
                    "silent": False,
                    "store_history": True,
                    "user_expressions": {},
                    "allow_stdin": False,
                    "stop_on_error": True,
                },
                "channel": "shell",
                "buffers": [],
            }
        )
    )
    errors, replied, idle = [], False, False
    while not (replied and idle):
        message = json.loads(channel.recv())
        if message.get("parent_header", {}).get("msg_id") != msg_id:
            continue
        kind = message["header"]["msg_type"]
        if kind == "error":
            errors.append(f"{message['content']['ename']}: {message['content']['evalue']}")
        elif kind == "execute_reply":
            replied = True
            if message["content"]["status"] != "ok" and not errors:
                errors.append(f"execute_reply {message['content']['status']}")
        elif kind == "status" and message["content"]["execution_state"] == "idle":
            idle = True
    return errors


def attend(hub_url: str, link: str, learner: Learner) -> Learner:
    """One learner's whole visit; errors are recorded, never raised."""
    session = LoopbackSession()
    started = time.monotonic()
    try:
        sign_in(session, hub_url, learner.name)
        follow_link(session, link, learner.name)
        learner.spawn_seconds = time.monotonic() - started
        pulled = time.monotonic()
        pull(session, hub_url, learner.name, link)
        learner.pull_seconds = time.monotonic() - pulled
        running = time.monotonic()
        learner.cells, errors, learner.reconnects = run_all(
            session, hub_url, learner.name, notebook_path(link)
        )
        learner.run_all_seconds = time.monotonic() - running
        learner.errors += errors
        learner.finished = not errors
    except Exception as error:  # a learner's failure is a finding, not a crash
        learner.errors.append(f"{type(error).__name__}: {error}")
    return learner


# ------------------------------------------------------- a course update

LEARNER_NOTE = "# 내 메모: 인계 지연을 8시간으로 바꿔 볼 것"
COURSE_NOTE = "강좌 업데이트: 이 줄은 강사가 나중에 고친 내용입니다."


def update_course(clone: Path, work: Path) -> str:
    """A new commit on the course (as an instructor would push one): a line added
    to the chapter's last markdown cell, and a new file. Returns its commit id."""
    checkout = work / "instructor"
    shutil.rmtree(checkout, ignore_errors=True)
    subprocess.run(["git", "clone", "--quiet", str(clone), str(checkout)], check=True)
    path = checkout / "book" / f"{CHAPTER}.ipynb"
    notebook = json.loads(path.read_text(encoding="utf-8"))
    last = [c for c in notebook["cells"] if c["cell_type"] == "markdown"][-1]
    last["source"] = ["".join(last["source"]).rstrip("\n") + "\n\n" + COURSE_NOTE + "\n"]
    path.write_text(json.dumps(notebook, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    (checkout / "book" / "course-update.md").write_text(COURSE_NOTE + "\n", encoding="utf-8")
    git = [
        "git",
        "-C",
        str(checkout),
        "-c",
        "user.name=instructor",
        "-c",
        "user.email=instructor@localhost",
    ]
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "--quiet", "-m", "Course update"], check=True)
    subprocess.run([*git, "push", "--quiet", "origin", "HEAD"], check=True)
    return subprocess.run(
        [*git, "rev-parse", "HEAD"], check=True, capture_output=True, text=True
    ).stdout.strip()


def second_pull(hub: Hub, link: str, name: str) -> dict:
    """nbgitpuller's promise, checked: the learner edits the chapter, the course
    gets a new commit, the learner follows the link again. Returns what the
    learner's notebook and files hold afterwards."""
    session = LoopbackSession()
    sign_in(session, hub.url, name)
    follow_link(session, link, name)
    path = notebook_path(link)
    api = f"{hub.url}/user/{name}/api/contents/{path}"
    headers = {"X-XSRFToken": _xsrf(session, name)}
    model = session.get(api, params={"content": 1}, timeout=60).json()
    first_code = next(c for c in model["content"]["cells"] if c["cell_type"] == "code")
    first_code["source"] = LEARNER_NOTE + "\n" + "".join(first_code["source"])
    saved = session.put(
        api,
        json={"type": "notebook", "format": "json", "content": model["content"]},
        headers=headers,
        timeout=60,
    )
    saved.raise_for_status()
    update_course(hub.clone, hub.work)
    follow_link(session, link, name)
    pull(session, hub.url, name, link)
    text = json.dumps(
        session.get(api, params={"content": 1}, timeout=60).json()["content"], ensure_ascii=False
    )
    folder = path.rsplit("/", 1)[0]
    listing = session.get(f"{hub.url}/user/{name}/api/contents/{folder}", timeout=60).json()
    return {
        "learner_edit_kept": LEARNER_NOTE in text,
        "course_update_arrived": COURSE_NOTE in text,
        "new_file_arrived": any(item["name"] == "course-update.md" for item in listing["content"]),
        "conflict_markers": "<<<<<<<" in text or ">>>>>>>" in text,
    }


# ------------------------------------------------------------------ memory


def _learner_processes() -> list[psutil.Process]:
    found = []
    for process in psutil.process_iter(["cmdline"]):
        if any("jupyterhub-singleuser" in part for part in process.info["cmdline"] or []):
            found.append(process)
    return found


class MemorySampler(threading.Thread):
    """Peak resident memory of each learner's server and kernel, sampled twice a second."""

    def __init__(self, learners: dict[str, Learner]):
        super().__init__(daemon=True)
        self.learners = learners
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.wait(0.5):
            for server in _learner_processes():
                try:
                    name = server.environ().get("JUPYTERHUB_USER")
                    learner = self.learners.get(name)
                    if learner is None:
                        continue
                    mb = server.memory_info().rss / 2**20
                    learner.peak_server_mb = max(learner.peak_server_mb, mb)
                    kernels = [p.memory_info().rss for p in server.children(recursive=True)]
                    learner.peak_kernel_mb = max(learner.peak_kernel_mb, sum(kernels) / 2**20)
                except (psutil.Error, OSError):
                    continue


# ------------------------------------------------------------------ a class


def percentile(values: list[float], share: float) -> float | None:
    """The ``share`` quantile (0.5, 0.95) of ``values``, nearest rank."""
    if not values:
        return None
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))], 2)


def summary(values: list[float]) -> dict:
    return {
        "p50": percentile(values, 0.5),
        "p95": percentile(values, 0.95),
        "max": percentile(values, 1.0),
    }


def class_report(done: list[Learner], hub: Hub, link: str) -> dict:
    """What the class measured: counts, timings and memory as p50/p95/max."""

    def measured(attribute: str) -> dict:
        return summary([getattr(one, attribute) for one in done if getattr(one, attribute)])

    return {
        "learners": len(done),
        "finished": sum(one.finished for one in done),
        "errors": sum(len(one.errors) for one in done),
        "hub_errors": len(hub.errors()),
        "server_errors": len(hub.errors("ServerApp")),
        "proxy_errors": len(hub.errors("ConfigProxy")),
        "socket_reconnects": sum(one.reconnects for one in done),
        "link": link.replace(hub.url, "<hub>"),
        "spawn_seconds": measured("spawn_seconds"),
        "pull_seconds": measured("pull_seconds"),
        "run_all_seconds": measured("run_all_seconds"),
        "server_peak_mb": measured("peak_server_mb"),
        "kernel_peak_mb": measured("peak_kernel_mb"),
        "cells": max((one.cells for one in done), default=0),
        "cpus": os.cpu_count(),
        "memory_gb": round(psutil.virtual_memory().total / 2**30, 1),
        "learner_errors": {one.name: one.errors for one in done if one.errors},
        "error_lines": (hub.errors() + hub.errors("ServerApp") + hub.errors("ConfigProxy"))[:20],
    }


def run_class(learners: int = 30, work: Path = WORK, keep_running: bool = False, browser=None):
    """Run a class of ``learners``; return the report (and the hub and the link if
    kept running). ``browser``: a Playwright browser to read the book's link with."""
    if not (ENV / "bin" / "jupyterhub-singleuser").exists():
        raise RuntimeError(f"{ENV} has no learners' environment: run `make classroom`")
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    started = time.monotonic()
    hub = Hub(work)
    try:
        link = book_link(hub.url, browser)
        names = {f"learner-{i:02d}": Learner(f"learner-{i:02d}") for i in range(1, learners + 1)}
        sampler = MemorySampler(names)
        sampler.start()
        with ThreadPoolExecutor(max_workers=learners) as pool:
            done = list(pool.map(lambda learner: attend(hub.url, link, learner), names.values()))
        sampler.done.set()
        sampler.join(5)
        report = class_report(done, hub, link)
    except Exception:
        hub.stop()
        raise
    if keep_running:
        return report, hub, link
    hub.stop()
    report["seconds"] = round(time.monotonic() - started, 1)
    (work / "report.json").write_text(
        json.dumps(report, indent=2, ensure_ascii=False), encoding="utf-8"
    )
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--learners", type=int, default=int(os.environ.get("LEARNERS", 30)))
    args = parser.parse_args()
    report = run_class(args.learners)
    print(
        json.dumps(
            {k: v for k, v in report.items() if k != "error_lines"},
            indent=2,
            ensure_ascii=False,
        )
    )
    print(f"report: {WORK / 'report.json'}")
    sys.exit(0 if report["finished"] == report["learners"] and report["errors"] == 0 else 1)


if __name__ == "__main__":
    main()
