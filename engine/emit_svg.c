/* SPDX-License-Identifier: MIT */
/*
 * Emit stage: standalone maps for reports (`--format svg`, issue 14),
 * DIR/<indicator>.svg and DIR/overall.svg. Each is a choropleth of the
 * counties' distance to the goal in the indicator's latest year, drawn
 * from the boundary file (boundaries.c) with a title, the data year, a
 * legend in points and a source line.
 *
 * Choices:
 * - Colours: ColorBrewer's 5-class YlGnBu, a sequential scheme that
 *   stays distinct for the common colour-vision deficiencies; light is
 *   near the goal, dark far from it. Suppressed and missing counties are
 *   grey with a hatch (not a colour of the scale), the reason in their
 *   tooltip (<title>).
 * - Classes: five equal steps of a round width (1, 2, 2.5 or 5 times a
 *   power of ten) from a multiple of that width at or below the smallest
 *   distance, covering the largest, so the legend reads "4-5, 5-6, ..." in
 *   points; a distance on a break goes to the upper class.
 * - Extent: a single-state dataset is fitted to its counties' box; with
 *   several states the whole 975 x 610 plane with state outlines.
 * - Counties of the dataset that the boundary file lacks (FIPS codes newer
 *   than its 2017 edition, ids that are not FIPS codes) are listed under
 *   the map, never dropped silently.
 */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <scorecard/results.h>

#include "boundaries.h"
#include "compute.h"
#include "emit.h"
#include "emit_html.h"
#include "output.h"
#include "util.h"

#define MAP_W 800.0  /* px of the drawing, at most */
#define MAP_H 560.0
#define HEAD_H 64.0  /* title lines above it */
#define NCLASS 5

static const char *const class_fill[NCLASS] = {"#ffffcc", "#a1dab4",
                                               "#41b6c4", "#2c7fb8",
                                               "#253494"};

/* One county's figure on a map. */
typedef struct cell {
    double distance; /* NaN: not shaded */
    double value;
    int year;
    int reason;      /* sc_reason, or -1 when there is no value at all */
    long rank, of;
} cell;

typedef struct map {
    hw h; /* the writer and the text helpers of the page */
    const sc_boundaries *b;
    const char *id;    /* file name, without .svg */
    const char *title; /* the indicator's name, or "Overall score" */
    const char *what;  /* "distance to the goal of 100%" */
    const char *source;
    int decimals;
    int year;          /* the data year (the indicator's latest) */
    cell *cells;       /* [geo] */
} map;

/* A round class width for distances up to dmax: 1, 2, 2.5 or 5 x 10^k. */
static double
class_step(double dmax)
{
    double want = dmax / NCLASS;
    if (!(want > 0))
        return 1;
    double p = pow(10, floor(log10(want)));
    static const double m[] = {1, 2, 2.5, 5, 10};
    for (size_t k = 0; k < sizeof m / sizeof *m; k++)
        if (m[k] * p >= want - 1e-12)
            return m[k] * p;
    return 10 * p;
}

static int
class_of(double d, double lo, double step)
{
    int c = (int)floor((d - lo) / step + 1e-9);
    return c < 0 ? 0 : c >= NCLASS ? NCLASS - 1 : c;
}

/* Grid units of the drawn area: x0, y0, width, height. */
static void
extent(const map *m, long e[4])
{
    const sc_dataset *ds = m->h.ds;
    double w, h, u;
    sc_boundaries_plane(m->b, &w, &h, &u);
    long full[4] = {0, 0, lround(w / u), lround(h / u)};
    if (ds->multi_state) {
        memcpy(e, full, sizeof full);
        return;
    }
    long x0 = 0, y0 = 0, x1 = 0, y1 = 0;
    int any = 0;
    for (size_t g = 0; g < ds->ngeos; g++) {
        if (!is_county(ds, g))
            continue;
        const sc_shape *s = sc_boundaries_county(m->b, ds->geos[g].id);
        if (!s)
            continue;
        if (!any || s->bbox[0] < x0)
            x0 = s->bbox[0];
        if (!any || s->bbox[1] < y0)
            y0 = s->bbox[1];
        if (!any || s->bbox[2] > x1)
            x1 = s->bbox[2];
        if (!any || s->bbox[3] > y1)
            y1 = s->bbox[3];
        any = 1;
    }
    if (!any) {
        memcpy(e, full, sizeof full);
        return;
    }
    long pad = (x1 - x0 > y1 - y0 ? x1 - x0 : y1 - y0) / 40 + 1;
    e[0] = x0 - pad;
    e[1] = y0 - pad;
    e[2] = x1 - x0 + 2 * pad;
    e[3] = y1 - y0 + 2 * pad;
}

