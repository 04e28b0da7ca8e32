"""A class on a real JupyterHub (issue: a class on a real JupyterHub).

`make test` runs the small class: two learners follow chapter 1's link from the
built book on a loopback hub, run every cell, and one of them pulls again after a
course update. `make classroom` runs the full class (30 learners)."""

import re

import pytest
import yaml
from conftest import HTML, ROOT, require_build

import classroom


@pytest.fixture(scope="module")
def small_class(tmp_path_factory, browser):
    require_build(HTML / "book" / "ch1_definition.html")
    work = tmp_path_factory.mktemp("classroom")
    report, hub, link = classroom.run_class(2, work=work, keep_running=True, browser=browser)
    yield report, hub, link
    hub.stop()


def test_two_learners_run_chapter_one_from_the_book_s_link(small_class):
    report, hub, link = small_class
    assert report["learner_errors"] == {}
    assert (report["learners"], report["finished"], report["errors"]) == (2, 2, 0)
    errors = (report["hub_errors"], report["server_errors"], report["proxy_errors"])
    assert errors == (0, 0, 0), report["error_lines"]
    assert report["cells"] >= 3
    assert link.startswith(hub.url + "/hub/user-redirect/git-pull?repo=")
    assert "urlpath=lab/tree/devops-course/book/ch1_definition.ipynb" in link
    for key in ("spawn_seconds", "run_all_seconds", "server_peak_mb", "kernel_peak_mb"):
        assert report[key]["p50"] and report[key]["p50"] > 0, key


def test_a_second_pull_merges_the_course_update_with_the_learner_s_edit(small_class):
    _, hub, link = small_class
    result = classroom.second_pull(hub, link, "learner-01")
    assert result == {
        "learner_edit_kept": True,
        "course_update_arrived": True,
        "new_file_arrived": True,
        "conflict_markers": False,
    }


def test_the_hub_never_left_this_machine(small_class):
    _, hub, _ = small_class
    gitconfig = (hub.work / "gitconfig").read_text(encoding="utf-8")
    assert f"insteadOf = {classroom.repository_url()}" in gitconfig
    config = (hub.work / "jupyterhub_config.py").read_text(encoding="utf-8")
    assert "127.0.0.1" in config and "0.0.0.0" not in config


def test_learners_talk_to_loopback_only():
    session = classroom.LoopbackSession()
    with pytest.raises(ValueError, match="not a loopback address"):
        session.get("http://example.invalid/")
    assert classroom.local("http://127.0.0.1:8000/hub/") == "http://127.0.0.1:8000/hub/"


def test_percentiles():
    assert classroom.percentile([3, 1, 2], 0.5) == 2
    assert classroom.percentile(list(range(1, 21)), 0.95) == 19
    assert classroom.percentile([], 0.5) is None


def test_the_kubernetes_values_use_documented_chart_keys():
    values = yaml.safe_load((ROOT / "classroom" / "values.yaml").read_text(encoding="utf-8"))
    paths = set(_leaf_paths(values))
    unknown = sorted(p for p in paths if not any(p.startswith(k) for k in DOCUMENTED_KEYS))
    assert unknown == []
    singleuser = values["singleuser"]
    assert singleuser["memory"]["limit"] and singleuser["memory"]["guarantee"]
    assert values["cull"]["enabled"] is True
    assert "nbgitpuller" in (ROOT / "classroom" / "requirements.txt").read_text(encoding="utf-8")


def _leaf_paths(tree, prefix=""):
    if isinstance(tree, dict) and tree and not prefix.startswith(FREE_FORM):
        for key, value in tree.items():
            yield from _leaf_paths(value, f"{prefix}.{key}" if prefix else key)
    else:
        yield prefix


# Keys of the Zero to JupyterHub chart (its configuration reference, chart for
# JupyterHub 5.5) that classroom/values.yaml may use; below FREE_FORM the chart
# passes the values on to JupyterHub's own configuration.
DOCUMENTED_KEYS = (
    "hub.config",
    "hub.concurrentSpawnLimit",
    "hub.activeServerLimit",
    "proxy.chp.resources.requests.cpu",
    "proxy.chp.resources.requests.memory",
    "singleuser.image.name",
    "singleuser.image.tag",
    "singleuser.image.pullPolicy",
    "singleuser.defaultUrl",
    "singleuser.cpu.limit",
    "singleuser.cpu.guarantee",
    "singleuser.memory.limit",
    "singleuser.memory.guarantee",
    "singleuser.storage.capacity",
    "singleuser.startTimeout",
    "singleuser.extraEnv",
    "singleuser.networkPolicy.egressAllowRules.nonPrivateIPs",
    "cull.enabled",
    "cull.timeout",
    "cull.every",
    "cull.maxAge",
    "cull.users",
    "prePuller.hook.enabled",
    "prePuller.continuous.enabled",
    "scheduling.userScheduler.enabled",
    "scheduling.podPriority.enabled",
    "scheduling.userPlaceholder.enabled",
    "scheduling.userPlaceholder.replicas",
)
FREE_FORM = ("hub.config", "singleuser.extraEnv")


def _page_rows(heading: str) -> list[list[str]]:
    page = (ROOT / "book" / "classroom.md").read_text(encoding="utf-8")
    section = page.split(heading, 1)[1].split("\n## ", 1)[0]
    rows = [line.strip("|").split("|") for line in section.splitlines() if line.startswith("| ")]
    return [[cell.strip() for cell in row] for row in rows[1:]]


def test_the_page_quotes_the_measured_class():
    import json
    import re

    report = json.loads((ROOT / "classroom" / "report-30.json").read_text(encoding="utf-8"))
    assert (report["learners"], report["finished"], report["errors"]) == (30, 30, 0)
    rows = _page_rows("## 이 기계에서 시험한 것")
    measured = {
        "서버 시작": ("spawn_seconds", "{:.1f}초"),
        "1장 전체 실행": ("run_all_seconds", "{:.1f}초"),
        "단일 사용자 서버": ("server_peak_mb", "{:.0f} MB"),
        "커널 최대": ("kernel_peak_mb", "{:.0f} MB"),
    }
    for label, (key, form) in measured.items():
        row = next(r for r in rows if label in r[0])
        assert row[1:3] == [form.format(report[key]["p50"]), form.format(report[key]["p95"])], label
    assert re.search(r"\d", rows[0][1])


def test_the_sizing_table_follows_the_guarantees():
    import math

    values = yaml.safe_load((ROOT / "classroom" / "values.yaml").read_text(encoding="utf-8"))
    memory_mib = int(values["singleuser"]["memory"]["guarantee"].rstrip("M")) * 1e6 / 2**20
    cpu = values["singleuser"]["cpu"]["guarantee"]
    for row in _page_rows("## 허브의 크기 정하기"):
        vcpu, gb = (int(n) for n in re.findall(r"(\d+) (?:vCPU|GB)", row[0]))
        by_memory = math.floor((gb - 1.5) * 1024 / memory_mib)
        by_cpu = math.floor(round((vcpu - 0.2) / cpu, 6))
        fits = min(by_memory, by_cpu)
        expected = [
            f"{by_memory}명",
            f"{by_cpu}명",
            f"노드 {math.ceil(30 / fits)}대",
            f"노드 {math.ceil(200 / fits)}대",
        ]
        assert row[1:] == expected, row
