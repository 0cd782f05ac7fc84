"""The running web app in a real headless browser (Debian chromium driven by the PyPI playwright package).

Skips with a reason where chromium (or playwright) is unavailable; ``make browser`` installs chromium.
Screenshots go to ``test-artifacts/`` (gitignored).
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("app-browser")]

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
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def free_port() -> int:
    """A free TCP port on 127.0.0.1."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_app(app_file: str, port: int, env: dict[str, str]) -> subprocess.Popen:
    """Start ``streamlit run`` headless on ``port`` (its output goes to a log file beside the artifacts)."""
    ARTIFACTS.mkdir(exist_ok=True)
    log = (ARTIFACTS / "app_server.log").open("wb")
    cmd = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        app_file,
        "--server.headless",
        "true",
        "--server.address",
        "127.0.0.1",
        "--server.port",
        str(port),
        "--server.maxUploadSize",
        "50",
        "--client.toolbarMode",
        "viewer",
        "--browser.gatherUsageStats",
        "false",
    ]
    return subprocess.Popen(cmd, env=env, stdout=log, stderr=subprocess.STDOUT)


def wait_healthy(port: int, timeout: float = 30.0) -> float:
    """Poll ``/_stcore/health`` until it answers ``ok``; returns the seconds waited."""
    t0 = time.perf_counter()
    while time.perf_counter() - t0 < timeout:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=1) as resp:
                if resp.read().decode().strip() == "ok":
                    return time.perf_counter() - t0
        except OSError:
            pass
        time.sleep(0.1)
    raise TimeoutError(f"the app did not answer /_stcore/health within {timeout:.0f} s")


@pytest.fixture(scope="module")
def server(app_file: str, app_env: Path) -> Iterator[int]:
    if not (Path(CHROMIUM).exists() or shutil.which("chromium")):
        pytest.skip(f"chromium not found at {CHROMIUM} (make browser installs it: apt-get install -y chromium)")
    pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
    port = free_port()
    env = {**os.environ, "MIXWISE_APP_MODEL": "ols", "MIXWISE_CACHE_DIR": str(app_env)}
    env.pop("ANTHROPIC_API_KEY", None)
    proc = start_app(app_file, port, env)
    try:
        wait_healthy(port)
        yield port
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


def test_browser_sample_ask_saturation(server: int) -> None:
    from playwright.sync_api import expect, sync_playwright

    executable = CHROMIUM if Path(CHROMIUM).exists() else str(shutil.which("chromium"))
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 2200})
            t0 = time.perf_counter()
            page.goto(f"http://127.0.0.1:{server}/", wait_until="domcontentloaded")
            # the Data page loads the bundled sample on its own
            expect(page.get_by_text("Your data")).to_be_visible(timeout=30_000)
            first_render = time.perf_counter() - t0
            expect(page.get_by_test_id("stMetricValue").first).to_have_text("208", timeout=20_000)
            expect(page.get_by_test_id("stDataFrame").last).to_be_visible(timeout=20_000)
            page.wait_for_timeout(1500)  # let the chart and table canvases paint
            page.screenshot(path=str(ARTIFACTS / "app_data.png"))
            page.get_by_test_id("stSidebar").locator("label").filter(has_text=re.compile(r"Ask$")).click()
            box = page.get_by_test_id("stChatInputTextArea")
            expect(box).to_be_visible(timeout=20_000)
            box.fill("Which channels are saturated?")
            box.press("Enter")
            assistant = page.get_by_test_id("stChatMessage").nth(1)
            expect(assistant.get_by_text("saturated").first).to_be_visible(timeout=45_000)
            expect(assistant.locator("img").first).to_be_visible(timeout=30_000)
            page.wait_for_timeout(1000)
            page.screenshot(path=str(ARTIFACTS / "app_ask.png"))
        finally:
            browser.close()
    assert first_render < 30
