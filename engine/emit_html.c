/* SPDX-License-Identifier: MIT */
/*
 * Stage 6d: the advocates' page (SPEC §5.4). One self-contained HTML
 * file: inline CSS, inline SVG, a few lines of inline script, and a
 * Content-Security-Policy that forbids every network request.
 *
 * Every geography is rendered here, in C, so the page is complete with
 * JavaScript off (the picker only filters). The §5.1 JSON is embedded
 * in a <script type="application/json"> block, written by the JSON
 * emitter itself, and every figure shown is that JSON's number text
 * rounded to the indicator's decimals (dec() below), so the page and the
 * JSON cannot disagree. All text from the dataset goes through esc().
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <scorecard/version.h>

#include "compute.h"
#include "emit.h"
#include "output.h"

typedef struct hw {
    sc_wbuf *f;
    const sc_results *r;
    const sc_dataset *ds;
    int subgroups;   /* the dataset has subgroups besides All */
    int multi;       /* the whole page (picker, index), not one county */
    int states;      /* several states (SPEC §3.10): in-state and national */
    double *scratch; /* ngeos values: a state's counties (states only) */
} hw;

/* A string literal (the "" make anything else a compile error). */
#define PUT(h, lit) sc_wwrite((h)->f, "" lit "", sizeof(lit) - 1)

/* ------------------------------------------------------------ writing */

/* Text or attribute value, escaped. */
static void
esc(hw *h, const char *s)
{
    const char *run = s;
    for (const char *p = s;; p++) {
        const char *rep = NULL;
        switch (*p) {
        case '&': rep = "&amp;"; break;
        case '<': rep = "&lt;"; break;
        case '>': rep = "&gt;"; break;
        case '"': rep = "&quot;"; break;
        case '\'': rep = "&#39;"; break;
        case '\0': break;
        default: continue;
        }
        sc_wwrite(h->f, run, (size_t)(p - run));
        if (!*p)
            return;
        sc_wputs(h->f, rep);
        run = p + 1;
    }
}

static void
put_int(hw *h, long v)
{
    sc_wlong(h->f, v);
}

/* x rounded to k decimals (0-6), half away from zero, from the JSON's own
 * 6-decimal text, so "45.25" in the JSON shows as 45.3 at one decimal;
 * "-0.0" shows as "0.0". NULL when x is not finite (the JSON's null). */
static const char *
dec(char buf[64], double x, int k)
{
    if (!isfinite(x))
        return NULL;
    if (k < 0)
        k = 0;
    if (k > 6)
        k = 6;
    char t[40];
    sc_fmt_number(t, x);
    const char *p = t;
    int neg = *p == '-';
    p += neg;
    size_t il = strspn(p, "0123456789");
    size_t fl = p[il] == '.' ? strlen(p + il + 1) : 0;
    /* past 9e12 sc_fmt_number writes %.17g: an exponent form ("1.5e+20")
     * or more digits than the plain form has are shown as they are */
    if (il == 0 || il > 24 || fl > 6 || strpbrk(t, "eE") ||
        (p[il] && p[il] != '.')) {
        memcpy(buf, t, strlen(t) + 1);
        return buf;
    }
    char d[40]; /* integer digits, then 7 decimals (the 7th always 0) */
    memcpy(d, p, il);
    memcpy(d + il, p + il + 1, fl);
    memset(d + il + fl, '0', 7 - fl);
    size_t keep = il + (size_t)k;
    int carry = d[keep] >= '5';
    for (size_t i = keep; carry && i-- > 0;) {
        if (d[i] == '9') {
            d[i] = '0';
        } else {
            d[i]++;
            carry = 0;
        }
    }
    size_t n = 0, zero = !carry; /* -9.96 at 1 decimal is -10.0 */
    for (size_t i = 0; i < keep; i++)
        zero &= d[i] == '0';
    if (neg && !zero)
        buf[n++] = '-';
    if (carry)
        buf[n++] = '1';
    memcpy(buf + n, d, il);
    n += il;
    if (k > 0) {
        buf[n++] = '.';
        memcpy(buf + n, d + il, (size_t)k);
        n += (size_t)k;
    }
    buf[n] = '\0';
    return buf;
}

/* x rounded to a whole number, with thousands separators. */
static void
put_count(hw *h, double x)
{
    char b[64];
    const char *s = dec(b, x, 0);
    if (!s)
        return;
    if (*s == '-') {
        sc_wputc(h->f, '-');
        s++;
    }
    size_t n = strlen(s);
    if (strspn(s, "0123456789") != n) {
        sc_wputs(h->f, s);
        return;
    }
    for (size_t i = 0; i < n; i++) {
        if (i > 0 && (n - i) % 3 == 0)
            sc_wputc(h->f, ',');
        sc_wputc(h->f, s[i]);
    }
}

/* A figure at k decimals; "—" for null. */
static void
put_dec(hw *h, double x, int k)
{
    char b[64];
    const char *s = dec(b, x, k);
    sc_wputs(h->f, s ? s : "\xe2\x80\x94");
}

/* A distance d > 0 at k decimals; one that rounds to zero is "less than
 * 0.1" (at one decimal), never "0.0 points to go" (the goal is not met). */
static void
put_distance(hw *h, double d, int k)
{
    char b[64];
    const char *s = dec(b, d, k);
    if (s && strspn(s, "0.") == strlen(s)) {
        PUT(h, "less than ");
        if (k > 0) {
            PUT(h, "0.");
            for (int i = 1; i < k; i++)
                sc_wputc(h->f, '0');
        }
        sc_wputc(h->f, '1');
        return;
    }
    sc_wputs(h->f, s ? s : "\xe2\x80\x94");
}

/* A signed change: "+0.8", "−0.4" (a real minus sign), "0.0". */
static void
put_signed(hw *h, double x, int k)
{
    char b[64];
    const char *s = dec(b, x, k);
    if (!s) {
        sc_wputs(h->f, "\xe2\x80\x94");
        return;
    }
    if (*s == '-') {
        sc_wputs(h->f, "\xe2\x88\x92");
        s++;
    } else if (strspn(s, "0.") != strlen(s)) {
        sc_wputc(h->f, '+');
    }
    sc_wputs(h->f, s);
}

/* The id of a geography's section: "g" + geo_id when that is plain,
 * else "n" + its index (so any geo_id makes a valid fragment, and the
 * two forms cannot collide). */
static void
put_geo_anchor(hw *h, size_t g)
{
    const char *id = h->ds->geos[g].id;
    if (sc_geo_id_plain(id)) {
        PUT(h, "g");
        sc_wputs(h->f, id);
    } else {
        PUT(h, "n");
        put_int(h, (long)g);
    }
}

static const char *
geo_name(const sc_dataset *ds, size_t g)
{
    const char *n = ds->geos[g].info.name;
    return n && n[0] ? n : ds->geos[g].id;
}

static long
parent_of(const sc_dataset *ds, size_t g)
{
    const char *p = ds->geos[g].info.parent;
    if (!p || !p[0])
        return -1;
    return sc_strtab_find(&ds->geo_ids, p, strlen(p));
}

static int
is_state(const sc_dataset *ds, size_t g)
{
    return ds->geos[g].info.level == SC_LEVEL_STATE;
}

static int
is_county(const sc_dataset *ds, size_t g)
{
    return ds->geos[g].info.level == SC_LEVEL_COUNTY;
}

/* A county's state (SPEC §2.4: its parent, or the SS000 of its FIPS), or
 * -1 for states, the nation and counties without one. */
