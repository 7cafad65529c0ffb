"""Why a grouping is impossible, what a hand-made grouping breaks, and what to watch.

Each notice is a code with parameters, so a notebook or block can show it in the user's
language (English, Swedish, Dutch) and point at the people and the group concerned.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from .._errors import TalentError
from .._text import localize

__all__ = ["InfeasibleGroupingError", "Notice", "NoticeCode"]


class NoticeCode:
    """The codes of notices, grouped by what they say."""

    # why no grouping exists (InfeasibleGroupingError)
    UNKNOWN_PERSON = "unknown_person"
    PAIR_WITH_SELF = "pair_with_self"
    TOO_FEW_PEOPLE = "too_few_people"
    UNSPLITTABLE = "unsplittable"
    TOGETHER_TOO_BIG = "together_too_big"
    TOGETHER_AND_APART = "together_and_apart"
    TOGETHER_LANGUAGES = "together_languages"
    TOGETHER_MANAGER = "together_manager"
    ISOLATED = "isolated"
    NO_PACKING = "no_packing"
    NO_PLACE = "no_place"
    MORE = "more"
    # what a grouping breaks (check_grouping)
    TOO_SMALL = "too_small"
    TOO_LARGE = "too_large"
    MIXED_LANGUAGE = "mixed_language"
    WITH_MANAGER = "with_manager"
    APART_TOGETHER = "apart_together"
    TOGETHER_SPLIT = "together_split"
    NOT_A_PERSON = "not_a_person"
    TWICE = "twice"
    MISSING = "missing"
    # soft goals and run notes (warnings)
    REPEAT_PAIRS = "repeat_pairs"
    HISTORY_UNKNOWN = "history_unknown"
    TIME_LIMIT = "time_limit"


_TEMPLATES: dict[str, dict[str, str]] = {
    NoticeCode.UNKNOWN_PERSON: {
        "en": "{where} names {person}, who is not in the people list",
        "sv": "{where} nämner {person}, som inte finns i personlistan",
        "nl": "{where} noemt {person}, die niet in de personenlijst staat",
    },
    NoticeCode.PAIR_WITH_SELF: {
        "en": "{where} pairs {person} with themselves",
        "sv": "{where} parar {person} med sig själv",
        "nl": "{where} koppelt {person} aan zichzelf",
    },
    NoticeCode.TOO_FEW_PEOPLE: {
        "en": "only {count} people {pool}, minimum group size is {min_size}",
        "sv": "bara {count} personer {pool}, minsta gruppstorlek är {min_size}",
        "nl": "er zijn slechts {count} mensen die {pool}, de minimale groepsgrootte is {min_size}",
    },
    NoticeCode.UNSPLITTABLE: {
        "en": "{count} people {pool}: they cannot be split into groups of {min_size}–{max_size}",
        "sv": "{count} personer {pool}: de kan inte delas in i grupper om {min_size}–{max_size}",
        "nl": "er zijn {count} mensen die {pool}: zij zijn niet te verdelen in groepen van "
        "{min_size}–{max_size}",
    },
    NoticeCode.TOGETHER_TOO_BIG: {
        "en": "must-together chain of {count} people ({people}) exceeds maximum group size "
        "{max_size}",
        "sv": "kedjan av personer som måste vara tillsammans har {count} personer ({people}), "
        "fler än största gruppstorlek {max_size}",
        "nl": "de keten van mensen die samen moeten zijn telt {count} mensen ({people}), meer "
        "dan de maximale groepsgrootte {max_size}",
    },
    NoticeCode.TOGETHER_AND_APART: {
        "en": "a must-together pair is also must-apart: {a} and {b} (together directly or "
        "through a chain)",
        "sv": "ett par som måste vara tillsammans måste också vara åtskilt: {a} och {b} "
        "(direkt eller genom en kedja)",
        "nl": "een paar dat samen moet zijn, moet ook gescheiden zijn: {a} en {b} (direct of "
        "via een keten)",
    },
    NoticeCode.TOGETHER_LANGUAGES: {
        "en": "must-together chain ({people}) mixes the languages {languages}, but each group "
        "has one working language",
        "sv": "kedjan ({people}) blandar språken {languages}, men varje grupp har ett arbetsspråk",
        "nl": "de keten ({people}) mengt de talen {languages}, maar elke groep heeft één werktaal",
    },
    NoticeCode.TOGETHER_MANAGER: {
        "en": "must-together chain puts {a} in a group with their manager {b}",
        "sv": "kedjan sätter {a} i samma grupp som sin chef {b}",
        "nl": "de keten zet {a} in een groep met hun leidinggevende {b}",
    },
    NoticeCode.ISOLATED: {
        "en": "{person} may not share a group with {blocked} of the {others} other people "
        "who {pool} (manager line or must-apart), so no group of {min_size} can hold them",
        "sv": "{person} får inte dela grupp med {blocked} av de {others} andra som {pool} "
        "(chefslinje eller måste vara åtskilda), så ingen grupp om {min_size} rymmer dem",
        "nl": "{person} mag geen groep delen met {blocked} van de {others} anderen die {pool} "
        "(leidinggevende lijn of moeten gescheiden zijn), dus geen groep van {min_size} past",
    },
    NoticeCode.NO_PACKING: {
        "en": "must-together chains of sizes {sizes} among the {count} people who {pool} do not "
        "fit into {groups} groups of {min_size}–{max_size}",
        "sv": "kedjor om {sizes} personer bland de {count} som {pool} ryms inte i {groups} "
        "grupper om {min_size}–{max_size}",
        "nl": "ketens van {sizes} mensen onder de {count} mensen die {pool} passen niet in "
        "{groups} groepen van {min_size}–{max_size}",
    },
    NoticeCode.NO_PLACE: {
        "en": "found no group for {person}: every group with room holds someone they must be "
        "apart from (manager line or must-apart)",
        "sv": "hittade ingen grupp för {person}: varje grupp med plats har någon de måste vara "
        "åtskilda från (chefslinje eller måste vara åtskilda)",
        "nl": "geen groep gevonden voor {person}: elke groep met plaats heeft iemand van wie "
        "zij gescheiden moeten zijn (leidinggevende lijn of moeten gescheiden zijn)",
    },
    NoticeCode.MORE: {
        "en": "… and {count} more like this",
        "sv": "… och {count} till av samma slag",
        "nl": "… en nog {count} van dezelfde soort",
    },
    NoticeCode.TOO_SMALL: {
        "en": "{group} has too few members ({size}; at least {min_size})",
        "sv": "{group} har för få medlemmar ({size}; minst {min_size})",
        "nl": "{group} heeft te weinig leden ({size}; minstens {min_size})",
    },
    NoticeCode.TOO_LARGE: {
        "en": "{group} has too many members ({size}; at most {max_size})",
        "sv": "{group} har för många medlemmar ({size}; högst {max_size})",
        "nl": "{group} heeft te veel leden ({size}; hoogstens {max_size})",
    },
    NoticeCode.MIXED_LANGUAGE: {
        "en": "{group} mixes the languages {languages}",
        "sv": "{group} blandar språken {languages}",
        "nl": "{group} mengt de talen {languages}",
    },
    NoticeCode.WITH_MANAGER: {
        "en": "{group}: {person} is in a group with their manager {manager}",
        "sv": "{group}: {person} är i samma grupp som sin chef {manager}",
        "nl": "{group}: {person} zit in een groep met hun leidinggevende {manager}",
    },
    NoticeCode.APART_TOGETHER: {
        "en": "{group}: {a} and {b} must be apart",
        "sv": "{group}: {a} och {b} måste vara åtskilda",
        "nl": "{group}: {a} en {b} moeten gescheiden zijn",
    },
    NoticeCode.TOGETHER_SPLIT: {
        "en": "{a} and {b} must be together but are in {group_a} and {group_b}",
        "sv": "{a} och {b} måste vara tillsammans men är i {group_a} och {group_b}",
        "nl": "{a} en {b} moeten samen zijn maar zitten in {group_a} en {group_b}",
    },
    NoticeCode.NOT_A_PERSON: {
        "en": "{group}: {person} is not in the people list",
        "sv": "{group}: {person} finns inte i personlistan",
        "nl": "{group}: {person} staat niet in de personenlijst",
    },
    NoticeCode.TWICE: {
        "en": "{person} is in {group_a} and in {group_b}",
        "sv": "{person} är med i {group_a} och i {group_b}",
        "nl": "{person} zit in {group_a} en in {group_b}",
    },
    NoticeCode.MISSING: {
        "en": "{person} is in no group",
        "sv": "{person} är inte med i någon grupp",
        "nl": "{person} zit in geen enkele groep",
    },
    NoticeCode.REPEAT_PAIRS: {
        "en": "{group}: pairs that already met in an earlier round: {count}",
        "sv": "{group}: par som redan har träffats i en tidigare omgång: {count}",
        "nl": "{group}: paren die al samen zaten in een eerdere ronde: {count}",
    },
    NoticeCode.HISTORY_UNKNOWN: {
        "en": "{count} people of the earlier rounds are not in the people list; their pairs "
        "are ignored",
        "sv": "{count} personer från tidigare omgångar finns inte i personlistan; deras par "
        "räknas inte",
        "nl": "{count} mensen uit eerdere rondes staan niet in de personenlijst; hun paren "
        "tellen niet mee",
    },
    NoticeCode.TIME_LIMIT: {
        "en": "the time limit of {seconds} s ended the search early; a longer limit may give "
        "better groups, and a rerun with the same seed may differ",
        "sv": "tidsgränsen på {seconds} s avbröt sökningen; en längre gräns kan ge bättre "
        "grupper, och en ny körning med samma frö kan bli annorlunda",
        "nl": "de tijdslimiet van {seconds} s beëindigde het zoeken vroeg; een ruimere limiet "
        "kan betere groepen geven, en opnieuw draaien met hetzelfde zaad kan verschillen",
    },
}

#: The people a reason is about (``pool``), phrased to follow "who" / "som" / "die".
_POOLS: dict[str, dict[str, str]] = {
    "language": {"en": "speak {language}", "sv": "talar {language}", "nl": "{language} spreken"},
    "all": {"en": "are to be grouped", "sv": "ska delas in", "nl": "ingedeeld worden"},
}


@dataclass(frozen=True, slots=True)
class Notice:
    """One finding: a code, its parameters, and the people and group it concerns."""

    code: str
    params: Mapping[str, object] = field(default_factory=dict)
    people: tuple[str, ...] = ()
    group: str | None = None

    def text(self, language: str | None = "en") -> str:
        params = dict(self.params)
        if "pool" in params:
            params["pool"] = localize(_POOLS[str(params["pool"])], language).format(**params)
        return localize(_TEMPLATES[self.code], language).format(**params)

    def __str__(self) -> str:
        return self.text()


class InfeasibleGroupingError(TalentError, ValueError):
    """The hard constraints cannot all hold; ``reasons`` says why. No groups are made."""

    def __init__(self, reasons: Iterable[Notice]) -> None:
        self.reasons: tuple[Notice, ...] = tuple(reasons)
        super().__init__("no grouping is possible: " + "; ".join(map(str, self.reasons)))

    def text(self, language: str | None = "en") -> str:
        return "; ".join(reason.text(language) for reason in self.reasons)
