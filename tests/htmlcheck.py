# SPDX-License-Identifier: MIT
"""What the HTML tests share: the figures a reader should see for a
geography, computed independently from the §5.1 JSON (decimal rounding
half away from zero of the JSON's number text, the spec's rule), and a
small DOM built with the standard library's html.parser, which splits
<script> blocks the way browsers do."""
import json
import subprocess
import sys
from decimal import Decimal, ROUND_HALF_UP
from html.parser import HTMLParser

DASH = "\u2014"
VOID = {"meta", "br", "hr", "img", "input", "link", "source", "wbr"}


class Checks:
    """ok/FAIL lines and a total, for a test script."""

    def __init__(self, name):
        self.name, self.passes, self.fails = name, 0, []

    def __call__(self, cond, what, detail=""):
        if cond:
            self.passes += 1
            print("ok  ", what)
        else:
            self.fails.append(what)
            print("FAIL", what, ("\n      " + detail) if detail else "")

    def exit(self):
        print(f"{self.name}: {self.passes} passed, {len(self.fails)} failed")
        sys.exit(1 if self.fails else 0)


def build(exe, dataset, out, *extra):
    """scorecard build, quiet; a failure ends the test."""
    r = subprocess.run([exe, "build", dataset, "-o", out, "-q", *extra],
                       capture_output=True, text=True)
    if r.returncode != 0:
        print(r.stdout, r.stderr)
        raise SystemExit(f"FAIL: build {dataset} exited {r.returncode}")


def load_json(text):
    """JSON with exact decimals (the number text as written)."""
    return json.loads(text, parse_float=Decimal)


def fmt(x, k):
    """x (a Decimal from the JSON, or None) at k decimals, half away from
    zero; '-0.0' shows as '0.0'."""
    if x is None:
        return None
    q = Decimal(1).scaleb(-k)
    s = format(Decimal(x).quantize(q, rounding=ROUND_HALF_UP), "f")
    if s.startswith("-") and set(s[1:]) <= set("0."):
        s = s[1:]
    return s


def plain(x):
    """A number as the JSON writes it when too large for fixed decimals
    (%.17g past 1e17), else None."""
    if x is not None and abs(x) >= Decimal("1e17"):
        return str(x).lower().replace("e+", "e+")
    return None


def count(x):
    """A whole number with thousands separators, as the page shows it."""
    if x is None:
        return None
    return plain(x) or f"{int(Decimal(fmt(x, 0))):,}"


def signed(x, k):
    """+0.8, −0.4 (a real minus sign), 0.0."""
    s = fmt(x, k)
    if s is None:
        return None
    if s.startswith("-"):
        return "−" + s[1:]
    return s if set(s) <= set("0.") else "+" + s


STATUS_WORDS = {
    "improving": "Improving",
    "worsening": "Worsening",
    "no_significant_change": "No significant change",
    "insufficient_data": "Too few years to tell",
}


def multi_state(doc):
    """Two or more states have counties (SPEC §3.10): the page shows
    in-state and national ranks side by side."""
    return len({g.get("state") for g in doc["geographies"]
                if g["level"] == "county" and g.get("state")}) >= 2