static long
state_of(const sc_dataset *ds, size_t g)
{
    uint32_t s = ds->geos[g].state;
    return s == SC_NONE ? -1 : (long)s;
}

/* The value of a section's data-state attribute (multi-state pages): the
 * state whose counties the county picker lists when it is shown. */
static void
put_state_anchor(hw *h, size_t g)
{
    long s = is_state(h->ds, g) ? (long)g : state_of(h->ds, g);
    if (s >= 0)
        put_geo_anchor(h, (size_t)s);
}

/* --------------------------------------------------------------- head */

static const char css[] =
    ":root{--ink:#1b1b1b;--muted:#4a4a4a;--line:#c9c9c9;--soft:#f3f4f6;"
    "--value:#1f5f99;--gap:#b3420e;--good:#0b6b2e;--bad:#a3161a}\n"
    "*{box-sizing:border-box}\n"
    "body{margin:0;font:16px/1.45 system-ui,-apple-system,'Segoe UI',"
    "Roboto,'Helvetica Neue',Arial,sans-serif;color:var(--ink);"
    "background:#fff}\n"
    "header.page,main,footer{max-width:78rem;margin:0 auto;padding:0 1rem}\n"
    "header.page h1{font-size:1.6rem;line-height:1.2;margin:1rem 0 .4rem}\n"
    ".lede{margin:.2rem 0 .8rem;color:var(--muted);max-width:50rem}\n"
    "nav.picker{position:sticky;top:0;z-index:1;background:#fff;"
    "border-bottom:1px solid var(--line);padding:.5rem 1rem}\n"
    "nav.picker label{font-weight:600;margin-right:.5rem}\n"
    "nav.picker select{font:inherit;padding:.3rem;max-width:100%}\n"
    "nav.index{max-width:78rem;margin:0 auto;padding:0 1rem}\n"
    ".index ul{columns:14rem;padding-left:1.2rem}\n"
    "section.geo{border-top:3px solid var(--ink);margin:1.5rem 0;"
    "padding-top:.5rem}\n"
    "section.geo h2{font-size:1.45rem;margin:.2rem 0}\n"
    ".meta{color:var(--muted);margin:.1rem 0 .6rem}\n"
    ".overall{font-size:1.15rem;margin:.4rem 0}\n"
    "h3{font-size:1.15rem;margin:1.4rem 0 .3rem}\n"
    "h3 .sub{font-weight:400;color:var(--muted);font-size:1rem}\n"
    "table{border-collapse:collapse;width:100%}\n"
    "caption{text-align:left;font-weight:600;padding:.3rem 0}\n"
    "th,td{text-align:left;vertical-align:top;padding:.45rem .5rem;"
    "border-bottom:1px solid var(--line)}\n"
    "thead th{font-size:.85rem;color:var(--muted);"
    "border-bottom:2px solid var(--ink)}\n"
    "table.domains{max-width:44rem}\n"
    "td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}\n"
    "td.num{white-space:nowrap}\n"
    ".nw{white-space:nowrap}\n"
    ".big{font-size:1.15rem;font-weight:600;"
    "font-variant-numeric:tabular-nums}\n"
    "small,.small{display:block;font-size:.85rem;color:var(--muted)}\n"
    ".good{color:var(--good);font-weight:600}\n"
    ".bad{color:var(--bad);font-weight:600}\n"
    ".flat{color:var(--muted);font-weight:600}\n"
    ".warn{color:var(--bad)}\n"
    ".supp{font-style:italic}\n"
    "svg.bar{display:block;width:100%;max-width:11rem;height:.9rem;"
    "margin:.15rem 0}\n"
    "svg.spark{display:block;width:8rem;height:2.6rem}\n"
    ".sr{position:absolute;width:1px;height:1px;overflow:hidden;"
    "clip:rect(0 0 0 0);white-space:nowrap}\n"
    "footer{margin:2rem auto 3rem;border-top:3px solid var(--ink)}\n"
    "footer dt{font-weight:600;margin-top:.6rem}\n"
    "footer dd{margin-left:0}\n"
    "a{color:#0b4f8a}\n"
    "@media (min-width:48rem){\n"
    " table.inds{table-layout:fixed}\n"
    " .w-ind{width:16%}.w-val{width:10%}.w-dist{width:14%}.w-rank{width:8%}"
    ".w-trend{width:14%}.w-proj{width:14%}.w-bench{width:12%}"
    ".w-gap{width:11%}.w-series{width:9rem}\n"
    "}\n"
    "@media (max-width:47.99rem){\n"
    " header.page h1{font-size:1.3rem}\n"
    " table.domains th,table.domains td{padding:.4rem .3rem}\n"
    " table.inds,table.inds tbody,table.inds tr,table.inds th,"
    "table.inds td{display:block;width:auto}\n"
    " table.inds thead{position:absolute;width:1px;height:1px;"
    "overflow:hidden;clip:rect(0 0 0 0)}\n"
    " table.inds tr{border:1px solid var(--line);border-radius:.4rem;"
    "margin:.7rem 0;padding:.3rem .7rem}\n"
    " table.inds th[scope=row]{font-size:1.05rem;border-bottom:1px solid "
    "var(--line);padding:.4rem 0}\n"
    " table.inds td{display:grid;grid-template-columns:7.5rem 1fr;"
    "gap:.6rem;border:0;padding:.35rem 0}\n"
    " table.inds td::before{content:attr(data-label);font-weight:600;"
    "color:var(--muted);font-size:.9rem}\n"
    " table.sources td,table.sources th{display:block;border:0;"
    "padding:.15rem 0}\n"
    " table.sources tr{display:block;border-bottom:1px solid var(--line);"
    "padding:.4rem 0}\n"
    " table.sources thead{display:none}\n"
    "}\n"
    "@media print{nav.picker,.index{display:none}"
    "section.geo{break-before:page}tr{break-inside:avoid}"
    "a{color:inherit}}\n";

/* The script only filters: every county is in the page without it. */
static const char script[] =
    "(function(){\n"
    "var nav=document.getElementById('picker-nav');\n"
    "var sel=document.getElementById('picker');\n"
    "if(!nav||!sel)return;\n"
    "var st=document.getElementById('state-picker');\n"
    "var groups=[].slice.call(sel.getElementsByTagName('optgroup'));\n"
    "var secs=document.querySelectorAll('section.geo');\n"
    "var base=document.title;\n"
    "function show(id){\n"
    " var name='';\n"
    " for(var i=0;i<secs.length;i++){\n"
    "  var on=!id||secs[i].id===id;\n"
    "  secs[i].hidden=!on;\n"
    "  if(id&&on)name=secs[i].getAttribute('data-name');\n"
    " }\n"
    " document.title=name?name+' \\u2014 '+base:base;\n"
    "}\n"
    "function stateOf(id){\n"
    " var el=id&&document.getElementById(id);\n"
    " return el&&el.getAttribute('data-state')||'';\n"
    "}\n"
    "function filter(sid){\n"
    " var i;\n"
    " for(i=0;i<groups.length;i++)"
    "if(groups[i].parentNode)sel.removeChild(groups[i]);\n"
    " for(i=0;i<groups.length;i++)"
    "if(!sid||groups[i].getAttribute('data-state')===sid)"
    "sel.appendChild(groups[i]);\n"
    "}\n"
    "function go(id){\n"
    " show(id);\n"
    " history.replaceState(null,'',id?'#'+id:"
    "location.pathname+location.search);\n"
    " window.scrollTo(0,0);\n"
    "}\n"
    "function fromHash(){\n"
    " var id=decodeURIComponent(location.hash.slice(1));\n"
    " var el=id&&document.getElementById(id);\n"
    " if(!el||!el.classList.contains('geo'))return;\n"
    " if(st){\n"
    "  var s=stateOf(id);\n"
    "  st.value=s||id;\n"
    "  if(st.value!==(s||id))st.value='';\n"
    "  filter(s);\n"
    " }\n"
    " sel.value=id;show(id);\n"
    "}\n"
    "nav.hidden=false;\n"
    "sel.addEventListener('change',function(){go(sel.value);});\n"
    "if(st)st.addEventListener('change',function(){\n"
    " filter(stateOf(st.value));\n"
    " sel.value=st.value;\n"
    " go(st.value);\n"
    "});\n"
    "window.addEventListener('hashchange',fromHash);\n"
    "fromHash();\n"
    "})();\n";

