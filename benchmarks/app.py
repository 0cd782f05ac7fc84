"""Benchmark of the web app: time to the first interactive page, and time to answer a question.

1. Server: ``streamlit run`` headless on a free port; seconds from process start to ``/_stcore/health``
   answering ``ok``, then (with Debian chromium and the playwright package) seconds until the Data page
   shows the loaded sample (metrics and table drawn: interactive). Without chromium the first render is
   measured with ``AppTest`` instead (said in the output).
2. Browser answer: on the Ask page, seconds from pressing Enter to the answer text, then to its chart.
3. In-process answers: the offline analyst over the example questions on a fitted model (mean and max
   seconds per answer, text and chart separately), for OLS and (``--bayes``) the Bayesian model.

    .venv/bin/python benchmarks/app.py            # OLS; about a minute
    .venv/bin/python benchmarks/app.py --bayes    # also the Bayesian model (fits once, cached)
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def app_file() -> str:
    """Path of ``mixwise/app/main.py``."""
    spec = importlib.util.find_spec("mixwise.app")
    assert spec is not None and spec.submodule_search_locations
    return str(Path(next(iter(spec.submodule_search_locations))) / "main.py")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_healthy(port: int, timeout: float = 60.0) -> None:
    t0 = time.perf_counter()
    while time.perf_counter() - t0 < timeout:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=1) as resp:
                if resp.read().decode().strip() == "ok":
                    return
        except OSError:
            pass
        time.sleep(0.05)
    raise TimeoutError("the app never answered /_stcore/health")


def browser_run(env: dict[str, str]) -> dict[str, float]:
    """Start the server, open the app in chromium, ask a question; returns the timings."""
    from playwright.sync_api import expect, sync_playwright

    port = free_port()
    cmd = [sys.executable, "-m", "streamlit", "run", app_file(), "--server.headless", "true"]
    cmd += ["--server.address", "127.0.0.1", "--server.port", str(port), "--browser.gatherUsageStats", "false"]
    out: dict[str, float] = {}
    log = open(os.environ.get("MIXWISE_BENCH_LOG", os.devnull), "wb")  # noqa: SIM115
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)  # the user's browser is open
        page = browser.new_page(viewport={"width": 1400, "height": 1800})
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            wait_healthy(port)
            out["health_ok"] = time.perf_counter() - t0
            t1 = time.perf_counter()
            page.goto(f"http://127.0.0.1:{port}/", wait_until="domcontentloaded")
            expect(page.get_by_test_id("stMetricValue").first).to_have_text("208", timeout=60_000)
            expect(page.get_by_test_id("stDataFrame").last).to_be_visible(timeout=60_000)
            out["first_page_after_health"] = time.perf_counter() - t1
            out["first_page_from_start"] = time.perf_counter() - t0
            page.get_by_test_id("stSidebar").locator("label").filter(has_text=re.compile(r"Model$")).click()
            fit = page.get_by_role("button", name="Fit the model")
            expect(fit).to_be_visible(timeout=30_000)
            page.wait_for_timeout(500)
            fit.click()
            expect(page.get_by_text("Fit quality")).to_be_visible(timeout=120_000)
            page.get_by_test_id("stSidebar").locator("label").filter(has_text=re.compile(r"Ask$")).click()
            box = page.get_by_test_id("stChatInputTextArea")
            expect(box).to_be_visible(timeout=30_000)
            box.fill("Which channels are saturated?")
            t2 = time.perf_counter()
            box.press("Enter")
            msg = page.get_by_test_id("stChatMessage").nth(1)
            expect(msg.get_by_text("saturated").first).to_be_visible(timeout=60_000)
            out["browser_answer_text"] = time.perf_counter() - t2
            expect(msg.locator("img").first).to_be_visible(timeout=60_000)
            out["browser_answer_chart"] = time.perf_counter() - t2
        finally:
            proc.terminate()
            proc.wait(timeout=15)
            browser.close()
    return out


def apptest_first_render() -> float:
    from streamlit.testing.v1 import AppTest

    t0 = time.perf_counter()
    at = AppTest.from_file(app_file(), default_timeout=120).run()
    assert not at.exception
    return time.perf_counter() - t0


def in_process(model: str) -> dict[str, float]:
    """Offline answers to the example questions on a fitted ``model``: text and chart seconds."""
    from mixwise.agent.answer import answer
    from mixwise.agent.session import AnalystSession
    from mixwise.agent.tools_data import EXAMPLE_QUESTIONS
    from mixwise.app.charts import answer_charts
    from mixwise.data import load

    session = AnalystSession(load(None), model_name=model)
    t0 = time.perf_counter()
    session.model  # noqa: B018 - fit (or load from the cache) once
    fit = time.perf_counter() - t0
    texts, charts = [], []
    for q in EXAMPLE_QUESTIONS:
        t1 = time.perf_counter()
        ans = answer(session, q)
        texts.append(time.perf_counter() - t1)
        t2 = time.perf_counter()
        answer_charts(session, ans.result)
        charts.append(time.perf_counter() - t2)
    return {
        "fit_or_load": fit,
        "text_mean": statistics.mean(texts),
        "text_max": max(texts),
        "chart_mean": statistics.mean(charts),
        "chart_max": max(charts),
        "n": len(texts),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bayes", action="store_true", help="also time answers on the Bayesian model")
    args = parser.parse_args()
    os.environ.setdefault("MPLBACKEND", "Agg")
    cache = tempfile.mkdtemp(prefix="mixwise-bench-app-")
    os.environ["MIXWISE_CACHE_DIR"] = cache
    env = {**os.environ, "MIXWISE_APP_MODEL": "ols"}
    env.pop("ANTHROPIC_API_KEY", None)
    os.environ.pop("ANTHROPIC_API_KEY", None)
    print(f"cores: {os.cpu_count()}  python: {sys.version.split()[0]}")
    if Path(CHROMIUM).exists() and importlib.util.find_spec("playwright"):
        b = browser_run(env)
        print(f"server start -> /_stcore/health ok:          {b['health_ok']:.2f} s")
        print(f"health ok -> Data page interactive (browser): {b['first_page_after_health']:.2f} s")
        print(
            f"server start -> Data page interactive:        {b['first_page_from_start']:.2f} s   (bar: 5 s; browser already open)"
        )
        print(f"browser, Enter -> answer text (OLS, fitted):  {b['browser_answer_text']:.2f} s   (bar: 2 s)")
        print(f"browser, Enter -> answer chart:               {b['browser_answer_chart']:.2f} s")
    else:
        print(f"chromium not available: AppTest first render {apptest_first_render():.2f} s (bar: 5 s)")
    for model in ("ols", "bayes") if args.bayes else ("ols",):
        r = in_process(model)
        print(
            f"in-process {model}: fit/load {r['fit_or_load']:.1f} s; {r['n']} example questions: answer text "
            f"mean {r['text_mean']:.2f} s, max {r['text_max']:.2f} s; chart mean {r['chart_mean']:.2f} s, "
            f"max {r['chart_max']:.2f} s"
        )
    shutil.rmtree(cache, ignore_errors=True)


if __name__ == "__main__":
    main()