def expected(doc, geo):
    """What the page must show for one geography of the JSON document."""
    inds = {i["id"]: i for i in doc["indicators"]}
    out = {"name": geo["name"], "level": geo["level"],
           "overall": fmt(geo["overall"]["score"], 1), "rows": {},
           "population": None if geo["population"] is None
           else "population " + count(geo["population"])}
    nat = multi_state(doc) and geo["level"] == "county"
    out["domains"] = [(d["domain"], fmt(d["score"], 1) or DASH,
                       f"{d['rank']} of {d['of']}" if d["rank"] else DASH)
                      + ((f"{d['national_rank']} of {d['national_of']}"
                          if d["national_rank"] else DASH,) if nat else ())
                      + (f"{d['indicators_scored']} of {d['indicators_total']}",)
                      for d in geo["domains"]]
    for gi in geo["indicators"]:
        k = inds[gi["id"]]["decimals"]
        has = bool(gi["series"]) and any(
            s["year"] == gi["year"] for s in gi["series"])
        row = {
            "value": (fmt(gi["value"], k) + "%") if has and not gi["suppressed"]
            and gi["value"] is not None else None,
            "suppressed": bool(has and gi["suppressed"]),
            "distance": (fmt(gi["distance"], k) if set(fmt(gi["distance"], k))
                         - set("0.") else "less than " + fmt(Decimal(1).scaleb(-k), k))
            if gi["distance"] is not None and gi["distance"] > 0 else None,
            "goal_met": gi["distance"] is not None and gi["distance"] == 0,
            "rank": str(gi["rank"]) if gi["rank"] is not None else None,
            "of": str(gi["of"]) if gi["rank"] is not None else None,
            "bench": (fmt(gi["benchmark"], k) + "%")
            if gi["benchmark"] is not None else None,
            "vs": gi["vs_benchmark"] if geo["level"] == "county" else None,
            "status": STATUS_WORDS.get(gi["trend"]["status"]),
            "projected_year": str(gi["trend"]["projected_year"])
            if gi["trend"]["projection"] == "projected" else None,
            "projection": gi["trend"]["projection"],
        }
        t = gi["trend"]
        row["moe"] = ("\u00b1\u00a0" + fmt(gi["moe"], k)) if row["value"] \
            and gi["moe"] is not None else None
        cg = gi["children_gap"]
        row["cg"] = (f"about {count(cg)} more "
                     + ("child" if cg == 1 else "children")) \
            if row["distance"] is not None and cg is not None and cg > 0 else None
        rr = gi["rank_range"]
        row["rr"] = f"range {rr[0]}\u2013{rr[1]} (margins of error)" \
            if rr and gi["rank"] is not None else None
        sl = None
        if t["status"] in STATUS_WORDS and t["slope"] is not None:
            sl = signed(t["slope"], k + 1) + " points a year"
            if t["from_year"] is not None:
                first = t["change_from_year"] or t["from_year"]
                sl += f", {first}\u2013{t['to_year']}"
                if t["n"] and t["n"] < t["to_year"] - first + 1:
                    sl += f" ({t['n']} years with data)"
            if t["status"] == "no_significant_change" and t["p"] is not None:
                sl += f" (p\u00a0=\u00a0{fmt(t['p'], 2)})"
        row["slope"] = sl
        need = None
        if t["projection"] and t["pace"] and t["pace"] != "on_track" \
                and doc["goal_year"] and t["required_slope"] is not None \
                and t["required_slope"] > 0:
            need = f"needs {signed(t['required_slope'], k + 1)} points a year"
        row["need"] = need
        eq = gi["equity_gap"]
        row["equity"] = None if eq["best"] is None else (
            f"{fmt(eq['gap'], k)} points{eq['best']} {fmt(eq['best_value'], k)}%, "
            f"{eq['worst']} {fmt(eq['worst_value'], k)}%")
        out["rows"][gi["id"]] = row
    return out