/* The CSP allows this one script by its hash (of "\n" + script, the text
 * of its <script> element), so nothing injected could run even if an
 * escape were missed. tests/html-test.py recomputes it: change the
 * script, and the test gives the new value. */
#define SCRIPT_SHA256 "sha256-bGPIocPK9Fv2nahfEvgtsa5+lteMXgbaMQeeI+hQa2Y="

static void
page_head(hw *h, const char *title_prefix)
{
    const sc_dataset *ds = h->ds;
    PUT(h, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
           "<meta charset=\"utf-8\">\n"
           "<meta name=\"viewport\" content=\"width=device-width, "
           "initial-scale=1\">\n"
           "<meta http-equiv=\"Content-Security-Policy\" "
           "content=\"default-src 'none'; style-src 'unsafe-inline'; "
           "script-src '" SCRIPT_SHA256 "'; img-src data:; base-uri 'none'; "
           "form-action 'none'\">\n"
           "<meta name=\"generator\" content=\"scorecard " SC_VERSION_STRING
           "\">\n<title>");
    if (title_prefix) {
        esc(h, title_prefix);
        PUT(h, " \xe2\x80\x94 ");
    }
    esc(h, ds->title);
    PUT(h, "</title>\n<style>\n");
    sc_wwrite(h->f, css, sizeof css - 1);
    PUT(h, "</style>\n</head>\n<body>\n<header class=\"page\">\n<h1>");
    esc(h, ds->title);
    PUT(h, "</h1>\n<svg width=\"0\" height=\"0\" aria-hidden=\"true\" "
           "style=\"position:absolute\"><defs><pattern id=\"hatch\" "
           "width=\"3\" height=\"3\" patternUnits=\"userSpaceOnUse\" "
           "patternTransform=\"rotate(45)\"><rect width=\"1.5\" "
           "height=\"3\" fill=\"#b3420e\"/></pattern></defs></svg>\n"
           "<p class=\"lede\">Every indicator is the share of "
           "children reached, measured against one goal: <strong>all "
           "children</strong> (100%, or 0% where lower is better). The "
           "<em>distance</em> is how many percentage points remain to the "
           "goal; rank 1 is the county closest to it.");
    if (h->r->latest_year != SC_NO_YEAR) {
        PUT(h, " Latest data: ");
        put_int(h, h->r->latest_year);
        PUT(h, ".");
    }
    PUT(h, " <a href=\"#methodology\">How these figures are made</a>."
           "</p>\n</header>\n");
}

static void
option(hw *h, size_t g, int state)
{
    PUT(h, "<option value=\"");
    put_geo_anchor(h, g);
    PUT(h, "\">");
    esc(h, geo_name(h->ds, g));
    if (state)
        PUT(h, " (state)");
    PUT(h, "</option>\n");
}

/* Several states: a state picker, then the county picker, whose options
 * are one group per state (the script keeps the chosen state's group);
 * the nation and counties without a state come last. */
static void
picker_states(hw *h)
{
    const sc_dataset *ds = h->ds;
    PUT(h, "<nav class=\"picker\" id=\"picker-nav\" aria-label=\"Choose "
           "a state and a county\" hidden>\n<label for=\"state-picker\">"
           "State</label><select id=\"state-picker\">\n<option value=\"\">"
           "All states (");
    put_int(h, (long)ds->nstates);
    PUT(h, ")</option>\n");
    if (ds->nation != SC_NONE) {
        PUT(h, "<option value=\"");
        put_geo_anchor(h, ds->nation);
        PUT(h, "\">");
        esc(h, geo_name(ds, ds->nation));
        PUT(h, " (nation)</option>\n");
    }
    for (size_t k = 0; k < ds->nstates; k++) {
        PUT(h, "<option value=\"");
        put_geo_anchor(h, ds->states[k]);
        PUT(h, "\">");
        esc(h, geo_name(ds, ds->states[k]));
        PUT(h, "</option>\n");
    }
    PUT(h, "</select>\n<label for=\"picker\">County</label>"
           "<select id=\"picker\">\n<option value=\"\">All "
           "geographies (");
    put_int(h, (long)ds->ngeos);
    PUT(h, ")</option>\n");
    for (size_t k = 0; k < ds->nstates; k++) {
        size_t s = ds->states[k];
        PUT(h, "<optgroup label=\"");
        esc(h, geo_name(ds, s));
        PUT(h, "\" data-state=\"");
        put_geo_anchor(h, s);
        PUT(h, "\">\n");
        option(h, s, 1);
        for (size_t g = 0; g < ds->ngeos; g++)
            if (is_county(ds, g) && state_of(ds, g) == (long)s)
                option(h, g, 0);
        PUT(h, "</optgroup>\n");
    }
    int other = 0;
    for (size_t g = 0; g < ds->ngeos; g++) {
        if (is_state(ds, g) || state_of(ds, g) >= 0)
            continue;
        if (!other++)
            PUT(h, "<optgroup label=\"Other geographies\" data-state=\"\">\n");
        PUT(h, "<option value=\"");
        put_geo_anchor(h, g);
        PUT(h, "\">");
        esc(h, geo_name(ds, g));
        if (!is_county(ds, g))
            PUT(h, " (nation)");
        PUT(h, "</option>\n");
    }
    if (other)
        PUT(h, "</optgroup>\n");
    PUT(h, "</select>\n</nav>\n<noscript><nav class=\"index\" "
           "aria-label=\"Geographies\"><h2>Geographies</h2>\n");
    for (size_t k = 0; k <= ds->nstates; k++) {
        size_t s = k < ds->nstates ? ds->states[k] : SIZE_MAX;
        int any = 0;
        for (size_t g = 0; g < ds->ngeos; g++) {
            int in = s != SIZE_MAX ? (g == s || (is_county(ds, g) &&
                                                  state_of(ds, g) == (long)s))
                                   : (!is_state(ds, g) && state_of(ds, g) < 0);
            if (!in)
                continue;
            if (!any++) {
                PUT(h, "<h3>");
                esc(h, s != SIZE_MAX ? geo_name(ds, s) : "Other geographies");
                PUT(h, "</h3><ul>\n");
            }
            PUT(h, "<li><a href=\"#");
            put_geo_anchor(h, g);
            PUT(h, "\">");
            esc(h, geo_name(ds, g));
            if (is_state(ds, g))
                PUT(h, " (state)");
            PUT(h, "</a></li>\n");
        }
        if (any)
            PUT(h, "</ul>\n");
    }
    PUT(h, "</nav></noscript>\n");
}

