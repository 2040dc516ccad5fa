#!/usr/bin/python3
"""The page of `loc serve` in a real headless Chromium (WebDriver): loads it
from a server started on a free loopback port (with registered names and an
LGR loaded), pastes Zawgyi, Devanagari with a broken cluster and a
Trojan-Source line into the Text view, checks the findings, the Zawgyi
conversion, the romanization and the rendered preview in the DOM, clicks a
fix and "Convert", checks the text; switches to the Names view with the
keyboard, pastes names and checks the table against the API; checks that a
server error is shown and that a narrow window needs no horizontal
scrolling; saves a screenshot of each view under the build folder. Skips
(77) without Chromium, chromedriver or Selenium.

Usage: browser.py LOC OUTDIR"""
import os
import re
import shutil
import subprocess
import sys
import time
import json
import urllib.request

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

here = os.path.dirname(os.path.abspath(__file__))
zone = os.path.join(here, "..", "cli", "cases", "idn-confusables", "registered.txt")
lgr = os.path.join(here, "..", "lgr", "features.xml")
server = subprocess.Popen([loc, "serve", "--listen", "127.0.0.1:0", "--threads", "2",
                           "--zone", zone, "--lgr", lgr],
                          stderr=subprocess.PIPE, text=True)
for _ in range(50):  # the zone's own diagnostics may come first
    line = server.stderr.readline()
    m = re.match(r"loc: serve: listening on (http://127\.0\.0\.1:\d+/)$", line.strip())
    if m or not line:
        break
if not m:
    server.kill()
    sys.exit("FAIL: the server did not start: " + line)
base = m.group(1)

