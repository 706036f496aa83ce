"""What a failed browser test leaves in the log besides its screenshot."""

from __future__ import annotations

from playwright.sync_api import Page


def page_text(page: Page, limit: int = 3_000) -> str:
    """What the page shows, for a failure read in CI's log where the screenshot is out of
    reach: the address, then the main area's text (alerts and form values included)."""
    try:
        text = page.locator("[data-testid=stMain]").inner_text(timeout=5_000)
        typed = page.locator("textarea, input[type=text]").evaluate_all(
            "fields => fields.map(f => (f.getAttribute('aria-label') || '?') + ' = ' + f.value)"
        )
    except Exception as exc:  # the text must not hide the real failure
        return f"{page.url}\nimpossible : {exc}"
    return f"{page.url}\n{text[:limit]}\n-- champs --\n" + "\n".join(typed)[:limit]