/* The picker (shown by the script) and, without the script, an index. */
static void
picker(hw *h)
{
    const sc_dataset *ds = h->ds;
    if (h->states) {
        picker_states(h);
        return;
    }
    PUT(h, "<nav class=\"picker\" id=\"picker-nav\" aria-label=\"Choose "
           "a county\" hidden>\n<label for=\"picker\">Show</label>"
           "<select id=\"picker\">\n<option value=\"\">All "
           "geographies (");
    put_int(h, (long)ds->ngeos);
    PUT(h, ")</option>\n");
    /* states, each with its counties; then counties without a state */
    for (size_t s = 0; s < ds->ngeos; s++) {
        if (!is_state(ds, s))
            continue;
        PUT(h, "<optgroup label=\"");
        esc(h, geo_name(ds, s));
        PUT(h, "\">\n");
        option(h, s, 1);
        for (size_t g = 0; g < ds->ngeos; g++)
            if (!is_state(ds, g) && parent_of(ds, g) == (long)s)
                option(h, g, 0);
        PUT(h, "</optgroup>\n");
    }
    for (size_t g = 0; g < ds->ngeos; g++) {
        long p = parent_of(ds, g);
        if (!is_state(ds, g) && !(p >= 0 && is_state(ds, (size_t)p)))
            option(h, g, 0);
    }
    PUT(h, "</select>\n</nav>\n<noscript><nav class=\"index\" "
           "aria-label=\"Geographies\"><h2>Geographies</h2><ul>\n");
    for (size_t g = 0; g < ds->ngeos; g++) {
        PUT(h, "<li><a href=\"#");
        put_geo_anchor(h, g);
        PUT(h, "\">");
        esc(h, geo_name(ds, g));
        if (is_state(ds, g))
            PUT(h, " (state)");
        PUT(h, "</a></li>\n");
    }
    PUT(h, "</ul></nav></noscript>\n");
}

/* ------------------------------------------------------- one geography */

static const char *
vs_words(int vs)
{
    return vs == SC_VS_BETTER  ? "<span class=\"good\">Better</span> than "
                                 "the benchmark"
           : vs == SC_VS_WORSE ? "<span class=\"bad\">Worse</span> than "
                                 "the benchmark"
           : vs == SC_VS_SAME  ? "Same as the benchmark"
                               : NULL;
}

static const char *
bench_words(int m)
{
    return m == SC_BENCH_REPORTED ? "state figure"
           : m == SC_BENCH_POOLED ? "state, pooled from its counties"
           : m == SC_BENCH_MEDIAN ? "median of the state's counties"
                                  : "";
}

/* The national benchmark's method (SPEC §3.10.4). */
static const char *
national_words(int m)
{
    return m == SC_BENCH_REPORTED ? "national figure"
           : m == SC_BENCH_POOLED ? "nation, pooled from every county"
           : m == SC_BENCH_MEDIAN ? "median of every county"
                                  : "";
}

static const char *
vs_state_words(int vs)
{
    return vs == SC_VS_BETTER  ? "<span class=\"good\">Better</span> than "
                                 "the state"
           : vs == SC_VS_WORSE ? "<span class=\"bad\">Worse</span> than "
                                 "the state"
           : vs == SC_VS_SAME  ? "Same as the state"
                               : NULL;
}

static const char *
vs_short(int vs)
{
    return vs == SC_VS_BETTER  ? "<span class=\"good\">better</span>"
           : vs == SC_VS_WORSE ? "<span class=\"bad\">worse</span>"
           : vs == SC_VS_SAME  ? "same"
                               : NULL;
}

static int
cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* A state's counties in indicator i's latest year (multi-state pages):
 * how many have a value, the lowest, the median and the highest. */
static void
state_spread(hw *h, size_t s, size_t i)
{
    const sc_results *r = h->r;
    const sc_dataset *ds = h->ds;
    int k = ds->inds[i].info.decimals, year = ds->inds[i].latest_year;
    size_t n = 0;
    for (size_t g = 0; g < ds->ngeos; g++) {
        if (!is_county(ds, g) || state_of(ds, g) != (long)s)
            continue;
        long first = r->gi_first[g * ds->ninds + i];
        if (first < 0 || r->groups[first].subgroup != 0 ||
            r->groups[first].latest < 0)
            continue;
        const sc_obs *o = &ds->obs[r->groups[first].latest];
        if (o->year == year && o->reason == SC_REASON_NONE &&
            isfinite(o->value))
            h->scratch[n++] = o->value;
    }
    if (n == 0)
        return;
    qsort(h->scratch, n, sizeof *h->scratch, cmp_double);
    double med = n % 2 ? h->scratch[n / 2]
                       : (h->scratch[n / 2 - 1] + h->scratch[n / 2]) / 2;
    PUT(h, "<small class=\"spread\">");
    if (n == 1) {
        PUT(h, "Its one county: ");
        put_dec(h, h->scratch[0], k);
        PUT(h, "%");
    } else {
        PUT(h, "Its ");
        put_count(h, (double)n);
        PUT(h, " counties: ");
        put_dec(h, h->scratch[0], k);
        PUT(h, "\xe2\x80\x93");
        put_dec(h, h->scratch[n - 1], k);
        PUT(h, "%, median ");
        put_dec(h, med, k);
        PUT(h, "%");
    }
    PUT(h, "</small>");
}

static void
put_year_of(hw *h, const sc_obs *o)
{
    if (o->label)
        esc(h, h->ds->labels.strs[o->label - 1]);
    else
        put_int(h, o->year);
}

/* The distance bar: the 0-100 scale, the value, the stretch still to go
 * to the target (hatched), and the target as a tick. */
static void
distance_bar(hw *h, const sc_indicator *ind, double v, double d, int k)
{
    double t = ind->info.target;
    int higher = ind->info.direction == SC_HIGHER_IS_BETTER;
    double lo, hi, fill;
    if (higher) {
        fill = v;
        lo = v;
        hi = v + d;
    } else {
        fill = v - d;
        lo = v - d;
        hi = v;
    }
    char a[64], b[64];
    PUT(h, "<svg class=\"bar\" viewBox=\"0 0 100 10\" preserveAspectRatio="
           "\"none\" role=\"img\" aria-label=\"");
    if (d > 0) {
        put_distance(h, d, k);
        PUT(h, " points from the goal of ");
        sc_wputs(h->f, dec(b, t, k));
        PUT(h, "%\">");
    } else {
        PUT(h, "Goal of ");
        sc_wputs(h->f, dec(b, t, k));
        PUT(h, "% met\">");
    }
    PUT(h, "<rect width=\"100\" height=\"10\" fill=\"#e6e7ea\"/>");
    if (fill > 0) {
        PUT(h, "<rect width=\"");
        sc_wputs(h->f, dec(a, fmin(fill, 100), 2));
        PUT(h, "\" height=\"10\" fill=\"#1f5f99\"/>");
    }
    if (d > 0) {
        PUT(h, "<rect x=\"");
        sc_wputs(h->f, dec(a, fmax(lo, 0), 2));
        PUT(h, "\" width=\"");
        sc_wputs(h->f, dec(b, fmin(hi, 100) - fmax(lo, 0), 2));
        PUT(h, "\" height=\"10\" fill=\"url(#hatch)\" stroke=\"#b3420e\" "
               "stroke-width=\".6\"/>");
    }
    PUT(h, "<rect x=\"");
    sc_wputs(h->f, dec(a, fmin(fmax(t - 0.6, 0), 98.8), 2));
    PUT(h, "\" width=\"1.2\" height=\"10\" fill=\"#1b1b1b\"/></svg>");
}