def compare(exp, got, where):
    """Differences between what the page shows and the JSON, as text."""
    bad = []
    if got["name"] != exp["name"]:
        bad.append(f"{where}: heading {got['name']!r}, JSON name {exp['name']!r}")
    if got["overall"] != exp["overall"] and not (
            exp["overall"] is None and got["overall"] is None):
        bad.append(f"{where}: overall {got['overall']!r}, JSON {exp['overall']!r}")
    if got["domains"] != exp["domains"]:
        bad.append(f"{where}: domains {got['domains']!r}, JSON {exp['domains']!r}")
    if got["population"] != exp["population"]:
        bad.append(f"{where}: {got['population']!r}, JSON {exp['population']!r}")
    for ind, e in exp["rows"].items():
        g = got["rows"].get(ind)
        if g is None:
            bad.append(f"{where}: no row for indicator {ind}")
            continue
        w = f"{where} {ind}"
        if g["value"] != e["value"]:
            bad.append(f"{w}: value {g['value']!r}, JSON {e['value']!r}")
        if e["suppressed"] and "Suppressed" not in g["value_text"]:
            bad.append(f"{w}: suppressed in the JSON, page says {g['value_text']!r}")
        if g["distance"] != e["distance"]:
            bad.append(f"{w}: distance {g['distance']!r}, JSON {e['distance']!r}")
        if e["goal_met"] != ("Goal met" in g["distance_text"]):
            bad.append(f"{w}: goal met {e['goal_met']}, page {g['distance_text']!r}")
        if g["rank"] != e["rank"] or (e["of"] and f"of {e['of']}" not in g["rank_text"]):
            bad.append(f"{w}: rank {g['rank_text']!r}, JSON {e['rank']} of {e['of']}")
        if g["bench"] != e["bench"]:
            bad.append(f"{w}: benchmark {g['bench']!r}, JSON {e['bench']!r}")
        vs = {"better": "Better than", "worse": "Worse than",
              "same": "Same as"}.get(e["vs"])
        if vs and vs not in g["bench_text"]:
            bad.append(f"{w}: benchmark says {g['bench_text']!r}, JSON {e['vs']}")
        if e["status"] and e["status"] not in g["trend_text"]:
            bad.append(f"{w}: trend {g['trend_text']!r}, JSON {e['status']}")
        if e["projected_year"] != g["projected_year"]:
            bad.append(f"{w}: projected year {g['projected_year']!r}, "
                       f"JSON {e['projected_year']!r}")
        if e["projection"] == "target_met" and "Goal met" not in g["projection_text"]:
            bad.append(f"{w}: projection {g['projection_text']!r}, JSON target_met")
        for f in ("moe", "cg", "rr", "slope", "need", "equity"):
            if g[f] != e[f]:
                bad.append(f"{w}: {f} {g[f]!r}, JSON gives {e[f]!r}")
    return bad


# ---------------------------------------------------------------- a DOM

class Node:
    def __init__(self, tag, attrs, parent):
        self.tag, self.attrs, self.parent = tag, dict(attrs), parent
        self.children = []

    def classes(self):
        return (self.attrs.get("class") or "").split()

    def text(self):
        return "".join(c if isinstance(c, str) else c.text()
                       for c in self.children)

    def walk(self):
        for c in self.children:
            if isinstance(c, Node):
                yield c
                yield from c.walk()

    def find_all(self, tag=None, cls=None, **attrs):
        return [n for n in self.walk()
                if (tag is None or n.tag == tag)
                and (cls is None or cls in n.classes())
                and all(n.attrs.get(k) == v for k, v in attrs.items())]

    def first(self, tag=None, cls=None, **attrs):
        found = self.find_all(tag, cls, **attrs)
        return found[0] if found else None


class _Builder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", [], None)
        self.cur = self.root

    def handle_starttag(self, tag, attrs):
        n = Node(tag, attrs, self.cur)
        self.cur.children.append(n)
        if tag not in VOID:
            self.cur = n

    def handle_startendtag(self, tag, attrs):
        self.cur.children.append(Node(tag, attrs, self.cur))

    def handle_endtag(self, tag):
        n = self.cur
        while n is not self.root and n.tag != tag:
            n = n.parent
        if n is not self.root:
            self.cur = n.parent

    def handle_data(self, data):
        self.cur.children.append(data)


def parse(html):
    b = _Builder()
    b.feed(html)
    b.close()
    return b.root


def _txt(n):
    return n.text().strip() if n is not None else None


