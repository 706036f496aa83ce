"""No English seen or read aloud: every page of every role, in a French Chromium.

Each role signs in once and opens each page of its menu; on each page the multiselects and
the date pickers are opened (a list is also searched for what it does not hold), and the
text on screen, the aria-labels, placeholders, titles and the descriptions that screen
readers read are checked against English words (Streamlit's own texts are translated by
serve.py, ui/frontend_fr.py; headings carry no « Link to heading »; lists no « Select
all »). A finding names the role, the page and what was open.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from .conftest import open_login, sign_in, sign_out_button, wait_app_idle

pytestmark = pytest.mark.timeout(300)
ROLES = ("admin", "direction", "social", "accueil", "gestion", "analyste")
ENGLISH = re.compile(
    r"\b(Select all|Select|Choose|Skip|Link to heading|No results|Press Enter|Stopping|Error|"
    r"Loading|Running|Clear|Remove|Show password|Hide password|Previous|Next|Main menu|"
    r"Collapse|Expand|Sidebar|Search|Download|Fullscreen|Close|Open|Copy|Rerun|Deploy|Submit|"
    r"Cancel|Settings|Increment|Decrement|Page not found|Connecting|Please wait|available|"
    r"Selected|Today|dd|yyyy|Type to|Sort|Show|Hide|Stop|Use arrow|Escape|Enter to)\b"
)
# What a page says and what assistive technology reads of it; code (SQL) aside.
READ_JS = """
() => {
  const found = [];
  let text = document.body.innerText;
  for (const code of document.querySelectorAll('pre, code, textarea')) {
    if (code.innerText.trim()) text = text.split(code.innerText).join(' ');
  }
  found.push(['texte', text]);
  const names = ['aria-label', 'placeholder', 'title', 'alt', 'aria-roledescription',
                 'aria-valuetext'];
  for (const el of document.querySelectorAll(names.map(n => `[${n}]`).join(','))) {
    for (const name of names) {
      const value = el.getAttribute(name);
      if (value) found.push([name, value]);
    }
  }
  for (const el of document.querySelectorAll('[aria-describedby], [aria-labelledby]')) {
    for (const name of ['aria-describedby', 'aria-labelledby']) {
      for (const id of (el.getAttribute(name) || '').split(' ')) {
        const target = id && document.getElementById(id);
        if (target && target.textContent) found.push([name, target.textContent]);
      }
    }
  }
  return found;
}
"""
NO_SUCH_CHOICE = "zzqqzz"


def english_on(page: Page, where: str) -> set[str]:
    """« where : kind « English words » in « the text around » » for each finding."""
    found = set()
    for kind, value in page.evaluate(READ_JS):
        for line in value.splitlines():
            for match in ENGLISH.finditer(line):
                found.add(f"{where} : {kind} « {match.group(0)} » dans « {line.strip()[:100]} »")
    return found


def menu_links(page: Page) -> list[tuple[str, str]]:
    """(address, name) of each page of the menu."""
    links = page.get_by_test_id("stSidebarNav").get_by_role("link")
    expect(links.first).to_be_visible()
    return [
        (links.nth(i).get_attribute("href"), links.nth(i).inner_text().splitlines()[-1])
        for i in range(links.count())
    ]


def with_lists_open(page: Page, where: str) -> set[str]:
    """Each multiselect opened, then searched for a choice it does not hold."""
    found = set()
    lists = page.get_by_test_id("stMultiSelect").filter(visible=True)
    for number in range(lists.count()):
        lists.nth(number).locator("input").first.click()
        expect(page.get_by_role("listbox").first).to_be_visible()
        found |= english_on(page, f"{where} [liste {number + 1} ouverte]")
        page.keyboard.type(NO_SUCH_CHOICE)
        expect(page.get_by_role("option")).to_have_count(0)
        found |= english_on(page, f"{where} [liste {number + 1}, aucun choix trouvé]")
        for _ in NO_SUCH_CHOICE:
            page.keyboard.press("Backspace")
        page.keyboard.press("Escape")
        wait_app_idle(page)
    return found


def with_calendars_open(page: Page, where: str) -> set[str]:
    found = set()
    fields = page.get_by_test_id("stDateInput").filter(visible=True)
    for number in range(fields.count()):
        calendar = fields.nth(number).locator("button[aria-haspopup=dialog]")
        if calendar.is_disabled():  # a date fixed for this role (reception's intake day)
            continue
        calendar.click()
        expect(page.get_by_role("dialog").first).to_be_visible()
        found |= english_on(page, f"{where} [calendrier {number + 1} ouvert]")
        page.keyboard.press("Escape")
        wait_app_idle(page)
    return found


@pytest.mark.parametrize("role", ROLES)
def test_every_page_of_the_role_says_nothing_in_english(page: Page, role: str):
    page.set_viewport_size({"width": 1280, "height": 1000})
    open_login(page)
    wait_app_idle(page)
    found = english_on(page, "Connexion")
    sign_in(page, role, "demo-habiter")
    expect(sign_out_button(page)).to_be_visible()
    wait_app_idle(page)
    for address, name in menu_links(page):
        page.locator(f'[data-testid=stSidebarNav] a[href="{address}"]').click()
        expect(page).to_have_url(re.compile(re.escape(address) + r"(\?.*)?$"))
        wait_app_idle(page)
        where = f"{role} › {name}"
        found |= english_on(page, where)
        found |= with_lists_open(page, where)
        found |= with_calendars_open(page, where)
    assert not found, "En anglais :\n" + "\n".join(sorted(found))