/* The series as a small line; years with no usable value break it. The
 * text alternative lists every year. */
static void
sparkline(hw *h, const sc_indicator *ind, const sc_group *g, const char *gn)
{
    const sc_dataset *ds = h->ds;
    int k = ind->info.decimals;
    double vmin = INFINITY, vmax = -INFINITY;
    int y0 = 0, y1 = 0, npts = 0;
    for (size_t j = 0; j < g->count; j++) {
        const sc_obs *o = &ds->obs[g->first + j];
        if (j == 0)
            y0 = o->year;
        y1 = o->year;
        if (o->reason != SC_REASON_NONE || !isfinite(o->value))
            continue;
        vmin = fmin(vmin, o->value);
        vmax = fmax(vmax, o->value);
        npts++;
    }
    if (npts == 0) {
        PUT(h, "\xe2\x80\x94");
        return;
    }
    /* at least a 10-point window, inside 0-100 where possible */
    double mid = (vmin + vmax) / 2, span = fmax(vmax - vmin, 10);
    double lo = mid - span / 2, hi = mid + span / 2;
    if (lo < 0) {
        hi -= lo;
        lo = 0;
    }
    char a[64], b[64];
    PUT(h, "<svg class=\"spark\" viewBox=\"0 0 120 40\" role=\"img\" "
           "aria-label=\"");
    esc(h, ind->info.name);
    PUT(h, ", ");
    esc(h, gn);
    PUT(h, ", by year: ");
    for (size_t j = 0; j < g->count; j++) {
        const sc_obs *o = &ds->obs[g->first + j];
        if (j)
            PUT(h, "; ");
        put_year_of(h, o);
        PUT(h, " ");
        if (o->reason != SC_REASON_NONE)
            PUT(h, "suppressed");
        else if (!isfinite(o->value))
            PUT(h, "no value");
        else {
            sc_wputs(h->f, dec(a, o->value, k));
            PUT(h, "%");
        }
    }
    PUT(h, "\">");
    /* x: years over 6-114; y: values over 30 (low) - 4 (high) */
    int in_path = 0;
    PUT(h, "<path fill=\"none\" stroke=\"#1f5f99\" stroke-width=\"1.6\" "
           "stroke-linejoin=\"round\" d=\"");
    double lx = 0, ly = 0;
    for (size_t j = 0; j < g->count; j++) {
        const sc_obs *o = &ds->obs[g->first + j];
        if (o->reason != SC_REASON_NONE || !isfinite(o->value)) {
            in_path = 0;
            continue;
        }
        double x = y1 > y0 ? 6 + 108.0 * (o->year - y0) / (y1 - y0) : 60;
        double y = 30 - 26 * (o->value - lo) / (hi - lo);
        sc_wputc(h->f, in_path ? 'L' : 'M');
        sc_wputs(h->f, dec(a, x, 1));
        sc_wputc(h->f, ' ');
        sc_wputs(h->f, dec(b, y, 1));
        in_path = 1;
        lx = x;
        ly = y;
    }
    PUT(h, "\"/>");
    /* the latest point, marked */
    PUT(h, "<circle r=\"2.2\" fill=\"#1f5f99\" cx=\"");
    sc_wputs(h->f, dec(a, lx, 1));
    PUT(h, "\" cy=\"");
    sc_wputs(h->f, dec(b, ly, 1));
    PUT(h, "\"/><text x=\"6\" y=\"39\" font-size=\"8\" fill=\"#4a4a4a\">");
    put_int(h, y0);
    PUT(h, "</text>");
    if (y1 > y0) {
        PUT(h, "<text x=\"114\" y=\"39\" font-size=\"8\" fill=\"#4a4a4a\" "
               "text-anchor=\"end\">");
        put_int(h, y1);
        PUT(h, "</text>");
    }
    PUT(h, "</svg>");
}

static void
trend_cell(hw *h, const sc_indicator *ind, const sc_group *g)
{
    const sc_trend *t = &g->trend;
    int k = ind->info.decimals;
    switch (t->status) {
    case SC_TREND_IMPROVING:
    case SC_TREND_WORSENING:
        PUT(h, "<span class=\"");
        sc_wputs(h->f, t->status == SC_TREND_IMPROVING ? "good" : "bad");
        PUT(h, "\"><span aria-hidden=\"true\">");
        sc_wputs(h->f, t->slope > 0 ? "\xe2\x96\xb2 " : "\xe2\x96\xbc ");
        PUT(h, "</span>");
        sc_wputs(h->f, t->status == SC_TREND_IMPROVING ? "Improving"
                                                       : "Worsening");
        PUT(h, "</span>");
        break;
    case SC_TREND_NO_CHANGE:
        PUT(h, "<span class=\"flat\"><span aria-hidden=\"true\">\xe2\x96\xb6"
               " </span>No significant change</span>");
        break;
    case SC_TREND_INSUFFICIENT:
        PUT(h, "<span class=\"flat\">Too few years to tell</span>");
        break;
    default:
        PUT(h, "\xe2\x80\x94");
        return;
    }
    if (isfinite(t->slope)) {
        PUT(h, "<small class=\"sl\">");
        put_signed(h, t->slope, k + 1);
        PUT(h, " points a year");
        if (t->has_window) {
            PUT(h, ", ");
            put_int(h, t->from_year);
            PUT(h, "\xe2\x80\x93");
            put_int(h, t->to_year);
        }
        if (t->status == SC_TREND_NO_CHANGE && isfinite(t->p)) {
            PUT(h, " (p\xc2\xa0=\xc2\xa0");
            put_dec(h, t->p, 2);
            PUT(h, ")");
        }
        PUT(h, "</small>");
    }
}

static void
projection_cell(hw *h, const sc_indicator *ind, const sc_group *g)
{
    const sc_trend *t = &g->trend;
    const sc_dataset *ds = h->ds;
    switch (t->projection) {
    case SC_PROJ_TARGET_MET:
        PUT(h, "<span class=\"good\">Goal met</span>");
        break;
    case SC_PROJ_PROJECTED:
        PUT(h, "<span class=\"big\">");
        put_int(h, t->projected_year);
        PUT(h, "</span>");
        if (t->has_range && (t->range_low || t->range_high)) {
            PUT(h, "<small>95% range: ");
            if (t->range_low && t->range_high) {
                put_int(h, t->range_low);
                PUT(h, "\xe2\x80\x93");
                put_int(h, t->range_high);
            } else if (t->range_low) {
                put_int(h, t->range_low);
                PUT(h, " or later");
            } else {
                PUT(h, "by ");
                put_int(h, t->range_high);
            }
            PUT(h, "</small>");
        }
        break;
    case SC_PROJ_BEYOND:
        PUT(h, "Not within 100 years at this pace");
        break;
    case SC_PROJ_NOT_PROJECTED:
        PUT(h, "Not on the current trend");
        break;
    default:
        PUT(h, "\xe2\x80\x94");
        return;
    }
    if (t->pace != SC_PACE_NONE && ds->goal_year) {
        PUT(h, "<small>By ");
        put_int(h, ds->goal_year);
        PUT(h, ": ");
        /* the pace in words a reader can put beside "Improving" (the
         * JSON's "stagnating" means less than half the pace needed) */
        sc_wputs(h->f,
                 t->pace == SC_PACE_ON_TRACK     ? "on track"
                 : t->pace == SC_PACE_MODERATE   ? "improving, not fast enough"
                 : t->pace == SC_PACE_STAGNATING ? "well short of the pace "
                                                   "needed"
                                                 : "moving away from the goal");
        if (t->pace != SC_PACE_ON_TRACK && isfinite(t->required) &&
            t->required > 0) {
            PUT(h, "; <span class=\"need\">needs ");
            put_signed(h, t->required, ind->info.decimals + 1);
            PUT(h, " points a year</span>");
        }
        PUT(h, "</small>");
    }
}

