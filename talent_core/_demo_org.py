"""A believable, deterministic demo organisation for demos, notebooks and benchmarks.

One CEO leads department heads; each department is a manager hierarchy with spans of 4–10,
so depth grows with size. Teams mostly sit with their manager, language follows location,
and seniority never exceeds the manager's. Everything derives from ``random.Random(seed)``,
so a seed always gives the same people.
"""

from __future__ import annotations

import math
import random
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from ._errors import InputError
from ._people import Person

__all__ = ["MAX_DEMO_PEOPLE", "MIN_DEMO_PEOPLE", "generate_organisation"]

MIN_DEMO_PEOPLE = 20
MAX_DEMO_PEOPLE = 100_000
MIN_SPAN, MAX_SPAN = 4, 10
EMAIL_DOMAIN = "example.org"

#: Departments in the order small organisations get them, with their relative headcount.
DEPARTMENTS: tuple[tuple[str, int], ...] = (
    ("Operations", 24),
    ("Sales", 14),
    ("Finance", 6),
    ("HR", 5),
    ("IT", 10),
    ("Customer Service", 16),
    ("Marketing", 6),
    ("R&D", 12),
    ("Legal", 3),
    ("Procurement", 4),
)


@dataclass(frozen=True, slots=True)
class _Site:
    city: str
    timezone: str
    weight: int
    #: Share of people at the site whose working language is the local one (else English).
    local_language: str
    local_share: float


#: Sites in the order a growing organisation opens them; the first is headquarters.
SITES: tuple[_Site, ...] = (
    _Site("Amsterdam", "Europe/Amsterdam", 22, "nl", 0.8),
    _Site("Stockholm", "Europe/Stockholm", 15, "sv", 0.85),
    _Site("Rotterdam", "Europe/Amsterdam", 10, "nl", 0.9),
    _Site("London", "Europe/London", 10, "en", 1.0),
    _Site("Gothenburg", "Europe/Stockholm", 8, "sv", 0.9),
    _Site("Antwerp", "Europe/Brussels", 7, "nl", 0.8),
    _Site("New York", "America/New_York", 8, "en", 1.0),
    _Site("Utrecht", "Europe/Amsterdam", 6, "nl", 0.9),
    _Site("Singapore", "Asia/Singapore", 5, "en", 1.0),
    _Site("Malmö", "Europe/Stockholm", 4, "sv", 0.9),
)

_FIRST = {
    "nl": "Anouk Bram Daan Eva Femke Floris Jeroen Joost Lotte Maarten Marieke Niels Noor Pieter "
    "Roos Sanne Sem Thijs Wouter Yara Luuk Iris Merel Ruben Sophie Tim Lieke Bas Esther Hanneke "
    "Koen Jasper Ilse Mila Stijn Fenna Gijs Tess Willem Annelies",
    "sv": "Anna Astrid Björn Elin Emil Erik Frida Gustav Hanna Ida Johan Karin Lars Linnea Magnus "
    "Maja Nils Oskar Sara Sofia Stina Tove Viktor Åsa Axel Ebba Filip Greta Henrik Ingrid Jonas "
    "Klara Lina Mats Olle Petra Sven Ulla Vera Wilma",
    "en": "Aisha Amir Ana Carlos Chen Daniel David Elena Fatima Grace Hiroshi Isabel James Jin "
    "Kofi Laura Leila Lucas Maria Mateo Mei Mohammed Nadia Olivia Omar Priya Rahul Ravi Samuel "
    "Tariq Thomas Wei Yusuf Zainab Emma Noah Ethan Chloe Ngozi Diego",
}
_LAST = {
    "nl": "de Vries|Jansen|van den Berg|Bakker|Visser|Smit|Meijer|de Boer|Mulder|de Groot|Bos|Vos|"
    "Peters|Hendriks|van Leeuwen|Dekker|Brouwer|de Wit|Dijkstra|Smits|de Graaf|van der Meer|"
    "van der Linden|Kok|Jacobs|de Haan|Vermeulen|van Dijk|Schouten|Willems|Hoekstra|Maas|"
    "Verhoeven|Koster|Prins|Blom|Huisman|Peeters|Claes|Janssens",
    "sv": "Andersson|Johansson|Karlsson|Nilsson|Eriksson|Larsson|Olsson|Persson|Svensson|"
    "Gustafsson|Pettersson|Jonsson|Hansson|Bengtsson|Lindberg|Lindqvist|Lindgren|Berg|Axelsson|"
    "Bergström|Lundberg|Lundgren|Sandberg|Holm|Forsberg|Sjöberg|Wallin|Engström|Danielsson|"
    "Håkansson|Eklund|Lund|Gunnarsson|Björk|Bergman|Fransson|Nyström|Holmberg|Öberg|Ek",
    "en": "Smith|Johnson|Brown|Garcia|Martinez|Rodriguez|Lopez|Chen|Wang|Li|Zhang|Kim|Park|Tan|"
    "Lim|Ng|Patel|Sharma|Singh|Kumar|Khan|Ahmed|Ali|Hassan|Okafor|Mensah|Nguyen|Tran|Silva|"
    "Santos|Costa|Rossi|Müller|Schmidt|Novak|Kowalski|O'Brien|Murphy|Taylor|Evans",
}
FIRST_NAMES = {lang: tuple(names.split()) for lang, names in _FIRST.items()}
LAST_NAMES = {lang: tuple(names.split("|")) for lang, names in _LAST.items()}
#: Where names come from, per working language: mostly local, some international colleagues.
NAME_ORIGINS = {"nl": (0.75, 0.05, 0.2), "sv": (0.05, 0.75, 0.2), "en": (0.15, 0.15, 0.7)}

