"""The Makefile keeps its word: every declared target exists, and so does every `make X`
that the README shows."""

import re
from pathlib import Path

ROOT = Path(__file__).parent.parent
MAKEFILE = (ROOT / "Makefile").read_text()
TARGETS = set(re.findall(r"^([a-z][a-z-]*):", MAKEFILE, re.M))


def test_every_phony_target_has_a_rule():
    phony = re.search(r"^\.PHONY:(.*)$", MAKEFILE, re.M).group(1).split()
    assert sorted(set(phony) - TARGETS) == []


def test_every_make_command_of_the_readme_is_a_target():
    readme = (ROOT / "README.md").read_text()
    shown = set(re.findall(r"\bmake ([a-z][a-z-]*)", readme))
    assert shown and sorted(shown - TARGETS) == []
