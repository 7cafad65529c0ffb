"""The mentoring notebook's own words, and the core's pair reasons, in English, Swedish, Dutch.

``talent_core.mentoring`` explains every pair with structured reasons and English sentences
(``render_reason``); the Swedish and Dutch sentences are here, with the same fields, so HR
reads why a pair fits in the notebook's language.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol

from talent_core import CompetencyFramework, localize
from talent_core.mentoring import Reason, ReasonCode, render_reason

from ._messages import message

__all__ = ["MENTORING_MESSAGES", "REASONS", "reason_text", "text"]

#: Per reason code and language: the sentence, or (singular, plural) chosen by ``count``.
REASONS: Mapping[ReasonCode, Mapping[str, str | tuple[str, str]]] = {
    ReasonCode.STRENGTH: {
        "sv": (
            "Stark i {competency} (nivå {level}) där {mentee} har ett gap på {count} nivå",
            "Stark i {competency} (nivå {level}) där {mentee} har ett gap på {count} nivåer",
        ),
        "nl": (
            "Sterk in {competency} (niveau {level}) waar {mentee} {count} niveau tekortkomt",
            "Sterk in {competency} (niveau {level}) waar {mentee} {count} niveaus tekortkomt",
        ),
    },
    ReasonCode.SOME_STRENGTH: {
        "sv": (
            "Nivå {level} i {competency} där {mentee} har ett gap på {count} nivå",
            "Nivå {level} i {competency} där {mentee} har ett gap på {count} nivåer",
        ),
        "nl": (
            "Niveau {level} in {competency} waar {mentee} {count} niveau tekortkomt",
            "Niveau {level} in {competency} waar {mentee} {count} niveaus tekortkomt",
        ),
    },
    ReasonCode.DIFFERENT_DEPARTMENT: {
        "sv": "Olika avdelningar ({mentee_department} och {mentor_department})",
        "nl": "Andere afdeling ({mentee_department} en {mentor_department})",
    },
    ReasonCode.SAME_DEPARTMENT: {
        "sv": "Samma avdelning ({department})",
        "nl": "Dezelfde afdeling ({department})",
    },
    ReasonCode.MORE_SENIOR: {
        "sv": (
            "{count} steg mer senior ({mentor_seniority} mot {mentee_seniority})",
            "{count} steg mer senior ({mentor_seniority} mot {mentee_seniority})",
        ),
        "nl": (
            "{count} stap meer senior ({mentor_seniority} tegen {mentee_seniority})",
            "{count} stappen meer senior ({mentor_seniority} tegen {mentee_seniority})",
        ),
    },
    ReasonCode.SAME_SENIORITY: {
        "sv": "Samma senioritet ({mentor_seniority})",
        "nl": "Dezelfde senioriteit ({mentor_seniority})",
    },
    ReasonCode.LESS_SENIOR: {
        "sv": "Mindre senior än adepten ({mentor_seniority} mot {mentee_seniority})",
        "nl": "Minder senior dan de mentee ({mentor_seniority} tegen {mentee_seniority})",
    },
    ReasonCode.SHARED_LANGUAGE: {
        "sv": "Gemensamt språk: {languages}",
        "nl": "Gedeelde taal: {languages}",
    },
    ReasonCode.NO_SHARED_LANGUAGE: {
        "sv": "Inget gemensamt språk ({mentee_languages} mot {mentor_languages})",
        "nl": "Geen gedeelde taal ({mentee_languages} tegen {mentor_languages})",
    },
    ReasonCode.PAYS_FORWARD: {
        "sv": "För det vidare: var adept i {programme}",
        "nl": "Geeft het door: was mentee in {programme}",
    },
    ReasonCode.SAME_PERSON: {
        "sv": "{mentor} kan inte vara sin egen mentor",
        "nl": "{mentor} kan niet de eigen mentor zijn",
    },
    ReasonCode.MANAGES_MENTEE: {
        "sv": "{mentor} är chef för {mentee}",
        "nl": "{mentor} is de leidinggevende van {mentee}",
    },
    ReasonCode.REPORTS_TO_MENTEE: {
        "sv": "{mentor} rapporterar till {mentee}",
        "nl": "{mentor} rapporteert aan {mentee}",
    },
    ReasonCode.ABOVE_IN_LINE: {
        "sv": "{mentor} står över {mentee} i chefslinjen",
        "nl": "{mentor} staat boven {mentee} in de leidinggevende lijn",
    },
    ReasonCode.BELOW_IN_LINE: {
        "sv": "{mentor} står under {mentee} i chefslinjen",
        "nl": "{mentor} staat onder {mentee} in de leidinggevende lijn",
    },
    ReasonCode.LANGUAGE_REQUIRED: {
        "sv": "{mentor} och {mentee} har inget gemensamt språk "
        "({mentor_languages} mot {mentee_languages})",
        "nl": "{mentor} en {mentee} hebben geen gedeelde taal "
        "({mentor_languages} tegen {mentee_languages})",
    },
    ReasonCode.EARLIER_PAIR: {
        "sv": "{mentor} var redan mentor för {mentee} i {programme}",
        "nl": "{mentor} was al mentor van {mentee} in {programme}",
    },
    ReasonCode.EXCLUDED: {
        "sv": "Paret {mentor} och {mentee} uteslöts för hand",
        "nl": "Het paar {mentor} en {mentee} is met de hand uitgesloten",
    },
    ReasonCode.NO_ALLOWED_MENTOR: {
        "sv": (
            "Den {count} mentorn får inte paras med {mentee}; utesluten av chefslinjen: {line}, "
            "av språket: {language}, av ett tidigare par: {earlier}, för hand: {excluded}",
            "Ingen av de {count} mentorerna får paras med {mentee}; uteslutna av chefslinjen: "
            "{line}, av språket: {language}, av ett tidigare par: {earlier}, för hand: "
            "{excluded}",
        ),
        "nl": (
            "De {count} mentor mag niet aan {mentee} gekoppeld worden; uitgesloten door de "
            "leidinggevende lijn: {line}, door taal: {language}, door een eerder paar: "
            "{earlier}, met de hand: {excluded}",
            "Geen van de {count} mentoren mag aan {mentee} gekoppeld worden; uitgesloten door "
            "de leidinggevende lijn: {line}, door taal: {language}, door een eerder paar: "
            "{earlier}, met de hand: {excluded}",
        ),
    },
    ReasonCode.MENTORS_FULL: {
        "sv": (
            "Den {count} mentor som får vara mentor för {mentee} är full med adepter som "
            "passar bättre",
            "Alla {count} mentorer som får vara mentor för {mentee} är fulla med adepter som "
            "passar bättre",
        ),
        "nl": (
            "De {count} mentor die {mentee} mag begeleiden, zit vol met mentees die beter passen",
            "Alle {count} mentoren die {mentee} mogen begeleiden, zitten vol met mentees die "
            "beter passen",
        ),
    },
}

MENTORING_MESSAGES: Mapping[str, Mapping[str, str]] = {
    "tab.people": {
        "en": "Mentees and mentors",
        "sv": "Adepter och mentorer",
        "nl": "Mentees en mentoren",
    },
    "tab.match": {"en": "Match", "sv": "Matcha", "nl": "Koppelen"},
    "tab.pairs": {"en": "Pairs", "sv": "Par", "nl": "Paren"},
    "tab.network": {
        "en": "Pay it forward",
        "sv": "För det vidare",
        "nl": "Geef het door",
    },
    "tab.export": {"en": "Export", "sv": "Exportera", "nl": "Exporteren"},
    "people.intro": {
        "en": "Load mentees (id, name, department, manager_id, seniority, language, focus) and "
        "mentors (… capacity, strengths), and the pairs of earlier programmes (programme, "
        "mentor_id, mentee_id). The demo programme is loaded at the start.",
        "sv": "Läs in adepter (id, name, department, manager_id, seniority, language, focus) "
        "och mentorer (… capacity, strengths), och paren från tidigare program (programme, "
        "mentor_id, mentee_id). Exempelprogrammet är inläst från början.",
        "nl": "Laad mentees (id, name, department, manager_id, seniority, language, focus) en "
        "mentoren (… capacity, strengths), en de paren van eerdere programma's (programme, "
        "mentor_id, mentee_id). Het voorbeeldprogramma is bij de start geladen.",
    },
    "people.summary": {
        "en": "{mentees} mentees and {mentors} mentors with {places} places; {history} pairs "
        "from {programmes} earlier programmes.",
        "sv": "{mentees} adepter och {mentors} mentorer med {places} platser; {history} par "
        "från {programmes} tidigare program.",
        "nl": "{mentees} mentees en {mentors} mentoren met {places} plaatsen; {history} paren "
        "uit {programmes} eerdere programma's.",
    },
    "upload.mentees": {"en": "Mentees CSV", "sv": "Adepter (CSV)", "nl": "Mentees (CSV)"},
    "upload.mentors": {"en": "Mentors CSV", "sv": "Mentorer (CSV)", "nl": "Mentoren (CSV)"},
    "upload.history": {
        "en": "Earlier programmes CSV",
        "sv": "Tidigare program (CSV)",
        "nl": "Eerdere programma's (CSV)",
    },
    "upload.volunteers": {
        "en": "Volunteers CSV",
        "sv": "Frivilliga (CSV)",
        "nl": "Vrijwilligers (CSV)",
    },
    "upload.ok": {
        "en": "Loaded {file}. Match again under Match.",
        "sv": "Läste in {file}. Matcha igen under Matcha.",
        "nl": "{file} geladen. Koppel opnieuw onder Koppelen.",
    },
    "upload.failed": {
        "en": "{file} was not loaded; what you had stays. The problem:",
        "sv": "{file} lästes inte in; det du hade finns kvar. Problemet:",
        "nl": "{file} is niet geladen; wat je had, blijft. Het probleem:",
    },
    "match.intro": {
        "en": "Points per part of a pair's fit, and the hard rules. Matching pairs as many "
        "mentees as the rules and places allow, then maximises the total fit.",
        "sv": "Poäng per del av ett pars passform, och de fasta reglerna. Matchningen parar så "
        "många adepter som reglerna och platserna tillåter och maximerar sedan passformen.",
        "nl": "Punten per onderdeel van de fit van een paar, en de harde regels. Koppelen "
        "koppelt zoveel mentees als regels en plaatsen toelaten en maximaliseert dan de fit.",
    },
    "weight.competencies": {
        "en": "Strengths for the gaps",
        "sv": "Styrkor för gapen",
        "nl": "Sterktes voor de tekorten",
    },
    "weight.department": {
        "en": "Other department",
        "sv": "Annan avdelning",
        "nl": "Andere afdeling",
    },
    "weight.seniority": {
        "en": "Seniority step",
        "sv": "Senioritetssteg",
        "nl": "Senioriteitsstap",
    },
    "weight.language": {"en": "Shared language", "sv": "Gemensamt språk", "nl": "Gedeelde taal"},
    "rule.line": {"en": "Never pair", "sv": "Para aldrig", "nl": "Nooit koppelen"},
    "line.direct": {
        "en": "a person and their direct manager",
        "sv": "en person och närmaste chef",
        "nl": "iemand en de directe leidinggevende",
    },
    "line.line": {
        "en": "people in one management line",
        "sv": "personer i samma chefslinje",
        "nl": "mensen in één leidinggevende lijn",
    },
    "rule.language": {
        "en": "Only pairs who share a language",
        "sv": "Bara par med ett gemensamt språk",
        "nl": "Alleen paren met een gedeelde taal",
    },
    "rule.earlier": {
        "en": "Never repeat a pair of an earlier programme",
        "sv": "Upprepa aldrig ett par från ett tidigare program",
        "nl": "Nooit een paar uit een eerder programma herhalen",
    },
    "match.button": {"en": "Match", "sv": "Matcha", "nl": "Koppelen"},
    "match.ok": {
        "en": "{matched} of {mentees} mentees have a mentor; mean fit {mean} points.",
        "sv": "{matched} av {mentees} adepter har en mentor; genomsnittlig passform {mean} poäng.",
        "nl": "{matched} van {mentees} mentees hebben een mentor; gemiddelde fit {mean} punten.",
    },
    "match.failed": {
        "en": "No pairs were made; the pairs you had stay. The problem:",
        "sv": "Inga par skapades; paren du hade finns kvar. Problemet:",
        "nl": "Er zijn geen paren gemaakt; de paren die je had, blijven. Het probleem:",
    },
    "match.none": {
        "en": "No pairs yet: match under Match.",
        "sv": "Inga par ännu: matcha under Matcha.",
        "nl": "Nog geen paren: koppel onder Koppelen.",
    },
    "col.mentee": {"en": "Mentee", "sv": "Adept", "nl": "Mentee"},
    "col.mentor": {"en": "Mentor", "sv": "Mentor", "nl": "Mentor"},
    "col.score": {"en": "Fit", "sv": "Passform", "nl": "Fit"},
    "col.reasons": {"en": "Why", "sv": "Varför", "nl": "Waarom"},
    "pairs.caption": {
        "en": "Mentees {first}–{last} of {total}",
        "sv": "Adepter {first}–{last} av {total}",
        "nl": "Mentees {first}–{last} van {total}",
    },
    "pairs.unassigned": {
        "en": "Left without a mentor by hand",
        "sv": "Utan mentor, ändrat för hand",
        "nl": "Met de hand zonder mentor gelaten",
    },
    "pairs.by_hand": {"en": "(by hand)", "sv": "(för hand)", "nl": "(met de hand)"},
    "pairs.none": {"en": "no mentor", "sv": "ingen mentor", "nl": "geen mentor"},
    "pairs.breaks": {"en": "Breaks a rule:", "sv": "Bryter en regel:", "nl": "Breekt een regel:"},
    "page.label": {"en": "Page", "sv": "Sida", "nl": "Pagina"},
    "page.of": {"en": "of {pages}", "sv": "av {pages}", "nl": "van {pages}"},
    "edit.heading": {
        "en": "Adjust by hand",
        "sv": "Justera för hand",
        "nl": "Met de hand aanpassen",
    },
    "edit.mentee": {"en": "Mentee", "sv": "Adept", "nl": "Mentee"},
    "edit.mentor": {"en": "Mentor", "sv": "Mentor", "nl": "Mentor"},
    "edit.other": {
        "en": "Swap with",
        "sv": "Byt med",
        "nl": "Wisselen met",
    },
    "edit.assign": {"en": "Assign", "sv": "Tilldela", "nl": "Toewijzen"},
    "edit.unassign": {"en": "Unassign", "sv": "Ta bort", "nl": "Loskoppelen"},
    "edit.swap": {"en": "Swap mentors", "sv": "Byt mentorer", "nl": "Mentoren wisselen"},
    "edit.ok": {
        "en": "Changed: {pairs}.",
        "sv": "Ändrat: {pairs}.",
        "nl": "Gewijzigd: {pairs}.",
    },
    "edit.failed": {
        "en": "Nothing changed. The problem:",
        "sv": "Inget ändrades. Problemet:",
        "nl": "Er is niets gewijzigd. Het probleem:",
    },
    "edit.unknown": {
        "en": "{name} is not a mentee or mentor here",
        "sv": "{name} är inte adept eller mentor här",
        "nl": "{name} is hier geen mentee of mentor",
    },
    "warnings.heading": {
        "en": "Warnings: {count}",
        "sv": "Varningar: {count}",
        "nl": "Waarschuwingen: {count}",
    },
    "warnings.none": {
        "en": "Every pair keeps the rules and no mentor has more mentees than places.",
        "sv": "Alla par följer reglerna och ingen mentor har fler adepter än platser.",
        "nl": "Elk paar houdt zich aan de regels en geen mentor heeft meer mentees dan plaatsen.",
    },
    "warning.rule": {
        "en": "{mentee} with {mentor} breaks a hard rule: {rules}",
        "sv": "{mentee} med {mentor} bryter en fast regel: {rules}",
        "nl": "{mentee} met {mentor} breekt een harde regel: {rules}",
    },
    "warning.capacity": {
        "en": "{mentor} has {count} mentees but takes {capacity}",
        "sv": "{mentor} har {count} adepter men tar emot {capacity}",
        "nl": "{mentor} heeft {count} mentees maar neemt er {capacity}",
    },
    "network.intro": {
        "en": "Who mentored whom across programmes: generation 0 started a chain, their "
        "mentees are generation 1, and so on. Arrows point from mentor to mentee; the colour "
        "is the generation. This programme's pairs are included.",
        "sv": "Vem som var mentor för vem genom programmen: generation 0 startade en kedja, "
        "deras adepter är generation 1 och så vidare. Pilarna går från mentor till adept; "
        "färgen är generationen. Det här programmets par är med.",
        "nl": "Wie wie begeleidde over de programma's heen: generatie 0 begon een keten, hun "
        "mentees zijn generatie 1, enzovoort. Pijlen wijzen van mentor naar mentee; de kleur "
        "is de generatie. De paren van dit programma tellen mee.",
    },
    "network.generations": {
        "en": "People per generation",
        "sv": "Personer per generation",
        "nl": "Mensen per generatie",
    },
    "network.generation": {"en": "Generation", "sv": "Generation", "nl": "Generatie"},
    "network.people": {"en": "People", "sv": "Personer", "nl": "Mensen"},
    "network.ready": {
        "en": "Ready to mentor next (former mentees who volunteered): {people}",
        "sv": "Redo att bli mentor härnäst (tidigare adepter som anmält sig): {people}",
        "nl": "Klaar om hierna mentor te zijn (oud-mentees die zich aanmeldden): {people}",
    },
    "network.nobody": {"en": "nobody yet", "sv": "ingen ännu", "nl": "nog niemand"},
    "network.shown": {
        "en": "The drawing shows the {shown} people of the {total} in the chain with the most "
        "connections.",
        "sv": "Bilden visar de {shown} personer av {total} i kedjan som har flest kopplingar.",
        "nl": "De tekening toont de {shown} mensen van de {total} in de keten met de meeste "
        "verbindingen.",
    },
    "export.intro": {
        "en": "Save the pairs (mentee_id, mentor_id, score, reasons) or the roster for the "
        "peer-group block in mentoring mode, and download them.",
        "sv": "Spara paren (mentee_id, mentor_id, score, reasons) eller deltagarlistan för "
        "peer-group-blocket i mentorskapsläge och ladda ned dem.",
        "nl": "Sla de paren op (mentee_id, mentor_id, score, reasons) of de deelnemerslijst "
        "voor het peer-group-blok in mentoringmodus, en download ze.",
    },
    "export.kind": {"en": "File", "sv": "Fil", "nl": "Bestand"},
    "export.kind.pairs": {"en": "Pairs CSV", "sv": "Par (CSV)", "nl": "Paren (CSV)"},
    "export.kind.roster": {
        "en": "Roster for the peer-group block",
        "sv": "Deltagarlista för peer-group-blocket",
        "nl": "Deelnemerslijst voor het peer-group-blok",
    },
    "export.failed": {
        "en": "Nothing was exported. The problem:",
        "sv": "Inget exporterades. Problemet:",
        "nl": "Er is niets geëxporteerd. Het probleem:",
    },
    "export.no_pairs": {
        "en": "there are no pairs to export yet",
        "sv": "det finns inga par att exportera ännu",
        "nl": "er zijn nog geen paren om te exporteren",
    },
    "export.roster_refused": {
        "en": "The peer-group block would not take this roster: {problem}",
        "sv": "Peer-group-blocket skulle inte ta emot deltagarlistan: {problem}",
        "nl": "Het peer-group-blok zou deze deelnemerslijst niet aannemen: {problem}",
    },
    "roster.group": {"en": "Mentoring", "sv": "Mentorskap", "nl": "Mentoring"},
}


def text(key: str, language: str, **fields: object) -> str:
    """The notebook's text for ``key`` in ``language``, filled in."""
    return message(key, language, catalog=MENTORING_MESSAGES, **fields)


class _Context(Protocol):
    framework: CompetencyFramework | None
    language: str


def reason_text(reason: Reason, context: _Context) -> str:
    """A pair reason in the context's language, competencies named from its framework."""
    language = context.language.split("-")[0]
    templates = REASONS[reason.code]
    if language not in templates:
        return render_reason(reason, context.framework, context.language)
    params = dict(reason.params)
    competency = params.get("competency")
    framework = context.framework
    if framework is not None and isinstance(competency, str) and framework.has_node(competency):
        params["competency"] = localize(framework.node(competency).name, context.language)
    template = templates[language]
    if isinstance(template, tuple):
        template = template[0] if params.get("count") == 1 else template[1]
    return template.format_map(params)