#: Seniority of people without reports (1 junior … 5 most senior), capped at the manager's.
STAFF_SENIORITY_WEIGHTS = (22, 34, 28, 13, 3)


def _scaled_count(people: int, low: int, high: int, offset: float, slope: float) -> int:
    """How many of a list a company of this size uses: grows with the log of the headcount."""
    return max(low, min(high, round(offset + slope * math.log10(people))))


def _department_sizes(people: int, count: int) -> list[int]:
    """Headcount per department (head included) summing to ``people - 1`` (all but the CEO).

    A head either works alone or leads at least ``MIN_SPAN`` people, so sizes of 2 to 4 are
    folded into the largest department.
    """
    weights = [weight for _, weight in DEPARTMENTS[:count]]
    total, staff = sum(weights), people - 1
    exact = [staff * w / total for w in weights]
    sizes = [max(1, math.floor(x)) for x in exact]
    by_remainder = sorted(range(count), key=lambda d: exact[d] - sizes[d], reverse=True)
    for d in by_remainder[: staff - sum(sizes)]:
        sizes[d] += 1
    largest = max(range(count), key=lambda d: sizes[d])
    for d in range(count):
        if d != largest and 2 <= sizes[d] <= MIN_SPAN:
            sizes[largest] += sizes[d] - 1
            sizes[d] = 1
    return sizes


def _span(rng: random.Random, remaining: int) -> int:
    """Direct reports for the next manager, never leaving 1–3 people for a last manager."""
    span = rng.randint(MIN_SPAN, MAX_SPAN)
    if remaining - span < MIN_SPAN:
        span = remaining if remaining <= MAX_SPAN else remaining - MIN_SPAN
    return span


def _hierarchy(rng: random.Random, sizes: Sequence[int]) -> tuple[list[int], list[int]]:
    """Manager index (-1 for the CEO) and department index per person, filled breadth first."""
    manager, department = [-1], [-1]
    for d, size in enumerate(sizes):
        head = len(manager)
        manager.append(0)
        department.append(d)
        queue, cursor, remaining = [head], 0, size - 1
        while remaining:
            boss = queue[cursor]
            cursor += 1
            span = _span(rng, remaining)
            for _ in range(span):
                queue.append(len(manager))
                manager.append(boss)
                department.append(d)
            remaining -= span
    return manager, department


