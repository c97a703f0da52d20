#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Read scorecard.xlsx back with an independent reader (openpyxl) and check
it against scorecard.json from the same build (SPEC §5.2):
sheet names and order, header cells, numbers stored as numeric cells, more
than 50 cells that agree with the JSON, suppressed cells shown as "*" with a
comment giving the reason, frozen panes and autofilters.

Usage: xlsx-test.py SCORECARD.xlsx SCORECARD.json
Exit 0 when everything holds, 1 otherwise, 77 without python3-openpyxl.
"""
import json
import sys

try:
    import openpyxl
except ImportError:
    print("SKIP: python3-openpyxl is not installed")
    sys.exit(77)

failures = []


def check(cond, what):
    if not cond:
        failures.append(what)


def main():
    wb = openpyxl.load_workbook(sys.argv[1])
    with open(sys.argv[2], encoding="utf-8") as f:
        doc = json.load(f)
    inds = doc["indicators"]
    ids = [i["id"] for i in inds]
    expected = ["Scorecard", "Trends"] + ids + ["Data", "Indicators", "About"]
    check(wb.sheetnames == expected, "sheets %s, expected %s" % (wb.sheetnames, expected))
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

    print("compared %d cells with the JSON" % compared)
    check(compared >= 50, "only %d cells compared" % compared)
    for f in failures[:30]:
        print("FAIL:", f)
    if len(failures) > 30:
        print("... and %d more" % (len(failures) - 30))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
