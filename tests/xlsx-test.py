#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Read scorecard.xlsx back with an independent reader (openpyxl) and check
it against scorecard.json from the same build (SPEC §5.2):
sheet names and order, header cells, numbers stored as numeric cells, more
than 50 cells that agree with the JSON, suppressed cells shown as "*" with a
comment giving the reason, frozen panes and autofilters.

A multi-state dataset (SPEC §3.10: the JSON's counties name two or more
states) is checked for its own layout instead: the States sheet (one row
per state, in geo_id order; scores, values and ranks among states equal to
the JSON's state geographies), the State column on Scorecard, Trends and
every indicator sheet (inside the autofilter), the rank in the state beside
the national rank for overall, domains and indicators, and each county's
benchmark: its own state's (the JSON's state_benchmarks series of that
state, latest year; the national series for a county without a state),
beside the national benchmark. A single-state workbook has no States sheet.

Usage: xlsx-test.py SCORECARD.xlsx SCORECARD.json [--state SS]
  --state SS  a large workbook: read it in openpyxl's read-only mode (the
              sheets' values; no panes, filters or comments) and require
              that a county of state SS (FIPS prefix) was checked.
Exit 0 when everything holds, 1 otherwise, 77 without python3-openpyxl.
"""
import json
import sys

try:
    import openpyxl
    from openpyxl.utils.cell import get_column_letter, range_boundaries
except ImportError:
    print("SKIP: python3-openpyxl is not installed")
    sys.exit(77)

failures = []


def check(cond, what):
    if not cond:
        failures.append(what)


def check_single(wb, doc):
    """The single-state layout (SPEC §5.2); returns the cells compared."""
    inds = doc["indicators"]
    ids = [i["id"] for i in inds]
    expected = ["Scorecard", "Trends"] + ids + ["Data", "Indicators", "About"]
    check(wb.sheetnames == expected, "sheets %s, expected %s" % (wb.sheetnames, expected))
    check("States" not in wb.sheetnames, "a single-state workbook has a States sheet")
    counties = [g for g in doc["geographies"] if g["level"] == "county"]
    compared = 0

    # Scorecard: one row per county in geo_id order
    ws = wb["Scorecard"]
    head = [c.value for c in ws[1]]
    check(head[:4] == ["FIPS", "County", "Overall score", "Overall rank"], "Scorecard header %s" % head[:4])
    check(len(head) == 4 + 2 * len(inds), "Scorecard has %d columns" % len(head))
    check(ws.freeze_panes == "C2", "Scorecard freeze panes %s" % ws.freeze_panes)
    check(ws.auto_filter.ref is not None, "Scorecard has no autofilter")
    check(ws.max_row == 1 + len(counties), "Scorecard rows %d" % ws.max_row)
    comment_seen = False
    for r, g in enumerate(counties, start=2):
        check(ws.cell(r, 1).value == g["geo_id"], "row %d FIPS %s" % (r, ws.cell(r, 1).value))
        check(ws.cell(r, 2).value == g["name"], "row %d name" % r)
        score = ws.cell(r, 3)
        if g["overall"]["score"] is not None:
            check(score.data_type == "n", "overall score is not a number at row %d" % r)
            check(abs(score.value - g["overall"]["score"]) < 1e-6, "overall score row %d" % r)
            check(ws.cell(r, 4).value == g["overall"]["rank"], "overall rank row %d" % r)
            compared += 2
        for k, ind in enumerate(g["indicators"]):
            v = ws.cell(r, 5 + 2 * k)
            d = ws.cell(r, 6 + 2 * k)
            if ind["suppressed"]:
                check(v.value == "*", "suppressed cell %s%d shows %r" % (v.column_letter, r, v.value))
                check(v.comment is not None and ind["reason"] in v.comment.text,
                      "suppressed cell %s%d has no comment with '%s'" % (v.column_letter, r, ind["reason"]))
                comment_seen = True
            elif ind["value"] is not None:
                check(v.data_type == "n" and abs(v.value - ind["value"]) < 1e-6,
                      "value %s%d: %r vs %r" % (v.column_letter, r, v.value, ind["value"]))
                check(d.data_type == "n" and abs(d.value - ind["distance"]) < 1e-6,
                      "distance %s%d: %r vs %r" % (d.column_letter, r, d.value, ind["distance"]))
                fmt = "0" if inds[k]["decimals"] == 0 else "0." + "0" * inds[k]["decimals"]
                check(v.number_format == fmt, "number format %s at %s%d" % (v.number_format, v.column_letter, r))
                compared += 2

    # an indicator sheet: counties in rank order, rank and children gap
    for k, ind in enumerate(inds):
        ws = wb[ind["id"]]
        head = [c.value for c in ws[3]]
        check(head[0] == "FIPS" and head[1] == "County", "%s header %s" % (ind["id"], head[:2]))
        col = {h: i + 1 for i, h in enumerate(head) if isinstance(h, str)}
        by_id = {g["geo_id"]: g["indicators"][k] for g in counties}
        last_rank = 0
        for r in range(4, 4 + len(counties)):
            gid = ws.cell(r, 1).value
            e = by_id.get(gid)
            check(e is not None, "%s row %d: unknown county %r" % (ind["id"], r, gid))
            if e is None:
                continue
            rank = ws.cell(r, col["Rank"]).value
            check(rank == e["rank"], "%s %s rank %r vs %r" % (ind["id"], gid, rank, e["rank"]))
            if rank is not None:
                check(rank >= last_rank, "%s not sorted by rank at row %d" % (ind["id"], r))
                last_rank = rank
                gap = ws.cell(r, col["Children to reach the goal"]).value
                check(gap == e["children_gap"], "%s %s children_gap %r vs %r" % (ind["id"], gid, gap, e["children_gap"]))
                compared += 2
            for c in range(3, col["Distance to the goal"]):
                cell = ws.cell(r, c)
                if cell.value == "*":
                    check(cell.comment is not None and "uppressed" in cell.comment.text,
                          "%s %s%d suppressed without comment" % (ind["id"], cell.column_letter, r))
                    comment_seen = True
                elif cell.value is not None:
                    check(cell.data_type == "n", "%s %s%d is not a number" % (ind["id"], cell.column_letter, r))
        check(len(ws._charts) == 2, "%s has %d charts, expected 2" % (ind["id"], len(ws._charts)))
    check(comment_seen, "no suppressed cell with a comment was found")

    # Data: an Excel table over every observation; Trends; Indicators
    ws = wb["Data"]
    check(len(ws.tables) == 1, "Data has %d tables" % len(ws.tables))
    n_obs = sum(len(i["series"]) + sum(len(s["series"]) for s in i["subgroups"])
                for g in doc["geographies"] for i in g["indicators"])
    check(ws.max_row == 1 + n_obs, "Data rows %d, expected %d" % (ws.max_row, 1 + n_obs))
    ws = wb["Trends"]
    check(ws.max_row == 1 + len(counties) * len(inds), "Trends rows %d" % ws.max_row)
    check(len(ws.conditional_formatting) >= 1, "Trends has no icon set")
    ws = wb["Indicators"]
    check([ws.cell(r, 2).value for r in range(2, 2 + len(inds))] == ids, "Indicators ids")
    return compared


def same(cell, want):
    """A workbook number equal to the JSON's (rounded to 6 decimals), or
    both null."""
    if want is None or cell is None:
        return want is None and cell is None
    return isinstance(cell, (int, float)) and abs(cell - want) < 1e-6


def values(ws):
    """The sheet's rows as tuples of values (fast in read-only mode)."""
    return list(ws.iter_rows(values_only=True))


