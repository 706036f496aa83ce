"""What each role does in bench/load.py, through bench/load_client.py (no browser).

A person is one websocket session signed in with a demo account. Their cycle is the list
of their actions in the order a person of that role goes; each action is one step: what
must be set first (a field typed, a choice made), with the untimed runs a browser sends
for it (a field left outside a form, a choice made; nothing inside a st.form), then the
one rerun that the click, the Entrée or the menu link sends, timed from the message sent
to the end of the last script run it caused. The actions are those of
bench/load_session.py (the browser's), plus « filtre_tableau_de_bord » (a commune chosen
on the dashboard) and « ajout_contact » (a contact added to a file of one's caseload):

- direction: dashboard, its filter, search, open a file, save an intake, console, home;
- accueil: save an intake, search, open a file, home;
- social: their caseload (the Référent·e filter), open a file, add a contact, home;
- analyste: dashboard, its filter, console, home.

An action fails on a timeout, a Streamlit exception or the app's French error on screen,
or when what it should show is not there; the person then reconnects and signs in again.
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass, field

from bench.load_client import Client, Screen
from bench.load_server import cpu_seconds, process_tree
from bench.load_session import ACCOUNTS, CONSOLE_QUERIES, PASSWORD, SEARCH_TERMS, Tally
from ui.nav import UNEXPECTED_ERROR

CLIENT_ACTIONS = (
    "navigation",
    "recherche",
    "ouverture_dossier",
    "ajout_contact",
    "enregistrement_accueil",
    "tableau_de_bord",
    "filtre_tableau_de_bord",
    "requete_console",
)


class ActionFailed(Exception):
    """What the action should have shown is not there."""


def account_of(number: int) -> str:
    """Session 0 is `direction` (it does everything), then the roles in turn."""
    return "direction" if number == 0 else ACCOUNTS[(number - 1) % len(ACCOUNTS)]


@dataclass
class Person:
    """One signed-in session of the app and its cycle of actions."""

    url: str
    account: str
    number: int
    tally: Tally
    client: Client | None = None
    random: random.Random = field(default_factory=random.Random)
    saves: int = 0
    name: str = ""  # the account's display name, from the sidebar
    turn: int = 0
    skip: frozenset = frozenset()  # steps left out of the cycle (bench/load.py --skip)

    # --- timing --------------------------------------------------------------------------

    async def timed(self, action: str, send, expected: str | None = None) -> Screen:
        """`send()` (one rerun) timed; a failure if the screen shows an error or lacks
        `expected`. Raises on failure, after counting it."""
        start, cpu = time.perf_counter(), self.server_cpu()
        received = self.client.received
        try:
            screen = await send()
            problem = trouble(screen, expected)
        except TimeoutError:
            problem = "plus de 30 s sans fin du passage de script"
        except Exception as exc:  # a closed socket
            problem = f"{type(exc).__name__}: {exc}"
        if problem:
            self.tally.fail(action, problem)
            raise ActionFailed(problem)
        self.tally.add(action, (time.perf_counter() - start) * 1000)
        self.tally.sizes.setdefault(action, []).append(self.client.received - received)
        if cpu is not None:  # one session alone: the server's CPU is this action's
            used = (self.server_cpu() - cpu) * 1000
            self.tally.server_cpu.setdefault(action, []).append(used)
        return screen

    def server_cpu(self) -> float | None:
        pid = self.tally.server_pid
        return None if pid is None else cpu_seconds(process_tree(pid))

    # --- sign-in and navigation ----------------------------------------------------------

    async def sign_in(self) -> None:
        """Connect (the visit of "/"), then the login form, timed as « connexion »."""
        if self.client is not None:
            await self.client.close()
        self.client = Client(self.url)
        screen = await self.client.connect()
        login = screen.widget("button", "Se connecter")
        if login is None:
            self.tally.fail("connexion", "pas de formulaire de connexion")
            raise ActionFailed("pas de formulaire de connexion")
        self.client.set_text(screen.widget("text_input", "Identifiant"), self.account)
        self.client.set_text(screen.widget("text_input", "Mot de passe"), PASSWORD)

        async def submit_then_cookie_rerun() -> Screen:
            await self.client.click(login)
            return await self.client.run()  # what the cookie component's report causes

        screen = await self.timed("connexion", submit_then_cookie_rerun, "Se déconnecter")
        self.name = next((t.strip("*") for t in screen.texts if t.startswith("**")), "")

    async def go(self, title: str, action: str = "navigation", expected: str | None = None):
        """A menu link; none when already on that page (a person would not click it)."""
        client = self.client
        if client.page_hash == client.pages[title][0] and action == "navigation":
            return client.screen
        return await self.timed(action, lambda: client.go(title), expected or title)

    # --- the actions -----------------------------------------------------------------------

    async def search(self) -> None:
        screen = self.client.screen
        field_ = screen.widget("text_input", "Rechercher")
        self.client.set_text(field_, self.random.choice(SEARCH_TERMS))
        await self.timed("recherche", self.client.run, "ménage")

    async def caseload(self) -> None:
        """A social worker's own files: the Référent·e filter set to their name."""
        screen = self.client.screen
        self.client.set_text(screen.widget("selectbox", "Référent·e"), self.name)
        await self.timed("recherche", self.client.run, "ménage(s) — page")

    async def open_file(self) -> None:
        picker = self.client.screen.widget("selectbox", "Ouvrir un dossier")
        if picker is None:  # no household found by this search: nothing to open
            return
        self.client.set_text(picker, self.random.choice(list(picker.options)))
        screen = await self.client.run()  # the choice made: « Ouvrir » enabled
        button = screen.widget("button", "Ouvrir")
        await self.timed("ouverture_dossier", lambda: self.client.click(button), "Dossier ")

    async def add_contact(self) -> None:
        client = self.client
        screen = client.screen
        if screen.widget("button", "Ajouter le contact") is None:  # lazy tabs: open it
            query = f"{client.query}&onglet=Contacts" if client.query else "onglet=Contacts"
            screen = await client.run(query=query)
        button = screen.widget("button", "Ajouter le contact")
        if button is None:  # not one of this person's files
            return
        client.set_text(screen.widget("selectbox", "Canal"), self.channel(screen))
        summary = f"Appel de suivi, session {self.number}, charge {self.saves}"
        client.set_text(screen.widget("text_area", "Résumé"), summary)
        self.saves += 1
        await self.timed("ajout_contact", lambda: client.click(button), "Contact enregistré")

    def channel(self, screen: Screen) -> str:
        return self.random.choice(list(screen.widget("selectbox", "Canal").options))

    async def save_intake(self) -> None:
        client = self.client
        screen = await self.go("Nouvelle demande")
        again = screen.widget("button", "Saisir une autre demande")
        if again is not None:  # the last save's confirmation is still shown
            screen = await client.click(again)
        self.saves += 1
        letters = "".join(self.random.choice("bcdfglmnprstv") + "a" for _ in range(4))
        phone = "07 " + " ".join(f"{self.random.randrange(100):02d}" for _ in range(4))
        for label, value in (
            ("Nom", f"Charge{letters}"),
            ("Prénom", f"Session{self.number}x{self.saves}"),
            ("Téléphone", phone),  # never the same: no duplicate warning
            ("Code postal", "33130"),
            ("Commune", "Bègles"),
        ):
            client.set_text(screen.widget("text_input", label), value)
            # A browser sends each field as it is left (these are no form's fields): as many
            # untimed runs as fields, the server's work the same as for a person.
            screen = await client.run()
        consent = screen.widget("checkbox", "Le ménage a été informé et consent au traitement")
        consent = consent or next(
            element
            for kind, element in screen.elements
            if kind == "checkbox" and element.label.startswith("Le ménage a été informé")
        )
        client.set_bool(consent, True)
        screen = await client.run()  # the consent ticked: its date appears
        button = screen.widget("button", "Enregistrer la demande")
        await self.timed("enregistrement_accueil", lambda: client.click(button), "créé.")

    async def dashboard(self) -> Screen:
        return await self.go("Tableau de bord", "tableau_de_bord", "Ménages accueillis")

    async def dashboard_filter(self) -> None:
        screen = self.client.screen
        commune = screen.widget("selectbox", "Commune")
        if commune is None:
            screen = await self.dashboard()
            commune = screen.widget("selectbox", "Commune")
        self.client.set_text(commune, self.random.choice(list(commune.options)))
        await self.timed("filtre_tableau_de_bord", self.client.run, "Ménages accueillis")

    async def console(self) -> None:
        client = self.client
        screen = await self.go("Console SQL", expected="Requête SQL")
        client.set_text(
            screen.widget("text_area", "Requête SQL"), self.random.choice(CONSOLE_QUERIES)
        )
        button = screen.widget("button", "Exécuter")
        await self.timed("requete_console", lambda: client.click(button), "lignes en")

    async def to_households(self) -> None:
        await self.go("Ménages")

    async def home(self) -> None:
        await self.go("Mon espace", expected="Bonjour")

    def cycle(self) -> list:
        """This account's steps; each is one action (one timed rerun) of the person."""
        steps = {
            "direction": [
                self.dashboard,
                self.dashboard_filter,
                self.to_households,
                self.search,
                self.open_file,
                self.save_intake,
                self.console,
                self.home,
            ],
            "accueil": [
                self.save_intake,
                self.to_households,
                self.search,
                self.open_file,
                self.home,
            ],
            "social": [
                self.to_households,
                self.caseload,
                self.open_file,
                self.add_contact,
                self.home,
            ],
            "analyste": [self.dashboard, self.dashboard_filter, self.console, self.home],
        }[self.account]
        return [step for step in steps if step.__name__ not in self.skip]

    async def act(self) -> None:
        """The next step of the cycle; after a failure, a new connection and sign-in."""
        steps = self.cycle()
        step = steps[self.turn % len(steps)]
        try:
            if self.client is None:  # not a step of the cycle: the next one is still due
                await self.sign_in()
                return
            self.turn += 1
            await step()
        except ActionFailed:
            self.client = await self.drop()
        except Exception as exc:  # a step that could not even prepare its action
            self.tally.fail("reprise", f"{step.__name__}: {type(exc).__name__}: {exc}")
            self.client = await self.drop()

    async def drop(self) -> None:
        """Close the session; the next act signs in again."""
        if self.client is not None:
            await self.client.close()
        return None


def trouble(screen: Screen, expected: str | None) -> str | None:
    """Why a screen is not what the action should show, or None."""
    if screen.exceptions:
        return "exception à l'écran : " + screen.exceptions[0]
    if screen.shows(UNEXPECTED_ERROR[:40]):
        return "erreur inattendue à l'écran"
    if expected and not screen.shows(expected):
        return f"« {expected} » absent de l'écran"
    return None
