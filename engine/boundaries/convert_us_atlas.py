#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Convert the npm package us-atlas (Census cartographic boundaries as
projected TopoJSON) into the boundary file the engine ships,
engine/boundaries/us-counties-albers.json.

Run once by hand when the source changes, never at build or view time:

    npm pack us-atlas@3.0.1          # writes us-atlas-3.0.1.tgz
    python3 engine/boundaries/convert_us_atlas.py us-atlas-3.0.1.tgz
    python3 engine/boundaries/convert_us_atlas.py --check us-atlas-3.0.1.tgz

The tarball's SHA-1 must be the registry's (dist.shasum below), so the
output is the conversion of exactly that release. Python 3 standard library
only; the output is deterministic (the same bytes on every run).

What the conversion does, from counties-albers-10m.json (d3.geoAlbersUsa,
scale 1300, fitted to a 975 x 610 viewport; the states there are merged
from the counties, so county and state edges coincide):
- decodes the quantized, delta-encoded arcs (TopoJSON specification 2.1.5)
  and joins each polygon's rings from its arcs (a negative index ~i is
  arc i reversed; consecutive arcs share their end point);
- writes each county and state as one SVG path: absolute move-to for the
  first point of each ring, then relative line-to offsets, coordinates on a
  0.1 px grid (the grid is applied to absolute positions, so offsets never
  accumulate rounding error), each ring closed with "z"; points that fall
  on the same grid point as the previous one are dropped;
- records each one's name and bounding box (grid units of 0.1 px, so
  integers), so the engine can fit one state's counties to a map;
- a county smaller than the grid (Falls Church, Lexington and Manassas
  Park, Virginia) has no "d" but "at": [x, y], the mean of its points,
  where the engine draws a dot.

Output (JSON, keys sorted):
  {"format": "scorecard-boundaries", "version": 1,
   "source": {...package, version, file, shasum, licence, data...},
   "width": 975, "height": 610, "unit": 0.1,
   "counties": {"06037": {"name": "Los Angeles", "bbox": [x0, y0, x1, y1],
                          "d": "M1234 5678l-3 4..."}, ...},
   "states": {"06": {...}, ...}}
Coordinates in "d" and "bbox" are integers in units of 0.1 px: the engine
writes them under a transform (scale 0.1) or divides them itself.
"""
import hashlib
import io
import json
import os
import sys
import tarfile

PACKAGE = "us-atlas"
VERSION = "3.0.1"
SHASUM = "367d64e4b31d3f945827710f1a43813c38e17d6b"  # npm view us-atlas@3.0.1 dist.shasum
MEMBER = "package/counties-albers-10m.json"
GRID = 10  # grid points per px
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "us-counties-albers.json")


def decode_arcs(topo):
    sx, sy = topo["transform"]["scale"]
    tx, ty = topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x += dx
            y += dy
            # to the 0.1 px grid, from the absolute position
            pts.append((round((x * sx + tx) * GRID), round((y * sy + ty) * GRID)))
        arcs.append(pts)
    return arcs


def ring_points(arcs, ring):
    out = []
    for k, i in enumerate(ring):
        pts = arcs[i] if i >= 0 else arcs[~i][::-1]
        out.extend(pts if k == 0 else pts[1:])
    return out


def polygons(geom):
    if geom["type"] == "Polygon":
        return [geom["arcs"]]
    if geom["type"] == "MultiPolygon":
        return geom["arcs"]
    return []


def path_and_bbox(arcs, geom):
    parts = []
    raw = []
    x0 = y0 = float("inf")
    x1 = y1 = float("-inf")
    for poly in polygons(geom):
        for ring in poly:
            pts = ring_points(arcs, ring)
            raw.extend(pts)
            # drop repeats on the grid; a ring needs 3 distinct points
            dedup = [pts[0]]
            for p in pts[1:]:
                if p != dedup[-1]:
                    dedup.append(p)
            if len(dedup) > 1 and dedup[-1] == dedup[0]:
                dedup.pop()
            if len(dedup) < 3:
                continue
            px, py = dedup[0]
            seg = ["M%d %d" % (px, py), "l"]
            offs = []
            for x, y in dedup[1:]:
                offs.append("%d %d" % (x - px, y - py))
                px, py = x, y
            seg.append(" ".join(offs))
            seg.append("z")
            parts.append("".join(seg))
            for x, y in dedup:
                x0, y0, x1, y1 = min(x0, x), min(y0, y), max(x1, x), max(y1, y)
    if not parts:
        # smaller than the grid (three Virginia independent cities): no
        # outline to draw, but a point where it is, for a dot
        if not raw:
            return None, None
        cx = round(sum(x for x, _ in raw) / len(raw))
        cy = round(sum(y for _, y in raw) / len(raw))
        return None, [cx, cy, cx, cy]
    # signs in offsets: "l3 -4" is valid SVG; the compact form "3-4" is too,
    # and saves a fifth of the file
    d = "".join(parts).replace(" -", "-")
    return d, [x0, y0, x1, y1]


def convert(tgz):
    with open(tgz, "rb") as f:
        blob = f.read()
    got = hashlib.sha1(blob).hexdigest()
    if got != SHASUM:
        sys.exit("%s: SHA-1 %s, expected %s (%s@%s from the npm registry)"
                 % (tgz, got, SHASUM, PACKAGE, VERSION))
    with tarfile.open(fileobj=io.BytesIO(blob), mode="r:gz") as t:
        topo = json.load(t.extractfile(MEMBER))
        pkg = json.load(t.extractfile("package/package.json"))
    if pkg["version"] != VERSION:
        sys.exit("%s: version %s, expected %s" % (tgz, pkg["version"], VERSION))
    arcs = decode_arcs(topo)
    doc = {
        "format": "scorecard-boundaries",
        "version": 1,
        "source": {
            "package": "%s@%s (npm), %s" % (PACKAGE, VERSION, MEMBER.split("/")[1]),
            "shasum": SHASUM,
            "licence": "ISC, Copyright 2013-2019 Michael Bostock (the TopoJSON "
                       "conversion); the boundaries are the U.S. Census Bureau's "
                       "cartographic boundary files, 2017 edition (public domain)",
            "projection": "d3.geoAlbersUsa().scale(1300).translate([487.5, 305]), "
                          "as us-atlas ships it",
            "converted_by": "engine/boundaries/convert_us_atlas.py",
        },
        "width": 975,
        "height": 610,
        "unit": 1.0 / GRID,
        "counties": {},
        "states": {},
    }
    for key, obj in (("counties", "counties"), ("states", "states")):
        for g in topo["objects"][obj]["geometries"]:
            d, bbox = path_and_bbox(arcs, g)
            if bbox is None:
                continue
            e = {"name": g["properties"]["name"], "bbox": bbox}
            if d is None:
                e["at"] = bbox[:2]
            else:
                e["d"] = d
            doc[key][g["id"]] = e
    text = json.dumps(doc, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return text.replace('},"', '},\n"') + "\n"


def main(argv):
    check = "--check" in argv
    args = [a for a in argv if a != "--check"]
    if len(args) != 1:
        sys.exit(__doc__)
    text = convert(args[0])
    if check:
        with open(OUT, encoding="utf-8") as f:
            same = f.read() == text
        print("%s: %s" % (OUT, "the conversion of the package" if same else "DIFFERS"))
        return 0 if same else 1
    with open(OUT, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    doc = json.loads(text)
    print("wrote %s: %d counties, %d states, %d bytes, sha256 %s"
          % (OUT, len(doc["counties"]), len(doc["states"]), len(text.encode()),
             hashlib.sha256(text.encode()).hexdigest()[:16]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
