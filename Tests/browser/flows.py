"""Real-browser checks of the workspace: Selenium driving headless Chromium against a
running `rapport serve --demo`. Run by .ci/run:

    python3 Tests/browser/flows.py http://127.0.0.1:18081 admin@example.com PASSWORD [SCREENSHOT_DIR]

Each flow runs at 1280 px and again at 390 px (phone emulation). Exits non-zero on the
first failed check, naming it.
"""
import sys
import time
import urllib.error
import urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException
from selenium.webdriver.support.ui import Select, WebDriverWait

BASE, EMAIL, PASSWORD = sys.argv[1], sys.argv[2], sys.argv[3]
SHOTS = sys.argv[4] if len(sys.argv) > 4 else None


def check(condition, what):
    if not condition:
        raise SystemExit(f"FAILED: {what}")
    print(f"ok - {what}")


def browser(width):
    options = webdriver.ChromeOptions()
    for arg in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", f"--window-size={max(width, 500)},1000"]:
        options.add_argument(arg)
    if width < 500:
        options.add_experimental_option("mobileEmulation", {"deviceMetrics": {"width": width, "height": 844, "pixelRatio": 2}})
    options.add_experimental_option("prefs", {"intl.accept_languages": "en"})
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    driver.implicitly_wait(3)
    return driver


def shot(driver, name):
    if SHOTS:
        driver.save_screenshot(f"{SHOTS}/{name}.png")


def switch_language(d, code):
    """Through the user menu in the top bar, as a user would on a desk or a phone."""
    d.find_element(By.CSS_SELECTOR, "details.user-menu > summary").click()
    d.find_element(By.CSS_SELECTOR, f"details.user-menu button[lang={code}]").click()


