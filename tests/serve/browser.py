#!/usr/bin/python3
"""The page of `loc serve` in a real headless Chromium (WebDriver): loads it
from a server started on a free loopback port, runs the Text view on mixed
LTR/RTL text with a bidi override, switches to the Names view with the
keyboard, checks that a server error is shown, and saves a screenshot of
each view under the build folder. Skips (77) without Chromium, chromedriver
or Selenium.

Usage: browser.py LOC OUTDIR"""
import os
import re
import shutil
import subprocess
import sys
import time

loc, outdir = sys.argv[1], sys.argv[2]
try:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import WebDriverWait
except ImportError:
    print("SKIP: python3-selenium is not installed")
    sys.exit(77)
chromium = shutil.which("chromium")
driver_path = shutil.which("chromedriver")
if not chromium or not driver_path:
    print("SKIP: chromium or chromedriver is not installed")
    sys.exit(77)

server = subprocess.Popen([loc, "serve", "--listen", "127.0.0.1:0", "--threads", "2"],
                          stderr=subprocess.PIPE, text=True)
line = server.stderr.readline()
m = re.match(r"loc: serve: listening on (http://127\.0\.0\.1:\d+/)$", line.strip())
if not m:
    server.kill()
    sys.exit("FAIL: the server did not start: " + line)
base = m.group(1)

opts = webdriver.ChromeOptions()
opts.binary_location = chromium
for a in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
          "--window-size=900,1000", "--lang=en"):
    opts.add_argument(a)
opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
browser = None
failures = []


def texts(b, selector):
    """textContent of every match, read in one step (the page may be
    replacing the elements meanwhile)."""
    return b.execute_script(
        "return [...document.querySelectorAll(arguments[0])].map(e => e.textContent)", selector)


def check(cond, what):
    if not cond:
        failures.append(what)
        print("FAIL:", what)


try:
    browser = webdriver.Chrome(service=Service(driver_path), options=opts)
    browser.set_page_load_timeout(20)
    wait = WebDriverWait(browser, 10)
    browser.get(base)
    wait.until(lambda b: b.find_element(By.ID, "version").text.startswith("version "))
    check(browser.title.startswith("loc"), "page title")

    text = "Hello мир\nשלום עולם 123\n\u202Eevil\u202C ok\n"
    area = browser.find_element(By.ID, "text")
    area.send_keys(text)
    browser.find_element(By.ID, "run-script").click()
    wait.until(lambda b: len(b.find_elements(By.CSS_SELECTOR, "#lines li")) == 3)
    tags = texts(browser, "#lines .tag")
    check(tags[:3] == ["Latn", "Cyrl", "Hebr"], "script runs shown: %r" % tags)
    badges = texts(browser, "#lines .ctl")
    check("⟨U+202E⟩" in badges and "⟨U+202C⟩" in badges, "bidi controls made visible: %r" % badges)
    rtl = browser.find_elements(By.CSS_SELECTOR, "#lines li .line-text")[1]
    check(browser.execute_script("return getComputedStyle(arguments[0]).direction", rtl) == "rtl",
          "the Hebrew line is laid out right to left")

    browser.find_element(By.ID, "run-segment").click()
    wait.until(lambda b: "word" in texts(b, "#lines .tag"))
    browser.find_element(By.ID, "run-normalize").click()
    wait.until(lambda b: b.find_element(By.ID, "normalized-box").is_displayed())
    shown = browser.find_element(By.ID, "normalized").get_attribute("data-text")
    check(shown == text, "NFC of an NFC text is the text")
    os.makedirs(outdir, exist_ok=True)
    browser.save_screenshot(os.path.join(outdir, "serve-text.png"))

    # Keyboard only: focus the selected tab, arrow to Names.
    browser.find_element(By.ID, "tab-text").send_keys(Keys.ARROW_RIGHT)
    check(browser.find_element(By.ID, "view-names").is_displayed(), "arrow key switches to Names")
    check(browser.switch_to.active_element.get_attribute("id") == "tab-names", "focus follows the tab")
    browser.find_element(By.ID, "names").send_keys("example.com\nпример.рф\n")
    browser.find_element(By.ID, "run-names").click()
    wait.until(lambda b: b.find_element(By.ID, "error").is_displayed())
    err = browser.find_element(By.ID, "error").text
    check("idn/check" in err and "501" in err, "the server's error is shown: %r" % err)
    browser.save_screenshot(os.path.join(outdir, "serve-names.png"))

    # Narrow window: no horizontal scrolling of the page.
    browser.set_window_size(360, 800)
    time.sleep(0.2)
    wide = browser.execute_script(
        "return document.documentElement.scrollWidth > document.documentElement.clientWidth")
    check(not wide, "a 360 px window needs no horizontal scrolling")

    logs = [e for e in browser.get_log("browser")
            if e["level"] == "SEVERE" and "501" not in e["message"]]
    check(not logs, "no console errors (CSP violations included): %r" % logs)
except Exception as e:  # a WebDriver failure is a test failure, with its message
    failures.append(repr(e))
    print("FAIL:", repr(e))
finally:
    if browser is not None:
        browser.quit()
    server.terminate()
    try:
        rc = server.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.kill()
        rc = -1
    check(rc == 0, "the server exits 0 on SIGTERM (got %r)" % rc)

print("browser: %d failure(s); screenshots in %s" % (len(failures), outdir))
sys.exit(1 if failures else 0)
