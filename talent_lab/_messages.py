"""The notebook widgets' own words in English, Swedish and Dutch.

Framework content carries its own translations; this catalog covers only the labels, headings
and notices the widgets add around it. A test checks that every entry is complete in every
language of ``UI_LANGUAGES``, so a missing translation fails the build instead of a notebook.
"""

from __future__ import annotations

from collections.abc import Mapping

__all__ = ["LANGUAGE_NAMES", "MESSAGES", "UI_LANGUAGES", "message", "number"]

UI_LANGUAGES: tuple[str, ...] = ("en", "sv", "nl")

#: Each language in its own name, as a language menu should show it.
LANGUAGE_NAMES: Mapping[str, str] = {"en": "English", "sv": "Svenska", "nl": "Nederlands"}

MESSAGES: Mapping[str, Mapping[str, str]] = {
    "language": {"en": "Language", "sv": "Språk", "nl": "Taal"},
    "tab.overview": {"en": "Overview", "sv": "Översikt", "nl": "Overzicht"},
    "tab.table": {"en": "Competencies", "sv": "Kompetenser", "nl": "Competenties"},
    "tab.competency": {"en": "One competency", "sv": "En kompetens", "nl": "Eén competentie"},
    "tab.roles": {"en": "Role profiles", "sv": "Rollprofiler", "nl": "Rolprofielen"},
    "tab.import": {"en": "Import", "sv": "Importera", "nl": "Importeren"},
    "tab.export": {"en": "Export", "sv": "Exportera", "nl": "Exporteren"},
    "summary.counts": {
        "en": "{clusters} clusters, {competencies} competencies, {indicators} behaviour "
        "indicators, {questions} coaching questions and {activities} development activities.",
        "sv": "{clusters} kluster, {competencies} kompetenser, {indicators} beteendeindikatorer, "
        "{questions} coachande frågor och {activities} utvecklingsaktiviteter.",
        "nl": "{clusters} clusters, {competencies} competenties, {indicators} gedragsindicatoren, "
        "{questions} coachingvragen en {activities} ontwikkelactiviteiten.",
    },
    "summary.source": {"en": "Loaded from", "sv": "Inläst från", "nl": "Geladen uit"},
    "summary.scale": {
        "en": "Proficiency scale",
        "sv": "Färdighetsskala",
        "nl": "Beheersingsschaal",
    },
    "summary.structure": {"en": "Structure", "sv": "Struktur", "nl": "Structuur"},
    "summary.more": {
        "en": "… and {count} more nodes (see the Competencies tab).",
        "sv": "… och {count} noder till (se fliken Kompetenser).",
        "nl": "… en nog {count} knooppunten (zie het tabblad Competenties).",
    },
    "source.demo": {
        "en": "the demo framework shipped with talent_core",
        "sv": "exempelramverket som följer med talent_core",
        "nl": "het voorbeeldraamwerk dat met talent_core wordt meegeleverd",
    },
    "col.cluster": {"en": "Cluster", "sv": "Kluster", "nl": "Cluster"},
    "col.competency_id": {"en": "Id", "sv": "Id", "nl": "Id"},
    "col.name": {"en": "Competency", "sv": "Kompetens", "nl": "Competentie"},
    "col.indicators": {"en": "Indicators", "sv": "Indikatorer", "nl": "Indicatoren"},
    "col.questions": {"en": "Questions", "sv": "Frågor", "nl": "Vragen"},
    "col.activities": {"en": "Activities", "sv": "Aktiviteter", "nl": "Activiteiten"},
    "col.modes": {"en": "Learning modes", "sv": "Lärformer", "nl": "Leervormen"},
    "col.activity": {"en": "Activity", "sv": "Aktivitet", "nl": "Activiteit"},
    "col.mode": {"en": "Learning mode", "sv": "Lärform", "nl": "Leervorm"},
    "col.hours": {"en": "Hours", "sv": "Timmar", "nl": "Uren"},
    "table.caption": {
        "en": "Competencies of {framework}",
        "sv": "Kompetenser i {framework}",
        "nl": "Competenties van {framework}",
    },
    "table.truncated": {
        "en": "Showing the first {shown} of {total} rows; session.competency_table() has all.",
        "sv": "Visar de första {shown} av {total} raderna; session.competency_table() har alla.",
        "nl": "De eerste {shown} van {total} rijen; session.competency_table() bevat ze allemaal.",
    },
    "detail.choose": {"en": "Competency", "sv": "Kompetens", "nl": "Competentie"},
    "detail.none_in_framework": {
        "en": "This framework has no competencies.",
        "sv": "Ramverket har inga kompetenser.",
        "nl": "Dit raamwerk heeft geen competenties.",
    },
    "detail.path": {"en": "Part of", "sv": "Del av", "nl": "Onderdeel van"},
    "detail.indicators": {
        "en": "Behaviour indicators per level",
        "sv": "Beteendeindikatorer per nivå",
        "nl": "Gedragsindicatoren per niveau",
    },
    "detail.no_level": {"en": "Without a level", "sv": "Utan nivå", "nl": "Zonder niveau"},
    "detail.questions": {
        "en": "Coaching questions",
        "sv": "Coachande frågor",
        "nl": "Coachingvragen",
    },
    "detail.activities": {
        "en": "Development activities",
        "sv": "Utvecklingsaktiviteter",
        "nl": "Ontwikkelactiviteiten",
    },
    "detail.related": {
        "en": "Related competencies",
        "sv": "Relaterade kompetenser",
        "nl": "Verwante competenties",
    },
    "detail.nothing": {"en": "None yet.", "sv": "Inga ännu.", "nl": "Nog geen."},
    "purpose.reflection": {
        "en": "for self-reflection",
        "sv": "för självreflektion",
        "nl": "voor zelfreflectie",
    },
    "purpose.dialogue": {
        "en": "for the development dialogue",
        "sv": "för utvecklingssamtalet",
        "nl": "voor het ontwikkelgesprek",
    },
    "purpose.both": {
        "en": "for reflection and dialogue",
        "sv": "för reflektion och samtal",
        "nl": "voor reflectie en gesprek",
    },
    "mode.on_the_job": {"en": "On the job", "sv": "I arbetet", "nl": "Op de werkplek"},
    "mode.with_others": {
        "en": "With others (mentoring, intervision, coaching)",
        "sv": "Med andra (mentorskap, kollegial handledning, coachning)",
        "nl": "Met anderen (mentoring, intervisie, coaching)",
    },
    "mode.home_study": {"en": "Home study", "sv": "Självstudier", "nl": "Zelfstudie"},
    "mode.online": {"en": "Online", "sv": "Online", "nl": "Online"},
    "mode.classroom": {"en": "Classroom", "sv": "Lärarledd kurs", "nl": "Klassikaal"},
    "roles.caption": {
        "en": "Required proficiency level per role profile",
        "sv": "Krävd färdighetsnivå per rollprofil",
        "nl": "Vereist beheersingsniveau per rolprofiel",
    },
    "roles.none": {
        "en": "No role profiles fit this framework.",
        "sv": "Inga rollprofiler passar det här ramverket.",
        "nl": "Geen rolprofiel past bij dit raamwerk.",
    },
    "roles.not_required": {"en": "not required", "sv": "krävs inte", "nl": "niet vereist"},
    "roles.mismatch": {
        "en": "Role profile {role} does not fit this framework and is left out:",
        "sv": "Rollprofilen {role} passar inte ramverket och visas inte:",
        "nl": "Rolprofiel {role} past niet bij dit raamwerk en wordt weggelaten:",
    },
    "import.intro": {
        "en": "Import a framework: native JSON, a Moodle competency framework CSV or CASE 1.0 "
        "JSON. A file that cannot be read changes nothing.",
        "sv": "Importera ett ramverk: inbyggd JSON, en CSV med ett kompetensramverk från Moodle "
        "eller CASE 1.0 JSON. En fil som inte går att läsa ändrar ingenting.",
        "nl": "Importeer een raamwerk: eigen JSON, een Moodle-competentieraamwerk als CSV of "
        "CASE 1.0 JSON. Een bestand dat niet te lezen is, verandert niets.",
    },
    "import.choose": {"en": "Choose file", "sv": "Välj fil", "nl": "Kies bestand"},
    "import.format": {"en": "Format", "sv": "Format", "nl": "Formaat"},
    "import.language": {
        "en": "Language of a Moodle CSV's texts",
        "sv": "Språk i en Moodle-CSV:s texter",
        "nl": "Taal van de teksten in een Moodle-CSV",
    },
    "import.ok": {
        "en": "Imported {framework} from {file}: {competencies} competencies.",
        "sv": "Importerade {framework} från {file}: {competencies} kompetenser.",
        "nl": "{framework} geïmporteerd uit {file}: {competencies} competenties.",
    },
    "import.failed": {
        "en": "{file} was not imported; {framework} is still loaded. The problem:",
        "sv": "{file} importerades inte; {framework} är fortfarande inläst. Problemet:",
        "nl": "{file} is niet geïmporteerd; {framework} is nog steeds geladen. Het probleem:",
    },
    "format.auto": {
        "en": "Detect from the file",
        "sv": "Känn igen från filen",
        "nl": "Herkennen aan het bestand",
    },
    "format.json": {"en": "Native JSON", "sv": "Inbyggd JSON", "nl": "Eigen JSON"},
    "format.moodle-csv": {"en": "Moodle CSV", "sv": "Moodle-CSV", "nl": "Moodle-CSV"},
    "format.case": {"en": "CASE 1.0 JSON", "sv": "CASE 1.0 JSON", "nl": "CASE 1.0 JSON"},
    "format.openedx-taxonomy-csv": {
        "en": "Open edX taxonomy CSV",
        "sv": "Open edX-taxonomi CSV",
        "nl": "Open edX-taxonomie CSV",
    },
    "format.openedx-taxonomy-json": {
        "en": "Open edX taxonomy JSON",
        "sv": "Open edX-taxonomi JSON",
        "nl": "Open edX-taxonomie JSON",
    },
    "export.intro": {
        "en": "Save the loaded framework as a file in the folder below and download it.",
        "sv": "Spara det inlästa ramverket som en fil i mappen nedan och ladda ned den.",
        "nl": "Sla het geladen raamwerk op als bestand in de map hieronder en download het.",
    },
    "export.format": {"en": "Format", "sv": "Format", "nl": "Formaat"},
    "export.folder": {"en": "Folder", "sv": "Mapp", "nl": "Map"},
    "export.button": {"en": "Export", "sv": "Exportera", "nl": "Exporteren"},
    "export.ok": {
        "en": "Saved {path} ({size}).",
        "sv": "Sparade {path} ({size}).",
        "nl": "{path} opgeslagen ({size}).",
    },
    "export.download": {"en": "Download {file}", "sv": "Ladda ned {file}", "nl": "Download {file}"},
    "export.no_link": {
        "en": "The file is too large for a download link; open it from the file browser.",
        "sv": "Filen är för stor för en nedladdningslänk; öppna den från filbläddraren.",
        "nl": "Het bestand is te groot voor een downloadlink; open het via de bestandsbrowser.",
    },
    "export.failed": {
        "en": "The framework was not exported. The problem:",
        "sv": "Ramverket exporterades inte. Problemet:",
        "nl": "Het raamwerk is niet geëxporteerd. Het probleem:",
    },
}


def message(
    key: str,
    language: str,
    /,
    catalog: Mapping[str, Mapping[str, str]] = MESSAGES,
    **fields: object,
) -> str:
    """The text for ``key`` in ``language`` (English when the catalog lacks it), filled in.

    A notebook with a catalog of its own passes it as ``catalog``.
    """
    texts = catalog[key]
    template = texts.get(language) or texts.get(language.split("-")[0]) or texts["en"]
    return template.format(**fields) if fields else template


#: Thousands separator and decimal mark per language: Dutch "100.000" is a hundred thousand,
#: so the English "100,000" would read as a hundred there.
_NUMBER_MARKS: Mapping[str, tuple[str, str]] = {
    "en": (",", "."),
    "sv": ("\u00a0", ","),
    "nl": (".", ","),
}


def number(value: float, language: str, decimals: int = 0) -> str:
    """``value`` written as ``language`` writes numbers: 12,345.6 / 12 345,6 / 12.345,6."""
    group, point = _NUMBER_MARKS.get(language.split("-")[0], _NUMBER_MARKS["en"])
    marks: dict[str, str | int | None] = {",": group, ".": point}
    return f"{value:,.{decimals}f}".translate(str.maketrans(marks))
