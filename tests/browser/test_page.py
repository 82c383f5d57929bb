#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Browser test of the search page served by fahras-serve, in headless Chromium (Debian's
chromium + chromium-driver + python3-selenium). Usage:

    test_page.py BASE_URL [--screenshots DIR] [--measure QUERY] [--hostile-id ID] [--query Q]

BASE_URL is a running fahras-serve over the sample corpus plus a hostile article (see
tests/e2e/test_page.sh). Every check prints "ok - ..." or "FAIL - ..."; exit 1 when one failed.
--measure QUERY only measures time-to-results after Enter (Performance API), five times."""

import argparse
import json
import os
import re
import shutil
import signal
import sys
import tempfile
import time
import urllib.parse
import urllib.request

import feedparser
from selenium import webdriver
from selenium.common.exceptions import NoAlertPresentException, StaleElementReferenceException, TimeoutException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

failures = 0
checks = 0


def check(what, ok, detail=""):
    global failures, checks
    checks += 1
    print(("ok - " if ok else "FAIL - ") + what + ("" if ok or not detail else f"\n  {detail}"))
    if not ok:
        failures += 1
    return ok


def api(base, path, params=None):
    url = base + path + ("?" + urllib.parse.urlencode(params, doseq=True) if params else "")
    with urllib.request.urlopen(url, timeout=20) as r:
        return json.load(r)


def browser(profile):
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage", f"--user-data-dir={profile}", "--window-size=1280,900",
                 "--lang=ar"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    driver.set_page_load_timeout(20)
    driver.set_script_timeout(20)
    return driver


def wait(driver, condition, seconds=15):
    try:
        return WebDriverWait(driver, seconds, ignored_exceptions=(StaleElementReferenceException,)).until(lambda d: condition(d))
    except TimeoutException:
        return None


def ready_after(driver, before):
    """Waits until the page has painted a search newer than generation `before`."""
    return wait(driver, lambda d: (d.execute_script("return document.body.dataset.ready") or "0") != before)


def generation(driver):
    return driver.execute_script("return document.body.dataset.ready") or "0"


def hit_ids(driver):
    return driver.execute_script("return [...document.querySelectorAll('#results li.hit')].map((e) => e.dataset.id)")


def query_of(url):
    return urllib.parse.parse_qs(urllib.parse.urlparse(url).query)


ARABIC_LETTER = re.compile(r"[\u0621-\u064A\u066E-\u06D3\u06FA-\u06FF]")


def marks_are_whole_words(driver):
    """Every <mark> of the snippets starts and ends at a word edge (no Arabic letter joined to
    it from outside): a mark inside an Arabic word would break its letter joining."""
    pairs = driver.execute_script("""
      return [...document.querySelectorAll('#results .snippet mark')].map((m) => {
        const before = m.previousSibling ? m.previousSibling.textContent : '';
        const after = m.nextSibling ? m.nextSibling.textContent : '';
        return [before.slice(-1), m.textContent, after.slice(0, 1)];
      });""")
    bad = [p for p in pairs if ARABIC_LETTER.match(p[0] or " ") or ARABIC_LETTER.match(p[2] or " ")]
    return pairs, bad


def search(driver, text):
    before = generation(driver)
    box = driver.find_element(By.ID, "q")
    box.clear()
    box.send_keys(text)
    box.send_keys(Keys.ENTER)
    return ready_after(driver, before)


def measure(base, query, runs=5):
    profile = tempfile.mkdtemp(prefix="fahras-chromium-")
    driver = browser(profile)
    try:
        driver.get(base + "/")
        wait(driver, lambda d: generation(d) != "0")
        times = []
        for _ in range(runs):
            for q in (query + " ", query):  # alternate so each Enter is a new search
                search(driver, q)
            times.append(driver.execute_script(
                "const m = performance.getEntriesByName('fahras-results'); return m[m.length-1].duration;"))
        times.sort()
        print(json.dumps({"query": query, "runs_ms": [round(t, 1) for t in times],
                          "median_ms": round(times[len(times) // 2], 1)}, ensure_ascii=False))
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def run(base, args):
    profile = tempfile.mkdtemp(prefix="fahras-chromium-")
    driver = browser(profile)
    q = args.query
    try:
        driver.get(base + "/")
        check("the page is Arabic and right-to-left",
              driver.execute_script("return [document.documentElement.lang, document.documentElement.dir].join()") == "ar,rtl")

        # --- search → hits with highlighted words --------------------------------------
        check("Enter searches and paints results", search(driver, q) is not None)
        expected = api(base, "/api/search", {"q": q, "collapse": 1, "limit": 10})
        ids = hit_ids(driver)
        check("the hits are the API's", ids == [h["id"] for h in expected["hits"]] and ids, f"page {ids}")
        marks = driver.find_elements(By.CSS_SELECTOR, "#results .snippet mark")
        check("matched words are highlighted", len(marks) > 0)
        pairs, bad = marks_are_whole_words(driver)
        check("every highlight is a whole word", pairs and not bad, f"cut words: {bad}")
        check("the URL holds the query", query_of(driver.current_url).get("q") == [q], driver.current_url)
        status = driver.find_element(By.ID, "status").text
        check("the count is shown", re.search(r"[0-9\u0660-\u0669]", status) is not None, status)
        hijri = driver.find_elements(By.CSS_SELECTOR, "#results .hit .hijri")
        check("dates are shown in the Hijri calendar too", len(hijri) > 0 and "هـ" in hijri[0].text, hijri[0].text if hijri else "none")

        # --- histogram: one bar per year ---------------------------------------------------
        hist = api(base, "/api/histogram", {"q": q, "by": "year"})
        buckets = {str(b.get("period", b.get("key"))): b["count"] for b in hist.get("histogram", hist.get("buckets", []))}
        years = sorted(y for y, n in buckets.items() if n)
        wait(driver, lambda d: d.find_elements(By.CSS_SELECTOR, "#histogram .bar"))
        bars = sorted(e.get_attribute("data-key") for e in driver.find_elements(By.CSS_SELECTOR, "#histogram .bar:not(.undated)"))
        check("the histogram has a bar per year", years and bars == years, f"bars {bars}, API {years}")
        if args.screenshots:
            driver.save_screenshot(os.path.join(args.screenshots, "search-desktop.png"))

        # --- keyboard: Tab from the search box reaches the facets -----------------------------
        driver.find_element(By.ID, "q").click()
        reached = False
        for _ in range(80):
            driver.switch_to.active_element.send_keys(Keys.TAB)
            if driver.execute_script("return document.activeElement.classList.contains('facet-value')"):
                reached = True
                break
        check("Tab reaches the facets", reached)

        # --- histogram drill-down: a year bar → its months -------------------------------------
        year = max(years, key=lambda y: buckets[y])
        before = generation(driver)
        driver.find_element(By.CSS_SELECTOR, f'#histogram .bar[data-key="{year}"]').click()
        ready_after(driver, before)
        params = query_of(driver.current_url)
        check("a year bar filters on its year", params.get("from") == [year] and params.get("to") == [year], driver.current_url)
        wait(driver, lambda d: all(e.get_attribute("data-key").startswith(year + "-")
                                   for e in d.find_elements(By.CSS_SELECTOR, "#histogram .bar:not(.undated)")) and
             d.find_elements(By.CSS_SELECTOR, "#histogram .bar:not(.undated)"))
        months = [e.get_attribute("data-key") for e in driver.find_elements(By.CSS_SELECTOR, "#histogram .bar:not(.undated)")]
        check("it drills down to the year's months", months and all(re.fullmatch(year + r"-\d\d", m) for m in months), f"{months}")
        # Back repaints the unfiltered search: wait for that paint, not for the year's hits still
        # shown, or the facets found next are replaced under the test.
        before = generation(driver)
        driver.back()
        ready_after(driver, before)
        wait(driver, lambda d: "from" not in query_of(d.current_url) and hit_ids(d))

        # --- facet click → chip, URL, filtered results --------------------------------------
        facet = driver.find_element(By.CSS_SELECTOR, "#facets button.facet-value[data-facet=source]")
        source = facet.get_attribute("data-value")
        before = generation(driver)
        facet.click()
        ready_after(driver, before)
        chips = driver.find_elements(By.CSS_SELECTOR, "#chips .chip[data-filter=source]")
        check("a facet click shows a chip", len(chips) == 1 and source in chips[0].text, source)
        check("the URL holds the filter", query_of(driver.current_url).get("source") == [source], driver.current_url)
        filtered = api(base, "/api/search", {"q": q, "source": source, "collapse": 1, "limit": 10})
        ids = hit_ids(driver)
        check("the results are the API's for the filter", ids == [h["id"] for h in filtered["hits"]] and ids, f"page {ids}")
        check("every hit is from the source", all(h["source"] == source for h in filtered["hits"]))
        filtered_url = driver.current_url

        # --- article view, Back -----------------------------------------------------------
        first = driver.find_element(By.CSS_SELECTOR, "#results li.hit .title a")
        first_id = ids[0]
        first.click()
        shown = wait(driver, lambda d: d.execute_script("return document.body.dataset.article") == first_id)
        article = api(base, "/api/article", {"id": first_id})
        body = driver.find_element(By.CSS_SELECTOR, ".article-body").text if shown else ""
        check("an article opens at /article/ID", urllib.parse.urlparse(driver.current_url).path.startswith("/article/"), driver.current_url)
        check("the search's words are highlighted in the article", len(driver.find_elements(By.CSS_SELECTOR, ".article-view mark")) > 0)
        words = (article.get("body") or "").split()
        check("the article's body is shown", bool(body) and len(words) > 3 and all(w in body for w in words[:5]), body[:80])
        driver.back()
        wait(driver, lambda d: d.current_url == filtered_url and d.find_elements(By.CSS_SELECTOR, "#results li.hit"))
        wait(driver, lambda d: hit_ids(d) == ids)
        check("Back restores the filtered results", driver.current_url == filtered_url and hit_ids(driver) == ids)
        check("Back restores the chip", len(driver.find_elements(By.CSS_SELECTOR, "#chips .chip[data-filter=source]")) == 1)

        # --- permalink: the same URL in a fresh load shows the same results ----------------
        driver.get(filtered_url)
        wait(driver, lambda d: hit_ids(d) == ids)
        check("a permalink reloads the same results", hit_ids(driver) == ids)
        chip = driver.find_element(By.CSS_SELECTOR, "#chips .chip[data-filter=source] .chip-remove")
        before = generation(driver)
        chip.click()
        ready_after(driver, before)
        check("removing the chip removes the filter", "source" not in query_of(driver.current_url))

        # --- names in any script: a Latin name offers the entity filter, with a switch ------
        search(driver, "Shoigu")
        switch = wait(driver, lambda d: d.find_elements(By.CSS_SELECTOR, "#entity-suggest .entity-switch"))
        check("a Latin name offers its entity", bool(switch))
        if switch:
            entity = switch[0].get_attribute("data-entity")
            before = generation(driver)
            switch[0].click()
            ready_after(driver, before)
            person = api(base, "/api/search", {"q": "", "person": entity, "collapse": 1, "limit": 10})
            check("the switch filters on the person", query_of(driver.current_url).get("person") == [entity]
                  and hit_ids(driver) == [h["id"] for h in person["hits"]] and person["hits"], driver.current_url)

        # --- stories: collapsed by default, expandable ---------------------------------------
        search(driver, "شويغو")
        story = wait(driver, lambda d: d.find_elements(By.CSS_SELECTOR, "#results .story button"))
        check("a story of several versions is one result with its versions line", bool(story))
        if story:
            wait(driver, lambda d: "·" in d.find_element(By.CSS_SELECTOR, "#results .story-summary").text)
            story[0].click()
            versions = wait(driver, lambda d: d.find_elements(By.CSS_SELECTOR, "#results .versions li"))
            check("expanding it lists the other versions", bool(versions))

        # --- hostile article: title shown as text, no dialog --------------------------------
        driver.get(base + "/?q=" + urllib.parse.quote(args.hostile_query))
        wait(driver, lambda d: args.hostile_id in hit_ids(d))
        titles = [e.text for e in driver.find_elements(By.CSS_SELECTOR, "#results li.hit .title")]
        check("the hostile title is shown as text", "<img src=x onerror=alert(1)>" in titles, titles)
        check("no element was made of it", not driver.find_elements(By.CSS_SELECTOR, "#results img, .article-view img"))
        driver.get(base + "/article/" + urllib.parse.quote(args.hostile_id, safe=""))
        wait(driver, lambda d: d.execute_script("return document.body.dataset.article") == args.hostile_id)
        title = driver.find_element(By.CSS_SELECTOR, ".article-title").text
        check("the hostile article view shows the title as text", title == "<img src=x onerror=alert(1)>", title)
        links = [a.get_attribute("href") for a in driver.find_elements(By.CSS_SELECTOR, ".article-view a")]
        check("its javascript: URL is not a link", not [h for h in links if h and h.lower().startswith("javascript:")], links)
        time.sleep(0.3)
        try:
            text = driver.switch_to.alert.text
            check("no dialog is raised", False, text)
        except NoAlertPresentException:
            check("no dialog is raised", True)

        # --- 360 px ---------------------------------------------------------------------------
        driver.set_window_size(360, 780)
        driver.get(base + "/?q=" + urllib.parse.quote(q))
        wait(driver, lambda d: hit_ids(d))
        width = driver.execute_script("return document.documentElement.scrollWidth")
        inner = driver.execute_script("return window.innerWidth")
        check("at 360 px the page does not scroll sideways", width <= inner, f"{width} > {inner}")
        if args.screenshots:
            driver.save_screenshot(os.path.join(args.screenshots, "search-360.png"))
            driver.get(base + "/article/" + urllib.parse.quote(first_id, safe="") + "?q=" + urllib.parse.quote(q))
            wait(driver, lambda d: d.execute_script("return document.body.dataset.article") == first_id)
            driver.save_screenshot(os.path.join(args.screenshots, "article-360.png"))
            driver.set_window_size(1280, 900)
            driver.get(base + "/article/" + urllib.parse.quote(first_id, safe="") + "?q=" + urllib.parse.quote(q))
            wait(driver, lambda d: d.execute_script("return document.body.dataset.article") == first_id)
            driver.save_screenshot(os.path.join(args.screenshots, "article-desktop.png"))

        # --- no request left the server; no CSP violation, no script error ------------------
        origin = base.rstrip("/")
        names = driver.execute_script("return performance.getEntriesByType('resource').map((e) => e.name)")
        foreign = [n for n in names if not n.startswith(origin + "/")]
        check("no request to another origin (Resource Timing)", names and not foreign, f"{foreign}")
        logs = [e for e in driver.get_log("browser") if e["level"] == "SEVERE" and "favicon" not in e["message"]]
        check("no script error or CSP violation in the console", not logs, f"{logs[:3]}")
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)

    # --- the Atom feed -------------------------------------------------------------------------
    try:
        with urllib.request.urlopen(base + "/feed?" + urllib.parse.urlencode({"q": args.hostile_query}), timeout=20) as r:
            ctype = r.headers.get("Content-Type", "")
            raw = r.read()
    except OSError as e:
        ctype, raw = str(e), b""
    feed = feedparser.parse(raw)
    check("/feed is application/atom+xml", ctype.startswith("application/atom+xml"), ctype)
    check("the feed parses as Atom", not feed.bozo and feed.get("version") == "atom10", f"{feed.get('bozo_exception')}")
    titles = [e.title for e in feed.entries]
    check("the feed holds the hostile title as text", "<img src=x onerror=alert(1)>" in titles, titles)
    try:
        with urllib.request.urlopen(base + "/opensearch.xml", timeout=20) as r:
            osd = r.read().decode()
    except OSError as e:
        osd = str(e)
    check("/opensearch.xml names the search URL", "{searchTerms}" in osd and "OpenSearchDescription" in osd)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("base")
    parser.add_argument("--screenshots")
    parser.add_argument("--measure")
    parser.add_argument("--query", default="مسئولين")
    parser.add_argument("--hostile-id", default="hostile-1")
    parser.add_argument("--hostile-query", default="فقاعة")
    args = parser.parse_args()
    def timed_out(*_):
        raise TimeoutError("browser test ran out of time")
    signal.signal(signal.SIGALRM, timed_out)
    signal.alarm(150)  # the whole run is bounded, whatever hangs; `finally` quits the browser
    if args.screenshots:
        os.makedirs(args.screenshots, exist_ok=True)
    if args.measure:
        measure(args.base, args.measure)
        return 0
    run(args.base.rstrip("/"), args)
    print(f"{checks - failures} passed, {failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