static void
number(hw *h, double x, int k)
{
    char b[64];
    const char *s = sc_html_dec(b, x, k);
    sc_wputs(h->f, s ? s : "0");
}

/* Where the line of text starting at s ends when wrapped at about width
 * bytes (at a space; the whole rest when it fits or has no space). */
static size_t
wrap_len(const char *s, size_t width)
{
    size_t n = strlen(s);
    if (n <= width)
        return n;
    size_t cut = 0;
    for (size_t k = 0; k <= width; k++)
        if (s[k] == ' ')
            cut = k;
    if (cut)
        return cut;
    const char *sp = strchr(s + width, ' ');
    return sp ? (size_t)(sp - s) : n;
}

/* Lines of s wrapped at width. */
static size_t
wrap_count(const char *s, size_t width)
{
    size_t lines = 0;
    while (*s) {
        size_t n = wrap_len(s, width);
        s += n;
        while (*s == ' ')
            s++;
        lines++;
    }
    return lines;
}

/* s wrapped at width as <tspan>s of one <text> at x, line height dy. */
static void
wrapped(hw *h, const char *s, size_t width, int x, int dy)
{
    char *copy = NULL;
    for (int first = 1; *s; first = 0) {
        size_t n = wrap_len(s, width);
        free(copy);
        copy = sc_strndup(s, n);
        PUT(h, "<tspan x=\"");
        sc_html_int(h, x);
        PUT(h, "\" dy=\"");
        sc_html_int(h, first ? 0 : dy);
        PUT(h, "\">");
        sc_html_esc(h, copy ? copy : "");
        PUT(h, "</tspan>");
        s += n;
        while (*s == ' ')
            s++;
    }
    free(copy);
}

/* The tooltip of one county. */
static void
tooltip(map *m, size_t g)
{
    hw *h = &m->h;
    const cell *c = &m->cells[g];
    PUT(h, "<title>");
    sc_html_esc(h, sc_html_geo_name(h->ds, g));
    PUT(h, ": ");
    if (isfinite(c->distance)) {
        if (isfinite(c->value)) {
            number(h, c->value, m->decimals);
            PUT(h, "%, ");
        }
        number(h, c->distance, m->decimals);
        PUT(h, " points from the goal");
        if (c->rank) {
            PUT(h, " (rank ");
            sc_html_int(h, c->rank);
            PUT(h, " of ");
            sc_html_int(h, c->of);
            PUT(h, ")");
        }
    } else if (c->reason == SC_REASON_LOW_DENOMINATOR) {
        PUT(h, "suppressed, too few children counted");
    } else if (c->reason == SC_REASON_RULE) {
        PUT(h, "suppressed by the dataset's rule for its source");
    } else if (c->reason == SC_REASON_SOURCE_SUPPRESSED) {
        PUT(h, "suppressed by the source");
    } else {
        PUT(h, "no data");
    }
    if (m->year) {
        PUT(h, ", ");
        sc_html_int(h, c->year ? c->year : m->year);
    }
    PUT(h, "</title>");
}

/* One county's shape (or the dot of one smaller than the grid). */
static void
county(map *m, size_t g, const sc_shape *s, double lo, double step,
       double dot)
{
    hw *h = &m->h;
    const cell *c = &m->cells[g];
    const char *fill = isfinite(c->distance)
                           ? class_fill[class_of(c->distance, lo, step)]
                           : "url(#nodata)";
    if (s->d) {
        PUT(h, "<path d=\"");
        sc_wputs(h->f, s->d);
        PUT(h, "\"");
    } else {
        PUT(h, "<circle cx=\"");
        sc_html_int(h, s->bbox[0]);
        PUT(h, "\" cy=\"");
        sc_html_int(h, s->bbox[1]);
        PUT(h, "\" r=\"");
        sc_html_int(h, lround(dot));
        PUT(h, "\"");
    }
    PUT(h, " fill=\"");
    sc_wputs(h->f, fill);
    PUT(h, "\" data-geo=\"");
    sc_html_esc(h, h->ds->geos[g].id);
    PUT(h, "\">");
    tooltip(m, g);
    if (s->d)
        PUT(h, "</path>\n");
    else
        PUT(h, "</circle>\n");
}