def signed_in(width):
    """A browser signed in as the demo admin, on the home page, in English."""
    d = browser(width)
    # Page loads replace the document under a running check; those exceptions mean "not yet".
    wait = WebDriverWait(d, 10, ignored_exceptions=(NoSuchElementException, StaleElementReferenceException))
    d.get(BASE + "/signin")
    d.find_element(By.ID, "email").send_keys(EMAIL)
    d.find_element(By.ID, "password").send_keys(PASSWORD)
    d.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
    wait.until(EC.url_to_be(BASE + "/"))
    wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "header.topbar")))
    if d.find_element(By.TAG_NAME, "html").get_attribute("lang") != "en":
        switch_language(d, "en")
        # The old page is not English, so an English <html> is the new page. (Waiting for
        # the old node to go stale can fail in Chromium with "node does not belong to the
        # document" while the page is being replaced.)
        wait.until(lambda drv: drv.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en")
    return d, wait


def flows(width, family, given, company):
    d, wait = signed_in(width)
    try:
        check(d.find_element(By.TAG_NAME, "h1").text == "Home", f"[{width}] signed in, home in English")

        # Switch to Korean with the buttons at the foot of every page.
        page = d.find_element(By.TAG_NAME, "html")
        switch_language(d, "ko")
        wait.until(EC.staleness_of(page))
        wait.until(lambda drv: drv.find_element(By.TAG_NAME, "html").get_attribute("lang") == "ko")
        check(d.find_element(By.TAG_NAME, "h1").text == "홈", f"[{width}] switched to Korean")
        shot(d, f"home-ko-{width}")

        # Create a person with a new organization: typed, nothing suggested, created only
        # because "create a new one" is ticked.
        d.get(BASE + "/people/new")
        check(d.find_element(By.CSS_SELECTOR, "label[for=f-family_name]").text == "성", f"[{width}] form labels in Korean")
        d.find_element(By.ID, "f-family_name").send_keys(family)
        d.find_element(By.ID, "f-given_name").send_keys(given)
        d.find_element(By.ID, "f-organization_id").send_keys(company)
        wait.until(lambda drv: not drv.find_element(By.ID, "f-organization_id-list").get_attribute("hidden"))
        check("일치하는 항목 없음" in d.find_element(By.ID, "f-organization_id-list").text, f"[{width}] nothing suggested for a new company")
        d.find_element(By.ID, "f-organization_id").send_keys(Keys.ESCAPE)
        d.find_element(By.CSS_SELECTOR, "input[name='organization_id._new']").click()
        d.find_element(By.ID, "f-emails").send_keys(f"{given}.{width}@example.kr")
        shot(d, f"form-ko-{width}")
        d.find_element(By.CSS_SELECTOR, "form.panel button[type=submit]").click()
        wait.until(EC.text_to_be_present_in_element((By.TAG_NAME, "h1"), family + given))
        record_url = d.current_url.split("?")[0]
        check(company in d.find_element(By.CSS_SELECTOR, "dl.fields").text, f"[{width}] created {family}{given} at {company}")

        # Find them with the global search, opened with "/".
        d.find_element(By.TAG_NAME, "body").send_keys("/")
        active = d.switch_to.active_element
        check(active.get_attribute("id") == "global-search", f"[{width}] '/' focuses the global search")
        active.send_keys(given + Keys.ENTER)
        wait.until(EC.url_contains("/search"))
        wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "main h1")))
        results = d.find_element(By.TAG_NAME, "main").text
        check(family + given in results, f"[{width}] searching '{given}' finds {family}{given}")
        shot(d, f"search-ko-{width}")

        # Add a note; it is first on the timeline.
        d.get(record_url)
        note = f"첫 미팅 메모 {width}"
        subject = d.find_element(By.ID, "a-subject")
        subject.send_keys(note)
        d.find_element(By.ID, "a-body").send_keys("다음 주에 견적을 보내기로 함")
        d.find_element(By.CSS_SELECTOR, "#timeline form button[type=submit]").click()
        wait.until(EC.staleness_of(subject))
        first = d.find_element(By.CSS_SELECTOR, "ol.timeline li")
        check(note in first.text, f"[{width}] the note is at the top of the timeline")
        shot(d, f"record-ko-{width}")

        # An invalid email is explained next to the field, in Korean.
        d.get(record_url + "/edit")
        box = d.find_element(By.ID, "f-emails")
        box.clear()
        box.send_keys("not-an-email")
        d.find_element(By.CSS_SELECTOR, "form.panel button[type=submit]").click()
        wait.until(EC.staleness_of(box))
        error = wait.until(EC.presence_of_element_located((By.ID, "f-emails-error")))
        check(d.find_element(By.ID, "f-emails").get_attribute("aria-invalid") == "true", f"[{width}] the email input is marked invalid")
        check(error.text and not error.text.isascii(), f"[{width}] the message next to the field is Korean: {error.text}")
        shot(d, f"form-error-ko-{width}")

        if width < 500:
            # Lists become cards: the table header row is moved off screen.
            d.get(BASE + "/people")
            left = d.execute_script("return document.querySelector('table.list thead').getBoundingClientRect().left")
            check(left < 0, f"[{width}] the list shows cards, not a table")
            wide = d.execute_script("return document.documentElement.scrollWidth")
            check(wide <= width + 1, f"[{width}] nothing is wider than the screen ({wide}px)")
            shot(d, f"list-ko-{width}")

        # A form posted without its CSRF token is refused, even with a valid session.
        cookie = "; ".join(f"{c['name']}={c['value']}" for c in d.get_cookies())
        request = urllib.request.Request(BASE + "/people", data=b"family_name=Forged", method="POST", headers={
            "Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded",
        })
        try:
            urllib.request.urlopen(request)
            status = 200
        except urllib.error.HTTPError as e:
            status = e.code
        check(status == 403, f"[{width}] a form post without its CSRF token is refused ({status})")
    finally:
        d.quit()


def select_by_text_end(select, ending):
    for option in select.find_elements(By.TAG_NAME, "option"):
        if option.text.endswith(ending):
            option.click()
            return option.get_attribute("value")
    raise AssertionError(f"no option ending in {ending!r}")