def _ascii(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", ".", folded).strip(".")


_LETTERS = "ABCDEFGHIJKLMNOPRSTUVW"


def _unique_name(first: str, last: str, taken: set[str], rng: random.Random) -> str:
    """``first last``, or with middle initials when someone already has that name, so two
    people of one organisation never share a name (HR tells them apart on screen)."""
    name = f"{first} {last}"
    count = 1
    while name in taken:
        for _ in range(2 * len(_LETTERS)):
            middle = " ".join(f"{letter}." for letter in rng.sample(_LETTERS, count))
            name = f"{first} {middle} {last}"
            if name not in taken:
                break
        count += 1
    return name


def generate_organisation(people: int, seed: int) -> list[Person]:
    """A demo organisation of ``people`` (20 to 100,000) people, the same for the same seed.

    Ids run ``p000001`` (the CEO) onwards in a shuffled order, so they do not give the
    hierarchy away; the list is sorted by id.
    """
    if not MIN_DEMO_PEOPLE <= people <= MAX_DEMO_PEOPLE:
        raise InputError(
            f"people: a demo organisation has {MIN_DEMO_PEOPLE:,} to {MAX_DEMO_PEOPLE:,} people, "
            f"not {people:,}"
        )
    rng = random.Random(seed)
    department_count = _scaled_count(people, 4, len(DEPARTMENTS), 1.0, 2.0)
    sites = SITES[: _scaled_count(people, 2, len(SITES), -1.5, 2.5)]
    manager, department = _hierarchy(rng, _department_sizes(people, department_count))

    height = [0] * people
    for i in range(people - 1, 0, -1):  # children always come after their manager
        height[manager[i]] = max(height[manager[i]], height[i] + 1)
    depth = [0] * people
    for i in range(1, people):
        depth[i] = depth[manager[i]] + 1

    site_weights = [site.weight for site in sites]
    site = [0] * people
    for i in range(1, people):
        if depth[i] == 1:
            site[i] = 0 if rng.random() < 0.5 else rng.choices(range(len(sites)), site_weights)[0]
        elif depth[i] == 2 or rng.random() >= 0.85:
            site[i] = rng.choices(range(len(sites)), site_weights)[0]
        else:
            site[i] = site[manager[i]]

    seniority = [5] * people
    for i in range(1, people):
        if depth[i] == 1 or height[i] >= 3:
            seniority[i] = 5
        elif height[i] == 2:
            seniority[i] = 4
        elif height[i] == 1:
            seniority[i] = 4 if rng.random() < 0.4 else 3
    for i in range(1, people):
        if height[i] == 0 and depth[i] > 1:
            drawn = rng.choices(range(1, 6), STAFF_SENIORITY_WEIGHTS)[0]
            seniority[i] = min(drawn, seniority[manager[i]])

    order = [0, *rng.sample(range(1, people), people - 1)]
    ident = [""] * people
    for number, i in enumerate(order, start=1):
        ident[i] = f"p{number:06d}"

    result: list[Person] = []
    emails: set[str] = set()
    names: set[str] = set()
    # Clashing names get initials from a generator of their own, so the rest stays as seeded.
    initials = random.Random(f"initials-{seed}")
    for i in order:
        home = sites[site[i]]
        language = home.local_language if rng.random() < home.local_share else "en"
        origins = ("nl", "sv", "en")
        origin = rng.choices(origins, NAME_ORIGINS[language])[0]
        last_origin = origin if rng.random() < 0.85 else rng.choice(origins)
        first = rng.choice(FIRST_NAMES[origin])
        last = rng.choice(LAST_NAMES[last_origin])
        local = f"{_ascii(first)}.{_ascii(last)}"
        email, suffix = f"{local}@{EMAIL_DOMAIN}", 1
        while email in emails:
            suffix += 1
            email = f"{local}{suffix}@{EMAIL_DOMAIN}"
        emails.add(email)
        name = _unique_name(first, last, names, initials)
        names.add(name)
        result.append(
            Person(
                id=ident[i],
                name=name,
                email=email,
                manager_id=ident[manager[i]] if manager[i] >= 0 else None,
                department="Management" if i == 0 else DEPARTMENTS[department[i]][0],
                location=home.city,
                timezone=home.timezone,
                seniority=seniority[i],
                language=language,
            )
        )
    return result
