"""The year in a real browser: headless Chromium driven by Selenium against `visitplan serve`.

An administrator logs in and the accounts are made; a planner plans (following the background
job's progress) and adopts; a desk officer requests two of their trips; a manager approves
them; the desk officer books both with ticket costs and records the actual costs of one; the
year-at-a-glance page then shows the budget position computed here from what was entered and
from the plan's own `plan.json`. Along the way: a desk officer is refused (403) a planner's
action and the refusal is in the register's history; no page loads or links anything outside
the server; every page visited is saved as a screenshot in `Reports/browser-artefacts/`.

Run: `python3 -m unittest discover -s Tests/browser -p 'test_*.py'` (Debian's python3 with
python3-selenium, chromium and chromium-driver). `VISITPLAN_BIN` names the binary (default
`.build/debug/visitplan`); `UPDATE_SCREENSHOTS=1` also copies the final year page to
`docs/screenshots/year.png`.
"""

import base64
import csv
import io
import json
import os
import re
import shutil
import signal
import sqlite3
import tempfile
import time
import unittest
import urllib.parse
from decimal import Decimal

import harness
from harness import cents, money, psc

from selenium import webdriver
from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

# What the test enters, in US dollars (any positive amounts would do).
TICKET_A = "2345.67"
TICKET_B = "1111.11"
ACTUAL_A = {"airfare": "2401.20", "dsa": "876.54", "terminal": "120.00", "access": "0", "other": "33.33"}

PAGE_WAIT = 20  # seconds for a page or a form's answer
PLAN_WAIT = 90  # seconds for a plan run from the web to finish
WHOLE_TEST = 180  # seconds the whole test may take


# MARK: - Processes


def children_of(pid):
    """Every live descendant of `pid` (from /proc), so that none outlives the test."""
    parents = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                stat = f.read()
            ppid = int(stat[stat.rindex(")") + 2:].split()[1])
            parents.setdefault(ppid, []).append(int(entry))
        except (OSError, ValueError, IndexError):
            continue
    found, queue = [], [pid]
    while queue:
        for child in parents.get(queue.pop(), []):
            found.append(child)
            queue.append(child)
    return found


def alive(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().split(") ")[-1][0] != "Z"
    except OSError:
        return False


class Browser:
    """Headless Chromium through chromedriver; `quit` leaves no process behind (it ends,
    by process id, any of chromedriver's descendants that outlive `driver.quit()`)."""

    def __init__(self):
        self.profile = tempfile.mkdtemp(prefix="visitplan-chromium-")
        options = webdriver.ChromeOptions()
        options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
        for arg in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                    "--window-size=1280,900", "--no-first-run", "--disable-extensions",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    f"--user-data-dir={self.profile}"]:
            options.add_argument(arg)
        service = Service(executable_path=shutil.which("chromedriver") or "/usr/bin/chromedriver")
        self.driver = webdriver.Chrome(service=service, options=options)
        self.driver.set_page_load_timeout(PAGE_WAIT)
        self.driver_pid = self.driver.service.process.pid

    def quit(self):
        pids = [self.driver_pid] + children_of(self.driver_pid)
        try:
            self.driver.quit()
        except WebDriverException:
            pass
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and any(alive(p) for p in pids):
            time.sleep(0.1)
        for p in pids:
            if alive(p):
                try:
                    os.kill(p, signal.SIGKILL)
                except ProcessLookupError:
                    pass
        shutil.rmtree(self.profile, ignore_errors=True)
        return [p for p in pids if alive(p)]


# MARK: - The test