# HTML5 drag and drop as Chromium dispatches it: a DataTransfer carried from dragstart
# on the card to dragover and drop on the target column.
DRAG = """
const card = arguments[0], column = arguments[1], data = new DataTransfer();
card.dispatchEvent(new DragEvent('dragstart', {bubbles: true, dataTransfer: data}));
column.dispatchEvent(new DragEvent('dragover', {bubbles: true, cancelable: true, dataTransfer: data}));
column.dispatchEvent(new DragEvent('drop', {bubbles: true, cancelable: true, dataTransfer: data}));
"""


def sales(width, title, company):
    """A deal made through the pages, moved on the board (dragged on a desk, through the
    card's move sheet on a phone), its history, a KRW quote checked against a hand
    calculation, acceptance winning the deal and placing the order, and another deal
    marked Lost with a reason from its page."""
    d, wait = signed_in(width)
    try:

        # A new deal in the proposal stage, its stage chosen from a list.
        d.get(BASE + "/deals/new")
        d.find_element(By.ID, "f-title").send_keys(title)
        # The company is found by typing part of its name and choosing the suggestion.
        d.find_element(By.ID, "f-organization_id").send_keys(company[:2])
        option = wait.until(EC.element_to_be_clickable((By.CSS_SELECTOR, "#f-organization_id-list [role=option]")))
        check(company in option.text, f"[{width}] typeahead suggests {company}")
        option.click()
        check(d.find_element(By.ID, "f-organization_id").get_attribute("value") == company, f"[{width}] the suggestion fills the field")
        proposal = select_by_text_end(d.find_element(By.ID, "f-stage_id"), "· Proposal")
        negotiation = [o.get_attribute("value") for o in d.find_elements(By.CSS_SELECTOR, "#f-stage_id option") if o.text.endswith("· Negotiation")][0]
        Select(d.find_element(By.ID, "f-amount-currency")).select_by_visible_text("KRW")
        d.find_element(By.ID, "f-amount").send_keys("3000000")
        d.find_element(By.CSS_SELECTOR, "form.panel button[type=submit]").click()
        wait.until(EC.text_to_be_present_in_element((By.TAG_NAME, "h1"), title))
        deal_url = d.current_url.split("?")[0]
        deal_id = deal_url.rsplit("/", 1)[1]
        check("Proposal" in d.find_element(By.CSS_SELECTOR, "dl.fields").text, f"[{width}] the deal was created in Proposal")

        # Move it to negotiation on the board: every stage is in view on a desk (no inner
        # scroll), the card is dragged; on a phone the board shows one column at a time and
        # the card's Move sheet confirms, then returns to the column the card came from.
        d.get(BASE + "/deals/board")
        card = wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, f'[data-drop-stage="{proposal}"] [data-card="{deal_id}"]')))
        columns = d.find_elements(By.CSS_SELECTOR, "[data-drop-stage]")
        check(len(columns) == 6, f"[{width}] the board has all six stages")
        shot(d, f"board-{width}")
        if width >= 800:
            inner = d.execute_script("var b = document.querySelector('[data-deal-board]'); return b.scrollWidth - b.clientWidth")
            check(inner <= 1, f"[{width}] all stages fit without an inner scroll ({inner}px over)")
            lost_right = d.execute_script("return document.querySelector('[data-outcome=lost]').getBoundingClientRect().right")
            check(lost_right <= width, f"[{width}] the Lost column is on screen (right edge {lost_right:.0f}px)")
            d.execute_script(DRAG, card, d.find_element(By.CSS_SELECTOR, f'[data-drop-stage="{negotiation}"]'))
            wait.until(EC.staleness_of(card))
        else:
            wide = d.execute_script("return document.documentElement.scrollWidth")
            check(wide <= width + 1, f"[{width}] the page is no wider than the screen ({wide}px)")
            tall = d.execute_script("return document.documentElement.scrollHeight")
            check(tall < 6000, f"[{width}] the phone board is one column at a time ({tall}px tall)")
            d.find_element(By.CSS_SELECTOR, f'[data-stage-tab="{proposal}"]').click()
            wait.until(lambda drv: drv.execute_script(
                f"var b = document.querySelector('[data-deal-board]'), c = document.getElementById('stage-{proposal}'); return Math.abs(b.scrollLeft - c.offsetLeft) < 4"))
            link = card.find_element(By.CSS_SELECTOR, "a.card-move")
            link.click()
            wait.until(EC.url_contains(f"/deals/{deal_id}/move"))
            check(not d.find_element(By.CSS_SELECTOR, "[data-lost-reason]").is_displayed(), f"[{width}] the move sheet asks no reason for an open stage")
            d.find_element(By.CSS_SELECTOR, f'input[name=stage_id][value="{negotiation}"]').click()
            shot(d, f"move-sheet-{width}")
            d.find_element(By.CSS_SELECTOR, "[data-move-form] button[type=submit]").click()
            wait.until(EC.url_contains("/deals/board"))
            check(d.current_url.endswith(f"#stage-{proposal}"), f"[{width}] the move returned to the Proposal column")
            wait.until(lambda drv: drv.execute_script(
                f"var b = document.querySelector('[data-deal-board]'), c = document.getElementById('stage-{proposal}'); return Math.abs(b.scrollLeft - c.offsetLeft) < 4"))
            check(True, f"[{width}] the board shows the Proposal column after the move")
        wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, f'[data-drop-stage="{negotiation}"] [data-card="{deal_id}"]')))
        left = d.find_elements(By.CSS_SELECTOR, f'[data-drop-stage="{proposal}"] [data-card="{deal_id}"]')
        check(not left, f"[{width}] the card moved from Proposal to Negotiation")

        # The move is in the deal's stage history.
        d.get(deal_url)
        history = d.find_element(By.ID, "stage-history").find_element(By.XPATH, "..").text
        check("Proposal → Negotiation" in history, f"[{width}] the stage history shows Proposal → Negotiation")

        # A quote from the deal page: 3 × ₩33,333, 10% off, 10% tax.
        d.find_element(By.CSS_SELECTOR, f'a[href="/quotes/new?deal_id={deal_id}"]').click()
        wait.until(EC.presence_of_element_located((By.ID, "f-currency"))).send_keys("KRW")
        Select(d.find_element(By.ID, "f-status")).select_by_value("sent")
        d.find_element(By.CSS_SELECTOR, "form.panel button[type=submit]").click()
        wait.until(EC.url_contains("notice=created"))
        quote_url = d.current_url.split("?")[0]
        quote_id = quote_url.rsplit("/", 1)[1]
        d.find_element(By.CSS_SELECTOR, f'a[href="/quote_lines/new?quote_id={quote_id}"]').click()
        wait.until(EC.presence_of_element_located((By.ID, "f-description"))).send_keys("Seats")
        d.find_element(By.ID, "f-quantity").send_keys("3")
        Select(d.find_element(By.ID, "f-unit_price-currency")).select_by_visible_text("KRW")
        d.find_element(By.ID, "f-unit_price").send_keys("33333")
        d.find_element(By.ID, "f-discount_percent").send_keys("10")
        d.find_element(By.ID, "f-tax_percent").send_keys("10")
        d.find_element(By.CSS_SELECTOR, "form.panel button[type=submit]").click()
        wait.until(EC.url_contains("notice=created"))
        d.get(quote_url + "/print")
        printed = d.find_element(By.TAG_NAME, "body").text
        check("₩98,999" in printed and "₩99,999" in printed and "₩9,000" in printed, f"[{width}] the quote totals ₩98,999 (subtotal ₩99,999, tax ₩9,000)")
        shot(d, f"quote-print-{width}")

        # Accepting it wins the deal and places the order.
        d.get(quote_url + "/edit")
        Select(d.find_element(By.ID, "f-status")).select_by_value("accepted")
        d.find_element(By.CSS_SELECTOR, "form.panel button[type=submit]").click()
        wait.until(EC.url_contains("notice=saved"))
        d.get(deal_url)
        page = d.find_element(By.TAG_NAME, "main").text
        check("Won" in d.find_element(By.CSS_SELECTOR, "dl.fields").text, f"[{width}] accepting the quote won the deal")
        check("O-" in page, f"[{width}] the deal lists its order")
        shot(d, f"deal-won-{width}")

        # Another open deal marked Lost from its page: the sheet asks why, refuses none.
        d.get(BASE + "/deals/board")
        other = d.find_element(By.CSS_SELECTOR, '[data-outcome=open] [data-card] a.card-title').get_attribute("href")
        d.get(other)
        check(len(d.find_elements(By.CSS_SELECTOR, "ol.stage-path li")) == 6, f"[{width}] the deal page shows its stage path")
        shot(d, f"deal-path-{width}")
        d.find_element(By.CSS_SELECTOR, ".path-actions a.danger").click()
        wait.until(EC.url_contains("/move"))
        check(d.find_element(By.CSS_SELECTOR, "[data-lost-reason]").is_displayed(), f"[{width}] marking Lost asks for a reason")
        sheet = d.find_element(By.CSS_SELECTOR, "[data-move-form]")
        sheet.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
        wait.until(EC.staleness_of(sheet))
        check("Lost reason" in d.find_element(By.CSS_SELECTOR, "[role=alert]").text, f"[{width}] a Lost move without a reason is refused with a message")
        Select(d.find_element(By.ID, "m-reason")).select_by_value("Price")
        shot(d, f"lost-reason-{width}")
        d.find_element(By.CSS_SELECTOR, "[data-move-form] button[type=submit]").click()
        wait.until(EC.url_to_be(other))
        check("Lost reason: Price" in d.find_element(By.CSS_SELECTOR, ".path-actions").text, f"[{width}] the deal is Lost for Price")
        check("Lost" in d.find_element(By.CSS_SELECTOR, "ol.stage-path [aria-current=step]").text, f"[{width}] the stage path marks Lost")
    finally:
        d.quit()


