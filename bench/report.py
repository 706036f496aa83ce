"""Gather the rows every script of bench/ saved into the one table of bench/README.md.

    python bench/report.py --command "make bench"

The page says when and on what machine (cores, memory, processor, load) the figures were
taken, the versions of what was measured, and the command. Each area's rows come from
bench/results/<area>.rows.json (bench/table.py); the load test's from its load.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import sqlite3
import subprocess
import sys
from datetime import datetime
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import table  # noqa: E402
from bench.table import Row  # noqa: E402

PAGE = ROOT / "bench" / "README.md"
LOAD = table.RESULTS / "load.json"
# The areas in the table's order, with their French names.
AREAS = {
    "households": "Ménages",
    "intake": "Saisie d'un accueil",
    "support": "Accompagnement",
    "housing": "Gestion locative",
    "imports": "Import depuis les tableurs",
    "dashboard": "Tableau de bord",
    "exports": "Exports",
    "analytics": "Copie d'analyse",
    "console": "Console SQL",
    "screens": "Écrans (navigateur réel)",
    "load": "Charge (serveur seul, client websocket)",
}
PACKAGES = ("streamlit", "duckdb", "polars", "plotly", "playwright")
# bench/load.py's actions in the table's words.
LOAD_ACTIONS = {
    "navigation": "navigation par le menu",
    "recherche": "recherche dans « Ménages »",
    "ouverture_dossier": "ouverture d'un dossier",
    "enregistrement_accueil": "enregistrement d'un accueil",
    "tableau_de_bord": "tableau de bord",
    "requete_console": "requête de la console SQL",
    "connexion": "connexion",
    "ajout_contact": "ajout d'un contact",
    "filtre_tableau_de_bord": "tableau de bord filtré",
    "toutes_actions": "toutes les actions",
}
# bench/load.py's modes: the websocket client, the browser of the calibration, saturation.
LOAD_MODES = {"client": "", "navigateur": " (Chromium)", "saturation": " (saturation)"}
LOAD_GOAL_MS = 1_000
LOAD_GOAL_MB = 1_024


def machine() -> str:
    memory_kb = next(
        int(line.split()[1])
        for line in Path("/proc/meminfo").read_text().splitlines()
        if line.startswith("MemTotal:")
    )
    model = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.machine(),
    )
    load = ", ".join(table.number(value, 2) for value in os.getloadavg())
    cores = len(os.sched_getaffinity(0))
    memory = table.number(memory_kb / 1024**2)
    return (
        f"{cores} cœurs ({model}), {memory} Gio de mémoire ; charge moyenne (1, 5, 15 min)"
        f" à l'écriture du tableau : {load} (celle d'avant chaque mesure de charge est dans"
        " bench/results/load.json)"
    )


def chromium_version() -> str:
    try:
        done = subprocess.run(
            ["chromium", "--version"], capture_output=True, text=True, timeout=20, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return "Chromium absent"
    return done.stdout.strip() or "Chromium absent"


def versions() -> str:
    found = [f"Python {platform.python_version()}", f"SQLite {sqlite3.sqlite_version}"]
    for package in PACKAGES:
        try:
            found.append(f"{package} {metadata.version(package)}")
        except metadata.PackageNotFoundError:
            found.append(f"{package} absent")
    return ", ".join([*found, chromium_version()])


def load_rows() -> dict | None:
    """The load test's figures (bench/load.py's load.json) as rows of the table."""
    if not LOAD.exists():
        return None
    payload = json.loads(LOAD.read_text(encoding="utf-8"))
    records = payload["rows"] if isinstance(payload, dict) else payload
    meta = payload.get("meta", {}) if isinstance(payload, dict) else {}
    rows, peaks = [], {}
    for record in records:
        p95 = record["p95_ms"]
        met = p95 is not None and p95 < LOAD_GOAL_MS and record["errors"] == 0
        action = LOAD_ACTIONS.get(record["action"], record["action"])
        rows.append(
            Row(
                measure=f"{load_who(record)} : {action} ({record['count']} fois)",
                households=record["households"],
                habiter=f"{table.ms(record['p50_ms'])} (p95 {table.ms(p95)}),"
                f" {record['errors']} erreur(s)",
                goal=table.verdict(met, "p95 < 1 s, aucune erreur"),
            )
        )
        peaks[(load_who(record), record["households"])] = record.get("server_peak_mb")
    for (who, households), peak in peaks.items():
        if peak is not None:
            rows.append(
                Row(
                    measure=f"{who} : mémoire de pointe du serveur",
                    households=households,
                    habiter=f"{table.number(peak, 0)} Mo",
                    goal=table.verdict(peak < LOAD_GOAL_MB, "< 1 Gio"),
                )
            )
    command = meta.get("command", "python bench/load.py")
    when = meta.get("date", datetime.fromtimestamp(LOAD.stat().st_mtime).isoformat("T", "seconds"))
    return {"area": "load", "command": command, "measured_at": when, "rows": rows}


def load_who(record: dict) -> str:
    """Who acted: « 30 session(s) », with bench/load.py's mode and pace when it says them."""
    who = f"{record['sessions']} session(s)"
    interval = record.get("interval_s")
    if interval:
        who += f", une action toutes les {table.number(interval, 1)} s"
    elif interval is not None:  # the calibration's session: its actions back to back
        who += ", actions enchaînées"
    if record.get("actions_per_s") is not None and "mode" in record:
        who += f" ({table.number(record['actions_per_s'], 1)} actions/s)"
    return who + LOAD_MODES.get(record.get("mode", "client"), "")