static sc_status
write_map(map *m, const char *dir, sc_diagnostics *diags)
{
    const sc_dataset *ds = m->h.ds;
    char *name = sc_asprintf("%s.svg", m->id);
    char *path = name ? sc_path_join(dir, name) : NULL;
    free(name);
    if (!path)
        return SC_ERR_NOMEM;
    sc_outfile o;
    sc_status st = sc_out_open(&o, path, diags);
    free(path);
    if (st != SC_OK)
        return st;
    hw *h = &m->h;
    h->f = sc_wbuf_open(o.f);
    if (!h->f) {
        sc_out_abort(&o);
        return SC_ERR_NOMEM;
    }

    long e[4];
    extent(m, e);
    double s = MAP_W / (double)e[2];
    if ((double)e[3] * s > MAP_H)
        s = MAP_H / (double)e[3];
    double map_h = (double)e[3] * s;
    double left = (MAP_W - (double)e[2] * s) / 2; /* centred */
    double dmax = 0, dmin = INFINITY;
    size_t nmissing = 0, nshaded = 0, nnodata = 0;
    for (size_t g = 0; g < ds->ngeos; g++) {
        if (!is_county(ds, g))
            continue;
        if (!sc_boundaries_county(m->b, ds->geos[g].id))
            nmissing++;
        else if (isfinite(m->cells[g].distance)) {
            nshaded++;
            dmax = m->cells[g].distance > dmax ? m->cells[g].distance : dmax;
            dmin = m->cells[g].distance < dmin ? m->cells[g].distance : dmin;
        } else {
            nnodata++;
        }
    }
    if (!nshaded)
        dmin = 0;
    double step = class_step(dmax - dmin);
    double lo = floor(dmin / step + 1e-9) * step;
    if (lo + NCLASS * step < dmax - 1e-9) { /* widen once to cover */
        step = class_step(dmax - lo);
        lo = floor(dmin / step + 1e-9) * step;
    }
    /* below the map: legend (2 rows), source, and the missing list */
    char *src = sc_asprintf("Source: %s. Boundaries: U.S. Census Bureau "
                            "cartographic boundary files (2017), via "
                            "us-atlas.",
                            m->source && m->source[0]
                                ? m->source
                                : "the dataset's indicators");
    if (!src) {
        sc_wbuf_close(h->f);
        h->f = NULL;
        sc_out_abort(&o);
        return SC_ERR_NOMEM;
    }
    size_t src_lines = wrap_count(src, 140);
    double foot = 72 + 13 * (double)src_lines + (nmissing ? 18 : 0);
    double total_h = HEAD_H + map_h + foot;

    PUT(h, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
           "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"800\" "
           "height=\"");
    sc_html_int(h, lround(total_h));
    PUT(h, "\" viewBox=\"0 0 800 ");
    sc_html_int(h, lround(total_h));
    PUT(h, "\" role=\"img\" aria-labelledby=\"map-title map-desc\" "
           "font-family=\"Helvetica, Arial, sans-serif\">\n<title "
           "id=\"map-title\">");
    sc_html_esc(h, m->title);
    PUT(h, ", ");
    sc_html_esc(h, m->what);
    if (m->year) {
        PUT(h, ", ");
        sc_html_int(h, m->year);
    }
    PUT(h, "</title>\n<desc id=\"map-desc\">");
    sc_html_esc(h, ds->title);
    PUT(h, ". ");
    sc_html_int(h, (long)nshaded);
    PUT(h, " counties shaded by their distance to the goal in points, in "
           "five classes of ");
    number(h, step, step == floor(step) ? 0 : 1);
    PUT(h, " points (lighter is closer to the goal); ");
    sc_html_int(h, (long)nnodata);
    PUT(h, " suppressed or without data, in hatched grey");
    if (nmissing) {
        PUT(h, "; ");
        sc_html_int(h, (long)nmissing);
        PUT(h, " not on the map (listed below it)");
    }
    PUT(h, ".</desc>\n<defs><pattern id=\"nodata\" width=\"8\" "
           "height=\"8\" patternUnits=\"userSpaceOnUse\" "
           "patternTransform=\"rotate(45)\"><rect width=\"8\" height=\"8\" "
           "fill=\"#d9d9d9\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"8\" "
           "stroke=\"#969696\" stroke-width=\"3\"/></pattern></defs>\n"
           "<rect width=\"800\" height=\"");
    sc_html_int(h, lround(total_h));
    PUT(h, "\" fill=\"#ffffff\"/>\n<text x=\"16\" y=\"28\" font-size=\"20\" "
           "font-weight=\"bold\" fill=\"#111111\">");
    sc_html_esc(h, m->title);
    PUT(h, "</text>\n<text x=\"16\" y=\"50\" font-size=\"13\" "
           "fill=\"#333333\">");
    sc_html_esc(h, m->what);
    if (m->year) {
        PUT(h, " \xc2\xb7 ");
        sc_html_int(h, m->year);
    }
    PUT(h, " \xc2\xb7 ");
    sc_html_esc(h, ds->title);
    PUT(h, "</text>\n");

    /* the counties, in grid units under one transform */
    PUT(h, "<g transform=\"translate(");
    sc_wnumber(h->f, round(left * 10) / 10);
    PUT(h, " ");
    sc_html_int(h, (long)HEAD_H);
    PUT(h, ") scale(");
    sc_wnumber(h->f, s);
    PUT(h, ") translate(");
    sc_html_int(h, -e[0]);
    PUT(h, " ");
    sc_html_int(h, -e[1]);
    PUT(h, ")\" stroke=\"#ffffff\" stroke-width=\"");
    sc_wnumber(h->f, round(0.6 / s * 1000) / 1000);
    PUT(h, "\" stroke-linejoin=\"round\">\n");
    for (size_t g = 0; g < ds->ngeos; g++) {
        if (!is_county(ds, g))
            continue;
        const sc_shape *sh = sc_boundaries_county(m->b, ds->geos[g].id);
        if (sh)
            county(m, g, sh, lo, step, 2.5 / s);
    }
    if (ds->multi_state) {
        /* state outlines, from the same topology */
        PUT(h, "<g fill=\"none\" stroke=\"#444444\" stroke-width=\"");
        sc_wnumber(h->f, round(1.2 / s * 1000) / 1000);
        PUT(h, "\">\n");
        char sid[3] = {0};
        for (int k = 1; k < 100; k++) {
            sid[0] = (char)('0' + k / 10);
            sid[1] = (char)('0' + k % 10);
            const sc_shape *st2 = sc_boundaries_state(m->b, sid);
            if (st2 && st2->d) {
                PUT(h, "<path d=\"");
                sc_wputs(h->f, st2->d);
                PUT(h, "\"/>\n");
            }
        }
        PUT(h, "</g>\n");
    }
    PUT(h, "</g>\n");

    /* legend: the five classes, then the hatch */
    double y = HEAD_H + map_h + 14;
    PUT(h, "<g font-size=\"12\" fill=\"#222222\">\n<text x=\"16\" y=\"");
    sc_html_int(h, lround(y + 11));
    PUT(h, "\">Points from the goal:</text>\n");
    int sk = step == floor(step) && lo == floor(lo) ? 0 : 1;
    for (int c = 0; c < NCLASS; c++) {
        double x = 160 + c * 96;
        PUT(h, "<rect x=\"");
        sc_html_int(h, lround(x));
        PUT(h, "\" y=\"");
        sc_html_int(h, lround(y));
        PUT(h, "\" width=\"18\" height=\"14\" stroke=\"#777777\" "
               "stroke-width=\"0.5\" fill=\"");
        sc_wputs(h->f, class_fill[c]);
        PUT(h, "\"/><text x=\"");
        sc_html_int(h, lround(x + 24));
        PUT(h, "\" y=\"");
        sc_html_int(h, lround(y + 11));
        PUT(h, "\">");
        number(h, lo + c * step, sk);
        if (c + 1 < NCLASS) {
            PUT(h, "\xe2\x80\x93");
            number(h, lo + (c + 1) * step, sk);
        } else {
            PUT(h, " or more");
        }
        PUT(h, "</text>\n");
    }
    y += 22;
    PUT(h, "<rect x=\"160\" y=\"");
    sc_html_int(h, lround(y));
    PUT(h, "\" width=\"18\" height=\"14\" stroke=\"#777777\" "
           "stroke-width=\"0.5\" fill=\"url(#nodata)\"/><text x=\"184\" "
           "y=\"");
    sc_html_int(h, lround(y + 11));
    PUT(h, "\">suppressed or no data (the reason is in each county's "
           "tooltip)</text>\n</g>\n");

    /* source line; the counties the boundary file lacks */
    y += 34;
    PUT(h, "<text x=\"16\" y=\"");
    sc_html_int(h, lround(y));
    PUT(h, "\" font-size=\"10\" fill=\"#444444\">");
    wrapped(h, src, 140, 16, 13);
    PUT(h, "</text>\n");
    free(src);
    if (nmissing) {
        y += 13 * (double)src_lines + 4;
        PUT(h, "<text x=\"16\" y=\"");
        sc_html_int(h, lround(y));
        PUT(h, "\" font-size=\"10\" fill=\"#444444\">Not on the map (no "
               "boundary in the 2017 Census file): ");
        size_t k = 0;
        for (size_t g = 0; g < ds->ngeos; g++) {
            if (!is_county(ds, g) ||
                sc_boundaries_county(m->b, ds->geos[g].id))
                continue;
            if (k++)
                PUT(h, ", ");
            sc_html_esc(h, sc_html_geo_name(ds, g));
            PUT(h, " (");
            sc_html_esc(h, ds->geos[g].id);
            PUT(h, ")");
        }
        PUT(h, "</text>\n");
    }
    PUT(h, "</svg>\n");
    sc_wbuf_close(h->f);
    h->f = NULL;
    return sc_out_commit(&o, diags);
}

