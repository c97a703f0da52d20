#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""The default build (data/: California's published county data, issue 13)
against figures the publishers print themselves, read here from their own
files in ../shared/data/real/ with the standard csv module (not from the
engine, and not from the cut in data/):

 1. the cut is the cut: data/cut_real.py --check (every bundled file equals
    what the script cuts from the sources);
 2. SAHIE: Los Angeles 2016 children insured = the file's pctic (96.3) with
    its moe (0.3) and counts, and its rank among the 58 counties by SPEC
    §3.3 (competition ranking of the values at one decimal, higher first)
    computed here; the state benchmark pooled from nic/nipr;
 3. CHR: California's state row is the reported benchmark of children not
    in poverty in every release that has one (100 - 100 x the row's
    children_in_poverty_value), and of high school graduation; 2018 has no
    state row, so the benchmark there is the counties' median;
 4. Urban Institute: the counties the preschool file suppresses (NA) in its
    latest year are exactly the counties the scorecard shows suppressed by
    the source, and Alpine (06003) is among them;
 5. the national rows (00000) of the CHR panel give the national benchmark
    of children not in poverty in 2010 and 2011 only (a single-state
    dataset: no national figure is made up from California's counties);
 6. each indicator's citation is the same in the JSON (source, url), the
    workbook's About sheet and the page's methodology;
 7. Urban birthweight: the counties graded quality 3 (one shared pooled
    value) are suppressed by the manifest's suppress_if, the rest ranked;
 8. CHR graduation: Los Angeles' trend fitted to the 2014-2018 releases
    (trend_years 5), its slope computed here;
 9. the README's opening `show 06037` block is the build's output.

Usage: real-default-test.py SCORECARD SOURCE_ROOT
Exit 0 pass, 1 fail, 77 skip (no ../shared/data/real).
"""
import csv
import json
import os
import subprocess
import sys
import tempfile

EXE, SRC = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
REAL = os.path.normpath(os.path.join(SRC, "..", "shared", "data", "real"))
if not os.path.isdir(REAL):
    print("SKIP: %s not found (the real data lives in ../shared beside the "
          "repository)" % REAL)
    sys.exit(77)

fails, passes = [], 0


def check(ok, what):
    global passes
    if ok:
        passes += 1
        print("ok   " + what)
    else:
        fails.append(what)
        print("FAIL " + what)


def rows(rel):
    with open(os.path.join(REAL, rel), newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def r1(x):
    """Half away from zero at one decimal (the definitions' decimals)."""
    from decimal import Decimal, ROUND_HALF_UP
    return float(Decimal(repr(x)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def close(a, b, tol=1e-6):
    return a is not None and b is not None and abs(a - b) <= tol


# 1. the bundled files are the cut of the sources
r = subprocess.run([sys.executable, os.path.join(SRC, "data", "cut_real.py"), "--check"],
                   capture_output=True, text=True)
check(r.returncode == 0, "data/cut_real.py --check: the bundled files are the "
      "sources' cut" + ("" if r.returncode == 0 else "\n" + r.stdout + r.stderr))

with tempfile.TemporaryDirectory() as tmp:
    out = os.path.join(tmp, "out")
    r = subprocess.run([EXE, "build", "-o", out, "--format", "json,xlsx,html", "-q"],
                       capture_output=True, text=True)
    if r.returncode != 0:
        print(r.stdout, r.stderr)
        print("FAIL: scorecard build (the default dataset) exited %d" % r.returncode)
        sys.exit(1)
    with open(os.path.join(out, "scorecard.json"), encoding="utf-8") as f:
        doc = json.load(f)
    # 6. one citation per indicator, the same in the JSON, the workbook's
    #    About sheet and the page's methodology
    import openpyxl
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import htmlcheck as hc
    wb = openpyxl.load_workbook(os.path.join(out, "scorecard.xlsx"), read_only=True)
    about = list(wb["About"].iter_rows(values_only=True))
    data_rows = wb["Data"].iter_rows(values_only=True)
    dhead = next(data_rows)
    rule_rows = sorted((x[dhead.index("geo_id")], x[dhead.index("year")])
                       for x in data_rows
                       if x[dhead.index("indicator")] == "healthy_birthweight"
                       and x[dhead.index("reason")] == "suppress_if"
                       and x[dhead.index("value")] == "*")
    wb.close()
    at = next(k for k, x in enumerate(about) if x and x[0] == "Sources")
    cites = {x[0]: (x[1], x[2]) for x in about[at + 1:at + 1 + len(doc["indicators"])]}
    with open(os.path.join(out, "scorecard.html"), encoding="utf-8") as f:
        page = hc.parse(f.read())
    src_cells = [tr.find_all("td")[-1] for tr in
                 page.first("table", cls="sources").first("tbody").find_all("tr")]
    for ind, td in zip(doc["indicators"], src_cells):
        a = td.first("a")
        check(ind["source"] and cites.get(ind["id"]) == (ind["source"], ind["url"])
              and a is not None and a.text() == ind["source"]
              and a.attrs.get("href") == ind["url"],
              "%s: one citation in the JSON, the About sheet and the page (%s)"
              % (ind["id"], ind["source"][:60]))

inds = {i["id"]: i for i in doc["indicators"]}
geo = {g["geo_id"]: g for g in doc["geographies"]}
pos = {i["id"]: k for k, i in enumerate(doc["indicators"])}


def entry(gid, ind):
    return geo[gid]["indicators"][pos[ind]]


def series_bench(ind, year):
    return next(((b["value"], b["method"]) for b in inds[ind]["benchmark"]
                 if b["year"] == year), (None, None))


# 2. SAHIE: Los Angeles 2016, its rank, the pooled state benchmark
sahie = [x for x in rows("sahie/sahie_county_under19_allincome_2008_2016.csv")
         if x["fips"].startswith("06") and x["agecat"] == "4" and x["iprcat"] == "0"]
s16 = [x for x in sahie if x["year"] == "2016"]
la = next(x for x in s16 if x["fips"] == "06037")
e = entry("06037", "health_insurance")
check(inds["health_insurance"]["latest_year"] == 2016, "SAHIE: latest year 2016")
check(close(e["value"], float(la["pctic"])) and close(e["moe"], float(la["pctic_moe"])),
      "SAHIE: Los Angeles 2016 insured %s, moe %s as published (got %s, %s)"
      % (la["pctic"], la["pctic_moe"], e["value"], e["moe"]))
check(close(e["numerator"], float(la["nic"])) and close(e["denominator"], float(la["nipr"])),
      "SAHIE: Los Angeles 2016 counts %s of %s" % (la["nic"], la["nipr"]))
vals = {x["fips"]: r1(float(x["pctic"])) for x in s16}
rank = 1 + sum(1 for v in vals.values() if v > vals["06037"])
check(e["rank"] == rank and e["of"] == len(vals) == 58,
      "SAHIE: Los Angeles ranks %d of %d (by the published values; got %s of %s)"
      % (rank, len(vals), e["rank"], e["of"]))
pooled = 100.0 * sum(float(x["nic"]) for x in s16) / sum(float(x["nipr"]) for x in s16)
b, m = series_bench("health_insurance", 2016)
check(close(b, round(pooled, 6)) and m == "pooled",
      "SAHIE: California 2016 pooled from nic/nipr = %.6f (got %s, %s)" % (pooled, b, m))

# 3. CHR: California's state row as the reported benchmark
chr_rows = rows("chr/chr_child_panel_2010_2018.csv")
ca = {int(x["release_year"]): x for x in chr_rows if x["fips"] == "06000"}
releases = sorted({int(x["release_year"]) for x in chr_rows if x["fips"].startswith("06")})
for year in releases:
    for ind, col, comp in (("not_in_poverty", "children_in_poverty_value", True),
                           ("hs_graduation", "hs_graduation_value", False)):
        b, m = series_bench(ind, year)
        row = ca.get(year)
        if row and row[col] not in ("", "NA"):
            v = float(row[col]) * 100
            want = 100 - v if comp else v
            check(close(b, round(want, 6)) and m == "reported",
                  "CHR %d: %s benchmark = California's row %.6f reported (got %s, %s)"
                  % (year, ind, want, b, m))
        else:
            cty = sorted((100 - float(x[col]) * 100) if comp else float(x[col]) * 100
                         for x in chr_rows if x["release_year"] == str(year)
                         and x["fips"].startswith("06") and x["fips"] != "06000"
                         and x[col] not in ("", "NA"))
            n = len(cty)
            med = cty[n // 2] if n % 2 else (cty[n // 2 - 1] + cty[n // 2]) / 2
            check(close(b, round(med, 6), 1e-5) and m == "median",
                  "CHR %d: no California row for %s, the counties' median %.6f (got %s, %s)"
                  % (year, ind, med, b, m))

# 4. Urban: the counties suppressed in the preschool file's latest year
pre = [x for x in rows("urban_mobility/metrics_preschool_county_all_longitudinal_all.csv")
       if x["state"] == "06"]
last = max(int(x["year"]) for x in pre)
supp = sorted("06" + x["county"] for x in pre
              if int(x["year"]) == last and x["share_in_preschool"] == "NA")
got = sorted(g for g, gg in geo.items() if gg["level"] == "county"
             and entry(g, "preschool_attendance")["year"] == last
             and entry(g, "preschool_attendance")["suppressed"]
             and entry(g, "preschool_attendance")["reason"] == "source_suppressed")
check(inds["preschool_attendance"]["latest_year"] == last,
      "Urban preschool: latest year %d" % last)
check(got == supp and "06003" in supp,
      "Urban preschool: the %d counties the file suppresses in %d are shown "
      "suppressed by the source, Alpine among them (got %d)" % (len(supp), last, len(got)))

# 5. national rows: the nation's own value, 2010 and 2011 only
us = {int(x["release_year"]): x for x in chr_rows if x["fips"] == "00000"}
check("00000" in geo and geo["00000"]["level"] == "nation",
      "the CHR panel's 00000 rows are the nation (SPEC §2.4)")
la_np = entry("06037", "not_in_poverty")
check(la_np["national_benchmark"] is None and la_np["year"] not in us,
      "no national benchmark for %s (the nation row has only %s; none is pooled "
      "from California's counties)" % (la_np["year"], sorted(us)))

# 7. Urban birthweight: the rows graded quality 3 carry one shared number
#    (the state's pooled rate for small counties), so the manifest's
#    suppress_if sets them aside: exactly those counties are suppressed
#    with reason suppress_if, and the rest are ranked
lbw = [x for x in rows("urban_mobility/rate_low_birth_weight_metric_all_county.csv")
       if x["state"] == "06"]
blast = max(int(x["year"]) for x in lbw)
q3 = sorted("06" + x["county"] for x in lbw
            if int(x["year"]) == blast and x["rate_low_birth_weight_quality"] == "3")
shared = {x["rate_low_birth_weight"] for x in lbw
          if int(x["year"]) == blast and x["rate_low_birth_weight_quality"] == "3"}
check(len(q3) == 23 and len(shared) == 1,
      "Urban birthweight %d: %d counties graded quality 3 share %d value"
      % (blast, len(q3), len(shared)))
got = sorted(g for g, gg in geo.items() if gg["level"] == "county"
             and entry(g, "healthy_birthweight")["suppressed"]
             and entry(g, "healthy_birthweight")["reason"] == "suppress_if")
check(got == q3 and "06003" in got,
      "Urban birthweight: the quality-3 counties are suppressed by the "
      "manifest's rule, Alpine among them (got %d)" % len(got))
q3_all = sorted(("06" + x["county"], int(x["year"])) for x in lbw
                if x["rate_low_birth_weight_quality"] == "3")
check(rule_rows == q3_all and len(q3_all) == 23 * 8,
      "Urban birthweight: the workbook's Data sheet shows the %d quality-3 "
      "rows as * with reason suppress_if (got %d)" % (len(q3_all), len(rule_rows)))
check(inds["healthy_birthweight"]["ranked"] == 58 - len(q3)
      and entry("06037", "healthy_birthweight")["of"] == 58 - len(q3),
      "Urban birthweight: %d counties ranked" % (58 - len(q3)))

# 8. CHR graduation: the definition changes after the 2011 release, so
#    the manifest's trend_years 5 fits 2014-2018 only; Los Angeles' OLS
#    slope over those releases, computed here from the CHR file
grad = sorted((int(x["release_year"]), float(x["hs_graduation_value"]) * 100)
              for x in chr_rows if x["fips"] == "06037"
              and x["hs_graduation_value"] not in ("", "NA")
              and int(x["release_year"]) >= 2014)
n = len(grad)
mx = sum(y for y, _ in grad) / n
my = sum(v for _, v in grad) / n
slope = (sum((y - mx) * (v - my) for y, v in grad)
         / sum((y - mx) ** 2 for y, _ in grad))
t = entry("06037", "hs_graduation")["trend"]
check(inds["hs_graduation"]["trend_years"] == 5 and t["from_year"] == 2014
      and t["n"] == n == 4 and t["method"] == "ols"
      and close(t["slope"], round(slope, 6)),
      "CHR graduation: Los Angeles' trend over releases %s, slope %.6f (got "
      "%s from %s, n %s)" % ([y for y, _ in grad], slope, t["slope"],
                             t["from_year"], t["n"]))

# 9. the README's opening block is what `show 06037` prints
with open(os.path.join(SRC, "README.md"), encoding="utf-8") as f:
    readme = f.read()
a = readme.index("<!-- show-06037")
block = readme[a:readme.index("<!-- /show-06037", a)].split("```")[1]
lines = block.strip("\n").split("\n")
r = subprocess.run([EXE, "show", "06037"], capture_output=True, text=True)
shown = r.stdout.split("\n")
check(lines[0] == "$ build/engine/cli/scorecard show 06037"
      and shown[:len(lines) - 1] == lines[1:],
      "README: the opening `show 06037` block is the build's output (%d lines)"
      % (len(lines) - 1))

print("real-default: %d passed, %d failed" % (passes, len(fails)))
sys.exit(1 if fails else 0)
