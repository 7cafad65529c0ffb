"""The intervision notebook's own words in English, Swedish and Dutch.

Why a grouping is impossible or what it breaks comes translated from
``talent_core.grouping`` (its notices); this catalog covers the labels and notices the
widgets add. Words all notebooks share (language, folder, download) stay in ``_messages``.
"""

from __future__ import annotations

from collections.abc import Mapping

from ._messages import message

__all__ = ["GROUP_MESSAGES", "text"]

GROUP_MESSAGES: Mapping[str, Mapping[str, str]] = {
    "tab.people": {"en": "People", "sv": "Personer", "nl": "Mensen"},
    "tab.rules": {"en": "Rules and goals", "sv": "Regler och mål", "nl": "Regels en doelen"},
    "tab.groups": {"en": "Groups", "sv": "Grupper", "nl": "Groepen"},
    "tab.export": {"en": "Export", "sv": "Exportera", "nl": "Exporteren"},
    "people.intro": {
        "en": "Load the people to group from a people CSV (id, name, email, manager_id, "
        "department, location, timezone, seniority, language) or generate a demo organisation.",
        "sv": "Läs in personerna som ska delas in från en person-CSV (id, name, email, "
        "manager_id, department, location, timezone, seniority, language) eller skapa en "
        "exempelorganisation.",
        "nl": "Laad de mensen die ingedeeld worden uit een personen-CSV (id, name, email, "
        "manager_id, department, location, timezone, seniority, language) of maak een "
        "voorbeeldorganisatie.",
    },
    "people.size": {"en": "People", "sv": "Personer", "nl": "Mensen"},
    "people.seed": {"en": "Seed", "sv": "Frö", "nl": "Zaad"},
    "people.generate": {
        "en": "Generate demo organisation",
        "sv": "Skapa exempelorganisation",
        "nl": "Voorbeeldorganisatie maken",
    },
    "people.upload": {
        "en": "People CSV",
        "sv": "Person-CSV",
        "nl": "Personen-CSV",
    },
    "people.summary": {
        "en": "{people} people from {source}: {departments} departments, {locations} locations, "
        "{managers} managers; working languages: {languages}.",
        "sv": "{people} personer från {source}: {departments} avdelningar, {locations} orter, "
        "{managers} chefer; arbetsspråk: {languages}.",
        "nl": "{people} mensen uit {source}: {departments} afdelingen, {locations} locaties, "
        "{managers} leidinggevenden; werktalen: {languages}.",
    },
    "people.none": {
        "en": "No people loaded yet.",
        "sv": "Inga personer inlästa ännu.",
        "nl": "Nog geen mensen geladen.",
    },
    "people.ok": {
        "en": "Loaded {count} people from {source}. Design groups under Rules and goals.",
        "sv": "Läste in {count} personer från {source}. Skapa grupper under Regler och mål.",
        "nl": "{count} mensen geladen uit {source}. Maak groepen onder Regels en doelen.",
    },
    "people.failed": {
        "en": "{file} was not loaded; the people you had stay. The problem:",
        "sv": "{file} lästes inte in; personerna du hade finns kvar. Problemet:",
        "nl": "{file} is niet geladen; de mensen die je had, blijven. Het probleem:",
    },
    "people.demo_failed": {
        "en": "No demo organisation was generated. The problem:",
        "sv": "Ingen exempelorganisation skapades. Problemet:",
        "nl": "Er is geen voorbeeldorganisatie gemaakt. Het probleem:",
    },
    "source.demo": {
        "en": "a demo organisation ({size} people, seed {seed})",
        "sv": "en exempelorganisation ({size} personer, frö {seed})",
        "nl": "een voorbeeldorganisatie ({size} mensen, zaad {seed})",
    },
    "rules.hard": {
        "en": "Hard rules (never broken by a designed grouping)",
        "sv": "Fasta regler (bryts aldrig av en skapad indelning)",
        "nl": "Harde regels (een gemaakte indeling breekt ze nooit)",
    },
    "rules.size": {"en": "Group size", "sv": "Gruppstorlek", "nl": "Groepsgrootte"},
    "rules.same_language": {
        "en": "One working language per group",
        "sv": "Ett arbetsspråk per grupp",
        "nl": "Eén werktaal per groep",
    },
    "rules.manager": {"en": "Keep apart", "sv": "Håll isär", "nl": "Houd gescheiden"},
    "manager.direct": {
        "en": "people and their direct manager",
        "sv": "personer och deras närmaste chef",
        "nl": "mensen en hun directe leidinggevende",
    },
    "manager.line": {
        "en": "people and every manager up their line",
        "sv": "personer och alla chefer ovanför dem",
        "nl": "mensen en elke leidinggevende boven hen",
    },
    "rules.together": {
        "en": "Must-together pairs (id_a,id_b)",
        "sv": "Par som måste vara tillsammans (id_a,id_b)",
        "nl": "Paren die samen moeten zijn (id_a,id_b)",
    },
    "rules.apart": {
        "en": "Must-apart pairs (id_a,id_b)",
        "sv": "Par som måste vara åtskilda (id_a,id_b)",
        "nl": "Paren die gescheiden moeten zijn (id_a,id_b)",
    },
    "rules.history": {
        "en": "Earlier rounds (id,round,group)",
        "sv": "Tidigare omgångar (id,round,group)",
        "nl": "Eerdere rondes (id,round,group)",
    },
    "rules.clear": {"en": "Clear", "sv": "Rensa", "nl": "Wissen"},
    "rules.loaded": {
        "en": "{file}: rows read: {count}.",
        "sv": "{file}: inlästa rader: {count}.",
        "nl": "{file}: ingelezen rijen: {count}.",
    },
    "rules.none_loaded": {
        "en": "None loaded.",
        "sv": "Ingen inläst.",
        "nl": "Niets geladen.",
    },
    "rules.upload_failed": {
        "en": "{file} was not loaded; what was loaded before stays. The problem:",
        "sv": "{file} lästes inte in; det som var inläst finns kvar. Problemet:",
        "nl": "{file} is niet geladen; wat eerder geladen was, blijft. Het probleem:",
    },
    "goals.heading": {
        "en": "Goals (weighted; weight 0 switches a goal off)",
        "sv": "Mål (viktade; vikt 0 stänger av ett mål)",
        "nl": "Doelen (gewogen; gewicht 0 zet een doel uit)",
    },
    "goal.department": {"en": "Departments", "sv": "Avdelningar", "nl": "Afdelingen"},
    "goal.location": {"en": "Locations", "sv": "Orter", "nl": "Locaties"},
    "goal.seniority": {"en": "Seniority", "sv": "Senioritet", "nl": "Senioriteit"},
    "goal.timezone": {
        "en": "Few time-zone bands",
        "sv": "Få tidszonsband",
        "nl": "Weinig tijdzonebanden",
    },
    "goal.repeat": {
        "en": "Not meeting again",
        "sv": "Inte träffas igen",
        "nl": "Niet opnieuw samen",
    },
    "goal.weight": {"en": "weight", "sv": "vikt", "nl": "gewicht"},
    "goal.band_hours": {
        "en": "Time-zone band (hours)",
        "sv": "Tidszonsband (timmar)",
        "nl": "Tijdzoneband (uren)",
    },
    "policy.dissimilar": {
        "en": "spread over groups",
        "sv": "sprid över grupperna",
        "nl": "spreiden over groepen",
    },
    "policy.similar": {
        "en": "keep alike together",
        "sv": "håll lika tillsammans",
        "nl": "gelijken samen houden",
    },
    "policy.ignore": {"en": "ignore", "sv": "ignorera", "nl": "negeren"},
    "run.heading": {"en": "Design", "sv": "Skapa", "nl": "Maken"},
    "run.seed": {"en": "Seed", "sv": "Frö", "nl": "Zaad"},
    "run.time_limit": {
        "en": "Time limit (s, 0: none)",
        "sv": "Tidsgräns (s, 0: ingen)",
        "nl": "Tijdslimiet (s, 0: geen)",
    },
    "run.button": {"en": "Design groups", "sv": "Skapa grupper", "nl": "Groepen maken"},
    "run.progress": {"en": "Progress", "sv": "Förlopp", "nl": "Voortgang"},
    "run.ok": {
        "en": "{groups} groups for {people} people in {seconds} s (seed {seed}).",
        "sv": "{groups} grupper för {people} personer på {seconds} s (frö {seed}).",
        "nl": "{groups} groepen voor {people} mensen in {seconds} s (zaad {seed}).",
    },
    "run.failed": {
        "en": "No groups were made; the groups you had stay. Why:",
        "sv": "Inga grupper skapades; grupperna du hade finns kvar. Varför:",
        "nl": "Er zijn geen groepen gemaakt; de groepen die je had, blijven. Waarom:",
    },
    "run.invalid": {
        "en": "These settings are not valid:",
        "sv": "De här inställningarna är inte giltiga:",
        "nl": "Deze instellingen zijn niet geldig:",
    },
    "design.no_people": {
        "en": "there are no people to group; load or generate them first",
        "sv": "det finns inga personer att dela in; läs in eller skapa dem först",
        "nl": "er zijn geen mensen om in te delen; laad of maak ze eerst",
    },
    "group.prefix": {"en": "Intervision", "sv": "Handledning", "nl": "Intervisie"},
    "groups.none": {
        "en": "No groups yet: set the rules and goals, then design groups.",
        "sv": "Inga grupper ännu: ställ in regler och mål och skapa sedan grupper.",
        "nl": "Nog geen groepen: stel de regels en doelen in en maak dan groepen.",
    },
    "groups.summary": {
        "en": "{groups} groups, mean score {mean} of 100; worst group {worst} with {worst_score}.",
        "sv": "{groups} grupper, medelpoäng {mean} av 100; sämsta grupp {worst} med {worst_score}.",
        "nl": "{groups} groepen, gemiddelde score {mean} van 100; zwakste groep {worst} met "
        "{worst_score}.",
    },
    "groups.violations": {
        "en": "Broken hard rules: {count}",
        "sv": "Brutna fasta regler: {count}",
        "nl": "Gebroken harde regels: {count}",
    },
    "groups.no_violations": {
        "en": "Every hard rule holds.",
        "sv": "Alla fasta regler hålls.",
        "nl": "Alle harde regels gelden.",
    },
    "groups.warnings": {
        "en": "Worth a look: {count}",
        "sv": "Värt att titta på: {count}",
        "nl": "Het bekijken waard: {count}",
    },
    "groups.more": {
        "en": "… and {count} more.",
        "sv": "… och {count} till.",
        "nl": "… en nog {count}.",
    },
    "table.caption": {
        "en": "Groups {first}–{last} of {total}",
        "sv": "Grupp {first}–{last} av {total}",
        "nl": "Groepen {first}–{last} van {total}",
    },
    "col.group": {"en": "Group", "sv": "Grupp", "nl": "Groep"},
    "col.size": {"en": "Size", "sv": "Storlek", "nl": "Grootte"},
    "col.languages": {"en": "Language", "sv": "Språk", "nl": "Taal"},
    "col.score": {"en": "Score", "sv": "Poäng", "nl": "Score"},
    "col.members": {"en": "Members", "sv": "Medlemmar", "nl": "Leden"},
    "col.distinct": {
        "en": "Departments / locations",
        "sv": "Avdelningar / orter",
        "nl": "Afdelingen / locaties",
    },
    "sort.label": {"en": "Order", "sv": "Ordning", "nl": "Volgorde"},
    "sort.name": {"en": "by name", "sv": "efter namn", "nl": "op naam"},
    "sort.worst": {"en": "worst first", "sv": "sämst först", "nl": "zwakste eerst"},
    "page.label": {"en": "Page", "sv": "Sida", "nl": "Pagina"},
    "page.of": {"en": "of {pages}", "sv": "av {pages}", "nl": "van {pages}"},
    "chart.attribute": {"en": "Chart", "sv": "Diagram", "nl": "Grafiek"},
    "chart.spread": {
        "en": "{attribute} per group (the groups of this page)",
        "sv": "{attribute} per grupp (grupperna på den här sidan)",
        "nl": "{attribute} per groep (de groepen op deze pagina)",
    },
    "chart.people": {"en": "people", "sv": "personer", "nl": "mensen"},
    "chart.scores": {
        "en": "Group scores (all groups)",
        "sv": "Grupppoäng (alla grupper)",
        "nl": "Groepsscores (alle groepen)",
    },
    "chart.groups": {"en": "groups", "sv": "grupper", "nl": "groepen"},
    "attr.department": {"en": "Departments", "sv": "Avdelningar", "nl": "Afdelingen"},
    "attr.location": {"en": "Locations", "sv": "Orter", "nl": "Locaties"},
    "attr.seniority": {"en": "Seniority", "sv": "Senioritet", "nl": "Senioriteit"},
    "attr.language": {"en": "Working languages", "sv": "Arbetsspråk", "nl": "Werktalen"},
    "attr.timezone": {"en": "Time zones", "sv": "Tidszoner", "nl": "Tijdzones"},
    "move.heading": {
        "en": "Move a person by hand",
        "sv": "Flytta en person för hand",
        "nl": "Iemand met de hand verplaatsen",
    },
    "move.find": {
        "en": "Find (id, e-mail or name)",
        "sv": "Sök (id, e-post eller namn)",
        "nl": "Zoek (id, e-mail of naam)",
    },
    "move.find_button": {"en": "Find", "sv": "Sök", "nl": "Zoeken"},
    "move.found": {
        "en": "Found {person} in {group}.",
        "sv": "Hittade {person} i {group}.",
        "nl": "{person} gevonden in {group}.",
    },
    "move.found_more": {
        "en": "{count} people match; showing the first. Type more to narrow it down.",
        "sv": "{count} personer matchar; visar den första. Skriv mer för att begränsa.",
        "nl": "{count} mensen komen overeen; de eerste wordt getoond. Typ meer om te beperken.",
    },
    "move.not_found": {
        "en": "Nobody matches {query}.",
        "sv": "Ingen matchar {query}.",
        "nl": "Niemand komt overeen met {query}.",
    },
    "move.group": {"en": "From group", "sv": "Från grupp", "nl": "Uit groep"},
    "move.person": {"en": "Person", "sv": "Person", "nl": "Persoon"},
    "move.target": {"en": "To group", "sv": "Till grupp", "nl": "Naar groep"},
    "move.button": {"en": "Move", "sv": "Flytta", "nl": "Verplaatsen"},
    "move.ok": {
        "en": "Moved {person} from {source} (now {source_score}) to {target} (now {target_score}).",
        "sv": "Flyttade {person} från {source} (nu {source_score}) till {target} (nu "
        "{target_score}).",
        "nl": "{person} verplaatst van {source} (nu {source_score}) naar {target} (nu "
        "{target_score}).",
    },
    "move.same": {
        "en": "{person} is already in {group}.",
        "sv": "{person} är redan i {group}.",
        "nl": "{person} zit al in {group}.",
    },
    "move.broken": {
        "en": "The grouping now breaks {count} hard rule(s); see the list above.",
        "sv": "Indelningen bryter nu {count} fast(a) regel/regler; se listan ovan.",
        "nl": "De indeling breekt nu {count} harde regel(s); zie de lijst hierboven.",
    },
    "move.unknown": {
        "en": "{name} is not part of the grouping",
        "sv": "{name} är inte med i indelningen",
        "nl": "{name} maakt geen deel uit van de indeling",
    },
    "move.failed": {
        "en": "Nothing was moved. The problem:",
        "sv": "Inget flyttades. Problemet:",
        "nl": "Er is niets verplaatst. Het probleem:",
    },
    "export.intro": {
        "en": "Save the groups in the folder below and download them: the Open edX Teams "
        "membership CSV (instructor dashboard), the roster the peer-group block takes, the "
        "groups as id,group, or the scores per group.",
        "sv": "Spara grupperna i mappen nedan och ladda ned dem: Open edX-teamens CSV för "
        "medlemskap (instruktörspanelen), deltagarlistan som peer-group-blocket tar emot, "
        "grupperna som id,group eller poängen per grupp.",
        "nl": "Sla de groepen op in de map hieronder en download ze: de CSV voor "
        "teamlidmaatschap van Open edX (instructeursdashboard), de deelnemerslijst voor het "
        "peer-group-blok, de groepen als id,group of de scores per groep.",
    },
    "export.kind": {"en": "File", "sv": "Fil", "nl": "Bestand"},
    "export.kind.teams": {
        "en": "Open edX Teams membership CSV",
        "sv": "Open edX-teamens CSV för medlemskap",
        "nl": "CSV voor teamlidmaatschap van Open edX",
    },
    "export.kind.roster": {
        "en": "Roster for the peer-group block",
        "sv": "Deltagarlista för peer-group-blocket",
        "nl": "Deelnemerslijst voor het peer-group-blok",
    },
    "export.kind.groups": {
        "en": "Groups (id,group)",
        "sv": "Grupper (id,group)",
        "nl": "Groepen (id,group)",
    },
    "export.kind.report": {
        "en": "Scores per group",
        "sv": "Poäng per grupp",
        "nl": "Scores per groep",
    },
    "export.teamset": {"en": "Teamset id", "sv": "Teamset-id", "nl": "Teamset-id"},
    "export.mode": {
        "en": "Enrolment mode",
        "sv": "Registreringsläge",
        "nl": "Inschrijfmodus",
    },
    "export.mode_column": {
        "en": "from column {column}",
        "sv": "från kolumnen {column}",
        "nl": "uit kolom {column}",
    },
    "export.header": {"en": "First column", "sv": "Första kolumnen", "nl": "Eerste kolom"},
    "export.header.user": {
        "en": "user (username or e-mail)",
        "sv": "user (användarnamn eller e-post)",
        "nl": "user (gebruikersnaam of e-mail)",
    },
    "export.header.username": {
        "en": "username (newer Open edX releases)",
        "sv": "username (nyare Open edX-versioner)",
        "nl": "username (nieuwere Open edX-versies)",
    },
    "export.failed": {
        "en": "Nothing was exported. The problem:",
        "sv": "Inget exporterades. Problemet:",
        "nl": "Er is niets geëxporteerd. Het probleem:",
    },
    "export.no_groups": {
        "en": "there are no groups to export yet",
        "sv": "det finns inga grupper att exportera ännu",
        "nl": "er zijn nog geen groepen om te exporteren",
    },
    "export.roster_ids": {
        "en": "The people file has no username column, so the roster names people by their id.",
        "sv": "Personfilen har ingen kolumn username, så deltagarlistan anger personernas id.",
        "nl": "Het personenbestand heeft geen kolom username, dus de deelnemerslijst noemt "
        "mensen bij hun id.",
    },
    "export.roster_refused": {
        "en": "The peer-group block would not take this roster: {problem}",
        "sv": "Peer-group-blocket skulle inte ta emot deltagarlistan: {problem}",
        "nl": "Het peer-group-blok zou deze deelnemerslijst niet aannemen: {problem}",
    },
}


def text(key: str, language: str, **fields: object) -> str:
    """The notebook's text for ``key`` in ``language``, filled in."""
    return message(key, language, catalog=GROUP_MESSAGES, **fields)