static void
indicator_row(hw *h, size_t g, size_t i)
{
    const sc_results *r = h->r;
    const sc_dataset *ds = h->ds;
    const sc_indicator *ind = &ds->inds[i];
    int k = ind->info.decimals;
    size_t cell = g * ds->ninds + i;
    long first = r->gi_first[cell];
    const sc_group *all = first >= 0 && r->groups[first].subgroup == 0
                              ? &r->groups[first]
                              : NULL;
    const sc_obs *o = all && all->latest >= 0 ? &ds->obs[all->latest] : NULL;
    sc_fig f = SC_FIG_NONE;
    if (o)
        sc_obs_figures(r, (size_t)all->latest, &f);

    PUT(h, "<tr data-indicator=\"");
    esc(h, ind->id);
    PUT(h, "\">\n<th scope=\"row\">");
    esc(h, ind->info.name);
    PUT(h, "</th>\n<td data-label=\"Latest\" class=\"c-value\"><div>");
    if (!o) {
        PUT(h, "No data");
        if (ind->latest_year != SC_NO_YEAR) {
            PUT(h, "<small>for ");
            put_int(h, ind->latest_year);
            PUT(h, "</small>");
        }
    } else if (o->reason != SC_REASON_NONE) {
        PUT(h, "<span class=\"supp\">Suppressed</span><small>");
        if (o->reason == SC_REASON_LOW_DENOMINATOR) {
            PUT(h, "fewer than ");
            put_count(h, ind->info.min_denominator);
            PUT(h, " children counted");
        } else {
            PUT(h, "withheld by the source");
        }
        PUT(h, ", ");
        put_year_of(h, o);
        PUT(h, "</small>");
    } else {
        PUT(h, "<span class=\"big v\">");
        put_dec(h, o->value, k);
        PUT(h, "%</span>");
        if (isfinite(o->moe)) {
            PUT(h, " <span class=\"moe\">\xc2\xb1\xc2\xa0");
            put_dec(h, o->moe, k);
            PUT(h, "</span>");
        }
        PUT(h, "<small>in ");
        put_year_of(h, o);
        PUT(h, "</small>");
        if (o->unstable)
            PUT(h, "<small class=\"warn\"><span aria-hidden=\"true\">"
                   "\xe2\x9a\xa0 </span>Unstable estimate: the margin of "
                   "error is large</small>");
    }
    if (h->states && is_state(ds, g))
        state_spread(h, g, i);
    PUT(h, "</div></td>\n<td data-label=\"Distance to goal\" class=\"c-distance\"><div>");
    if (isfinite(f.distance) && o && isfinite(o->value)) {
        distance_bar(h, ind, o->value, f.distance, k);
        if (f.distance > 0) {
            PUT(h, "<span class=\"d\">");
            put_distance(h, f.distance, k);
            PUT(h, "</span> points to go");
            if (isfinite(f.children_gap) && f.children_gap > 0) {
                PUT(h, "<small class=\"cg\">about ");
                put_count(h, f.children_gap);
                sc_wputs(h->f, f.children_gap == 1 ? " more child" : " more children");
                PUT(h, "</small>");
            }
        } else {
            PUT(h, "<span class=\"good\">Goal met</span>");
        }
    } else {
        PUT(h, "\xe2\x80\x94");
    }
    PUT(h, "</div></td>\n<td data-label=\"Rank\" class=\"c-rank\"><div>");
    if (all && all->rank) {
        PUT(h, "<span class=\"nw\"><span class=\"big r\">");
        put_int(h, all->rank);
        PUT(h, "</span> of ");
        put_int(h, all->of);
        PUT(h, "</span>");
        if (h->states && is_state(ds, g)) {
            PUT(h, "<small>among states</small>");
        } else if (h->states && state_of(ds, g) >= 0) {
            PUT(h, "<small class=\"in\">in ");
            esc(h, geo_name(ds, (size_t)state_of(ds, g)));
            PUT(h, "</small>");
        }
        if (all->rank_low) {
            PUT(h, "<small class=\"rr\">range ");
            put_int(h, all->rank_low);
            PUT(h, "\xe2\x80\x93");
            put_int(h, all->rank_high);
            PUT(h, " (margins of error)");
            PUT(h, "</small>");
        }
    } else {
        sc_wputs(h->f, !is_county(ds, g) ? "\xe2\x80\x94" : "Not ranked");
    }
    if (h->states && all && all->nrank && is_county(ds, g)) {
        PUT(h, "<small class=\"nr\">nationally <span class=\"nw\">");
        put_int(h, all->nrank);
        PUT(h, " of ");
        put_int(h, all->nof);
        PUT(h, "</span></small>");
    }
    PUT(h, "</div></td>\n<td data-label=\"Trend\" class=\"c-trend\"><div>");
    if (all)
        trend_cell(h, ind, all);
    else
        PUT(h, "\xe2\x80\x94");
    PUT(h, "</div></td>\n<td data-label=\"Goal reached\" class=\"c-projection\"><div>");
    if (all)
        projection_cell(h, ind, all);
    else
        PUT(h, "\xe2\x80\x94");
    PUT(h, "</div></td>\n<td data-label=\"Benchmark\" class=\"c-benchmark\"><div>");
    if (isfinite(f.benchmark)) {
        PUT(h, "<span class=\"b\">");
        put_dec(h, f.benchmark, k);
        PUT(h, "%</span><small>");
        /* several states: a state's benchmark is the national one */
        if (h->states && (!is_county(ds, g) || state_of(ds, g) < 0))
            sc_wputs(h->f, national_words(f.bench_method));
        else if (h->states && state_of(ds, g) >= 0) {
            const char *sn = geo_name(ds, (size_t)state_of(ds, g));
            if (f.bench_method == SC_BENCH_MEDIAN) {
                PUT(h, "median of ");
                esc(h, sn);
                PUT(h, "\xe2\x80\x99s counties");
            } else {
                esc(h, sn);
                sc_wputs(h->f, f.bench_method == SC_BENCH_POOLED
                                   ? ", pooled from its counties"
                                   : "\xe2\x80\x99s figure");
            }
        } else
            sc_wputs(h->f, bench_words(f.bench_method));
        PUT(h, "</small>");
        const char *w = h->states && state_of(ds, g) >= 0
                            ? vs_state_words(f.vs)
                            : vs_words(f.vs);
        if (w && is_county(ds, g)) {
            PUT(h, "<small>");
            sc_wputs(h->f, w);
            PUT(h, "</small>");
        }
    } else {
        PUT(h, "\xe2\x80\x94");
    }
    /* the national benchmark beside a county's own (§3.10.4) */
    if (isfinite(f.national) && is_county(ds, g) &&
        !(h->states && state_of(ds, g) < 0)) {
        int m = SC_BENCH_NONE;
        (void)sc_bench_get(r, i, SC_BSET_NATIONAL, 0, o->year, &m);
        PUT(h, "<small class=\"nb\"><span title=\"");
        sc_wputs(h->f, national_words(m));
        PUT(h, "\">Nation ");
        put_dec(h, f.national, k);
        PUT(h, "%</span>");
        const char *wn = vs_short(f.vs_national);
        if (wn) {
            PUT(h, " \xc2\xb7 ");
            sc_wputs(h->f, wn);
        }
        PUT(h, "</small>");
    }
    PUT(h, "</div></td>\n");
    if (h->subgroups) {
        const sc_equity *e = &r->equity[cell];
        PUT(h, "<td data-label=\"Group gap\" class=\"c-equity\"><div>");
        if (e->set) {
            put_dec(h, e->gap, k);
            PUT(h, " points<small>");
            esc(h, ds->subgroups.strs[e->best]);
            PUT(h, " ");
            put_dec(h, e->best_value, k);
            PUT(h, "%, ");
            esc(h, ds->subgroups.strs[e->worst]);
            PUT(h, " ");
            put_dec(h, e->worst_value, k);
            PUT(h, "%</small>");
        } else {
            PUT(h, "\xe2\x80\x94");
        }
        PUT(h, "</div></td>\n");
    }
    PUT(h, "<td data-label=\"Over time\" class=\"c-series\"><div>");
    if (all)
        sparkline(h, ind, all, geo_name(ds, g));
    else
        PUT(h, "\xe2\x80\x94");
    PUT(h, "</div></td>\n</tr>\n");
}

