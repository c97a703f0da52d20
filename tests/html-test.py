#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The HTML page without a browser (SPEC §5.4):
 1. the sample page: self-contained (no external resource of any kind, a
    Content-Security-Policy forbidding requests), the embedded JSON equal
    to scorecard.json, every geography's figures equal to the JSON's
    rounded at the indicator's decimals, headings and tables semantic,
    every chart with a text alternative;
 2. --split pages: html/<geo_id>.html embeds json/<geo_id>.json;
 3. hostile names (</script>, <!--, quotes, &, javascript: links) in the
    title, county, indicator, domain, subgroup and source cannot break
    the page: it still has exactly its two scripts, the JSON still parses
    to the same values, and every name reads back as the same text;
 4. several states (SPEC §3.10): the state picker, in-state and national
    ranks and benchmarks, states ranked among states with their
    counties' spread;
 5. the default dataset (published data): every figure, and trends that
    name the years they were fitted to.
Usage: html-test.py SCORECARD SOURCE_ROOT"""
import base64
import hashlib
import os
import re
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import htmlcheck as hc  # noqa: E402

exe, src = sys.argv[1], sys.argv[2]
check = hc.Checks("html")


def build(dataset, out, *extra):
    hc.build(exe, dataset, out, *extra)


def read(p):
    with open(p, encoding="utf-8") as f:
        return f.read()


def json_or_none(text):
    try:
        return hc.load_json(text)
    except ValueError as e:
        print("      JSON does not parse:", e)
        return None


def scripts(root):
    return root.find_all("script")


def data_block(root):
    blocks = [s for s in scripts(root) if s.attrs.get("type") == "application/json"]
    return blocks


def self_contained(root, html, label):
    """No element or style may load anything."""
    loads = []
    for n in root.walk():
        for a in ("src", "srcset", "data", "poster", "background"):
            if a in n.attrs:
                loads.append(f"<{n.tag} {a}=...>")
        if n.tag in ("link", "img", "iframe", "object", "embed", "audio",
                     "video", "base", "form"):
            loads.append(f"<{n.tag}>")
        href = n.attrs.get("href")
        if href is not None and n.tag != "a":
            loads.append(f"<{n.tag} href={href}>")
        if n.tag == "a" and href is not None and not (
                href.startswith("#") or re.match(r"https?://", href, re.I)):
            loads.append(f"<a href={href}> (only #fragments and http(s) links)")
    css = "".join(s.text() for s in root.find_all("style"))
    css += "".join(n.attrs.get("style", "") for n in root.walk())
    for m in re.finditer(r"url\(([^)]*)\)|@import", css):
        loads.append(m.group(0))
    for n in root.walk():
        for a in ("fill", "stroke", "style"):
            v = n.attrs.get(a, "")
            if "url(" in v and v != "url(#hatch)":
                loads.append(f"{n.tag} {a}={v}")
    check(not loads, f"{label}: self-contained (found: {loads[:5]})")
    csp = [m for m in root.find_all("meta")
           if (m.attrs.get("http-equiv") or "").lower() == "content-security-policy"]
    check(len(csp) == 1 and "default-src 'none'" in csp[0].attrs.get("content", ""),
          f"{label}: a Content-Security-Policy forbids network requests")
    policy = csp[0].attrs.get("content", "") if csp else ""
    inline = [s.text() for s in root.find_all("script") if "type" not in s.attrs]
    want = ["'sha256-" + base64.b64encode(hashlib.sha256(t.encode()).digest()).decode()
            + "'" for t in inline]
    check("unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
          and all(w in policy for w in want),
          f"{label}: the policy allows the picker script by its hash only "
          f"(expected {want} in emit_html.c's SCRIPT_SHA256)")


def figures_agree(root, doc, label, only=None):
    secs = {s.attrs.get("data-geo"): s for s in root.find_all("section", cls="geo")}
    geos = [g for g in doc["geographies"] if only is None or g["geo_id"] in only]
    check(set(secs) == {g["geo_id"] for g in geos},
          f"{label}: one section per geography ({len(secs)})")
    bad = []
    for g in geos:
        if g["geo_id"] in secs:
            got = hc.shown(secs[g["geo_id"]])
            bad += hc.compare(hc.expected(doc, g), got, g["geo_id"])
    check(not bad, f"{label}: every figure shown equals the JSON's "
          f"({sum(len(g['indicators']) for g in geos)} indicator rows)"
          + ("\n      " + "\n      ".join(bad[:10]) if bad else ""))


def accessible(root, label):
    svgs = [s for s in root.find_all("svg") if s.attrs.get("aria-hidden") != "true"]
    check(svgs and all(s.attrs.get("role") == "img" and s.attrs.get("aria-label")
                       for s in svgs),
          f"{label}: every chart ({len(svgs)}) has role=img and a text alternative")
    check(len(root.find_all("h1")) == 1, f"{label}: one h1")
    tables = root.find_all("table")
    ths = [th for t in tables for th in t.find_all("th")]
    check(tables and all(th.attrs.get("scope") in ("col", "row") for th in ths),
          f"{label}: every table header cell ({len(ths)}) has a scope")
    check(root.first("html").attrs.get("lang") == "en", f"{label}: <html lang>")
    css = "".join(st.text() for st in root.find_all("style"))
    colors = dict(re.findall(r"--(ink|muted|good|bad|value|gap):(#[0-9a-f]{6})", css))
    colors.update({f"color {c}": c for c in re.findall(r"[^-]color:(#[0-9a-f]{6})", css)})

    def lum(h):
        c = [int(h[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        c = [x / 12.92 if x <= 0.03928 else ((x + 0.055) / 1.055) ** 2.4 for x in c]
        return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]
    low = {k: round(1.05 / (lum(v) + 0.05), 2) for k, v in colors.items()
           if 1.05 / (lum(v) + 0.05) < 4.5}
    check(len(colors) >= 6 and not low,
          f"{label}: text and chart colours ({len(colors)}) have at least "
          f"4.5:1 contrast on white (below: {low})")
    # trends carry words, not only colours and arrows
    cells = root.find_all("td", cls="c-trend")
    worded = [c for c in cells if c.first(cls="good") or c.first(cls="bad")]
    check(all(re.search(r"Improving|Worsening", c.text()) for c in worded),
          f"{label}: every coloured trend ({len(worded)}) says it in words")


with tempfile.TemporaryDirectory() as tmp:
    # 1. the sample
    out = os.path.join(tmp, "sample")
    build(os.path.join(src, "data", "illustrative"), out, "--split", "--format", "json,html")
    html = read(os.path.join(out, "scorecard.html"))
    doc_text = read(os.path.join(out, "scorecard.json"))
    doc = hc.load_json(doc_text)
    root = hc.parse(html)
    check(html.startswith("<!DOCTYPE html>"), "sample: doctype")
    self_contained(root, html, "sample")
    blocks = data_block(root)
    check(len(blocks) == 1 and blocks[0].attrs.get("id") == "scorecard-data",
          "sample: one embedded JSON block, id scorecard-data")
    check(len(scripts(root)) == 2, "sample: exactly two scripts (data, picker)")
    embedded = json_or_none(blocks[0].text()) if blocks else None
    check(embedded == doc, "sample: the embedded JSON equals scorecard.json")
    figures_agree(root, doc, "sample")
    accessible(root, "sample")
    picker = root.first("select", id="picker")
    opts = [o.attrs.get("value") for o in picker.find_all("option")] if picker else []
    secids = [sec.attrs.get("id") for sec in root.find_all("section", cls="geo")]
    check(picker is not None and sorted(o for o in opts if o) == sorted(secids)
          and len(secids) == len(doc["geographies"]),
          f"sample: the picker names every geography's section once ({len(opts) - 1})")
    nav = root.first("nav", id="picker-nav")
    check(nav is not None and "hidden" in nav.attrs,
          "sample: the picker is hidden until the script shows it")
    ns = root.first("noscript")
    check(ns is not None and len(ns.find_all("a")) == len(doc["geographies"]),
          "sample: without JavaScript, an index links every geography")
    # the methodology and sources are at the bottom
    foot = root.first("footer", id="methodology")
    check(foot is not None and all(i["name"] in foot.text() for i in doc["indicators"]),
          "sample: the methodology lists every indicator and its source")

    # 2. split pages
    names = sorted(os.listdir(os.path.join(out, "html")))
    check(names == sorted(g["geo_id"] + ".html" for g in doc["geographies"]),
          f"split: one page per geography ({len(names)})")
    bad = []
    for gid in ("06000", "06037", "06003"):
        p = hc.parse(read(os.path.join(out, "html", gid + ".html")))
        b = data_block(p)
        one = hc.load_json(read(os.path.join(out, "json", gid + ".json")))
        if len(b) != 1 or json_or_none(b[0].text()) != one:
            bad.append(f"{gid}: embedded JSON differs from json/{gid}.json")
        if len(scripts(p)) != 1 or p.first("select") is not None:
            bad.append(f"{gid}: a one-county page needs no picker or script")
        figs = hc.compare(hc.expected(one, one["geographies"][0]),
                          hc.shown(p.first("section", cls="geo")), gid)
        bad += figs
    check(not bad, "split: pages embed their split JSON and show its figures"
          + ("\n      " + "\n      ".join(bad[:10]) if bad else ""))

    # 3. hostile names
    hostile = os.path.join(tmp, "hostile")
    os.makedirs(hostile)
    evil = "</script><script>alert(1)</script>"
    title = f"Title {evil} & <!-- \"quoted\" 'single'"
    county = f"Evil{evil} & \"Co\" <b>bold</b> <!--"
    ind_name = f"Reading </SCRIPT > <img src=x onerror=alert(2)> & more"
    domain = "Health & </script><!-- Safety"
    sub = f"Group {evil}"
    source = "Source <!-- </script> & \"Co\""
    with open(os.path.join(hostile, "scorecard.json"), "w") as f:
        import json
        json.dump({"title": title, "geographies": "geographies.csv",
                   "domains": [domain],
                   "indicators": [
                       {"id": "x", "name": ind_name, "domain": domain,
                        "file": "x.csv", "source": source,
                        "url": "javascript:alert(3)",
                        "description": "</style><style>body{display:none}"},
                       {"id": "y", "name": "Linked", "domain": domain,
                        "file": "y.csv", "source": "Plain",
                        "url": "https://example.org/?a=1&b=<2>"},
                       {"id": "z", "name": "Suppressed and unstable",
                        "domain": domain, "file": "z.csv"},
                       {"id": "w", "name": "Falling fast", "domain": domain,
                        "file": "w.csv", "decimals": 0}]}, f)
    with open(os.path.join(hostile, "geographies.csv"), "w") as f:
        f.write("geo_id,name,level,parent,population\n")
        f.write('99000,"State </script>",state,,1000\n')
        f.write(f'99001,"{county.replace(chr(34), chr(34) * 2)}",county,99000,10\n')
        f.write('99003,Plain,county,99000,10\n')
        f.write('99005,Tiny,county,99000,3\n')
        # ids that cannot be a fragment as they are, beside one ("n1")
        # that looks like the fallback; an absurd population
        f.write('"9 9/<7>",Spaced,county,99000,150000000000000000000\n')
        f.write('n1,Lookalike,county,99000,123456789012345678901\n')
        f.write('-1,Dash,county,99000,5\n')  # "g-1": the old fallback's id
    with open(os.path.join(hostile, "x.csv"), "w") as f:
        f.write("geo_id,year,subgroup,value\n")
        for g in ("99001", "99003"):
            for y, v in ((2019, 50), (2020, 52), (2021, 55)):
                f.write(f'{g},{y},All,{v}\n{g},{y},"{sub}",{v - 10}\n'
                        f'{g},{y},Other,{v + 5}\n')
    with open(os.path.join(hostile, "y.csv"), "w") as f:
        # halves at the indicator's 1 decimal: the page rounds the JSON's
        # text half away from zero (12.3, 60.1); printf would give 12.2
        # (binary tie, to even) and 60.0 (60.05 is 60.0499... in binary)
        f.write("geo_id,year,value\n99001,2021,12.25\n99003,2021,60.05\n")
    with open(os.path.join(hostile, "z.csv"), "w") as f:
        # 99001: suppressed by the source in the latest year; 99005: too
        # few children (15 < 20);
        # the state: unstable (moe 8 on 10: RSE 0.49 > 0.3)
        f.write("geo_id,year,value,numerator,denominator,moe\n"
                "99001,2020,30,,,\n99001,2021,*,,,\n"
                "99003,2020,40,40,100,\n99003,2021,45,45,100,\n"
                "99005,2021,40,6,15,\n"
                "99000,2021,10,,,8\n")
    with open(os.path.join(hostile, "w.csv"), "w") as f:
        # slope -9.968 shows at 1 decimal as -10.0 (a carry into a new
        # digit must keep the sign)
        f.write("geo_id,year,value\n")
        for y, v in zip(range(2017, 2022), (99.9, 90, 80, 70, 60.06)):
            f.write(f"99003,{y},{v}\n99001,{y},50\n")
    hout = os.path.join(tmp, "hostile-out")
    build(hostile, hout, "--format", "json,html")
    hhtml = read(os.path.join(hout, "scorecard.html"))
    hdoc = hc.load_json(read(os.path.join(hout, "scorecard.json")))
    hroot = hc.parse(hhtml)
    check(len(scripts(hroot)) == 2,
          f"hostile: still exactly two scripts ({len(scripts(hroot))})")
    hb = data_block(hroot)
    check(len(hb) == 1 and json_or_none(hb[0].text()) == hdoc,
          "hostile: the embedded JSON parses to scorecard.json's values")
    check("</script" not in hb[0].text().lower() and "<!--" not in hb[0].text(),
          "hostile: no '</script' or '<!--' inside the JSON block")
    check(hroot.first("title").text() == title and hroot.first("h1").text() == title,
          "hostile: the title reads back as the same text")
    sec = hroot.first("section", id="g99001")
    check(sec is not None and sec.first("h2").text() == county,
          "hostile: the county name reads back as the same text")
    th = sec.first("tr", **{"data-indicator": "x"}).first("th") if sec else None
    check(th is not None and th.text() == ind_name and not hroot.find_all("img"),
          "hostile: the indicator name is text, not markup")
    check(all(n.tag != "b" for n in hroot.walk()), "hostile: no <b> from a name")
    check(len(hroot.find_all("style")) == 1, "hostile: one style element")
    links = [a.attrs["href"] for a in hroot.find_all("a") if "href" in a.attrs]
    check(not any(h.lower().startswith("javascript:") for h in links)
          and "https://example.org/?a=1&b=<2>" in links,
          "hostile: a javascript: URL is not a link; an https one is, intact")
    check(sub in sec.text() if sec else False,
          "hostile: the subgroup name reads back as the same text")
    self_contained(hroot, hhtml, "hostile")
    figures_agree(hroot, hdoc, "hostile")
    zrow = {g: hroot.first("section", id=g).first("tr", **{"data-indicator": "z"})
            .first("td", cls="c-value").text() for g in ("g99001", "g99005", "g99000")}
    check("Suppressed" in zrow["g99001"] and "withheld by the source" in zrow["g99001"],
          f"hostile: a source-suppressed value says so ({zrow['g99001']!r})")
    check("Suppressed" in zrow["g99005"] and "fewer than 20 children" in zrow["g99005"],
          f"hostile: a low-denominator value says why ({zrow['g99005']!r})")
    check("10.0%" in zrow["g99000"] and "Unstable estimate" in zrow["g99000"],
          f"hostile: an unstable value is shown and flagged ({zrow['g99000']!r})")
    wsl = hc.shown(hroot.first("section", id="g99003"))["rows"]["w"]["slope"]
    check(wsl.startswith("\u221210.0 points a year"),
          f"hostile: a slope of -9.968 shows as \u221210.0 ({wsl!r})")
    pops = [hc.shown(sec)["population"] for sec in hroot.find_all("section", cls="geo")
            if sec.attrs.get("data-geo") in ("9 9/<7>", "n1")]
    check(sorted(pops) == ["population 1.2345678901234568e+20",
                           "population 1.5e+20"],
          f"hostile: absurd populations show as the JSON writes them ({pops})")
    ids = [sec.attrs.get("id") for sec in hroot.find_all("section", cls="geo")]
    opts = [o.attrs.get("value") for o in hroot.first("select").find_all("option")
            if o.attrs.get("value")]
    check(len(set(ids)) == len(ids) == len(hdoc["geographies"])
          and sorted(opts) == sorted(ids),
          f"hostile: section ids are unique and the picker names each once ({ids})")
    raw = hhtml.lower()
    check(raw.count("</script") == 2 and raw.count("<script") == 2,
          "hostile: the file holds exactly two <script> and two </script>")
    shown = [hc.shown(hroot.first("section", id=g))["rows"]["y"]["value"]
             for g in ("g99001", "g99003")]
    check(shown == ["12.3%", "60.1%"],
          f"hostile: halves round away from zero on the JSON's text ({shown})")


# 5. The default dataset (California's published data): publishers' series
#    start late and skip years, so each trend names the years it was
#    fitted to; every figure equals the JSON's.
with tempfile.TemporaryDirectory() as tmp:
    import subprocess
    dout = os.path.join(tmp, "default")
    r = subprocess.run([exe, "build", "-o", dout, "--format", "json,html", "-q"],
                       capture_output=True, text=True)
    check(r.returncode == 0, f"default: build exits 0 ({r.returncode})")
    ddoc = hc.load_json(read(os.path.join(dout, "scorecard.json")))
    droot = hc.parse(read(os.path.join(dout, "scorecard.html")))
    figures_agree(droot, ddoc, "default")
    la = hc.shown(droot.first("section", id="g06037"))["rows"]
    check(la["health_insurance"]["slope"].endswith("2008\u20132016")
          and la["preschool_attendance"]["slope"].endswith(
              "2014\u20132023 (5 years with data)"),
          "default: Los Angeles' trends name the years fitted (SAHIE from "
          f"2008; Urban's preschool in 5 of 10 years): "
          f"{la['health_insurance']['slope']!r}, "
          f"{la['preschool_attendance']['slope']!r}")
    pj = {i: la[i]["projection_text"] for i in ("health_insurance", "preschool_attendance")}
    check("on data ending in 2016" in (pj["health_insurance"] or "")
          and "data ending" not in (pj["preschool_attendance"] or ""),
          f"default: a projection from a series that ends early says so ({pj})")

# 4. Several states (SPEC §3.10, bench/generate.py --workload multi): a
#    state picker before the county picker, one county group per state,
#    a county's in-state and national ranks and both benchmarks, a
#    state's rank among states and its counties' spread, all equal to
#    the JSON's (the spread recomputed here from the counties' values).
with tempfile.TemporaryDirectory() as tmp:
    import subprocess
    mdir = os.path.join(tmp, "multi")
    subprocess.run(["/usr/bin/python3", os.path.join(src, "bench", "generate.py"),
                    "--workload", "multi", mdir], check=True, capture_output=True)
    mout = os.path.join(tmp, "multi-out")
    build(mdir, mout, "--format", "json,html")
    mhtml = read(os.path.join(mout, "scorecard.html"))
    mdoc = hc.load_json(read(os.path.join(mout, "scorecard.json")))
    mroot = hc.parse(mhtml)
    self_contained(mroot, mhtml, "multi")
    figures_agree(mroot, mdoc, "multi")
    geos = mdoc["geographies"]
    by_id = {g["geo_id"]: g for g in geos}
    states = [g for g in geos if g["level"] == "state"]
    nation = [g for g in geos if g["level"] == "nation"]
    anchor = {g["geo_id"]: "g" + g["geo_id"] for g in geos}
    sels = mroot.find_all("select")
    check([s.attrs.get("id") for s in sels] == ["state-picker", "picker"],
          f"multi: the state picker comes before the county picker "
          f"({[s.attrs.get('id') for s in sels]})")
    sopts = [o.attrs.get("value") for o in sels[0].find_all("option")]
    check(sopts == [""] + [anchor[g["geo_id"]] for g in nation + states],
          f"multi: the state picker lists the nation, then each state ({sopts})")
    groups = {og.attrs.get("data-state"): [o.attrs.get("value")
                                           for o in og.find_all("option")]
              for og in sels[1].find_all("optgroup")}
    want = {anchor[s["geo_id"]]: [anchor[s["geo_id"]]] +
            [anchor[g["geo_id"]] for g in geos
             if g["level"] == "county" and g["state"] == s["geo_id"]]
            for s in states}
    want[""] = [anchor[g["geo_id"]] for g in geos
                if g["level"] != "state" and not g["state"]]
    check(groups == want, "multi: the county picker has one group per state "
          f"holding its counties, then the nation and counties without a "
          f"state ({len(groups)} groups)")
    inds = {i["id"]: i for i in mdoc["indicators"]}
    bad, nrows, nspread = [], 0, 0
    for g in geos:
        sec = mroot.first("section", id=anchor[g["geo_id"]])
        ds_want = (anchor[g["geo_id"]] if g["level"] == "state" else
                   anchor[g["state"]] if g["state"] else "")
        if sec.attrs.get("data-state") != ds_want:
            bad.append(f"{g['geo_id']}: data-state {sec.attrs.get('data-state')!r}")
        ov = hc._txt(sec.first(cls="overall"))
        o = g["overall"]
        if g["level"] == "county" and o["rank"]:
            sname = by_id[g["state"]]["name"] if g["state"] else None
            w = f"rank {o['rank']} of {o['of']}" + (f" in {sname}" if sname else "")
            w += f", {o['national_rank']} of {o['national_of']} nationally"
            if w not in ov:
                bad.append(f"{g['geo_id']}: overall {ov!r} lacks {w!r}")
        if g["level"] == "state" and o["rank"] and \
                f"rank {o['rank']} of {o['of']} among states" not in ov:
            bad.append(f"{g['geo_id']}: overall {ov!r} lacks its rank among states")
        for gi in g["indicators"]:
            tr = sec.first("tr", **{"data-indicator": gi["id"]})
            k = inds[gi["id"]]["decimals"]
            rank = hc._txt(tr.first("td", cls="c-rank"))
            bench = hc._txt(tr.first("td", cls="c-benchmark"))
            nrows += 1
            if g["level"] == "county" and gi["rank"]:
                if g["state"] and f"in {by_id[g['state']]['name']}" not in rank:
                    bad.append(f"{g['geo_id']} {gi['id']}: rank {rank!r} lacks its state")
                w = f"nationally {gi['national_rank']} of {gi['national_of']}"
                if w not in rank:
                    bad.append(f"{g['geo_id']} {gi['id']}: rank {rank!r} lacks {w!r}")
            if g["level"] == "county" and gi["national_benchmark"] is not None \
                    and g["state"]:
                w = f"Nation {hc.fmt(gi['national_benchmark'], k)}%"
                if gi["vs_national"]:
                    w += " \u00b7 " + gi["vs_national"]
                if w not in bench:
                    bad.append(f"{g['geo_id']} {gi['id']}: benchmark {bench!r} lacks {w!r}")
            if g["level"] == "state":
                if gi["rank"] and "among states" not in rank:
                    bad.append(f"{g['geo_id']} {gi['id']}: rank {rank!r}")
                year = inds[gi["id"]]["latest_year"]
                vals = sorted(c_gi["value"] for c in geos
                              if c["level"] == "county" and c["state"] == g["geo_id"]
                              for c_gi in c["indicators"]
                              if c_gi["id"] == gi["id"] and c_gi["year"] == year
                              and not c_gi["suppressed"] and c_gi["value"] is not None
                              and any(s["year"] == year for s in c_gi["series"]))
                sp = hc._txt(tr.first(cls="spread"))
                if vals:
                    n = len(vals)
                    med = vals[n // 2] if n % 2 else (vals[n // 2 - 1] + vals[n // 2]) / 2
                    w = (f"Its one county: {hc.fmt(vals[0], k)}%" if n == 1 else
                         f"Its {n} counties: {hc.fmt(vals[0], k)}\u2013"
                         f"{hc.fmt(vals[-1], k)}%, median {hc.fmt(med, k)}%")
                    nspread += 1
                    if sp != w:
                        bad.append(f"{g['geo_id']} {gi['id']}: spread {sp!r}, expected {w!r}")
                elif sp is not None:
                    bad.append(f"{g['geo_id']} {gi['id']}: spread {sp!r} without counties")
    check(not bad, f"multi: in-state and national ranks, both benchmarks and "
          f"the states' spreads agree with the JSON ({nrows} rows, {nspread} "
          f"spreads)" + ("\n      " + "\n      ".join(bad[:10]) if bad else ""))

check.exit()
