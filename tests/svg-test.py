#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Maps as files (`scorecard build --format svg`, issue 14 item 4).

On the illustrative sample (one state, suppressed counties) and on a
small two-state dataset with a county the 2017 boundary file lacks:
- maps/<indicator>.svg for every indicator and maps/overall.svg, each
  well-formed XML with a <title> naming the indicator and its data year;
- every county of the dataset is drawn exactly once (data-geo), or, when
  the boundary file has no shape for it, named in the "Not on the map"
  line; nothing else is drawn;
- a county with a value is filled with its class's colour, computed here
  from the JSON's distances by the rule the README states (five equal
  steps of a round width from a multiple of it at or below the smallest
  distance); a suppressed county is hatched and its tooltip says why;
- the legend lists the five classes; the source line cites the indicator's
  source and the Census boundaries;
- one state is fitted to its counties; two states draw state outlines;
- the bytes are the same on a second run.

Usage: svg-test.py SCORECARD SOURCE_ROOT
"""
import json
import math
import os
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

EXE, SRC = sys.argv[1], sys.argv[2]
NS = "{http://www.w3.org/2000/svg}"
FILLS = ["#ffffcc", "#a1dab4", "#41b6c4", "#2c7fb8", "#253494"]
fails = []


def check(ok, what):
    if not ok:
        fails.append(what)
        print("FAIL " + what)


def step_for(span):
    want = span / 5
    if not want > 0:
        return 1.0
    p = 10 ** math.floor(math.log10(want))
    for m in (1, 2, 2.5, 5, 10):
        if m * p >= want - 1e-12:
            return m * p


def classes(ds):
    """(lo, step) of a map whose shaded distances are ds."""
    if not ds:
        return 0.0, 1.0
    dmin, dmax = min(ds), max(ds)
    step = step_for(dmax - dmin)
    lo = math.floor(dmin / step + 1e-9) * step
    if lo + 5 * step < dmax - 1e-9:
        step = step_for(dmax - lo)
        lo = math.floor(dmin / step + 1e-9) * step
    return lo, step


def build(ds, out):
    r = subprocess.run([EXE, "build", ds, "-o", out, "-q", "--format", "json,svg"],
                       capture_output=True, text=True)
    check(r.returncode == 0, "build %s: exit %d %s" % (ds, r.returncode, r.stderr))


def check_maps(tag, out, multi, missing):
    doc = json.load(open(os.path.join(out, "scorecard.json"), encoding="utf-8"))
    counties = [g for g in doc["geographies"] if g["level"] == "county"]
    files = sorted(os.listdir(os.path.join(out, "maps")))
    want = sorted([i["id"] + ".svg" for i in doc["indicators"]] + ["overall.svg"])
    check(files == want, "%s: maps %s, expected %s" % (tag, files, want))
    for k, ind in enumerate(doc["indicators"] + [None]):
        name = "overall.svg" if ind is None else ind["id"] + ".svg"
        path = os.path.join(out, "maps", name)
        try:
            root = ET.parse(path).getroot()
        except ET.ParseError as e:
            check(False, "%s/%s: not well-formed: %s" % (tag, name, e))
            continue
        title = root.find(NS + "title").text
        want_title = "Overall score" if ind is None else ind["name"]
        year = doc["latest_year"] if ind is None else ind["latest_year"]
        check(title.startswith(want_title) and title.endswith(str(year)),
              "%s/%s: title %r" % (tag, name, title))
        drawn = {}
        for el in root.iter():
            if el.get("data-geo"):
                check(el.get("data-geo") not in drawn,
                      "%s/%s: %s drawn twice" % (tag, name, el.get("data-geo")))
                drawn[el.get("data-geo")] = el
        texts = " ".join("".join(t.itertext()) for t in root.iter(NS + "text"))
        for gid in missing:
            check(gid not in drawn and "(%s)" % gid in texts
                  and "Not on the map" in texts,
                  "%s/%s: %s listed under the map, not drawn" % (tag, name, gid))
        check(sorted(drawn) == sorted(g["geo_id"] for g in counties
                                      if g["geo_id"] not in missing),
              "%s/%s: every county with a boundary drawn once (%d drawn of %d)"
              % (tag, name, len(drawn), len(counties)))
        # the colour of each county from the JSON's distances
        dist = {}
        for g in counties:
            if ind is None:
                s = g["overall"]["score"]
                dist[g["geo_id"]] = None if s is None else 100 - s
            else:
                e = g["indicators"][k]
                dist[g["geo_id"]] = None if e["suppressed"] else e["distance"]
        shaded = [d for gid, d in dist.items() if d is not None and gid in drawn]
        lo, step = classes(shaded)
        bad = 0
        for gid, el in drawn.items():
            d = dist[gid]
            tip = el.find(NS + "title").text
            if d is None:
                bad += el.get("fill") != "url(#nodata)"
                if ind is not None:
                    e = next(g for g in counties if g["geo_id"] == gid)["indicators"][k]
                    if e["suppressed"]:
                        bad += "suppressed" not in tip
            else:
                c = min(4, max(0, math.floor((d - lo) / step + 1e-9)))
                bad += el.get("fill") != FILLS[c]
                bad += "points from the goal" not in tip
        check(bad == 0, "%s/%s: %d counties with the wrong fill or tooltip "
              "(classes from %g by %g)" % (tag, name, bad, lo, step))
        legend = re.findall(r"(\d+(?:\.\d)?)(?:\u2013(\d+(?:\.\d)?)| or more)", texts)
        check(len(legend) >= 5, "%s/%s: legend %s" % (tag, name, legend[:6]))
        src = "" if ind is None else ind["source"]
        check("Census Bureau cartographic boundary files" in texts
              and (src[:40] in re.sub(r"\s+", " ", texts)),
              "%s/%s: source line" % (tag, name))
        outlines = [p for p in root.iter(NS + "path") if not p.get("data-geo")]
        check(bool(outlines) == multi, "%s/%s: state outlines %s, expected %s"
              % (tag, name, bool(outlines), multi))


with tempfile.TemporaryDirectory() as tmp:
    ill = os.path.join(SRC, "data", "illustrative")
    a, b = os.path.join(tmp, "a"), os.path.join(tmp, "b")
    build(ill, a)
    build(ill, b)
    check_maps("illustrative", a, False, [])
    for f in os.listdir(os.path.join(a, "maps")):
        check(open(os.path.join(a, "maps", f), "rb").read()
              == open(os.path.join(b, "maps", f), "rb").read(),
              "illustrative/%s: the same bytes on a second run" % f)
    # a single-state map is fitted to its counties: the drawing's scale
    root = ET.parse(os.path.join(a, "maps", "overall.svg")).getroot()
    g = next(x for x in root.iter(NS + "g") if x.get("transform"))
    scale = float(re.search(r"scale\(([0-9.]+)\)", g.get("transform")).group(1))
    check(scale > 2 * 0.082, "one state fills the map (scale %g; the nation's is 0.082)"
          % scale)

    # two states, one county (09110, a Connecticut planning region of
    # 2022) that the 2017 boundary file does not have
    d = os.path.join(tmp, "two")
    os.mkdir(d)
    with open(os.path.join(d, "scorecard.json"), "w") as f:
        json.dump({"title": "Two states", "indicators": [
            {"id": "ins", "name": "Insured", "domain": "Health", "file": "ins.csv",
             "source": "A test source"}]}, f)
    rows = ["geo_id,year,value"]
    for gid, v in (("06001", 90), ("06003", 85), ("06037", 96), ("32003", 88),
                   ("32510", "*"), ("09110", 93), ("06000", 91), ("32000", 89)):
        for y in (2020, 2021):
            rows.append("%s,%d,%s" % (gid, y, v if v == "*" else v + (y - 2020)))
    open(os.path.join(d, "ins.csv"), "w").write("\n".join(rows) + "\n")
    two = os.path.join(tmp, "two-out")
    build(d, two)
    check_maps("two states", two, True, ["09110"])
    root = ET.parse(os.path.join(two, "maps", "ins.svg")).getroot()
    g = next(x for x in root.iter(NS + "g") if x.get("transform"))
    check("scale(0.082" in g.get("transform"),
          "several states: the whole 975 x 610 plane (%s)" % g.get("transform"))

if fails:
    print("%d failure(s)" % len(fails))
    sys.exit(1)
print("svg maps: every county drawn once or listed, fills from the JSON's "
      "distances, legend, sources, one state fitted, two states outlined")