/* Where a composite's rank is counted (multi-state pages): " in Texas",
 * " among states"; nothing in a single-state page. */
static void
rank_where(hw *h, size_t g)
{
    if (!h->states)
        return;
    if (is_state(h->ds, g)) {
        PUT(h, " among states");
    } else if (state_of(h->ds, g) >= 0) {
        PUT(h, " in ");
        esc(h, geo_name(h->ds, (size_t)state_of(h->ds, g)));
    }
}

static void
comp_text(hw *h, size_t g, const sc_comp *c)
{
    if (!isfinite(c->score)) {
        PUT(h, "not scored");
        return;
    }
    PUT(h, "<span class=\"s\">");
    put_dec(h, c->score, 1);
    PUT(h, "</span>");
    if (c->rank) {
        PUT(h, " \xc2\xb7 rank ");
        put_int(h, c->rank);
        PUT(h, " of ");
        put_int(h, c->of);
        rank_where(h, g);
    }
    if (h->states && c->nrank && is_county(h->ds, g)) {
        PUT(h, ", ");
        put_int(h, c->nrank);
        PUT(h, " of ");
        put_int(h, c->nof);
        PUT(h, " nationally");
    }
}

static void
geo_section(hw *h, size_t g)
{
    const sc_results *r = h->r;
    const sc_dataset *ds = h->ds;
    const sc_geo *geo = &ds->geos[g];
    const char *name = geo_name(ds, g);

    PUT(h, "<section class=\"geo\" id=\"");
    put_geo_anchor(h, g);
    PUT(h, "\" data-geo=\"");
    esc(h, geo->id);
    PUT(h, "\" data-name=\"");
    esc(h, name);
    if (h->states) {
        PUT(h, "\" data-state=\"");
        put_state_anchor(h, g);
    }
    PUT(h, "\" aria-labelledby=\"h-");
    put_geo_anchor(h, g);
    PUT(h, "\">\n<h2 id=\"h-");
    put_geo_anchor(h, g);
    PUT(h, "\">");
    esc(h, name);
    PUT(h, "</h2>\n<p class=\"meta\">");
    sc_wputs(h->f, is_state(ds, g) ? "State" : is_county(ds, g) ? "County"
                                                                : "Nation");
    long p = state_of(ds, g) >= 0 ? state_of(ds, g) : parent_of(ds, g);
    if (p >= 0) {
        PUT(h, " in ");
        esc(h, geo_name(ds, (size_t)p));
    }
    PUT(h, " \xc2\xb7 FIPS ");
    esc(h, geo->id);
    if (isfinite(geo->info.population)) {
        PUT(h, " \xc2\xb7 <span class=\"pop\">population ");
        put_count(h, geo->info.population);
        PUT(h, "</span>");
    }
    PUT(h, "</p>\n<p class=\"overall\"><strong>Overall score: ");
    comp_text(h, g, &r->overall[g]);
    PUT(h, "</strong> <span class=\"small\">out of 100, where 100 means "
           "every goal is met");
    PUT(h, "</span></p>\n");

    /* domains, then each domain's indicators */
    PUT(h, "<table class=\"domains\">\n<caption>Scores by domain</caption>\n"
           "<thead><tr><th scope=\"col\">Domain</th><th scope=\"col\" "
           "class=\"num\">Score</th><th scope=\"col\" class=\"num\">");
    if (h->states && is_county(ds, g))
        PUT(h, "Rank in state</th><th scope=\"col\" class=\"num\">"
               "National rank");
    else if (h->states && is_state(ds, g))
        PUT(h, "Rank among states");
    else
        PUT(h, "Rank");
    PUT(h, "</th><th scope=\"col\" class=\"num\">Indicators scored</th>"
           "</tr></thead>\n<tbody>\n");
    for (size_t d = 0; d < ds->ndomains; d++) {
        const sc_comp *c = &r->domains[g * ds->ndomains + d];
        PUT(h, "<tr><th scope=\"row\">");
        esc(h, ds->domains[d]);
        PUT(h, "</th><td class=\"num\">");
        put_dec(h, c->score, 1);
        PUT(h, "</td><td class=\"num\">");
        if (c->rank) {
            put_int(h, c->rank);
            PUT(h, " of ");
            put_int(h, c->of);
        } else {
            PUT(h, "\xe2\x80\x94");
        }
        if (h->states && is_county(ds, g)) {
            PUT(h, "</td><td class=\"num\">");
            if (c->nrank) {
                put_int(h, c->nrank);
                PUT(h, " of ");
                put_int(h, c->nof);
            } else {
                PUT(h, "\xe2\x80\x94");
            }
        }
        PUT(h, "</td><td class=\"num\">");
        put_int(h, c->scored);
        PUT(h, " of ");
        put_int(h, c->total);
        PUT(h, "</td></tr>\n");
    }
    PUT(h, "</tbody>\n</table>\n");

    for (size_t d = 0; d < ds->ndomains; d++) {
        int any = 0;
        for (size_t i = 0; i < ds->ninds && !any; i++)
            any = strcmp(ds->inds[i].info.domain, ds->domains[d]) == 0;
        if (!any)
            continue;
        const sc_comp *c = &r->domains[g * ds->ndomains + d];
        PUT(h, "<h3>");
        esc(h, ds->domains[d]);
        PUT(h, " <span class=\"sub\">score ");
        comp_text(h, g, c);
        PUT(h, "</span></h3>\n<table class=\"inds\">\n<caption class=\"sr\">");
        esc(h, ds->domains[d]);
        PUT(h, " indicators for ");
        esc(h, name);
        PUT(h, "</caption>\n<thead><tr><th scope=\"col\" class=\"w-ind\">"
               "Indicator</th><th scope=\"col\" class=\"w-val\">Latest</th>"
               "<th scope=\"col\" class=\"w-dist\">Distance to goal</th>"
               "<th scope=\"col\" class=\"w-rank\">Rank</th><th scope=\"col\" "
               "class=\"w-trend\">Trend</th><th scope=\"col\" class=\"w-proj\">"
               "Goal reached</th><th scope=\"col\" class=\"w-bench\">"
               "Benchmark</th>");
        if (h->subgroups)
            PUT(h, "<th scope=\"col\" class=\"w-gap\">Group gap</th>");
        PUT(h, "<th scope=\"col\" class=\"w-series\">Over time</th></tr>"
               "</thead>\n<tbody>\n");
        for (size_t i = 0; i < ds->ninds; i++)
            if (strcmp(ds->inds[i].info.domain, ds->domains[d]) == 0)
                indicator_row(h, g, i);
        PUT(h, "</tbody>\n</table>\n");
    }
    PUT(h, "</section>\n");
}