SC_API sc_status
sc_write_svg_maps(const sc_results *r, const char *dir,
                  sc_diagnostics *diags)
{
    if (!r || !dir || !diags)
        return SC_ERR_INVALID_ARG;
    const sc_dataset *ds = r->ds;
    if (mkdir(dir, 0755) != 0 && errno != EEXIST) {
        sc_diag_addf(diags, SC_SEV_ERROR, "io", dir, 0, 0,
                     "cannot create directory '%s': %s", dir,
                     strerror(errno));
        return SC_ERR_IO;
    }
    for (size_t i = 0; i < ds->ninds; i++)
        if (strcmp(ds->inds[i].id, "overall") == 0) {
            sc_diag_addf(diags, SC_SEV_ERROR, "io", dir, 0, 0,
                         "an indicator with id 'overall' would share "
                         "overall.svg with the overall score's map; give it "
                         "another id");
            return SC_ERR_DATA;
        }
    sc_boundaries *b = NULL;
    SC_TRY(sc_boundaries_load(ds->boundaries_path, diags, &b));
    map m;
    memset(&m, 0, sizeof m);
    m.h.r = r;
    m.h.ds = ds;
    m.h.states = ds->multi_state;
    m.b = b;
    m.cells = calloc(ds->ngeos ? ds->ngeos : 1, sizeof *m.cells);
    if (!m.cells) {
        sc_boundaries_free(b);
        return SC_ERR_NOMEM;
    }
    sc_status st = SC_OK;
    for (size_t i = 0; i <= ds->ninds && st == SC_OK; i++) {
        int overall = i == ds->ninds;
        for (size_t g = 0; g < ds->ngeos; g++) {
            cell *c = &m.cells[g];
            c->distance = c->value = NAN;
            c->reason = -1;
            c->year = 0;
            c->rank = c->of = 0;
            if (!is_county(ds, g))
                continue;
            if (overall) {
                sc_score_result o;
                sc_results_overall(r, g, &o);
                if (isfinite(o.score)) {
                    c->distance = 100 - o.score;
                    c->value = NAN;
                    c->rank = o.rank;
                    c->of = o.of;
                }
            } else {
                sc_indicator_result x;
                sc_results_indicator(r, g, i, &x);
                c->year = x.year;
                c->reason = x.suppressed ? (int)x.reason : -1;
                if (!x.suppressed && isfinite(x.distance)) {
                    c->distance = x.distance;
                    c->value = x.value;
                    c->rank = x.rank;
                    c->of = x.of;
                }
            }
        }
        if (overall) {
            m.id = "overall";
            m.title = "Overall score";
            m.what = "distance to a score of 100 (every goal met)";
            m.source = "the dataset's indicators (the workbook's About sheet "
                       "lists them)";
            m.decimals = 1;
            m.year = r->latest_year == SC_NO_YEAR ? 0 : r->latest_year;
        } else {
            const sc_indicator *ind = &ds->inds[i];
            m.id = ind->id;
            m.title = ind->info.name;
            m.what = ind->info.direction == SC_LOWER_IS_BETTER
                         ? "distance to the goal (lower is better)"
                         : "distance to the goal of all children";
            m.source = ind->info.source;
            m.decimals = ind->info.decimals;
            m.year = ind->latest_year == SC_NO_YEAR ? 0 : ind->latest_year;
        }
        st = write_map(&m, dir, diags);
    }
    free(m.cells);
    sc_boundaries_free(b);
    return st;
}
