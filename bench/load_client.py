"""A small Streamlit client for bench/load.py: one asyncio websocket per session, no browser.

It speaks what Streamlit 1.67's frontend speaks (streamlit/web/server/starlette/
starlette_websocket.py, the protobufs the streamlit package ships):

- connect to ws://host:port/_stcore/stream with the subprotocol "streamlit" (the second
  and third entries, XSRF token and session to resume, are left out: no st.login here);
- send a BackMsg `rerun_script` (ClientState: query_string, page_script_hash, the widget
  states) for each action, as the frontend does on a click, an Entrée or a menu link;
- read ForwardMsgs (new_session, deltas, navigation, page_info_changed…) until
  `script_finished` with a final status: a run that ends early for a rerun (st.rerun,
  st.switch_page) goes on with the next run, and the action's time covers them all.

Widget ids are the server's (`$$ID-…`), read from the elements of the last run; a value is
sent as the frontend's WidgetState (string_value for text inputs and choices, the formatted
label for a selectbox, trigger_value for a button). As the frontend, every value set stays
in the states sent with later runs while its widget is on screen; a trigger is sent once.

Sign-in: the login form of streamlit-authenticator (ui/auth.py) is a st.form; its two text
inputs and its submit button go in one rerun, as the browser sends them. The library then
draws its cookie component, which in a browser reruns the app once it has written the
cookie: the client sends that rerun itself (without the component's value, unused by
ui/auth.signed_in, which reads the session state first).
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field
from urllib.parse import urlencode

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

RUN_TIMEOUT_S = 30.0  # beyond this an action is an error (bench/load_session.py's too)
FINAL = {ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_WITH_COMPILE_ERROR}
TEXT_FIELDS = ("body", "label", "placeholder")  # what the screen says, for the checks


@dataclass
class Screen:
    """What the runs of one action drew: elements by kind, the page, the texts."""

    elements: list[tuple[str, object]] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    exceptions: list[str] = field(default_factory=list)
    toasts: list[str] = field(default_factory=list)

    def widget(self, kind: str, label: str):
        """The element `kind` (text_input, button…) whose label is `label`, or None."""
        for found, element in self.elements:
            if found == kind and getattr(element, "label", None) == label:
                return element
        return None

    def shows(self, text: str) -> bool:
        return any(text in said for said in self.texts)


def element_texts(kind: str, element) -> list[str]:
    """The visible texts of an element (markdown, headings, alerts, metrics, labels)."""
    said = [getattr(element, name) for name in TEXT_FIELDS if hasattr(element, name)]
    if kind == "metric":
        said += [element.label, element.body]
    return [text for text in said if isinstance(text, str) and text]


class Client:
    """One session of the app over its websocket; `run` is one action of a person."""

    def __init__(self, url: str):
        self.address = url.replace("http://", "ws://").rstrip("/") + "/_stcore/stream"
        self.socket = None
        self.pages: dict[str, tuple[str, str]] = {}  # title → (page_script_hash, url path)
        self.page_hash, self.query = "", ""
        self.states: dict[str, WidgetState] = {}  # the values set, sent with every run
        self.screen = Screen()
        self.runs = 0  # script runs read, over the session
        self.received = 0  # bytes of ForwardMsgs read, over the session

    async def connect(self) -> Screen:
        """Open the websocket and load the first page, as a browser's visit of "/"."""
        self.socket = await websockets.connect(
            self.address, subprotocols=["streamlit"], max_size=None, open_timeout=RUN_TIMEOUT_S
        )
        return await self.run()

    async def close(self) -> None:
        if self.socket is not None:
            await self.socket.close()

    def set_text(self, element, value: str) -> None:
        """A text input, text area or selectbox given `value` (a selectbox: its label)."""
        state = WidgetState(id=element.id, string_value=value)
        self.states[element.id] = state

    def set_bool(self, element, value: bool) -> None:
        self.states[element.id] = WidgetState(id=element.id, bool_value=value)

    async def click(self, button) -> Screen:
        """A button (or a form's submit button): its trigger, sent with one run."""
        return await self.run(trigger=button.id)

    async def go(self, title: str, query: dict | None = None) -> Screen:
        """A menu link: the page's script hash, the address's query string."""
        page_hash, _ = self.pages[title]
        return await self.run(page_hash=page_hash, query=urlencode(query or {}))

    async def run(
        self, page_hash: str | None = None, query: str | None = None, trigger: str | None = None
    ) -> Screen:
        """One rerun_script, read until the last run it caused is over; the new screen."""
        message = BackMsg()
        state = message.rerun_script
        state.query_string = self.query if query is None else query
        state.page_script_hash = self.page_hash if page_hash is None else page_hash
        state.context_info.timezone = "Europe/Paris"
        state.context_info.locale = "fr-FR"
        widgets = [*self.states.values()]
        if trigger is not None:
            widgets.append(WidgetState(id=trigger, trigger_value=True))
        state.widget_states.widgets.extend(widgets)
        await self.socket.send(message.SerializeToString())
        self.screen = await self.read_runs()
        return self.screen

    async def read_runs(self) -> Screen:
        """ForwardMsgs until a final script_finished; the elements of the last run."""
        screen = Screen()
        deadline = time.monotonic() + RUN_TIMEOUT_S
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError(f"pas de fin de passage en {RUN_TIMEOUT_S:.0f} s")
            message = ForwardMsg()
            message.ParseFromString(await self.read(left))
            kind = message.WhichOneof("type")
            if kind == "new_session":  # a run starts: the screen is drawn anew, but for
                screen = Screen(texts=screen.toasts)  # a toast before st.rerun: it stays
                screen.toasts = list(screen.texts)
                self.page_hash = message.new_session.page_script_hash or self.page_hash
                self.runs += 1
            elif kind == "delta" and message.delta.WhichOneof("type") == "new_element":
                self.keep(screen, message.delta.new_element)
            elif kind == "navigation":
                self.pages = {
                    page.page_name: (page.page_script_hash, page.url_pathname)
                    for page in message.navigation.app_pages
                }
                self.page_hash = message.navigation.page_script_hash or self.page_hash
            elif kind == "page_info_changed":  # st.switch_page / query_params: the address
                self.query = message.page_info_changed.query_string
            elif kind == "script_finished" and message.script_finished in FINAL:
                self.forget_stale(screen)
                return screen

    async def read(self, left: float) -> bytes:
        data = await asyncio.wait_for(self.socket.recv(), timeout=left)
        self.received += len(data)
        return data

    @staticmethod
    def keep(screen: Screen, element) -> None:
        kind = element.WhichOneof("type")
        if kind is None:
            return
        inner = getattr(element, kind)
        screen.elements.append((kind, inner))
        if kind == "exception":
            screen.exceptions.append(f"{inner.type}: {inner.message}")
        screen.texts += element_texts(kind, inner)
        if kind == "toast":
            screen.toasts += element_texts(kind, inner)

    def forget_stale(self, screen: Screen) -> None:
        """As the frontend: the values of widgets no longer drawn are not sent again."""
        shown = {getattr(element, "id", None) for _, element in screen.elements}
        self.states = {key: state for key, state in self.states.items() if key in shown}
