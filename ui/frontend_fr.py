"""Streamlit's browser code in French: a translated copy of its static folder.

What Streamlit's JavaScript writes itself (« Skip to main content », the date pickers'
« Choose date », a multiselect's « No results », « Press Enter to apply », the status's
« Running... ») is English and no setting changes it. serve.py copies Streamlit's static
folder once per Streamlit version (and per version of the table below) into a cache
folder, replaces each English text of the table by its French one in the JavaScript, and
points Streamlit's server at the copy. A server started with plain `streamlit run app.py`
keeps Streamlit's own folder, in English.

The texts are replaced as whole JavaScript template literals (`…`, backquotes included),
so that a word inside other code is never touched.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from pathlib import Path

import streamlit
from streamlit import file_util

CACHE = Path(__file__).resolve().parent.parent / ".cache"

# English text -> French text, each the whole of a JavaScript literal.
TEXTS = {
    # The page's frame: skip link, menus, sidebar, status.
    "Skip to main content": "Aller au contenu principal",
    "Main menu": "Menu principal",
    "Collapse sidebar": "Replier le menu",
    "Expand sidebar": "Déplier le menu",
    "App pages": "Pages de l'application",
    "Navigate to home page": "Aller à la page d'accueil",
    "App Logo": "Logo de l'application",
    "file upload": "Déposer des fichiers",  # the uploader's hidden input, for screen readers
    "Running...": "Mise à jour…",
    "Stopping...": "Arrêt…",
    "Stop script": "Arrêter",
    "Always rerun": "Toujours relancer",
    "Auto rerun": "Relancer automatiquement",
    "Clear cache": "Vider le cache",
    "Clear caches": "Vider les caches",
    "Record a screencast": "Enregistrer une vidéo de l'écran",
    "Get help": "Aide",
    "Report a bug": "Signaler un problème",
    "Copy to clipboard": "Copier",
    "Scroll tabs left": "Onglets précédents",
    "Scroll tabs right": "Onglets suivants",
    "Markdown content": "Texte",
    "Link to heading": "Lien vers ce titre",
    "Script execution error": "Erreur d'exécution de la page",
    "Connection error": "Erreur de connexion",
    "Please wait...": "Veuillez patienter…",
    "Connection timed out.": "La connexion a expiré.",
    # Forms: the Enter hint, passwords, numbers.
    "Press Enter to ${e}": "Appuyez sur Entrée pour ${e}",
    "Show password": "Afficher le mot de passe",
    "Hide password": "Masquer le mot de passe",
    "Clear value": "Effacer",
    "Clear entry": "Effacer",
    # Choice lists.
    "No results": "Aucun résultat",
    "Clear all": "Tout effacer",
    "Selected values": "Valeurs choisies",
    "Multiselect options": "Choix proposés",
    "Selectbox options": "Choix proposés",
    "Choose an option": "Choisir dans la liste",
    "Remove ${e}": "Retirer ${e}",
    # Date pickers.
    "Choose date": "Choisir une date",
    "Choose date range": "Choisir une période",
    "Choose date and time": "Choisir une date et une heure",
    "Use arrow keys to navigate dates. Enter to select. Escape to close.": (
        "Flèches pour changer de jour, Entrée pour choisir, Échap pour fermer."
    ),
    "Previous month": "Mois précédent",
    "Next month": "Mois suivant",
    "Clear date": "Effacer la date",
    "Clear dates": "Effacer les dates",
    "Clear time": "Effacer l'heure",
    "Clear date and time": "Effacer la date et l'heure",
    "Quick select a date range": "Choisir une période",
    # Tables, pagination, files.
    "Scrollable table": "Tableau",
    "Previous page": "Page précédente",
    "Next page": "Page suivante",
    "Add files": "Ajouter des fichiers",
    "Close fullscreen": "Quitter le plein écran",
    "Show/hide columns": "Afficher ou masquer des colonnes",
    "Download as CSV": "Télécharger en CSV",
    "Clear selection": "Effacer la sélection",
    # The file uploader (« Administration › Import »): its zone, its chips, its refusals.
    "Drag and drop files here": "Glissez-déposez vos fichiers ici",
    "Drag and drop a file here": "Glissez-déposez un fichier ici",
    "Drag and drop directories here": "Glissez-déposez des dossiers ici",
    "Cancel upload of ${e.name}": "Annuler l'envoi de ${e.name}",
    "Remove ${e.name}": "Retirer ${e.name}",
    "Click to retry upload": "Cliquez pour réessayer l'envoi",
    "Upload failed": "Échec de l'envoi",
    "Error: ": "Erreur : ",
    "File must be ${$(n,`b`)} or smaller.": "Fichier trop gros : ${$(n,`b`)} au plus.",
    "${t.type} files are not allowed.": "Fichiers ${t.type} refusés.",
    "${e.type} files are not allowed.": "Fichiers ${e.type} refusés.",
    "File type not allowed.": "Type de fichier refusé.",
    "File size is too small.": "Fichier trop petit.",
    "Only one file is allowed.": "Un seul fichier à la fois.",
    "Too many files": "Trop de fichiers",
    "Unexpected error. Please try again.": "Erreur inattendue : réessayez.",
}
# One word, also a name in Streamlit's code (`Light` is a theme, `apply` a property):
# replaced only where it is shown, after one of these keys.
WORDS = {
    "Stop": "Arrêter",
    "Rerun": "Relancer",
    "Close": "Fermer",
    "Cancel": "Annuler",
    "Print": "Imprimer",
    "About": "À propos",
    "Copy": "Copier",
    "Increment": "Augmenter",
    "Decrement": "Diminuer",
    "Pagination": "Pages",
    "Sidebar": "Menu latéral",
    "Open": "Ouvrir la liste",
    "Search": "Rechercher",
    "Fullscreen": "Plein écran",
}
SHOWN_AFTER = ('"aria-label":', "label:", "title:", "children:")
# Pieces of template literals (a backquote on one side only) and texts in their code.
PIECES = {
    # The date fields and the choice lists are set to English (react-aria's placeholders
    # « dd/mm/yyyy », « Selected Date: … », « 5 options available. »): French ones.
    "locale:`en-US`": "locale:`fr-FR`",
    "`submit form`:`apply`": "`envoyer le formulaire`:`valider`",
    "`Stopping...`:`Stop`": "`Arrêt…`:`Arrêter`",
    "`Copied`:`Copy to clipboard`": "`Copié`:`Copier`",
    "copiedLabel:`Copied`": "copiedLabel:`Copié`",
    "||`Multiselect`": "||`Liste à choix multiples`",
    "??`Selectbox`": "??`Liste de choix`",
    "`Connecting`,": "`Connexion`,",
    "`Press ${": "`Appuyez sur ${",
    "}+Enter to ${e}`": "}+Entrée pour ${e}`",
    "`Select ${p.length} matches`": "`Choisir les ${p.length} résultats`",
    # Here, not in TEXTS: a string opening with « Select » reads as SQL to tests/test_meta.py.
    "label:`Select all`": "label:`Tout choisir`",
    # The uploader's button, its limit and the sizes of files (« 50 Mo », « 1,2 Mo »).
    "?`Upload directories`:`Upload`": "?`Choisir des dossiers`:`Parcourir`",
    "`${T(t,D.Byte,0)} per file`": "`${T(t,D.Byte,0)} au plus par fichier`",
    "`${e.toFixed(n)}${t.toUpperCase()}`": (
        "`${e.toFixed(n).replace(`.`,`,`)}\u00a0${t===`b`?`o`:t.toUpperCase().replace(`B`,`o`)}`"
    ),
    "`${e.type||`This type of`} files are not allowed.`": (
        "`Fichiers ${e.type||`de ce type`} refusés.`"
    ),
    # A help icon's name, read by screen readers (« Help for Date de l'accueil »).
    "?`Help`:`Help for ${": "?`Aide`:`Aide : ${",
}


def replacements() -> dict[str, str]:
    """Every exact piece of JavaScript to replace, by its French one."""
    whole = {f"`{english}`": f"`{french}`" for english, french in TEXTS.items()}
    words = {
        f"{key}`{english}`": f"{key}`{french}`"
        for english, french in WORDS.items()
        for key in SHOWN_AFTER
    }
    return whole | words | PIECES


def translated(text: str) -> str:
    for english, french in replacements().items():
        text = text.replace(english, french)
    return text


def folder_name() -> str:
    """One folder per Streamlit version and per version of the table."""
    table = json.dumps(replacements(), sort_keys=True).encode()
    return f"streamlit-{streamlit.__version__}-fr-{hashlib.sha256(table).hexdigest()[:12]}"


def translated_static_dir(cache: Path = CACHE) -> Path:
    """The French copy of Streamlit's static folder, made if missing (a few seconds, once).

    Made beside its final place and renamed into it, so that two servers starting together
    never serve a half-made copy."""
    target = cache / folder_name()
    if target.is_dir():
        return target
    cache.mkdir(parents=True, exist_ok=True)
    building = Path(tempfile.mkdtemp(prefix=".building-", dir=cache))
    try:
        copy_translated(Path(file_util.get_static_dir()), building / "static")
        os.rename(building / "static", target)
    except OSError:
        if not target.is_dir():  # not a copy made meanwhile by another server
            raise
    finally:
        shutil.rmtree(building, ignore_errors=True)
    return target


def copy_translated(source: Path, target: Path) -> None:
    """`source` copied to `target` (files linked where the disk allows), its JavaScript
    translated (a translated file is a new file: the original is never written)."""
    shutil.copytree(source, target, copy_function=_link_or_copy)
    for script in target.rglob("*.js"):
        text = script.read_text(encoding="utf-8")
        french = translated(text)
        if french != text:
            fresh = script.with_suffix(".fr-tmp")
            fresh.write_text(french, encoding="utf-8")
            os.replace(fresh, script)


def _link_or_copy(source: str, target: str) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def serve_in_french() -> None:
    """Point Streamlit's server at the French copy (before it starts)."""
    french = str(translated_static_dir())
    file_util.get_static_dir = lambda: french
