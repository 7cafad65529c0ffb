"""The HR dashboards' own words in English, Swedish and Dutch.

Learning modes, the language menu and the export's link text come from ``_messages.MESSAGES``;
competency and role names from the framework and role profiles.
"""

from __future__ import annotations

from collections.abc import Mapping

from ._messages import MESSAGES, message

__all__ = ["DASHBOARD_MESSAGES", "text"]

DASHBOARD_MESSAGES: Mapping[str, Mapping[str, str]] = {
    "tab.data": {"en": "Data", "sv": "Data", "nl": "Gegevens"},
    "tab.gaps": {"en": "Gaps", "sv": "Gap", "nl": "Tekorten"},
    "tab.plans": {"en": "Plan progress", "sv": "Planernas framsteg", "nl": "Voortgang plannen"},
    "tab.mix": {"en": "Learning mix", "sv": "Lärmix", "nl": "Leermix"},
    "tab.export": {"en": "Export", "sv": "Exportera", "nl": "Exporteren"},
    "data.intro": {
        "en": 'Upload the staff "Download data (CSV)" files of the competency assessment, '
        "development plan, development dialogue and peer group blocks, and optionally a people "
        "CSV (id, email, department, …) to see gaps per department. Several files may be "
        "uploaded at once; each is recognised by its columns. A file that cannot be read "
        "changes nothing.",
        "sv": 'Ladda upp CSV-filerna från "Ladda ned data (CSV)" i blocken för '
        "självskattning, utvecklingsplan, utvecklingssamtal och kollegial grupp, och gärna en "
        "CSV med personer (id, email, department, …) för att se gap per avdelning. Flera filer "
        "kan laddas upp samtidigt; var och en känns igen på sina kolumner. En fil som inte går "
        "att läsa ändrar ingenting.",
        "nl": 'Upload de CSV-bestanden van "Gegevens downloaden (CSV)" uit de blokken '
        "zelfbeoordeling, ontwikkelplan, ontwikkelgesprek en intervisiegroep, en eventueel een "
        "CSV met mensen (id, email, department, …) om tekorten per afdeling te zien. Meerdere "
        "bestanden tegelijk mag; elk wordt herkend aan zijn kolommen. Een bestand dat niet te "
        "lezen is, verandert niets.",
    },
    "data.upload": {"en": "CSV files", "sv": "CSV-filer", "nl": "CSV-bestanden"},
    "data.caption": {"en": "Loaded data", "sv": "Inlästa data", "nl": "Geladen gegevens"},
    "data.none": {
        "en": "Nothing loaded yet.",
        "sv": "Inget inläst ännu.",
        "nl": "Nog niets geladen.",
    },
    "data.demo": {
        "en": "Demo organisation of {people} people (seed {seed}).",
        "sv": "Exempelorganisation med {people} personer (frö {seed}).",
        "nl": "Voorbeeldorganisatie van {people} mensen (zaad {seed}).",
    },
    "col.kind": {"en": "Data", "sv": "Data", "nl": "Gegevens"},
    "col.files": {"en": "Files", "sv": "Filer", "nl": "Bestanden"},
    "col.rows": {"en": "Rows", "sv": "Rader", "nl": "Rijen"},
    "col.unreadable": {
        "en": "Rows the block could not read",
        "sv": "Rader som blocket inte kunde läsa",
        "nl": "Rijen die het blok niet kon lezen",
    },
    "kind.assessment": {
        "en": "Self-assessments",
        "sv": "Självskattningar",
        "nl": "Zelfbeoordelingen",
    },
    "kind.plan": {"en": "Development plans", "sv": "Utvecklingsplaner", "nl": "Ontwikkelplannen"},
    "kind.dialogue": {
        "en": "Development dialogues",
        "sv": "Utvecklingssamtal",
        "nl": "Ontwikkelgesprekken",
    },
    "kind.peer_group": {"en": "Peer groups", "sv": "Kollegiala grupper", "nl": "Intervisiegroepen"},
    "kind.people": {"en": "People", "sv": "Personer", "nl": "Mensen"},
    "load.ok": {
        "en": "Loaded {files}.",
        "sv": "Läste in {files}.",
        "nl": "{files} geladen.",
    },
    "load.failed": {
        "en": "Nothing was loaded; the data shown before is kept. The problem:",
        "sv": "Inget lästes in; de data som visades förut finns kvar. Problemet:",
        "nl": "Er is niets geladen; de gegevens van daarvoor blijven staan. Het probleem:",
    },
    "gaps.intro": {
        "en": "Mean importance-weighted gap of the latest submitted self-assessments: 0 when "
        "the required level is met, up to 5 for a critical requirement at the bottom of the "
        "scale. Only competencies the learner's role requires and the learner rated count.",
        "sv": "Medelvärdet av det viktade gapet i de senaste inskickade självskattningarna: 0 "
        "när den krävda nivån nås, upp till 5 för ett kritiskt krav längst ned på skalan. Bara "
        "kompetenser som rollen kräver och som deltagaren skattat räknas.",
        "nl": "Gemiddeld gewogen tekort van de laatst ingediende zelfbeoordelingen: 0 als het "
        "vereiste niveau gehaald is, tot 5 voor een cruciale eis onderaan de schaal. Alleen "
        "competenties die de rol vereist en die de deelnemer beoordeelde tellen mee.",
    },
    "gaps.group_by": {"en": "Rows", "sv": "Rader", "nl": "Rijen"},
    "group.department": {"en": "Departments", "sv": "Avdelningar", "nl": "Afdelingen"},
    "group.role": {"en": "Target roles", "sv": "Målroller", "nl": "Doelrollen"},
    "gaps.no_people": {
        "en": "Upload a people CSV to see departments; until then the rows are target roles.",
        "sv": "Ladda upp en CSV med personer för att se avdelningar; till dess visas målroller.",
        "nl": "Upload een CSV met mensen om afdelingen te zien; tot dan zijn de rijen doelrollen.",
    },
    "gaps.unknown_roles": {
        "en": "Not counted: assessments against target roles without a known role profile "
        "(learners): {roles}.",
        "sv": "Räknas inte: skattningar mot målroller utan känd rollprofil (deltagare): {roles}.",
        "nl": "Niet meegeteld: beoordelingen tegen doelrollen zonder bekend rolprofiel "
        "(deelnemers): {roles}.",
    },
    "gaps.small": {
        "en": "Not shown: cells with fewer than {least} ratings ({count}; the export has them).",
        "sv": "Visas inte: celler med färre än {least} skattningar ({count}; exporten har dem).",
        "nl": "Niet getoond: cellen met minder dan {least} beoordelingen ({count}; de export "
        "bevat ze).",
    },
    "gaps.title": {
        "en": "Mean weighted gap per {group} and competency",
        "sv": "Medelvärde av viktat gap per {group} och kompetens",
        "nl": "Gemiddeld gewogen tekort per {group} en competentie",
    },
    "gaps.group.department": {"en": "department", "sv": "avdelning", "nl": "afdeling"},
    "gaps.group.role": {"en": "target role", "sv": "målroll", "nl": "doelrol"},
    "gaps.colorbar": {"en": "Gap", "sv": "Gap", "nl": "Tekort"},
    "gaps.unknown": {
        "en": "(not in the people file)",
        "sv": "(saknas i personfilen)",
        "nl": "(niet in het bestand met mensen)",
    },
    "gaps.none": {
        "en": "No submitted self-assessments with rated requirements are loaded.",
        "sv": "Inga inskickade självskattningar med skattade krav är inlästa.",
        "nl": "Er zijn geen ingediende zelfbeoordelingen met beoordeelde eisen geladen.",
    },
    "gaps.top": {
        "en": "The {count} largest gaps",
        "sv": "De {count} största gapen",
        "nl": "De {count} grootste tekorten",
    },
    "col.group": {"en": "Group", "sv": "Grupp", "nl": "Groep"},
    "col.competency": {"en": "Competency", "sv": "Kompetens", "nl": "Competentie"},
    "col.gap": {"en": "Mean gap", "sv": "Medelgap", "nl": "Gemiddeld tekort"},
    "col.learners": {"en": "Ratings", "sv": "Skattningar", "nl": "Beoordelingen"},
    "plans.none": {
        "en": "No development plans are loaded.",
        "sv": "Inga utvecklingsplaner är inlästa.",
        "nl": "Er zijn geen ontwikkelplannen geladen.",
    },
    "plans.agreement": {
        "en": "Plans agreed with the manager",
        "sv": "Planer som chefen har godkänt",
        "nl": "Plannen afgesproken met de leidinggevende",
    },
    "agreement.yes": {"en": "Agreed", "sv": "Godkänd", "nl": "Afgesproken"},
    "agreement.changed": {
        "en": "Changed since agreed",
        "sv": "Ändrad sedan godkännandet",
        "nl": "Gewijzigd na de afspraak",
    },
    "agreement.no": {"en": "Not agreed", "sv": "Inte godkänd", "nl": "Niet afgesproken"},
    "plans.activities": {
        "en": "Activities by status",
        "sv": "Aktiviteter per status",
        "nl": "Activiteiten per status",
    },
    "status.planned": {"en": "Planned", "sv": "Planerad", "nl": "Gepland"},
    "status.doing": {"en": "Doing", "sv": "Pågår", "nl": "Bezig"},
    "status.done": {"en": "Done", "sv": "Klar", "nl": "Klaar"},
    "status.dropped": {"en": "Dropped", "sv": "Struken", "nl": "Geschrapt"},
    "plans.progress": {
        "en": "Plans by progress (done activities, in % of those not dropped)",
        "sv": "Planer efter framsteg (klara aktiviteter, i % av dem som inte strukits)",
        "nl": "Plannen naar voortgang (klare activiteiten, in % van de niet geschrapte)",
    },
    "plans.conversations": {
        "en": "Conversations about development",
        "sv": "Samtal om utveckling",
        "nl": "Gesprekken over ontwikkeling",
    },
    "col.measure": {"en": "Measure", "sv": "Mått", "nl": "Maat"},
    "col.count": {"en": "Count", "sv": "Antal", "nl": "Aantal"},
    "measure.dialogue_learners": {
        "en": "Learners who prepared a development dialogue",
        "sv": "Deltagare som förberett ett utvecklingssamtal",
        "nl": "Deelnemers die een ontwikkelgesprek voorbereidden",
    },
    "measure.dialogue_held": {
        "en": "Learners with a recorded conversation",
        "sv": "Deltagare med ett registrerat samtal",
        "nl": "Deelnemers met een vastgelegd gesprek",
    },
    "measure.conversations": {
        "en": "Conversations recorded",
        "sv": "Registrerade samtal",
        "nl": "Vastgelegde gesprekken",
    },
    "measure.peer_members": {
        "en": "Peer-group members in the report",
        "sv": "Medlemmar i kollegiala grupper i rapporten",
        "nl": "Leden van intervisiegroepen in het rapport",
    },
    "measure.peer_groups": {
        "en": "Peer groups",
        "sv": "Kollegiala grupper",
        "nl": "Intervisiegroepen",
    },
    "measure.sessions_logged": {
        "en": "Peer-group sessions logged (per member)",
        "sv": "Loggade gruppträffar (per medlem)",
        "nl": "Vastgelegde intervisiebijeenkomsten (per lid)",
    },
    "measure.volunteers": {
        "en": "Volunteers for the next round (mentor or host)",
        "sv": "Frivilliga till nästa omgång (mentor eller värd)",
        "nl": "Vrijwilligers voor de volgende ronde (mentor of gespreksleider)",
    },
    "export.conversations": {
        "en": "Conversations about development",
        "sv": "Samtal om utveckling",
        "nl": "Gesprekken over ontwikkeling",
    },
    "col.agreement": {"en": "Agreement", "sv": "Godkännande", "nl": "Afspraak"},
    "col.plans": {"en": "Plans", "sv": "Planer", "nl": "Plannen"},
    "col.share": {"en": "Share", "sv": "Andel", "nl": "Aandeel"},
    "col.status": {"en": "Status", "sv": "Status", "nl": "Status"},
    "col.activities": {"en": "Activities", "sv": "Aktiviteter", "nl": "Activiteiten"},
    "col.progress": {"en": "Progress (%)", "sv": "Framsteg (%)", "nl": "Voortgang (%)"},
    "mix.intro": {
        "en": "Planned hours per learning mode over all plans, and what they cost at the rates "
        "below (direct cost per hour plus the salary of time away from work), next to the same "
        "hours spent mostly in the classroom (60 %, 10 % in each other mode).",
        "sv": "Planerade timmar per lärform i alla planer och vad de kostar med satserna nedan "
        "(direkt kostnad per timme plus lön för tid borta från arbetet), bredvid samma timmar "
        "mest i lärarledda kurser (60 %, 10 % i varje annan lärform).",
        "nl": "Geplande uren per leervorm over alle plannen, en wat ze kosten tegen de tarieven "
        "hieronder (directe kosten per uur plus salaris van tijd weg van het werk), naast "
        "dezelfde uren vooral klassikaal (60 %, 10 % in elke andere leervorm).",
    },
    "mix.currency": {"en": "Currency", "sv": "Valuta", "nl": "Valuta"},
    "mix.salary": {
        "en": "Salary per hour away",
        "sv": "Lön per timme borta",
        "nl": "Salaris per uur weg",
    },
    "mix.cost_per_hour": {
        "en": "cost per hour",
        "sv": "kostnad per timme",
        "nl": "kosten per uur",
    },
    "mix.away_share": {
        "en": "share away (0–1)",
        "sv": "andel borta (0–1)",
        "nl": "aandeel weg (0–1)",
    },
    "mix.apply": {"en": "Apply rates", "sv": "Använd satserna", "nl": "Tarieven toepassen"},
    "mix.rates_ok": {
        "en": "The rates are applied.",
        "sv": "Satserna används.",
        "nl": "De tarieven zijn toegepast.",
    },
    "mix.rates_failed": {
        "en": "The rates were not changed. The problem:",
        "sv": "Satserna ändrades inte. Problemet:",
        "nl": "De tarieven zijn niet gewijzigd. Het probleem:",
    },
    "mix.caption": {
        "en": "The organisation's learning mix and a classroom-heavy alternative ({currency})",
        "sv": "Organisationens lärmix och ett alternativ med mest lärarledda kurser ({currency})",
        "nl": "De leermix van de organisatie en een klassikaal alternatief ({currency})",
    },
    "mix.organisation": {"en": "Organisation", "sv": "Organisationen", "nl": "Organisatie"},
    "mix.alternative": {
        "en": "Classroom-heavy",
        "sv": "Mest lärarlett",
        "nl": "Vooral klassikaal",
    },
    "mix.total": {"en": "Total", "sv": "Totalt", "nl": "Totaal"},
    "mix.cost_axis": {
        "en": "Cost ({currency})",
        "sv": "Kostnad ({currency})",
        "nl": "Kosten ({currency})",
    },
    "col.mode": {"en": "Learning mode", "sv": "Lärform", "nl": "Leervorm"},
    "col.hours": {"en": "Hours", "sv": "Timmar", "nl": "Uren"},
    "col.away": {"en": "Hours away", "sv": "Timmar borta", "nl": "Uren weg"},
    "col.cost": {"en": "Cost", "sv": "Kostnad", "nl": "Kosten"},
    "export.intro": {
        "en": "Save one of the dashboards' tables as CSV in the folder below and download it.",
        "sv": "Spara en av tabellerna som CSV i mappen nedan och ladda ned den.",
        "nl": "Sla een van de tabellen op als CSV in de map hieronder en download hem.",
    },
    "export.table": {"en": "Table", "sv": "Tabell", "nl": "Tabel"},
    "export.gaps": {"en": "Gaps", "sv": "Gap", "nl": "Tekorten"},
    "export.agreement": {"en": "Plan agreement", "sv": "Planernas godkännande", "nl": "Afspraken"},
    "export.activities": {
        "en": "Activities by status",
        "sv": "Aktiviteter per status",
        "nl": "Activiteiten per status",
    },
    "export.progress": {
        "en": "Plans by progress",
        "sv": "Planer efter framsteg",
        "nl": "Plannen naar voortgang",
    },
    "export.mix": {
        "en": "Learning mix and cost",
        "sv": "Lärmix och kostnad",
        "nl": "Leermix en kosten",
    },
    "export.failed": {
        "en": "The table was not exported. The problem:",
        "sv": "Tabellen exporterades inte. Problemet:",
        "nl": "De tabel is niet geëxporteerd. Het probleem:",
    },
}


def text(key: str, language: str, **fields: object) -> str:
    """The dashboards' text for ``key`` (or a shared one, such as a learning mode), filled in."""
    catalog = DASHBOARD_MESSAGES if key in DASHBOARD_MESSAGES else MESSAGES
    return message(key, language, catalog=catalog, **fields)
