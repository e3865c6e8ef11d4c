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
from selenium.webdriver.support.ui import WebDriverWait

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


def flows(width, family, given, company):
    d = browser(width)
    # Page loads replace the document under a running check; those exceptions mean "not yet".
    wait = WebDriverWait(d, 10, ignored_exceptions=(NoSuchElementException, StaleElementReferenceException))
    try:
        # Sign in.
        d.get(BASE + "/signin")
        d.find_element(By.ID, "email").send_keys(EMAIL)
        d.find_element(By.ID, "password").send_keys(PASSWORD)
        d.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
        wait.until(EC.url_to_be(BASE + "/"))
        wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "footer")))
        if d.find_element(By.TAG_NAME, "html").get_attribute("lang") != "en":
            page = d.find_element(By.TAG_NAME, "html")
            d.find_element(By.CSS_SELECTOR, "footer button[lang=en]").click()
            wait.until(EC.staleness_of(page))
            wait.until(lambda drv: drv.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en")
        check(d.find_element(By.TAG_NAME, "h1").text == "Home", f"[{width}] signed in, home in English")

        # Switch to Korean with the buttons at the foot of every page.
        page = d.find_element(By.TAG_NAME, "html")
        d.find_element(By.CSS_SELECTOR, "footer button[lang=ko]").click()
        wait.until(EC.staleness_of(page))
        wait.until(lambda drv: drv.find_element(By.TAG_NAME, "html").get_attribute("lang") == "ko")
        check(d.find_element(By.TAG_NAME, "h1").text == "홈", f"[{width}] switched to Korean")
        shot(d, f"home-ko-{width}")

        # Create a person with an organization typed by name.
        d.get(BASE + "/people/new")
        check(d.find_element(By.CSS_SELECTOR, "label[for=f-family_name]").text == "성", f"[{width}] form labels in Korean")
        d.find_element(By.ID, "f-family_name").send_keys(family)
        d.find_element(By.ID, "f-given_name").send_keys(given)
        d.find_element(By.ID, "f-organization_id").send_keys(company)
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


flows(1280, "김", "보경", "한빛상사")
flows(390, "이", "서윤", "미래물산")
print("all browser flows passed")