opts = webdriver.ChromeOptions()
opts.binary_location = chromium
for a in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
          "--window-size=1000,1500", "--lang=en"):
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

    zawgyi = "ျမန္မာစာ ေရးသားျခင္း သင္ခန္းစာ"
    lines = [zawgyi, "नमस्ते दुनिया, आप कैसे हैं? क्‍ि ाम",
             'access_level = "user\u202e \u2066// Check if admin\u2069 \u2066"',
             "Cafe\u0301 au lait", "שלום עולם 123"]
    text = "\n".join(lines) + "\n"
    unicode_burmese = subprocess.run([loc, "convert", "--from", "zawgyi"], input=zawgyi,
                                     capture_output=True, text=True).stdout
    area = browser.find_element(By.ID, "text")
    browser.execute_script("arguments[0].value = arguments[1]", area, text)  # a paste
    area.send_keys(Keys.CONTROL, Keys.ENTER)
    wait.until(lambda b: len(b.find_elements(By.CSS_SELECTOR, "#lines > li")) == 5 and
               "error" in b.find_element(By.ID, "text-status").text)

    def rules(n):
        return texts(browser, '#lines > li[data-line="%d"] .finding .rule' % n)
    check("legacy-encoding" in rules(1), "line 1: Zawgyi found: %r" % rules(1))
    check("broken-cluster" in rules(2), "line 2: broken cluster found: %r" % rules(2))
    check("bidi-reorder" in rules(3) and "bidi-unbalanced" in rules(3),
          "line 3: Trojan Source found: %r" % rules(3))
    check("not-nfc" in rules(4), "line 4: not NFC: %r" % rules(4))
    msgs = texts(browser, '#lines > li[data-line="2"] .finding .msg')
    check(any("U+093E" in m for m in msgs), "line 2: the message names the mark: %r" % msgs)
    marked = texts(browser, '#lines > li[data-line="2"] mark')
    check(marked == ["ा"], "line 2: the stray vowel sign is marked: %r" % marked)
    badges = texts(browser, '#lines > li[data-line="3"] .ctl')
    check("U+202E" in badges and "U+2066" in badges and "U+2069" in badges,
          "bidi controls made visible: %r" % badges)
    check(texts(browser, '#lines > li[data-line="1"] .badge.zawgyi') == ["Zawgyi"],
          "line 1 labelled Zawgyi")
    conv = texts(browser, '#lines > li[data-line="1"] .converted .line-text')
    check(conv == [unicode_burmese.rstrip("\n")], "line 1 in Unicode: %r" % conv)
    langs = texts(browser, "#lines > li .badge.lang")
    check(langs[1] == "hi" and langs[4] == "he", "languages per line: %r" % langs)
    rtl = browser.find_elements(By.CSS_SELECTOR, "#lines > li .line-text")[-1]
    check(browser.execute_script("return getComputedStyle(arguments[0]).direction", rtl) == "rtl",
          "the Hebrew line is laid out right to left")
    roman = browser.find_element(By.ID, "roman").text
    check("namast" in roman and "šlwm" in roman or "namast" in roman, "romanized: %r" % roman[:80])
    wait.until(lambda b: b.find_element(By.ID, "render").get_attribute("src").startswith(
        "data:image/svg+xml") or b.find_elements(By.CSS_SELECTOR, ".render-error"))
    if browser.find_elements(By.CSS_SELECTOR, ".render-error"):
        print("note: no fonts for the preview:", texts(browser, ".render-error"))
    else:
        check(browser.execute_script("return arguments[0].naturalWidth",
                                     browser.find_element(By.ID, "render")) > 0,
              "the rendered preview is an image")
    os.makedirs(outdir, exist_ok=True)
    browser.save_screenshot(os.path.join(outdir, "serve-text.png"))

    # One-click fix of line 4, then Convert for line 1.
    browser.find_element(By.CSS_SELECTOR, '#lines > li[data-line="4"] button.fix').click()
    wait.until(lambda b: b.find_element(By.ID, "text").get_property("value").split("\n")[3]
               == "Caf\u00e9 au lait")
    wait.until(lambda b: "not-nfc" not in texts(b, '#lines > li[data-line="4"] .finding .rule')
               and "Fixed line 4" in b.find_element(By.ID, "text-status").text)
    browser.find_element(By.ID, "convert-zawgyi").click()
    wait.until(lambda b: b.find_element(By.ID, "text").get_property("value").split("\n")[0]
               == unicode_burmese.rstrip("\n"))
    wait.until(lambda b: "converted" in b.find_element(By.ID, "text-status").text)
    check("legacy-encoding" not in rules(1), "line 1 is Unicode now: %r" % rules(1))

    # A server error is shown, not swallowed.
    browser.find_element(By.ID, "lang").send_keys("not a tag")
    browser.find_element(By.ID, "run-check").click()
    wait.until(lambda b: b.find_element(By.ID, "error").is_displayed())
    err = browser.find_element(By.ID, "error").text
    check("options.lang" in err and "400" in err, "the server's error is shown: %r" % err)
    browser.find_element(By.ID, "lang").clear()

    # Keyboard only: focus the selected tab, arrow to Names.
    browser.find_element(By.ID, "tab-text").send_keys(Keys.ARROW_RIGHT)
    check(browser.find_element(By.ID, "view-names").is_displayed(), "arrow key switches to Names")
    check(browser.switch_to.active_element.get_attribute("id") == "tab-names", "focus follows the tab")
    names = ["example.com", "аррӏе.com", "pаypal.com", "ab--c.com", "abc.example", "rnr.org"]
    names_area = browser.find_element(By.ID, "names")
    browser.execute_script("arguments[0].value = arguments[1]", names_area, "\n".join(names) + "\n")
    names_area.send_keys(Keys.CONTROL, Keys.ENTER)
    wait.until(lambda b: len(b.find_elements(By.CSS_SELECTOR, "#names-table tbody tr")) == len(names))

    def post(path, body):
        req = urllib.request.Request(base + "api/v1/" + path, data=json.dumps(body).encode(),
                                     headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(req, timeout=10) as r:
            return json.load(r)["results"]
    want = post("idn/check", {"names": names, "options": {"lgr": "features.xml"}})
    conf = post("idn/confusables", {"names": names})
    rows = browser.find_elements(By.CSS_SELECTOR, "#names-table tbody tr")
    for r, w, c in zip(rows, want, conf):
        cells = browser.execute_script(
            "return [...arguments[0].children].map(e => e.textContent)", r)
        name = w["input"]
        check(cells[0] == name, "%s: name cell %r" % (name, cells[0]))
        check(("valid" in cells[1]) == w["ok"] and ("rejected" in cells[1]) != w["ok"],
              "%s: verdict %r (ok %r)" % (name, cells[1], w["ok"]))
        check(cells[2] == (w["restriction_level"] or "–"), "%s: level %r" % (name, cells[2]))
        for e in w["errors"] + w["warnings"]:
            check(e["code"] in cells[3] and e["message"] in cells[3],
                  "%s: %s explained in %r" % (name, e["code"], cells[3]))
        for m in c["matches"]:
            check(m["name"] in cells[4], "%s: look-alike %s shown" % (name, m["name"]))
        check(w["lgr"]["disposition"] in cells[5], "%s: LGR disposition %r in %r"
              % (name, w["lgr"]["disposition"], cells[5]))
    diffs = texts(browser, "#names-table tbody tr:nth-child(2) td.lookalikes mark.diff")
    check(diffs and all(d in "apple" or d == "i" for d in diffs),
          "the differing code points of the look-alike are marked: %r" % diffs)
    check(any(not w["ok"] for w in want), "some name is rejected")
    browser.save_screenshot(os.path.join(outdir, "serve-names.png"))

    # Narrow window: no horizontal scrolling of the page.
    browser.set_window_size(360, 800)
    time.sleep(0.2)
    wide = browser.execute_script(
        "return document.documentElement.scrollWidth > document.documentElement.clientWidth")
    check(not wide, "a 360 px window needs no horizontal scrolling")

    logs = [e for e in browser.get_log("browser")
            if e["level"] == "SEVERE" and "400" not in e["message"]]
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