# Made through the JSON API with the page's own session and CSRF token, as a script of
# the workspace would: the flow is about Home, not about the task form.
MAKE_TASK = """
const done = arguments[arguments.length - 1];
fetch('/api/v1/activities', {method: 'POST', credentials: 'same-origin', headers: {
  'Content-Type': 'application/json', 'X-CSRF-Token': document.querySelector('input[name=_csrf]').value},
  body: JSON.stringify({kind: 'task', subject: arguments[0], due_at: new Date(Date.now() + 30 * 60000).toISOString()})
}).then(r => r.json()).then(j => done(j.id || ''), () => done(''));
"""


def home(width):
    """A rep's morning on Home: a task due within the hour is listed with its one-click
    "done"; clicking it completes the task in place, and it stays done after a reload.
    The bell leads to the notifications page."""
    d, wait = signed_in(width)
    try:
        subject = f"Call Hanbit back {width}"
        task_id = d.execute_async_script(MAKE_TASK, subject)
        check(task_id, f"[{width}] a task due in 30 minutes was made")
        d.get(BASE + "/")
        item = wait.until(EC.presence_of_element_located((By.XPATH, f'//li[@data-task][.//a[contains(., "{subject}")]]')))
        button = item.find_element(By.CSS_SELECTOR, "button.check")
        size = button.size
        check(size["width"] >= 28 and size["height"] >= 28, f"[{width}] the done button is big enough to tap ({size['width']}x{size['height']})")
        shot(d, f"home-tasks-{width}")
        url = d.current_url
        button.click()
        wait.until(EC.staleness_of(item))
        check(d.current_url == url, f"[{width}] done without leaving the page")
        d.get(BASE + "/")
        check(subject not in d.find_element(By.TAG_NAME, "main").text, f"[{width}] the task stays done after a reload")
        wide = d.execute_script("return document.documentElement.scrollWidth")
        check(wide <= max(width, 500) + 1, f"[{width}] Home is no wider than the screen ({wide}px)")
        d.find_element(By.CSS_SELECTOR, "header a.bell").click()
        wait.until(EC.url_to_be(BASE + "/notifications"))
        check(d.find_element(By.TAG_NAME, "h1").text == "Notifications", f"[{width}] the bell opens the notifications page")
        shot(d, f"notifications-{width}")
    finally:
        d.quit()