def shown(section):
    """The figures one rendered <section class="geo"> shows; the browser
    test extracts the same from the live page (EXTRACT_JS)."""
    got = {"name": _txt(section.first("h2")), "rows": {},
           "population": _txt(section.first(cls="pop"))}
    ov = section.first(cls="overall")
    s = ov.first(cls="s") if ov else None
    got["overall"] = _txt(s)
    got["domains"] = []
    dt = section.first("table", cls="domains")
    for tr in dt.first("tbody").find_all("tr"):
        got["domains"].append((_txt(tr.first("th")),)
                              + tuple(_txt(td) for td in tr.find_all("td")))
    for tr in section.find_all("tr"):
        ind = tr.attrs.get("data-indicator")
        if ind is None:
            continue
        cell = {c: tr.first("td", cls="c-" + c) for c in
                ("value", "distance", "rank", "benchmark", "trend", "projection")}
        got["rows"][ind] = {
            "value": _txt(cell["value"].first(cls="v")),
            "value_text": _txt(cell["value"]),
            "distance": _txt(cell["distance"].first(cls="d")),
            "distance_text": _txt(cell["distance"]),
            "rank": _txt(cell["rank"].first(cls="r")),
            "rank_text": _txt(cell["rank"]),
            "bench": _txt(cell["benchmark"].first(cls="b")),
            "bench_text": _txt(cell["benchmark"]),
            "trend_text": _txt(cell["trend"]),
            "projected_year": _txt(cell["projection"].first(cls="big")),
            "projection_text": _txt(cell["projection"]),
            "moe": _txt(cell["value"].first(cls="moe")),
            "cg": _txt(cell["distance"].first(cls="cg")),
            "rr": _txt(cell["rank"].first(cls="rr")),
            "slope": _txt(cell["trend"].first(cls="sl")),
            "need": _txt(cell["projection"].first(cls="need")),
            "equity": _txt(tr.first("td", cls="c-equity").first("div"))
            if tr.first("td", cls="c-equity") else None,
        }
        if got["rows"][ind]["equity"] == DASH:
            got["rows"][ind]["equity"] = None
    return got


# The same extraction in the browser, from the live DOM (textContent, as
# above; the test checks separately that the chosen section is laid out).
EXTRACT_JS = r"""
(function(sec){
  function t(el){ return el ? el.textContent.trim() : null; }
  var got = {name: t(sec.querySelector('h2')), rows: {}, domains: [],
             population: t(sec.querySelector('.pop'))};
  var ov = sec.querySelector('.overall .s');
  got.overall = t(ov);
  sec.querySelectorAll('table.domains tbody tr').forEach(function(tr){
    var row = [t(tr.querySelector('th'))];
    tr.querySelectorAll('td').forEach(function(td){ row.push(t(td)); });
    got.domains.push(row);
  });
  sec.querySelectorAll('tr[data-indicator]').forEach(function(tr){
    function c(n){ return tr.querySelector('td.c-' + n); }
    got.rows[tr.getAttribute('data-indicator')] = {
      value: t(c('value').querySelector('.v')), value_text: t(c('value')),
      distance: t(c('distance').querySelector('.d')),
      distance_text: t(c('distance')),
      rank: t(c('rank').querySelector('.r')), rank_text: t(c('rank')),
      bench: t(c('benchmark').querySelector('.b')),
      bench_text: t(c('benchmark')),
      trend_text: t(c('trend')),
      projected_year: t(c('projection').querySelector('.big')),
      projection_text: t(c('projection')),
      moe: t(c('value').querySelector('.moe')),
      cg: t(c('distance').querySelector('.cg')),
      rr: t(c('rank').querySelector('.rr')),
      slope: t(c('trend').querySelector('.sl')),
      need: t(c('projection').querySelector('.need')),
      equity: c('equity') ? t(c('equity').querySelector('div')) : null
    };
    var r = got.rows[tr.getAttribute('data-indicator')];
    if (r.equity === '\u2014') r.equity = null;
  });
  return got;
})
"""