/* ------------------------------------------------------------ the rest */

static int
web_url(const char *u)
{
    return u && (strncasecmp(u, "https://", 8) == 0 ||
                 strncasecmp(u, "http://", 7) == 0);
}

static void
methodology(hw *h)
{
    const sc_dataset *ds = h->ds;
    char a[64];
    PUT(h, "<footer id=\"methodology\">\n<h2>How these figures are made"
           "</h2>\n<dl>\n<dt>Distance to the goal</dt><dd>The goal is 100% "
           "of children (0% where lower is better, such as chronic "
           "absence). The distance is the percentage points between the "
           "latest value and the goal; the score is 100 minus the distance, "
           "so 100 means the goal is met. Where the number of children is "
           "known, it is also shown as the number of children still to "
           "reach.</dd>\n<dt>Ranks</dt><dd>Counties are ranked by distance "
           "in the latest year (1 = closest to the goal; ties share a "
           "rank)");
    if (h->states)
        PUT(h, " among the counties of their own state, and also "
               "nationally among every county; states are ranked among "
               "states");
    PUT(h, ". Where values have a margin of error, the likely range "
           "of the rank comes from ");
    put_int(h, ds->rank_draws);
    PUT(h, " simulated draws (5th to 95th percentile).</dd>\n"
           "<dt>Domain and overall scores</dt><dd>A domain's score is the "
           "weighted mean of its indicator scores (shown when at least half "
           "are scored); the overall score is the mean of the domain "
           "scores.</dd>\n<dt>Trends</dt><dd>A straight line fitted to the "
           "last ");
    put_int(h, ds->trend_years);
    PUT(h, " years by least squares (weighted by the margins of error when "
           "every year has one). A trend is called improving or worsening "
           "only when it is statistically significant at the ");
    sc_wputs(h->f, dec(a, ds->alpha * 100, 1));
    PUT(h, "% level; the arrow shows whether the value is rising or "
           "falling. The year the goal is reached is projected from that "
           "line; the pace compares it with the rate needed to reach the "
           "goal by ");
    put_int(h, ds->goal_year);
    PUT(h, ".</dd>\n<dt>Benchmark</dt><dd>");
    if (h->states)
        PUT(h, "A county is held against its own state: ");
    PUT(h, "The state's own figure where "
           "the data has one; otherwise the state pooled from its counties' "
           "counts, or the median county.");
    if (h->states)
        PUT(h, " The national benchmark, shown beside it and used for "
               "the states themselves, is the nation's own figure where the "
               "data has one; otherwise pooled from every county's counts, "
               "or the median of every county. A state's spread is the "
               "lowest, median and highest value of its counties in the "
               "latest year.");
    PUT(h, "</dd>\n<dt>Suppressed and unstable "
           "values</dt><dd>Values withheld by the source, or based on fewer "
           "children than the indicator's minimum, are shown as suppressed "
           "and left out of scores, ranks, benchmarks and trends. Values "
           "whose margin of error is large relative to the value are "
           "marked unstable but still used.</dd>\n</dl>\n"
           "<h3>Indicators and sources</h3>\n<table class=\"sources\">\n"
           "<thead><tr><th scope=\"col\">Indicator</th><th scope=\"col\">"
           "Domain</th><th scope=\"col\">Goal</th><th scope=\"col\">"
           "Definition</th><th scope=\"col\">Source</th></tr></thead>\n"
           "<tbody>\n");
    for (size_t i = 0; i < ds->ninds; i++) {
        const sc_indicator_info *in = &ds->inds[i].info;
        PUT(h, "<tr><th scope=\"row\">");
        esc(h, in->name);
        PUT(h, "</th><td>");
        esc(h, in->domain);
        PUT(h, "</td><td>");
        sc_wputs(h->f, dec(a, in->target, in->decimals));
        sc_wputs(h->f, in->direction == SC_HIGHER_IS_BETTER
                           ? "% (higher is better)"
                           : "% (lower is better)");
        PUT(h, "<small>suppressed below ");
        put_count(h, in->min_denominator);
        PUT(h, " children</small></td><td>");
        esc(h, in->description && in->description[0] ? in->description
                                                     : "\xe2\x80\x94");
        PUT(h, "</td><td>");
        const char *src = in->source && in->source[0] ? in->source : NULL;
        if (web_url(in->url)) {
            PUT(h, "<a href=\"");
            esc(h, in->url);
            PUT(h, "\">");
            esc(h, src ? src : in->url);
            PUT(h, "</a>");
        } else {
            esc(h, src ? src : "\xe2\x80\x94");
            if (in->url && in->url[0]) {
                PUT(h, "<small>");
                esc(h, in->url);
                PUT(h, "</small>");
            }
        }
        PUT(h, "</td></tr>\n");
    }
    PUT(h, "</tbody>\n</table>\n<p class=\"small\">Made by scorecard "
           SC_VERSION_STRING ". The figures on this page are those of the "
           "JSON scorecard embedded in it (element <code>scorecard-data"
           "</code>), rounded for display. The page makes no network "
           "requests.</p>\n</footer>\n");
}

static sc_status
write_page(FILE *file, const sc_results *r, size_t from, size_t to)
{
    sc_wbuf *f = sc_wbuf_open(file);
    if (!f)
        return SC_ERR_NOMEM;
    hw h = {f, r, r->ds, r->ds->subgroups.count > 1, to - from != 1,
            r->ds->multi_state, NULL};
    if (h.states) {
        h.scratch = malloc(r->ds->ngeos * sizeof *h.scratch);
        if (!h.scratch) {
            sc_wbuf_close(f);
            return SC_ERR_NOMEM;
        }
    }
    for (size_t e = 0; !h.subgroups && e < r->ds->ngeos * r->ds->ninds; e++)
        h.subgroups = r->equity[e].set;
    page_head(&h, h.multi ? NULL : geo_name(r->ds, from));
    if (h.multi)
        picker(&h);
    PUT(&h, "<main>\n");
    for (size_t g = from; g < to; g++)
        geo_section(&h, g);
    PUT(&h, "</main>\n");
    methodology(&h);
    PUT(&h, "<script type=\"application/json\" id=\"scorecard-data\">\n");
    sc_json_doc(f, r, from, to, 1);
    PUT(&h, "</script>\n");
    if (h.multi) {
        PUT(&h, "<script>\n");
        sc_wwrite(f, script, sizeof script - 1);
        PUT(&h, "</script>\n");
    }
    PUT(&h, "</body>\n</html>\n");
    sc_wbuf_close(f);
    free(h.scratch);
    return SC_OK;
}

SC_API sc_status
sc_write_html(const sc_results *r, const char *path, sc_diagnostics *diags)
{
    if (!r || !path || !diags)
        return SC_ERR_INVALID_ARG;
    return sc_write_whole(r, path, write_page, diags);
}

SC_API sc_status
sc_write_html_split(const sc_results *r, const char *dir,
                    sc_diagnostics *diags)
{
    if (!r || !dir || !diags)
        return SC_ERR_INVALID_ARG;
    return sc_write_split(r, dir, ".html", write_page, diags);
}