def attachments(width):
    """A file attached on a person's page with the Attachments panel's own form (no
    script needed), listed with its Korean name and size, downloadable, then deleted
    after the confirmation."""
    import os
    import tempfile
    d, wait = signed_in(width)
    try:
        folder = tempfile.mkdtemp(prefix="rapport-flow-")
        name = f"명함 見積 {width}.txt"
        path = os.path.join(folder, name)
        with open(path, "w", encoding="utf-8") as f:
            f.write("김보경 · 한빛상사\n")
        d.get(BASE + "/people")
        # Opened by its link's address: the phone list's card layout is being reworked.
        d.get(d.find_element(By.CSS_SELECTOR, "table.list tbody a").get_attribute("href"))
        box = wait.until(EC.presence_of_element_located((By.ID, "attachment-file")))
        record_url = d.current_url.split("?")[0]
        box.send_keys(path)
        d.find_element(By.CSS_SELECTOR, "#attachments form.upload button[type=submit]").click()
        wait.until(EC.staleness_of(box))
        panel = wait.until(EC.presence_of_element_located((By.ID, "attachments")))
        check(name in panel.find_element(By.CSS_SELECTOR, "ul.files").text, f"[{width}] the attached file is listed by its name")
        check("File attached." in panel.text and "bytes" in panel.text, f"[{width}] the panel says it was attached, with its size")
        link = panel.find_element(By.LINK_TEXT, name)
        check(link.get_attribute("href").startswith(BASE + "/api/v1/attachments/"), f"[{width}] the name links to the download")
        wide = d.execute_script("return document.documentElement.scrollWidth")
        check(wide <= max(width, 500) + 1, f"[{width}] the record page is no wider than the screen ({wide}px)")
        d.execute_script("document.getElementById('attachments').scrollIntoView()")
        shot(d, f"attachments-{width}")
        # Delete asks first; the answer here is yes.
        d.execute_script("window.confirm = function () { return true; }")
        before = d.find_element(By.ID, "attachments")
        items = len(before.find_elements(By.CSS_SELECTOR, "ul.files li"))
        before.find_element(By.CSS_SELECTOR, "ul.files li:last-child button").click()
        wait.until(EC.staleness_of(before))
        after = d.find_element(By.ID, "attachments")
        check(len(after.find_elements(By.CSS_SELECTOR, "ul.files li")) == items - 1 and "File deleted." in after.text, f"[{width}] the file was deleted")
        check(d.current_url.split("?")[0] == record_url, f"[{width}] deleting stays on the record")
    finally:
        d.quit()