def cols(head):
    """Header text -> 0-based column, the first of equal texts."""
    out = {}
    for i, h in enumerate(head):
        if isinstance(h, str) and h not in out:
            out[h] = i
    return out


def filter_covers(ws, first_row, want_cols, what):
    """The autofilter starts at the header row and spans want_cols (1-based)."""
    ref = ws.auto_filter.ref
    check(ref is not None, "%s has no autofilter" % what)
    if ref is None:
        return
    c0, r0, c1, _ = range_boundaries(ref)
    check(r0 == first_row and c0 == 1, "%s autofilter %s starts elsewhere" % (what, ref))
    for c in want_cols:
        check(c0 <= c <= c1, "%s autofilter %s leaves out column %s" % (what, ref, get_column_letter(c)))


def latest(series, year):
    """The value of a benchmark series in `year`, or None."""
    for b in series:
        if b["year"] == year:
            return b["value"]
    return None


def check_multi(wb, doc, full, state):
    """The multi-state layout (SPEC §3.10); returns the cells compared.
    full: panes, filters, comments and charts too (not in read-only mode);
    state: a FIPS prefix one of whose counties must have been checked."""
    geos = doc["geographies"]
    inds = doc["indicators"]
    ids = [i["id"] for i in inds]
    domains = doc["domains"]
    ni, nd = len(inds), len(domains)
    counties = [g for g in geos if g["level"] == "county"]
    states = [g for g in geos if g["level"] == "state"]
    state_names = {g["geo_id"]: g["name"] for g in states}
    expected = ["Scorecard", "States", "Trends"] + ids + ["Data", "Indicators", "About"]
    check(wb.sheetnames == expected, "sheets %s, expected %s" % (wb.sheetnames, expected))
    compared = 0
    missing = [n for n in expected if n not in wb.sheetnames]
    check(not missing, "no sheet %s" % missing)
    if missing:
        return compared

    # States: one row per state geography, ranks among states as the JSON's
    ws = wb["States"]
    rows = values(ws)
    head = list(rows[0])
    want = ["FIPS", "State", "Counties", "Overall score", "Overall rank among states"]
    for d in domains:
        want += ["%s score" % d, "%s rank among states" % d]
    for i in inds:
        want += ["%s, %d (%%)" % (i["name"], i["latest_year"]), "Rank among states"]
    check(head == want, "States header %s" % head[:8])
    check(len(rows) == 1 + len(states), "States has %d rows for %d states" % (len(rows) - 1, len(states)))
    if full:
        check(ws.freeze_panes == "C2", "States freeze panes %s" % ws.freeze_panes)
        filter_covers(ws, 1, [1, 2, len(want)], "States")
    ranked = 0
    for row, g in zip(rows[1:], states):
        sid = g["geo_id"]
        check(row[0] == sid and row[1] == g["name"], "States row %r for %s" % (row[:2], sid))
        n = sum(1 for c in counties if c["state"] == sid)
        check(row[2] == n, "States %s counties %r, expected %d" % (sid, row[2], n))
        check(same(row[3], g["overall"]["score"]), "States %s overall score %r" % (sid, row[3]))
        check(row[4] == g["overall"]["rank"], "States %s overall rank %r vs %r" % (sid, row[4], g["overall"]["rank"]))
        for d, dom in enumerate(g["domains"]):
            check(same(row[5 + 2 * d], dom["score"]), "States %s %s score" % (sid, dom["domain"]))
            check(row[6 + 2 * d] == dom["rank"], "States %s %s rank %r vs %r" % (sid, dom["domain"], row[6 + 2 * d], dom["rank"]))
        c0 = 5 + 2 * nd
        for k, e in enumerate(g["indicators"]):
            v, rk = row[c0 + 2 * k], row[c0 + 1 + 2 * k]
            if e["suppressed"]:
                check(v == "*", "States %s %s suppressed shows %r" % (sid, e["id"], v))
            else:
                check(same(v, e["value"]), "States %s %s value %r vs %r" % (sid, e["id"], v, e["value"]))
            check(rk == e["rank"], "States %s %s rank %r vs %r" % (sid, e["id"], rk, e["rank"]))
            ranked += rk is not None
            compared += 2
    if any(e["rank"] is not None for g in states for e in g["indicators"]):
        check(ranked > 0, "no state is ranked on the States sheet")

    # Scorecard: the State column, overall and domain ranks in the state
    # and nationally
    ws = wb["Scorecard"]
    rows = values(ws)
    head = list(rows[0])
    want = ["FIPS", "County", "State", "Overall score", "Overall rank in state", "Overall national rank"]
    for d in domains:
        want += ["%s score" % d, "%s rank in state" % d, "%s national rank" % d]
    ic = len(want)
    check(head[:ic] == want, "Scorecard header %s" % head[:ic])
    check(len(head) == ic + 2 * ni, "Scorecard has %d columns" % len(head))
    check(len(rows) == 1 + len(counties), "Scorecard rows %d" % len(rows))
    if full:
        check(ws.freeze_panes == "C2", "Scorecard freeze panes %s" % ws.freeze_panes)
        filter_covers(ws, 1, [3, len(head)], "Scorecard")
    for row, g in zip(rows[1:], counties):
        gid = g["geo_id"]
        check(row[0] == gid and row[1] == g["name"], "Scorecard row %r for %s" % (row[:2], gid))
        check(row[2] == state_names.get(g["state"]), "Scorecard %s state %r" % (gid, row[2]))
        o = g["overall"]
        check(same(row[3], o["score"]), "Scorecard %s overall score" % gid)
        check(row[4] == o["rank"] and row[5] == o["national_rank"],
              "Scorecard %s overall ranks %r, %r vs %r, %r" % (gid, row[4], row[5], o["rank"], o["national_rank"]))
        for d, dom in enumerate(g["domains"]):
            c = 6 + 3 * d
            check(same(row[c], dom["score"]), "Scorecard %s %s score" % (gid, dom["domain"]))
            check(row[c + 1] == dom["rank"] and row[c + 2] == dom["national_rank"],
                  "Scorecard %s %s ranks %r, %r vs %r, %r" % (gid, dom["domain"], row[c + 1], row[c + 2],
                                                           dom["rank"], dom["national_rank"]))
        compared += 4 + 3 * nd
        for k, e in enumerate(g["indicators"]):
            v, dist = row[ic + 2 * k], row[ic + 1 + 2 * k]
            if e["suppressed"]:
                check(v == "*", "Scorecard %s %s suppressed shows %r" % (gid, e["id"], v))
            elif e["value"] is not None:
                check(same(v, e["value"]) and same(dist, e["distance"]),
                      "Scorecard %s %s: %r, %r vs %r, %r" % (gid, e["id"], v, dist, e["value"], e["distance"]))
                compared += 2

    # Trends: the State column beside the county
    ws = wb["Trends"]
    rows = values(ws)
    check(list(rows[0][:4]) == ["FIPS", "County", "State", "Indicator"], "Trends header %s" % (rows[0][:4],))
    check(len(rows) == 1 + len(counties) * ni, "Trends rows %d" % len(rows))
    if full:
        filter_covers(ws, 1, [3, len(rows[0])], "Trends")
    by_id = {g["geo_id"]: g for g in counties}
    for row in rows[1:]:
        g = by_id.get(row[0])
        check(g is not None and row[2] == state_names.get(g["state"]), "Trends %s state %r" % (row[0], row[2]))

    # indicator sheets: in national rank order, rank in state beside the
    # national rank, the county's state's benchmark beside the nation's
    seen = set()
    for k, ind in enumerate(inds):
        ws = wb[ind["id"]]
        rows = values(ws)
        head = list(rows[2])
        col = cols(head)
        year = ind["latest_year"]
        sb_head = "State benchmark, %d (%%)" % year
        nb_head = "National benchmark, %d (%%)" % year
        need = ["FIPS", "County", "State", "Rank in state", "Of (in state)", "National rank", "Of (national)",
                sb_head, "vs state benchmark", nb_head, "vs national benchmark"]
        missing = [h for h in need if h not in col]
        check(not missing, "%s lacks the columns %s" % (ind["id"], missing))
        if missing:
            continue
        block = col.get("Year")
        check(block is not None and head[block + 1] == "National benchmark (%)",
              "%s benchmark by year is not the national one: %r" % (ind["id"], head[block + 1:block + 2]))
        if full:
            check(ws.freeze_panes == "C4", "%s freeze panes %s" % (ind["id"], ws.freeze_panes))
            filter_covers(ws, 3, [col["State"] + 1, col["vs national benchmark"] + 1], ind["id"])
            check(len(ws._charts) == 2, "%s has %d charts, expected 2" % (ind["id"], len(ws._charts)))
        state_series = {s["geo_id"]: s["benchmark"] for s in ind["state_benchmarks"]}
        national = latest(ind["benchmark"], year)
        last = 0
        for row in rows[3:3 + len(counties)]:
            gid = row[0]
            g = by_id.get(gid)
            check(g is not None, "%s: unknown county %r" % (ind["id"], gid))
            if g is None:
                continue
            e = g["indicators"][k]
            sid = g["state"]
            check(row[col["State"]] == state_names.get(sid), "%s %s state %r" % (ind["id"], gid, row[col["State"]]))
            got = [row[col[h]] for h in ("Rank in state", "Of (in state)", "National rank", "Of (national)")]
            exp = [e["rank"], e["of"], e["national_rank"], e["national_of"]]
            check(got == exp, "%s %s ranks %r vs the JSON's %r" % (ind["id"], gid, got, exp))
            nr = e["national_rank"]
            if nr is not None:
                check(last is not None and nr >= last, "%s not in national rank order at %s" % (ind["id"], gid))
            last = nr
            b, vs = row[col[sb_head]], row[col["vs state benchmark"]]
            nb, nvs = row[col[nb_head]], row[col["vs national benchmark"]]
            check(same(b, e["benchmark"]) and vs == e["vs_benchmark"],
                  "%s %s benchmark %r %r vs the JSON's %r %r" % (ind["id"], gid, b, vs, e["benchmark"], e["vs_benchmark"]))
            check(same(nb, e["national_benchmark"]) and nvs == e["vs_national"],
                  "%s %s national benchmark %r %r vs %r %r" % (ind["id"], gid, nb, nvs, e["national_benchmark"],
                                                              e["vs_national"]))
            compared += 8
            if e["benchmark"] is None:
                continue
            # the state's own series (the nation's without a state)
            own = latest(state_series[sid], year) if sid in state_series else national
            check(same(b, own), "%s %s benchmark %r is not its state's (%s) %r" % (ind["id"], gid, b, sid, own))
            if state and gid.startswith(state) and own != national:
                seen.add(gid)
    if state:
        check(seen, "no county of state %s was checked against its state's own benchmark" % state)
        print("state %s: counties %s shown with their state's benchmark" % (state, sorted(seen)))
    return compared


def main():
    args = sys.argv[1:]
    state = None
    if "--state" in args:
        i = args.index("--state")
        state = args[i + 1]
        del args[i:i + 2]
    with open(args[1], encoding="utf-8") as f:
        doc = json.load(f)
    counties = [g for g in doc["geographies"] if g["level"] == "county"]
    if len({g.get("state") for g in counties} - {None}) >= 2:
        wb = openpyxl.load_workbook(args[0], read_only=state is not None)
        compared = check_multi(wb, doc, state is None, state)
    else:
        check(state is None, "--state given for a single-state workbook")
        compared = check_single(openpyxl.load_workbook(args[0]), doc)

    print("compared %d cells with the JSON" % compared)
    check(compared >= 50, "only %d cells compared" % compared)
    for f in failures[:30]:
        print("FAIL:", f)
    if len(failures) > 30:
        print("... and %d more" % (len(failures) - 30))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