class YearInTheBrowser(unittest.TestCase):
    def setUp(self):
        self.started = time.monotonic()
        shutil.rmtree(harness.ARTEFACTS, ignore_errors=True)
        os.makedirs(harness.ARTEFACTS)
        self.shots = 0
        self.server = harness.Server("browser")
        self.browser = None
        try:
            self.admin_password = self.server.add_user("admin", "administrator")
            self.server.start()
            self.browser = Browser()
        except BaseException:
            self.tearDown()
            raise
        self.driver = self.browser.driver

    def tearDown(self):
        left = []
        try:
            if self.browser:
                left = self.browser.quit()
                self.browser = None
        finally:
            self.server.__exit__(None, None, None)
        self.assertEqual(left, [], "chromium processes outlived the test")
        elapsed = time.monotonic() - self.started
        print(f"\nbrowser test: {elapsed:.1f} s wall time, {self.shots} screenshots in "
              f"{os.path.relpath(harness.ARTEFACTS, harness.ROOT)}/")
        self.assertLess(elapsed, WHOLE_TEST, "the browser test took too long")

    # MARK: - Helpers

    def url(self, path):
        return self.server.base + path

    def wait(self, condition, message, timeout=PAGE_WAIT):
        """Waits for `condition(driver)`; fails with `message` (and the page's heading) on timeout."""
        try:
            # While a page is being replaced, asking it anything may fail in several ways
            # (stale element, no execution context): ask again until the timeout.
            return WebDriverWait(self.driver, timeout, poll_frequency=0.2,
                                 ignored_exceptions=(WebDriverException,)).until(condition)
        except Exception as error:
            self.screenshot("timeout")
            heading = self.driver.find_elements(By.TAG_NAME, "h1")
            self.fail(f"{message} (waited {timeout} s; page {self.driver.current_url}, heading "
                      f"{heading[0].text if heading else '—'!r}): {type(error).__name__}")

    def screenshot(self, name):
        """The whole page (not just the window) as PNG into the artefacts folder."""
        self.shots += 1
        path = os.path.join(harness.ARTEFACTS, f"{self.shots:02d}-{name}.png")
        try:
            size = self.driver.execute_cdp_cmd("Page.getLayoutMetrics", {})["cssContentSize"]
            shot = self.driver.execute_cdp_cmd("Page.captureScreenshot", {
                "format": "png", "captureBeyondViewport": True,
                "clip": {"x": 0, "y": 0, "width": size["width"], "height": size["height"], "scale": 1}})
            with open(path, "wb") as f:
                f.write(base64.b64decode(shot["data"]))
        except WebDriverException:
            self.driver.save_screenshot(path)
        return path

    def check_page(self, name):
        """Every page: only resources and links of this server, then a screenshot."""
        base = urllib.parse.urlsplit(self.server.base)
        source = self.driver.page_source
        for attr, value in re.findall(r'\b(src|href|action|xlink:href|formaction|poster|srcset)\s*=\s*"([^"]*)"', source):
            parts = urllib.parse.urlsplit(value.strip())
            if parts.scheme in ("", "data") and not parts.netloc:
                continue
            self.assertEqual((parts.scheme, parts.netloc), (base.scheme, base.netloc),
                             f"{name}: {attr}=\"{value}\" points outside the server")
        self.assertNotRegex(source, r"url\(\s*['\"]?(https?:)?//", f"{name}: a style loads from another site")
        loaded = self.driver.execute_script(
            "return performance.getEntriesByType('resource').map(function (e) { return e.name; })")
        for resource in loaded:
            self.assertTrue(resource.startswith(self.server.base + "/") or resource.startswith("data:"),
                            f"{name}: the page loaded {resource}")
        self.screenshot(name)

    def open(self, path, name):
        self.driver.get(self.url(path))
        self.check_page(name)

    def heading(self):
        return self.driver.find_element(By.TAG_NAME, "h1").text

    def notice(self):
        found = self.driver.find_elements(By.CSS_SELECTOR, "p.notice")
        return found[0].text if found else None

    def error(self):
        found = self.driver.find_elements(By.CSS_SELECTOR, "p.error")
        return found[0].text if found else None

    def submit(self, form_selector, fields=None, name="after-submit"):
        """Fills a form's fields (by name), presses its submit button, waits for the next page."""
        form = self.driver.find_element(By.CSS_SELECTOR, form_selector)
        for field, value in (fields or {}).items():
            box = form.find_element(By.NAME, field)
            if box.tag_name == "select":
                Select(box).select_by_value(value)
            elif box.get_attribute("type") == "file":
                box.send_keys(value)  # the path of the file to upload
            elif box.get_attribute("type") == "date":
                # Typing into a date input depends on the locale; set it as a script would.
                self.driver.execute_script("arguments[0].value = arguments[1]", box, value)
            else:
                box.clear()
                box.send_keys(value)
        old = self.driver.find_element(By.TAG_NAME, "html")
        form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
        self.wait(lambda d: self._stale(old), f"the form {form_selector} got no answer")
        self.wait(lambda d: d.execute_script("return document.readyState") == "complete", "the page did not load")
        self.check_page(name)

    @staticmethod
    def _stale(element):
        try:
            element.tag_name
            return False
        except StaleElementReferenceException:
            return True
        except WebDriverException:  # the old page is going away: look again
            return False

    def log_in(self, name, password):
        self.driver.delete_all_cookies()
        self.open("/login", f"{name}-login")
        self.submit("form[action='/login']", {"name": name, "password": password}, f"{name}-home")
        self.assertEqual(self.driver.current_url, self.url("/"), f"{name} could not log in: {self.error()}")

    def log_out(self):
        self.submit("form.logout", name="logged-out")
        self.assertEqual(self.driver.current_url, self.url("/login"))

    def trip_path(self, trip_id):
        return "/trips/" + urllib.parse.quote(trip_id, safe="-._~+")

    def trip_step(self, trip_id, step, fields, who):
        """On the trip's page, submits the form of one step and checks it was done."""
        self.open(self.trip_path(trip_id), f"{who}-trip-{step}")
        self.submit(f"form[action$='/{step}']", fields, f"{who}-trip-{step}-done")
        self.assertIsNone(self.error(), f"{step} of {trip_id} by {who}")
        self.assertEqual(self.notice(), f"Done: {step}.")

    def history(self, sql, *args):
        with sqlite3.connect(f"file:{self.server.register}?mode=ro", uri=True) as db:
            return db.execute(sql, args).fetchall()

    def add_account(self, name, role, manager=""):
        """The administrator adds an account with the web form; returns the password shown once."""
        self.open("/users", f"admin-accounts-{name}")
        self.submit("form#add-user", {"name": name, "role": role, "manager": manager}, f"admin-added-{name}")
        self.assertIsNone(self.error(), f"adding the account {name}")
        shown = self.driver.find_elements(By.ID, "generated-password")
        self.assertTrue(shown, f"no password was shown for {name}")
        self.assertIn(name, self.driver.find_element(By.ID, "accounts").text)
        return shown[0].text.strip()

    def wait_for_job(self, what, timeout=PLAN_WAIT):
        """Waits until the page's background job (#job, followed by the page's script) ends."""
        job = self.wait(
            lambda d: (lambda t: t if ("Finished" in t or "Failed" in t or "Cancelled" in t) else False)(
                d.find_element(By.ID, "job").text),
            f"the {what} did not finish", timeout=timeout)
        self.assertIn("Finished", job, f"the {what} did not succeed: {job}")
        return job

    # MARK: - Data with an error

    def spoil_data(self):
        """Puts an error a spreadsheet could leave into the copy of the data: the first
        operation's priority becomes a word. Returns (file, row number, column, good value)."""
        path = os.path.join(self.server.data, "operations.csv")
        with open(path, newline="", encoding="utf-8-sig") as f:
            lines = f.read().splitlines(keepends=True)
        header = next(csv.reader([lines[0]]))
        self.assertIn("priority", header, "operations.csv has no priority column")
        column = header.index("priority")
        cells = next(csv.reader([lines[1]]))
        good = cells[column]
        cells[column] = "ten"
        out = io.StringIO()
        csv.writer(out, lineterminator=lines[1][len(lines[1].rstrip("\r\n")):] or "\n").writerow(cells)
        lines[1] = out.getvalue()
        with open(path, "w", newline="", encoding="utf-8") as f:
            f.write("".join(lines))
        return "operations.csv", 1, "priority", good

    # MARK: - A filled report

    def filled_report(self, folder, key, deadline):
        """The Markdown template of a visit (as `visitplan reports init` writes it), filled in:
        every TO FILL marker replaced, one recommendation with a valid deadline, priority and
        area, one A4P+ priority ticked."""
        self.server.cli("reports", "init", folder, data=False, register=False)
        with open(os.path.join(folder, "reports", key + ".md"), encoding="utf-8") as f:
            text = f.read()

        def fill(match):
            hint = match.group(1)
            if "YYYY-MM-DD" in hint:
                return deadline
            if "high, medium or low" in hint:
                return "high"
            if "SGF area" in hint:
                return "operations"
            if hint == "recommendation":
                return "Deploy two more investigators to the sector headquarters"
            if "addressed to" in hint:
                return "Police Commissioner"
            return f"Written in the browser test: {hint}."

        text, count = re.subn(r"\[\[TO FILL: ([^\]]*)\]\]", fill, text)
        self.assertGreater(count, 0, "the template has no TO FILL marker")
        text = text.replace("- [ ] ", "- [x] ", 1)
        path = os.path.join(self.server.tmp, key + ".md")
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        return path

    # MARK: - The year

    def test_year(self):
        server = self.server
        data_file, data_row, data_column, good_value = self.spoil_data()

        # An administrator (made with `visitplan users add … --generate`) logs in and adds the
        # accounts in the browser.
        self.log_in("admin", self.admin_password)
        self.assertEqual(self.heading(), "Year at a glance")
        planner = self.add_account("planner", "planner")
        manager = self.add_account("chief", "manager")
        self.log_out()

        # A planner sees the data error next to the field at fault and fixes it.
        self.log_in("planner", planner)
        self.assertIn("No plan has been adopted", self.driver.find_element(By.TAG_NAME, "main").text)
        self.open("/data", "planner-data-error")
        issues = self.driver.find_element(By.ID, "data-issues").text
        self.assertIn(data_file, issues)
        self.assertIn(data_column, issues)
        edit = f"/data/{data_file}/{data_row}"
        bad_row = self.driver.find_element(By.XPATH, f"//tr[.//a[@href='{edit}']]")
        self.assertIn("bad", bad_row.get_attribute("class"))
        self.assertIn(data_column, bad_row.find_element(By.CSS_SELECTOR, ".cell-error").text)
        self.open(edit, "planner-data-row")
        box = self.driver.find_element(By.NAME, f"c.{data_column}")
        self.assertEqual(box.get_attribute("value"), "ten")
        self.assertEqual(box.get_attribute("aria-invalid"), "true")
        field_error = self.driver.find_element(By.ID, box.get_attribute("aria-describedby")).text
        self.assertTrue(field_error, "no message next to the field at fault")
        self.submit("form#row-form", {f"c.{data_column}": good_value}, "planner-data-fixed")
        self.assertIsNone(self.error())
        self.assertEqual(self.notice(), f"Saved {data_file}.")
        self.assertTrue(self.driver.find_elements(By.ID, "data-valid"), "the data page still shows problems")
        with open(os.path.join(server.data, data_file), newline="", encoding="utf-8-sig") as f:
            rows = list(csv.reader(f))
        self.assertEqual(rows[data_row][rows[0].index(data_column)], good_value)

        # The planner plans (the solve runs in the background; the page follows it), reads the
        # result and adopts it.
        self.open("/plan", "planner-plan")
        self.submit("form[action='/plan/run']", name="planner-plan-running")
        job = self.wait_for_job("plan run")
        self.check_page("planner-plan-finished")
        plan_name = re.search(r"wrote (\S+)", job).group(1)
        plan_folder = os.path.join(server.reports, plan_name)
        with open(os.path.join(plan_folder, "plan.json")) as f:
            plan = json.load(f, parse_float=Decimal)
        self.open(f"/plan/result/{plan_name}", "planner-plan-result")
        shown = self.driver.find_elements(By.CSS_SELECTOR, "#result-trips tbody tr")
        self.assertEqual(sorted(r.find_element(By.TAG_NAME, "td").text for r in shown), sorted(t["id"] for t in plan["trips"]))
        self.submit("form#adopt-form", name="planner-adopted")
        self.assertIsNone(self.error())
        self.assertEqual(self.notice(), f"Adopted {plan_name}: {len(plan['trips'])} trips added, 0 updated, 0 cancelled.")
        self.open("/trips", "planner-trips")
        self.log_out()

        # The traveller with the most trips, and the first two of them.
        by_manager = {}
        for trip in sorted(plan["trips"], key=lambda t: (t["depart"], t["id"])):
            by_manager.setdefault(trip["manager"], []).append(trip)
        traveller = min(by_manager, key=lambda m: (-len(by_manager[m]), m))
        mine = by_manager[traveller][:2]
        self.assertTrue(mine, "the plan has no trip")

        # The administrator adds the desk officer whose trips these are.
        self.log_in("admin", self.admin_password)
        officer = self.add_account("officer", "desk-officer", manager=traveller)
        self.log_out()

        # A desk officer may not take a planner's action: 403, recorded in the history.
        self.log_in("officer", officer)
        self.open("/plan", "officer-plan-refused")
        self.assertEqual(self.heading(), "Not allowed")
        client = harness.Client(server.port)
        client.cookies = {c["name"]: c["value"] for c in self.driver.get_cookies()}
        status, _, page = client.get("/trips")
        self.assertEqual(status, 200)
        self.assertEqual(client.get("/plan")[0], 403)
        self.assertEqual(client.post("/plan/run", {"csrf": client.csrf(page)})[0], 403)
        self.assertEqual(client.post("/plan/adopt", {"csrf": client.csrf(page), "plan": plan_name})[0], 403)
        client.close()
        # A desk officer is recorded by their manager id.
        refused = self.history(
            "SELECT entityId, new FROM history WHERE entity = 'access' AND action = 'refused' AND by = ? ORDER BY id", traveller)
        self.assertEqual(refused, [("/plan", "plan.view"), ("/plan", "plan.view"), ("/plan/run", "plan.run"),
                                   ("/plan/adopt", "plan.adopt")])

        # The desk officer requests their trips.
        for trip in mine:
            self.trip_step(trip["id"], "request", {"justification": "Assessment visit as planned"}, "officer")
        self.log_out()

        # A manager compares two budgets, then approves the trips.
        self.log_in("chief", manager)
        envelope = cents(plan["budget"]["envelope"])
        budgets = [envelope // 100, envelope * 4 // 5 // 100]
        self.open("/scenarios", "chief-scenarios")
        self.submit("form#compare-form", {"budgets": " ".join(str(b) for b in budgets)}, "chief-compare-running")
        self.wait_for_job("comparison")
        self.check_page("chief-compare-finished")
        rows = self.driver.find_elements(By.CSS_SELECTOR, "#comparison tbody tr")
        self.assertEqual([r.find_elements(By.TAG_NAME, "td")[0].text for r in rows], [money(b * 100) for b in budgets])
        for trip in mine:
            self.trip_step(trip["id"], "approve", {}, "chief")
        self.log_out()

        # The desk officer books them with ticket costs, travels the first, records its costs,
        # uploads the filled report of its visit and submits it.
        self.log_in("officer", officer)
        tickets = [TICKET_A, TICKET_B]
        for trip, ticket in zip(mine, tickets):
            self.trip_step(trip["id"], "book", {"ticket": ticket}, "officer")
        first = mine[0]
        self.trip_step(first["id"], "travelled", dict(ACTUAL_A, depart=first["depart"], **{"return": first["return"]}),
                       "officer")
        self.open("/reports", "officer-reports")
        visit = self.driver.find_element(By.XPATH, f"//table[@id='visit-reports']//tr[td[normalize-space()='{first['id']}']]")
        key = visit.find_element(By.TAG_NAME, "th").text.strip()
        report = self.filled_report(plan_folder, key, plan["horizon"]["end"])
        upload = visit.find_element(By.CSS_SELECTOR, "form").get_attribute("id")
        self.submit(f"form#{upload}", {"report": report}, "officer-report-uploaded")
        self.assertIsNone(self.error())
        self.assertEqual(self.notice(), f"Stored upload 1 of {key}: complete.")
        submit = self.driver.find_element(By.XPATH, f"//form[starts-with(@id, 'submit-')][contains(@action, '{first['id']}')]")
        self.submit(f"form#{submit.get_attribute('id')}", name="officer-report-submitted")
        self.assertIsNone(self.error())
        self.assertEqual(self.notice(), "Report submitted for clearance.")
        self.assertIn("Deploy two more investigators", self.driver.find_element(By.ID, "recommendation-list").text)
        self.log_out()

        # The year at a glance shows the position computed from what was entered and the plan.
        self.log_in("chief", manager)
        budget = plan["budget"]
        rate = Decimal(str(budget["pscRate"]))
        spent = sum(cents(v) for v in ACTUAL_A.values())
        committed = 0
        for trip, ticket in list(zip(mine, tickets))[1:]:
            cost = trip["cost"]
            committed += cents(ticket) + cents(cost["dsa"]) + cents(cost["terminal"]) + cents(cost["access"]) + \
                cents(cost.get("other", 0))
        chosen = {t["id"] for t in mine}
        planned_trips = [t for t in plan["trips"] if t["id"] not in chosen]
        planned = sum(cents(t["cost"]["total"]) for t in planned_trips)
        lines = {
            "Spent (travelled)": (1, spent),
            "Committed (approved or booked)": (len(mine) - 1, committed),
            "Requested": (0, 0),
            "Planned (not yet requested)": (len(planned_trips), planned),
        }
        travel_cap = cents(budget["travelCap"])
        main = self.driver.find_element(By.TAG_NAME, "main").text
        self.assertIn(f"Plan {plan_name}. Envelope {money(envelope)} (travel {money(travel_cap)} + programme support "
                      f"{money(envelope - travel_cap)}).", main)

        def row(label):
            cells = self.driver.find_elements(By.XPATH, f"//tr[th[normalize-space()='{label}']]/td")
            self.assertTrue(cells, f"the year page has no row {label!r}")
            return [c.text.strip() for c in cells]

        forecast_travel = forecast_psc = 0
        for label, (count, travel) in lines.items():
            charge = psc(travel, rate)
            forecast_travel += travel
            forecast_psc += charge
            self.assertEqual(row(label), [str(count), money(travel), money(charge), money(travel + charge)], label)
        self.assertEqual(row("Forecast"), ["", money(forecast_travel), money(forecast_psc),
                                           money(forecast_travel + forecast_psc)])
        free_travel, free_psc = travel_cap - forecast_travel, envelope - travel_cap - forecast_psc
        self.assertEqual(row("Free"), ["", money(free_travel), money(free_psc), money(free_travel + free_psc)])
        year = self.screenshot("year-at-a-glance")
        if os.environ.get("UPDATE_SCREENSHOTS") == "1":
            target = os.path.join(harness.ROOT, "docs", "screenshots", "year.png")
            os.makedirs(os.path.dirname(target), exist_ok=True)
            shutil.copyfile(year, target)
        self.log_out()


if __name__ == "__main__":
    unittest.main()