def kept_from(previous: str) -> dict[str, dict]:
    """The areas of the page already written, by area: its rows and where they came from.
    A run that measures only some areas (the screens, the load) keeps the others' rows
    with their own command and date, instead of wiping them."""
    names = {french: area for area, french in AREAS.items()}
    kept: dict[str, dict] = {}
    for line in previous.splitlines():
        cells = [c.strip().replace("\\|", "|") for c in re.split(r"(?<!\\)\|", line)[1:-1]]
        if len(cells) == 7 and cells[0] in names:
            size = int(re.sub(r"\D", "", cells[2])) if cells[2] else None
            row = Row(cells[1], size, *cells[3:])
            kept.setdefault(names[cells[0]], {"area": names[cells[0]], "rows": []})["rows"].append(
                row
            )
        source = re.match(r"- (.+?) : `(.+)`, le (.+)$", line)
        if source and source[1] in names and names[source[1]] in kept:
            kept[names[source[1]]].update(command=source[2], measured_at=source[3])
    return {area: payload for area, payload in kept.items() if "command" in payload}


def gathered(previous: str = "") -> list[dict]:
    """Every area measured, in the table's order; an area this run did not measure keeps
    its rows from the previous page."""
    found = kept_from(previous)
    for path in sorted(table.RESULTS.glob("*.rows.json")):
        payload = table.load(path)
        found[payload["area"]] = payload
    load = load_rows()
    if load is not None:
        found["load"] = load
    return [found[area] for area in AREAS if area in found] + [
        payload for area, payload in found.items() if area not in AREAS
    ]


def cell(text: str) -> str:
    return text.replace("|", "\\|") or " "


def markdown_table(areas: list[dict]) -> str:
    lines = [
        "| Domaine | Mesure | Ménages | Habiter | DuckDB brut | SQLite | Objectif |",
        "| --- | --- | ---: | ---: | ---: | ---: | --- |",
    ]
    for payload in areas:
        name = AREAS.get(payload["area"], payload["area"])
        for row in payload["rows"]:
            size = table.number(row.households, 0) if row.households else ""
            cells = [name, row.measure, size, row.habiter, row.duckdb, row.sqlite, row.goal]
            lines.append("| " + " | ".join(cell(text) for text in cells) + " |")
    return "\n".join(lines)


def sources(areas: list[dict]) -> str:
    lines = []
    for payload in areas:
        name = AREAS.get(payload["area"], payload["area"])
        lines.append(f"- {name} : `{payload['command']}`, le {french_moment(payload)}")
    return "\n".join(lines)


def french_moment(payload: dict) -> str:
    """When an area was measured, the French way (load.json says it as « … UTC »)."""
    text = payload["measured_at"]
    if text[:2].isdigit() and "/" in text[:6]:  # kept from the previous page: already French
        return text
    try:
        moment = datetime.fromisoformat(text.replace(" UTC", "+00:00"))
    except ValueError:
        return text
    return f"{moment:%d/%m/%Y à %H:%M}" + (" UTC" if moment.tzinfo else "")


def page(command: str, areas: list[dict]) -> str:
    today = datetime.now()
    return f"""# Mesures de Habiter

Produit par `{command}` le {today:%d/%m/%Y à %H:%M}. Refaire : `make bench` (tout, plusieurs
dizaines de minutes), `make bench QUICK=1` (petites bases, quelques minutes ; ses chiffres
ne valent que pour vérifier que tout tourne).

- Machine : {machine()}.
- Versions : {versions()}.
- « Habiter » : le code de l'application (ses fonctions, ses requêtes, ses caches) ;
  « DuckDB brut » : le même SQL sur un curseur DuckDB nu ; « SQLite » : le même SQL sur une
  copie SQLite indexée de la même base. Médianes, sauf mention de p95. Les durées ne sont
  jamais vérifiées par les tests : elles sont mesurées ici.
- « Écrans (navigateur réel) » : chaque page du menu, pour chaque rôle, dans Chromium, du
  clic sur le menu à la fin du dernier passage du script (médiane, p95), le CPU du serveur
  par visite, les lignes et cartes dessinées ; la première visite après le démarrage du
  serveur, qui peut calculer ce que les suivantes réutilisent, est à part.

{markdown_table(areas)}

Chaque domaine a été mesuré par (un passage qui n'en mesure que certains garde les lignes
des autres, avec leur commande et leur date) :

{sources(areas)}

Le détail de chaque script (maximums, mémoire de chaque processus, nombre de lignes) est
dans `bench/results/` après un passage ; la montée en charge et ses limites sont discutées
dans [docs/scaling.md](../docs/scaling.md).
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--command", default="python bench/report.py")
    parser.add_argument("--output", type=Path, default=PAGE)
    args = parser.parse_args()
    previous = args.output.read_text(encoding="utf-8") if args.output.exists() else ""
    areas = gathered(previous)
    if not areas:
        raise SystemExit("Aucune mesure dans bench/results/ : lancez d'abord bench/.")
    args.output.write_text(page(args.command, areas), encoding="utf-8")
    print(f"{args.output} : {sum(len(a['rows']) for a in areas)} lignes, {len(areas)} domaines")


if __name__ == "__main__":
    main()
