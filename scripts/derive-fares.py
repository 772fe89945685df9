#!/usr/bin/env python3
"""Derive indicative air fares for VisitPlanner from great-circle distances.

Usage (from the repository root):   python3 scripts/derive-fares.py [DATA_FOLDER]
Reads   DATA_FOLDER/operations.csv (column `airport`), DATA_FOLDER/managers.csv
        (column `home_airport`; empty means JFK) and DATA_FOLDER/airports.csv
        (columns iata, latitude, longitude). DATA_FOLDER defaults to Data/.
Writes  DATA_FOLDER/fares.csv with the header  from,to,economy,business,hours,connections

Rows written (each row serves both directions, and each pair is written once):
  * one row from every managers' home airport to every operation airport, whatever the
    distance (a manager based in Nairobi needs fares from Nairobi, not from New York);
  * one row for every pair of distinct operation airports less than 5,000 km apart
    (pairs further apart get no fare, so the planner never chains them on one trip).

INDICATIVE FORMULA - no public fares were found for these routes:
  distance     great-circle (haversine) distance between the two airports,
               Earth radius R = 6371 km
  connections  0 if distance < 2,500 km; 1 if distance < 8,000 km; otherwise 2.
               Exception: routes judged to be flown non-stop (DIRECT_ROUTES below)
               have 0 connections whatever their length.
  hours        distance / 800 + 0.5 + 2.5 x connections, rounded to the nearest 0.5 h
  economy      (150 + 0.11 x distance) x (1 + 0.15 x connections), rounded to $10
  business     3.2 x economy, rounded to $10
Halves are always rounded up, so the output is the same on every machine.
Rows are sorted: home-airport rows first (by home, then destination), then the other
pairs (by `from`, then `to`, with `from` alphabetically before `to`). The output depends
only on the input files, never on the order of their rows.

Standard library only (Python 3.8 or later).
"""
import csv
import math
import os
import sys

DEFAULT_HOME = "JFK"             # managers.csv: an empty home_airport means New York
MAX_PAIR_KM = 5000.0             # operation-to-operation fares only below this distance
EARTH_RADIUS_KM = 6371.0

# Routes judged to be flown non-stop although the distance rule would add a connection.
DIRECT_ROUTES = {
    frozenset(("JFK", "BOG")),   # New York - Bogota
    frozenset(("JFK", "PAP")),   # New York - Port-au-Prince
    frozenset(("JFK", "DSS")),   # New York - Dakar
    frozenset(("ADD", "BEY")),   # Addis Ababa - Beirut
    frozenset(("ADD", "FIH")),   # Addis Ababa - Kinshasa
}

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.abspath(sys.argv[1]) if len(sys.argv) > 1 else os.path.join(ROOT, "Data")


def round_half_up(value, step):
    return math.floor(value / step + 0.5) * step


def haversine_km(a, b):
    lat1, lon1 = map(math.radians, a)
    lat2, lon2 = map(math.radians, b)
    h = (math.sin((lat2 - lat1) / 2) ** 2
         + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2)
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(h))


def fare_row(a, b, coords):
    km = haversine_km(coords[a], coords[b])
    if frozenset((a, b)) in DIRECT_ROUTES:
        connections = 0
    elif km < 2500:
        connections = 0
    elif km < 8000:
        connections = 1
    else:
        connections = 2
    hours = round_half_up(km / 800 + 0.5 + 2.5 * connections, 0.5)
    economy = int(round_half_up((150 + 0.11 * km) * (1 + 0.15 * connections), 10))
    business = int(round_half_up(3.2 * economy, 10))
    return [a, b, str(economy), str(business), "%g" % hours, str(connections)], km


def read_csv(name):
    # utf-8-sig accepts the byte-order mark that Excel writes; header names are matched
    # trimmed and in any case, as the planner matches them
    with open(os.path.join(DATA, name), newline="", encoding="utf-8-sig") as f:
        return [{(k or "").strip().lower(): (v or "") for k, v in row.items()} for row in csv.DictReader(f)]


def main():
    coords = {}
    for row in read_csv("airports.csv"):
        coords[row["iata"].strip().upper()] = (float(row["latitude"]), float(row["longitude"]))

    op_airports = sorted({row["airport"].strip().upper()
                          for row in read_csv("operations.csv") if row.get("airport", "").strip()})
    homes = sorted({(row.get("home_airport", "").strip() or DEFAULT_HOME).upper()
                    for row in read_csv("managers.csv") if row.get("id", "").strip()})
    missing = sorted({c for c in op_airports + homes if c not in coords})
    if missing:
        sys.exit("derive-fares: airports missing from %s: %s"
                 % (os.path.join(DATA, "airports.csv"), ", ".join(missing)))

    written = set()   # unordered pairs already given a row
    rows = []
    for home in homes:
        for dest in op_airports:
            pair = frozenset((home, dest))
            if dest != home and pair not in written:
                written.add(pair)
                rows.append(fare_row(home, dest, coords)[0])
    pairs = []
    for i, a in enumerate(op_airports):
        for b in op_airports[i + 1:]:
            if frozenset((a, b)) in written:
                continue
            row, km = fare_row(a, b, coords)
            if km < MAX_PAIR_KM:
                pairs.append(row)
    rows += sorted(pairs)

    out = os.path.join(DATA, "fares.csv")
    with open(out, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["from", "to", "economy", "business", "hours", "connections"])
        w.writerows(rows)
    print("derive-fares: wrote %d rows (homes: %s) to %s" % (len(rows), ", ".join(homes), out))


if __name__ == "__main__":
    main()
