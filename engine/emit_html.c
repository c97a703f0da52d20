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
 * rounded to the indicator's decimals (emit_html_text.c), so the page and
 * the JSON cannot disagree. This file writes the page around the
 * geographies' sections (emit_html_geo.c).
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <scorecard/version.h>

#include "emit.h"
#include "emit_html.h"

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
        sc_html_esc(h, title_prefix);
        PUT(h, " \xe2\x80\x94 ");
    }
    sc_html_esc(h, ds->title);
    PUT(h, "</title>\n<style>\n");
    sc_wwrite(h->f, css, sizeof css - 1);
    PUT(h, "</style>\n</head>\n<body>\n<header class=\"page\">\n<h1>");
    sc_html_esc(h, ds->title);
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
        sc_html_int(h, h->r->latest_year);
        PUT(h, ".");
    }
    PUT(h, " <a href=\"#methodology\">How these figures are made</a>."
           "</p>\n</header>\n");
}

static void
option(hw *h, size_t g, int state)
{
    PUT(h, "<option value=\"");
    sc_html_anchor(h, g);
    PUT(h, "\">");
    sc_html_esc(h, sc_html_geo_name(h->ds, g));
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
    sc_html_int(h, (long)ds->nstates);
    PUT(h, ")</option>\n");
    if (ds->nation != SC_NONE) {
        PUT(h, "<option value=\"");
        sc_html_anchor(h, ds->nation);
        PUT(h, "\">");
        sc_html_esc(h, sc_html_geo_name(ds, ds->nation));
        PUT(h, " (nation)</option>\n");
    }
    for (size_t k = 0; k < ds->nstates; k++) {
        PUT(h, "<option value=\"");
        sc_html_anchor(h, ds->states[k]);
        PUT(h, "\">");
        sc_html_esc(h, sc_html_geo_name(ds, ds->states[k]));
        PUT(h, "</option>\n");
    }
    PUT(h, "</select>\n<label for=\"picker\">County</label>"
           "<select id=\"picker\">\n<option value=\"\">All "
           "geographies (");
    sc_html_int(h, (long)ds->ngeos);
    PUT(h, ")</option>\n");
    for (size_t k = 0; k < ds->nstates; k++) {
        size_t s = ds->states[k];
        PUT(h, "<optgroup label=\"");
        sc_html_esc(h, sc_html_geo_name(ds, s));
        PUT(h, "\" data-state=\"");
        sc_html_anchor(h, s);
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
        sc_html_anchor(h, g);
        PUT(h, "\">");
        sc_html_esc(h, sc_html_geo_name(ds, g));
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
                sc_html_esc(h, s != SIZE_MAX ? sc_html_geo_name(ds, s) : "Other geographies");
                PUT(h, "</h3><ul>\n");
            }
            PUT(h, "<li><a href=\"#");
            sc_html_anchor(h, g);
            PUT(h, "\">");
            sc_html_esc(h, sc_html_geo_name(ds, g));
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
    sc_html_int(h, (long)ds->ngeos);
    PUT(h, ")</option>\n");
    /* states, each with its counties; then counties without a state */
    for (size_t s = 0; s < ds->ngeos; s++) {
        if (!is_state(ds, s))
            continue;
        PUT(h, "<optgroup label=\"");
        sc_html_esc(h, sc_html_geo_name(ds, s));
        PUT(h, "\">\n");
        option(h, s, 1);
        for (size_t g = 0; g < ds->ngeos; g++)
            if (!is_state(ds, g) && sc_html_parent_of(ds, g) == (long)s)
                option(h, g, 0);
        PUT(h, "</optgroup>\n");
    }
    for (size_t g = 0; g < ds->ngeos; g++) {
        long p = sc_html_parent_of(ds, g);
        if (!is_state(ds, g) && !(p >= 0 && is_state(ds, (size_t)p)))
            option(h, g, 0);
    }
    PUT(h, "</select>\n</nav>\n<noscript><nav class=\"index\" "
           "aria-label=\"Geographies\"><h2>Geographies</h2><ul>\n");
    for (size_t g = 0; g < ds->ngeos; g++) {
        PUT(h, "<li><a href=\"#");
        sc_html_anchor(h, g);
        PUT(h, "\">");
        sc_html_esc(h, sc_html_geo_name(ds, g));
        if (is_state(ds, g))
            PUT(h, " (state)");
        PUT(h, "</a></li>\n");
    }
    PUT(h, "</ul></nav></noscript>\n");
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
    sc_html_int(h, ds->rank_draws);
    PUT(h, " simulated draws (5th to 95th percentile).</dd>\n"
           "<dt>Domain and overall scores</dt><dd>A domain's score is the "
           "weighted mean of its indicator scores (shown when at least half "
           "are scored); the overall score is the mean of the domain "
           "scores.</dd>\n<dt>Trends</dt><dd>A straight line fitted to the "
           "last ");
    sc_html_int(h, ds->trend_years);
    PUT(h, " years");
    size_t nown = 0; /* indicators whose manifest entry sets their own */
    for (size_t i = 0; i < ds->ninds; i++) {
        const sc_indicator_info *in = &ds->inds[i].info;
        if (in->trend_years == ds->trend_years)
            continue;
        if (nown++)
            PUT(h, ", ");
        else
            PUT(h, " (");
        sc_html_int(h, in->trend_years);
        PUT(h, " for ");
        sc_html_esc(h, in->name);
    }
    if (nown)
        PUT(h, ")");
    PUT(h, " by least squares (weighted by the margins of error when "
           "every year has one). A trend is called improving or worsening "
           "only when it is statistically significant at the ");
    sc_wputs(h->f, sc_html_dec(a, ds->alpha * 100, 1));
    PUT(h, "% level; the arrow shows whether the value is rising or "
           "falling. The year the goal is reached is projected from that "
           "line (a rate close to 100% usually slows as it nears the goal, "
           "so a straight line's year is optimistic there); the pace compares it with the rate needed to reach the "
           "goal by ");
    sc_html_int(h, ds->goal_year);
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
           "children than the indicator's minimum");
    int rules = 0;
    for (size_t i = 0; i < ds->ninds; i++)
        rules |= ds->inds[i].nsupp > 0;
    if (rules)
        PUT(h, ", or set aside by this dataset's rule for a source (see the "
               "indicator's description)");
    PUT(h, ", are shown as suppressed "
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
        sc_html_esc(h, in->name);
        PUT(h, "</th><td>");
        sc_html_esc(h, in->domain);
        PUT(h, "</td><td>");
        sc_wputs(h->f, sc_html_dec(a, in->target, in->decimals));
        sc_wputs(h->f, in->direction == SC_HIGHER_IS_BETTER
                           ? "% (higher is better)"
                           : "% (lower is better)");
        PUT(h, "<small>suppressed below ");
        sc_html_count(h, in->min_denominator);
        PUT(h, " children</small></td><td>");
        sc_html_esc(h, in->description && in->description[0] ? in->description
                                                     : "\xe2\x80\x94");
        PUT(h, "</td><td>");
        const char *src = in->source && in->source[0] ? in->source : NULL;
        if (web_url(in->url)) {
            PUT(h, "<a href=\"");
            sc_html_esc(h, in->url);
            PUT(h, "\">");
            sc_html_esc(h, src ? src : in->url);
            PUT(h, "</a>");
        } else {
            sc_html_esc(h, src ? src : "\xe2\x80\x94");
            if (in->url && in->url[0]) {
                PUT(h, "<small>");
                sc_html_esc(h, in->url);
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
    page_head(&h, h.multi ? NULL : sc_html_geo_name(r->ds, from));
    if (h.multi)
        picker(&h);
    PUT(&h, "<main>\n");
    for (size_t g = from; g < to; g++)
        sc_html_geo_section(&h, g);
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