def inline_editing(width):
    """A rep tidies the people list: at 1280 px a job title is changed right in its cell
    (Enter saves, and it holds after a reload), and three people get the same job title
    at once with "Update a field". On a phone the list offers no editing in place; the
    record page does. Then "Forgot password?" from the sign-in page gets the neutral answer."""
    d, wait = signed_in(width)
    try:
        d.get(BASE + "/people?col=job_title&col=lifecycle_stage")
        if width >= 1024:
            cell = d.find_element(By.CSS_SELECTOR, "table.list tbody tr:first-child td[data-edit=job_title]")
            row_url = cell.find_element(By.XPATH, "./ancestor::tr").get_attribute("data-record")
            button = cell.find_element(By.CSS_SELECTOR, "button[data-inline-edit]")
            check(button.get_attribute("aria-label").startswith("Edit Job title of "), f"[{width}] the cell's edit button is named for screen readers")
            cell.click()
            box = wait.until(EC.presence_of_element_located((By.ID, "inline-job_title")))
            check(d.switch_to.active_element == box, f"[{width}] the editor takes the focus")
            title = f"Head of partnerships {width}"
            box.send_keys(Keys.CONTROL, "a")
            box.send_keys(title)
            shot(d, f"inline-edit-{width}")
            box.send_keys(Keys.ENTER)
            wait.until(lambda drv: not drv.find_elements(By.ID, "inline-job_title"))
            check(title in cell.text, f"[{width}] the cell shows the saved value")
            d.get(BASE + "/people?col=job_title&col=lifecycle_stage")
            saved = d.find_element(By.CSS_SELECTOR, f"tr[data-record='{row_url}'] td[data-edit=job_title]")
            check(title in saved.text, f"[{width}] the value holds after a reload")

            # Esc puts the value back.
            saved.click()
            box = wait.until(EC.presence_of_element_located((By.ID, "inline-job_title")))
            box.send_keys(" typo")
            box.send_keys(Keys.ESCAPE)
            wait.until(lambda drv: not drv.find_elements(By.ID, "inline-job_title"))
            check("typo" not in saved.text, f"[{width}] Esc cancels")

            # Three people, one field, one change.
            boxes = d.find_elements(By.CSS_SELECTOR, "table.list tbody input[name=ids]")[1:4]
            chosen = [b.get_attribute("value") for b in boxes]
            for b in boxes:
                b.click()
            Select(d.find_element(By.ID, "bulk-action")).select_by_value("field")
            Select(d.find_element(By.ID, "bulk-field")).select_by_value("job_title")
            d.find_element(By.CSS_SELECTOR, ".bulk-bar button[type=submit]").click()
            value = wait.until(EC.presence_of_element_located((By.ID, "f-job_title")))
            check("3" in d.find_element(By.TAG_NAME, "h1").text, f"[{width}] the value page names three records")
            value.send_keys(f"Account manager {width}")
            shot(d, f"bulk-field-{width}")
            d.find_element(By.CSS_SELECTOR, "form.panel button[type=submit]").click()
            wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, ".notice")))
            d.get(BASE + "/people?col=job_title&col=lifecycle_stage")
            for id in chosen:
                cell = d.find_element(By.CSS_SELECTOR, f"tr[data-record='/people/{id}'] td[data-edit=job_title]")
                check(f"Account manager {width}" in cell.text, f"[{width}] the bulk update reached {id}")
        else:
            buttons = d.find_elements(By.CSS_SELECTOR, "table.list button[data-inline-edit]")
            check(buttons and not any(b.is_displayed() for b in buttons), f"[{width}] phone cards offer no editing in place")
            d.get(d.find_element(By.CSS_SELECTOR, "table.list tbody a").get_attribute("href"))
            field = d.find_element(By.CSS_SELECTOR, "dd[data-edit=job_title]")
            field.find_element(By.CSS_SELECTOR, "button[data-inline-edit]").click()
            box = wait.until(EC.presence_of_element_located((By.ID, "inline-job_title")))
            box.send_keys(Keys.CONTROL, "a")
            box.send_keys(f"Phone edit {width}")
            shot(d, f"inline-record-{width}")
            d.find_element(By.CSS_SELECTOR, "[data-inline-save]").click()
            wait.until(lambda drv: not drv.find_elements(By.ID, "inline-job_title"))
            check(f"Phone edit {width}" in d.find_element(By.CSS_SELECTOR, "dd[data-edit=job_title]").text, f"[{width}] a record's field is edited in place on a phone")
        d.delete_all_cookies()
        d.get(BASE + "/signin")
        d.find_element(By.ID, "forgot-link").click()
        wait.until(EC.url_to_be(BASE + "/signin/forgot"))
        d.find_element(By.ID, "email").send_keys("someone@example.com")
        d.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
        sent = wait.until(EC.presence_of_element_located((By.ID, "forgot-sent")))
        check("If an account uses that email" in sent.text, f"[{width}] forgot password answers neutrally")
        shot(d, f"forgot-sent-{width}")
    finally:
        d.quit()


flows(1280, "김", "보경", "한빛상사")
flows(390, "이", "서윤", "미래물산")
sales(1280, "Flow desk deal", "한빛상사")
sales(390, "Flow phone deal", "미래물산")
home(1280)
home(390)
attachments(1280)
attachments(390)
inline_editing(1280)
inline_editing(390)
print("all browser flows passed")
