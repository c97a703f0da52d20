/* SPDX-License-Identifier: MIT */
/*
 * Stage 6c: the analyst's workbook (SPEC §5.2), with libxlsxwriter: the
 * only file that includes it. Sheets: Scorecard (one row per county),
 * Trends (one row per county and indicator), one sheet per indicator,
 * Data (the long table as an Excel table, split every 1,048,575 rows),
 * Indicators and About. libxlsxwriter prints warnings on bad input, so
 * every sheet name and string is made valid before it is passed on.
 *
 * The Data sheets hold nearly every cell of the workbook (one row per
 * observation). Written through libxlsxwriter they took ~90% of the
 * build's time and memory (a tree node per cell, XML printed with fprintf,
 * the package deflated at zlib's default level). So libxlsxwriter writes
 * everything but their rows: their frame (header row, table or
 * autofilter, columns, panes, and one stand-in comment so that the comment
 * parts and relationships exist), into a package of its own. This file
 * writes the rows, their comments and comment drawing itself, and makes
 * the workbook from that package: every other part is copied byte for
 * byte. The Data strings go into libxlsxwriter's shared-string table
 * before it writes anything, so the rows can be generated (and deflated,
 * in chunks fixed by the data alone, joined into one stream the way pigz
 * does) on the worker threads while libxlsxwriter builds its package on
 * another: the bytes never depend on the number of threads.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <sched.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <xlsxwriter.h>
#include <zlib.h>

#include <scorecard/version.h>

#include "compute.h"
#include "output.h"
#include "parallel.h"

#define EXCEL_ROWS 1048576u            /* rows per sheet, header included */
#define DATA_ROWS (EXCEL_ROWS - 1)     /* data rows per Data sheet */
#define MAX_CELL_TEXT 32767u           /* characters in one cell */
#define FIXED_CREATED 946684800        /* 2000-01-01T00:00:00Z */
#define CONSTANT_MEMORY_ROWS 200000u   /* observations; see README */

/* Colors: green (goal met) to red (far from it), a blue for charts. */
#define GREEN 0x63BE7B
#define YELLOW 0xFFEB84
#define RED 0xF8696B
#define BLUE 0x4472C4

typedef struct xctx {
    const sc_results *r;
    const sc_dataset *ds;
    lxw_workbook *wb;
    int constant_memory;
    lxw_error err;          /* first libxlsxwriter error */
    /* formats */
    lxw_format *header, *title, *wrap, *text, *words, *integer, *pct[5],
        *pvalue, *note, *bold;
    char **sheet_names;     /* per indicator */
    sc_buf tmp;
    unsigned nsheets;       /* worksheets added so far */
    unsigned *data_sheetno; /* [part]: worksheet number of Data, Data 2... */
    size_t ndata;           /* Data sheets added */
    size_t data_total;      /* rows of the Data sheets */
    size_t nsupp;           /* suppressed observations */
    struct ranked *order;   /* scratch for the indicator sheets */
} xctx;

static void
keep(xctx *x, lxw_error e)
{
    if (e != LXW_NO_ERROR && x->err == LXW_NO_ERROR)
        x->err = e;
}

/* A worksheet, counted: its part is xl/worksheets/sheet<N>.xml. */
static lxw_worksheet *
add_sheet(xctx *x, const char *name)
{
    lxw_worksheet *ws = workbook_add_worksheet(x->wb, name);
    if (ws)
        x->nsheets++;
    else
        keep(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
    return ws;
}

/* A cell text cut to Excel's limit at a character boundary. */
static const char *
cell_text(xctx *x, const char *s)
{
    size_t n = strlen(s);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F) {
            /* XML 1.0 cannot hold them and libxlsxwriter does not escape
             * them in chart caches: write U+FFFD instead */
            sc_buf_reset(&x->tmp);
            for (size_t k = 0; k < n && k < 3 * MAX_CELL_TEXT; k++) {
                unsigned char d = (unsigned char)s[k];
                if ((d < 0x20 && d != '\t' && d != '\n' && d != '\r') ||
                    d == 0x7F)
                    sc_buf_append(&x->tmp, "\xEF\xBF\xBD", 3);
                else
                    sc_buf_append(&x->tmp, s + k, 1);
            }
            s = x->tmp.data ? x->tmp.data : "";
            n = strlen(s);
            break;
        }
    }
    if (sc_utf8_chars(s, n) <= MAX_CELL_TEXT)
        return s;
    size_t chars = 0, i = 0;
    for (; i < n; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80 && ++chars > MAX_CELL_TEXT - 3)
            break;
    sc_buf_reset(&x->tmp);
    if (sc_buf_append(&x->tmp, s, i) || sc_buf_append(&x->tmp, "...", 3))
        return "";
    return x->tmp.data;
}

static void
str(xctx *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, const char *s,
    lxw_format *f)
{
    if (!s || !*s)
        return;
    keep(x, worksheet_write_string(ws, row, col, cell_text(x, s), f));
}

static void
num(xctx *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, double v,
    lxw_format *f)
{
    if (isfinite(v))
        keep(x, worksheet_write_number(ws, row, col, v, f));
}

/* The text of a suppressed cell's comment. */
static const char *
suppressed_why(int reason)
{
    return reason == SC_REASON_LOW_DENOMINATOR
               ? "Suppressed: the denominator is below the indicator's "
                 "minimum (low_denominator)."
               : "Suppressed by the source (source_suppressed).";
}

/* "*" with a comment giving the reason (comments need random access, so
 * they are left out in constant-memory mode; the reason is in Data). */
static void
suppressed(xctx *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
           int reason)
{
    keep(x, worksheet_write_string(ws, row, col, "*", x->text));
    if (x->constant_memory)
        return;
    keep(x, worksheet_write_comment(ws, row, col, suppressed_why(reason)));
}

/* A status word for people: "no_significant_change" -> "no significant
 * change" (the JSON and CSV keep the machine words). */
static const char *
human(xctx *x, const char *word)
{
    if (!word)
        return NULL;
    sc_buf_reset(&x->tmp);
    for (const char *p = word; *p; p++)
        sc_buf_append(&x->tmp, *p == '_' ? " " : p, 1);
    return x->tmp.data ? x->tmp.data : "";
}

/* printf into b in the C locale (a host program's LC_NUMERIC must not
 * turn a target of 95.5 into "95,5"); "" when out of memory (recorded). */
static const char *__attribute__((format(printf, 3, 4)))
cfmt(xctx *x, sc_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    sc_buf_reset(b);
    if (sc_buf_vappendf(b, fmt, ap) != SC_OK)
        keep(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
    va_end(ap);
    return b->data ? b->data : "";
}

/* A valid, unique sheet name (<= 31 characters, none of []:*?/\). */
static char *
sheet_name(char **taken, size_t ntaken, const char *want)
{
    char base[32];
    size_t n = 0;
    for (const char *p = want; *p && n < 31; p++) {
        unsigned char c = (unsigned char)*p;
        if (strchr("[]:*?/\\'", c) || c < 0x20 || c >= 0x80)
            c = '_'; /* ASCII only: a multi-byte character is never cut */
        base[n++] = (char)c;
    }
    base[n] = '\0';
    if (n == 0)
        strcpy(base, "Sheet");
    static const char *const reserved[] = {"Scorecard", "Trends", "Data",
                                           "Indicators", "About", "History"};
    for (int k = 1;; k++) {
        char cand[48], suffix[16] = "";
        if (k > 1)
            snprintf(suffix, sizeof suffix, "~%d", k);
        /* keep the whole name within 31 characters, suffix included */
        snprintf(cand, sizeof cand, "%.*s%s", (int)(31 - strlen(suffix)),
                 base, suffix);
        int clash = 0;
        for (size_t i = 0; i < sizeof reserved / sizeof *reserved; i++)
            clash |= strcasecmp(cand, reserved[i]) == 0 ||
                     strncasecmp(cand, "Data ", 5) == 0;
        for (size_t i = 0; i < ntaken && !clash; i++)
            clash |= taken[i] && strcasecmp(cand, taken[i]) == 0;
        if (!clash)
            return sc_strdup(cand);
    }
}

static lxw_format *
pct(xctx *x, const sc_indicator *ind)
{
    int k = ind->info.decimals;
    return x->pct[k < 0 ? 0 : k > 4 ? 4 : k];
}

/* Counties, in geo_id order. */
static int
is_county(const sc_dataset *ds, size_t g)
{
    return ds->geos[g].info.level == SC_LEVEL_COUNTY;
}

/* The k-th group in output order (geography, indicator, subgroup). */
static const sc_group *
out_group(const sc_results *r, size_t k)
{
    return &r->groups[r->out_groups[k]];
}

/* The All group of (geo, indicator), or NULL. */
static const sc_group *
all_group(const sc_results *r, size_t g, size_t i)
{
    long k = r->gi_first[g * r->ds->ninds + i];
    if (k < 0 || r->groups[k].subgroup != 0)
        return NULL;
    return &r->groups[k];
}

/* The 3-color scale on distance: green at 0 (the goal), red at the max. */
static void
distance_scale(xctx *x, lxw_worksheet *ws, lxw_row_t r0, lxw_col_t c0,
               lxw_row_t r1, lxw_col_t c1)
{
    if (r1 < r0)
        return;
    lxw_conditional_format cf;
    memset(&cf, 0, sizeof cf);
    cf.type = LXW_CONDITIONAL_3_COLOR_SCALE;
    cf.min_rule_type = LXW_CONDITIONAL_RULE_TYPE_NUMBER;
    cf.min_value = 0;
    cf.min_color = GREEN;
    cf.mid_rule_type = LXW_CONDITIONAL_RULE_TYPE_PERCENTILE;
    cf.mid_value = 50;
    cf.mid_color = YELLOW;
    cf.max_rule_type = LXW_CONDITIONAL_RULE_TYPE_MAXIMUM;
    cf.max_color = RED;
    keep(x, worksheet_conditional_format_range(ws, r0, c0, r1, c1, &cf));
}

/* ------------------------------------------------------------ Scorecard */

static void
write_scorecard(xctx *x)
{
    const sc_dataset *ds = x->ds;
    const sc_results *r = x->r;
    lxw_worksheet *ws = add_sheet(x, "Scorecard");
    if (!ws) {
        keep(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
        return;
    }
    size_t ni = ds->ninds;
    lxw_col_t ncols = (lxw_col_t)(4 + 2 * ni);
    keep(x, worksheet_set_row(ws, 0, 60, NULL));
    str(x, ws, 0, 0, "FIPS", x->header);
    str(x, ws, 0, 1, "County", x->header);
    str(x, ws, 0, 2, "Overall score", x->header);
    str(x, ws, 0, 3, "Overall rank", x->header);
    sc_buf h = {0};
    for (size_t i = 0; i < ni; i++) {
        const sc_indicator *ind = &ds->inds[i];
        str(x, ws, 0, (lxw_col_t)(4 + 2 * i),
            cfmt(x, &h, "%s, %d (%%)", ind->info.name,
                 ind->latest_year == SC_NO_YEAR ? 0 : ind->latest_year),
            x->header);
        if (ind->info.target != 100 && ind->info.target != 0)
            cfmt(x, &h, "Distance to the target (%g%%)", ind->info.target);
        else
            cfmt(x, &h, "Distance to %s%%",
                 ind->info.direction == SC_HIGHER_IS_BETTER ? "100" : "0");
        str(x, ws, 0, (lxw_col_t)(5 + 2 * i), h.data ? h.data : "",
            x->header);
    }
    sc_buf_free(&h);
    lxw_row_t row = 1;
    for (size_t g = 0; g < ds->ngeos; g++) {
        if (!is_county(ds, g))
            continue;
        str(x, ws, row, 0, ds->geos[g].id, x->text);
        str(x, ws, row, 1, ds->geos[g].info.name, x->text);
        num(x, ws, row, 2, r->overall[g].score, x->pct[1]);
        if (r->overall[g].rank)
            num(x, ws, row, 3, r->overall[g].rank, x->integer);
        for (size_t i = 0; i < ni; i++) {
            const sc_group *gr = all_group(r, g, i);
            lxw_col_t c = (lxw_col_t)(4 + 2 * i);
            if (!gr || gr->latest < 0)
                continue;
            const sc_obs *o = &ds->obs[gr->latest];
            if (o->reason != SC_REASON_NONE) {
                suppressed(x, ws, row, c, o->reason);
                continue;
            }
            sc_fig f;
            sc_obs_figures(r, (size_t)gr->latest, &f);
            num(x, ws, row, c, o->value, pct(x, &ds->inds[i]));
            num(x, ws, row, c + 1, f.distance, pct(x, &ds->inds[i]));
        }
        row++;
    }
    lxw_row_t last = row - 1;
    for (size_t i = 0; i < ni; i++)
        distance_scale(x, ws, 1, (lxw_col_t)(5 + 2 * i), last,
                       (lxw_col_t)(5 + 2 * i));
    keep(x, worksheet_set_column(ws, 0, 0, 7, NULL));
    keep(x, worksheet_set_column(ws, 1, 1, 18, NULL));
    keep(x, worksheet_set_column(ws, 2, 3, 9, NULL));
    keep(x, worksheet_set_column(ws, 4, ncols - 1, 12, NULL));
    worksheet_freeze_panes(ws, 1, 2);
    if (last >= 1)
        keep(x, worksheet_autofilter(ws, 0, 0, last, ncols - 1));
    worksheet_set_landscape(ws);
    worksheet_fit_to_pages(ws, 1, 0); /* one page wide when printed */
    worksheet_repeat_rows(ws, 0, 0);
    worksheet_activate(ws);
}

/* --------------------------------------------------------------- Trends */

static void
write_trends(xctx *x)
{
    const sc_dataset *ds = x->ds;
    const sc_results *r = x->r;
    lxw_worksheet *ws = add_sheet(x, "Trends");
    if (!ws) {
        keep(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
        return;
    }
    static const char *const head[] = {
        "FIPS", "County", "Indicator", "Latest value (%)", "Trend",
        "Status", "Slope (points a year)", "p-value", "Goal met by (year)",
        "Pace toward the goal year"};
    const int nh = (int)(sizeof head / sizeof *head);
    keep(x, worksheet_set_row(ws, 0, 48, NULL));
    for (int c = 0; c < nh; c++)
        str(x, ws, 0, (lxw_col_t)c, head[c], x->header);
    lxw_row_t row = 1;
    for (size_t g = 0; g < ds->ngeos; g++) {
        if (!is_county(ds, g))
            continue;
        for (size_t i = 0; i < ds->ninds; i++) {
            const sc_group *gr = all_group(r, g, i);
            const sc_indicator *ind = &ds->inds[i];
            str(x, ws, row, 0, ds->geos[g].id, x->text);
            str(x, ws, row, 1, ds->geos[g].info.name, x->text);
            str(x, ws, row, 2, ind->info.name, x->text);
            if (gr && gr->latest >= 0) {
                const sc_obs *o = &ds->obs[gr->latest];
                if (o->reason != SC_REASON_NONE)
                    suppressed(x, ws, row, 3, o->reason);
                else
                    num(x, ws, row, 3, o->value, pct(x, ind));
            }
            if (gr) {
                const sc_trend *t = &gr->trend;
                /* +1 improving, -1 worsening, 0 otherwise: the arrows */
                double arrow = t->status == SC_TREND_IMPROVING   ? 1
                               : t->status == SC_TREND_WORSENING ? -1
                                                                 : 0;
                if (t->status != SC_TREND_NONE)
                    num(x, ws, row, 4, arrow, x->integer);
                str(x, ws, row, 5, human(x, sc_trend_status_str(t->status)),
                    x->words);
                num(x, ws, row, 6, t->slope, x->pct[3]);
                num(x, ws, row, 7, t->p, x->pvalue);
                if (t->projection == SC_PROJ_PROJECTED)
                    num(x, ws, row, 8, t->projected_year, x->integer);
                else if (t->projection == SC_PROJ_TARGET_MET)
                    str(x, ws, row, 8, "met", x->words);
                else if (t->projection == SC_PROJ_BEYOND)
                    str(x, ws, row, 8, "beyond 100 years", x->words);
                else if (t->projection == SC_PROJ_NOT_PROJECTED)
                    str(x, ws, row, 8, "not on this trend", x->words);
                str(x, ws, row, 9, human(x, sc_trend_pace_str(t->pace)),
                    x->words);
            }
            row++;
        }
    }
    lxw_row_t last = row - 1;
    if (last >= 1) {
        lxw_conditional_format cf;
        memset(&cf, 0, sizeof cf);
        cf.type = LXW_CONDITIONAL_TYPE_ICON_SETS;
        cf.icon_style = LXW_CONDITIONAL_ICONS_3_ARROWS_COLORED;
        cf.icons_only = LXW_TRUE;
        keep(x, worksheet_conditional_format_range(ws, 1, 4, last, 4, &cf));
        keep(x, worksheet_autofilter(ws, 0, 0, last, (lxw_col_t)(nh - 1)));
    }
    keep(x, worksheet_set_column(ws, 0, 0, 7, NULL));
    keep(x, worksheet_set_column(ws, 1, 1, 18, NULL));
    keep(x, worksheet_set_column(ws, 2, 2, 60, NULL));
    keep(x, worksheet_set_column(ws, 3, 3, 10, NULL));
    keep(x, worksheet_set_column(ws, 4, 4, 7, NULL));
    keep(x, worksheet_set_column(ws, 5, 5, 24, NULL));
    keep(x, worksheet_set_column(ws, 6, 7, 12, NULL));
    keep(x, worksheet_set_column(ws, 8, 8, 18, NULL));
    keep(x, worksheet_set_column(ws, 9, 9, 24, NULL));
    worksheet_freeze_panes(ws, 1, 2);
    worksheet_set_landscape(ws);
    worksheet_fit_to_pages(ws, 1, 0);
    worksheet_repeat_rows(ws, 0, 0);
}

/* ------------------------------------------------------ indicator sheets */

typedef struct ranked {
    size_t geo;
    int rank;    /* 0: not ranked */
} ranked;

static int
cmp_ranked(const void *a, const void *b, void *arg)
{
    const ranked *x = a, *y = b;
    const sc_dataset *ds = arg;
    if ((x->rank == 0) != (y->rank == 0))
        return x->rank == 0 ? 1 : -1; /* unranked last */
    if (x->rank != y->rank)
        return x->rank < y->rank ? -1 : 1;
    return strcmp(ds->geos[x->geo].id, ds->geos[y->geo].id);
}

static void
write_indicator(xctx *x, size_t i, ranked *order)
{
    const sc_dataset *ds = x->ds;
    const sc_results *r = x->r;
    const sc_indicator *ind = &ds->inds[i];
    const char *name = x->sheet_names[i];
    lxw_worksheet *ws = add_sheet(x, name);
    if (!ws) {
        keep(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
        return;
    }
    const sc_bench_tab *b = &r->bench[i];
    int y0 = b->year0, ny = b->nyears;
    lxw_col_t yc = 2;                         /* first year column */
    lxw_col_t dc = (lxw_col_t)(yc + ny);      /* distance and after */
    static const char *const tail[] = {
        "Distance to the goal", "Rank", "Of", "Children to reach the goal",
        "Trend", "Slope (points a year)", "Goal met by (year)"};
    const int nt = (int)(sizeof tail / sizeof *tail);

    /* title rows, then the header on row 2 */
    str(x, ws, 0, 0, ind->info.name, x->title);
    sc_buf sub = {0};
    str(x, ws, 1, 0,
        cfmt(x, &sub,
             "%s; goal %g%% (%s). Counties sorted by rank in %d.",
             ind->info.domain, ind->info.target,
             ind->info.direction == SC_HIGHER_IS_BETTER ? "higher is better"
                                                        : "lower is better",
             ind->latest_year == SC_NO_YEAR ? 0 : ind->latest_year),
        x->note);
    sc_buf_free(&sub);
    lxw_row_t hr = 2;
    lxw_col_t bc = (lxw_col_t)(dc + nt + 1); /* benchmark block */
    keep(x, worksheet_set_row(ws, hr, 48, NULL));
    str(x, ws, hr, 0, "FIPS", x->header);
    str(x, ws, hr, 1, "County", x->header);
    for (int y = 0; y < ny; y++)
        num(x, ws, hr, (lxw_col_t)(yc + y), y0 + y, x->header);
    for (int c = 0; c < nt; c++)
        str(x, ws, hr, (lxw_col_t)(dc + c), tail[c], x->header);
    str(x, ws, hr, bc, "Year", x->header);
    str(x, ws, hr, (lxw_col_t)(bc + 1), "State benchmark (%)", x->header);
    str(x, ws, hr, (lxw_col_t)(bc + 2), "Method", x->header);
    /* the benchmark years, written beside the county rows (rows must be
     * written in order in constant-memory mode) */
    int nb = 0, *byear = malloc((size_t)(ny > 0 ? ny : 1) * sizeof *byear);
    if (!byear) {
        keep(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
        return;
    }
    for (int y = 0; y < ny; y++)
        if (b->method[y])
            byear[nb++] = y;

    size_t n = 0;
    for (size_t g = 0; g < ds->ngeos; g++) {
        if (!is_county(ds, g))
            continue;
        const sc_group *gr = all_group(r, g, i);
        order[n].geo = g;
        order[n].rank = gr ? gr->rank : 0;
        n++;
    }
    qsort_r(order, n, sizeof *order, cmp_ranked, (void *)ds);
    lxw_row_t row = hr + 1;
    size_t rows = n > (size_t)nb ? n : (size_t)nb;
    for (size_t k = 0; k < rows; k++, row++) {
        if (k < (size_t)nb) {
            int y = byear[k];
            num(x, ws, row, bc, y0 + y, x->integer);
            num(x, ws, row, (lxw_col_t)(bc + 1), b->value[y], pct(x, ind));
            str(x, ws, row, (lxw_col_t)(bc + 2),
                sc_bench_method_str(b->method[y]), x->text);
        }
        if (k >= n)
            continue;
        size_t g = order[k].geo;
        const sc_group *gr = all_group(r, g, i);
        str(x, ws, row, 0, ds->geos[g].id, x->text);
        str(x, ws, row, 1, ds->geos[g].info.name, x->text);
        if (!gr)
            continue;
        for (size_t j = 0; j < gr->count; j++) {
            const sc_obs *o = &ds->obs[gr->first + j];
            lxw_col_t c = (lxw_col_t)(yc + (o->year - y0));
            if (o->reason != SC_REASON_NONE)
                suppressed(x, ws, row, c, o->reason);
            else
                num(x, ws, row, c, o->value, pct(x, ind));
        }
        if (gr->latest >= 0 &&
            ds->obs[gr->latest].reason == SC_REASON_NONE) {
            sc_fig f;
            sc_obs_figures(r, (size_t)gr->latest, &f);
            num(x, ws, row, dc, f.distance, pct(x, ind));
            num(x, ws, row, (lxw_col_t)(dc + 3), f.children_gap, x->integer);
        }
        if (gr->rank) {
            num(x, ws, row, (lxw_col_t)(dc + 1), gr->rank, x->integer);
            num(x, ws, row, (lxw_col_t)(dc + 2), gr->of, x->integer);
        }
        const sc_trend *t = &gr->trend;
        str(x, ws, row, (lxw_col_t)(dc + 4),
            human(x, sc_trend_status_str(t->status)), x->words);
        num(x, ws, row, (lxw_col_t)(dc + 5), t->slope, x->pct[3]);
        if (t->projection == SC_PROJ_PROJECTED)
            num(x, ws, row, (lxw_col_t)(dc + 6), t->projected_year,
                x->integer);
        else if (t->projection == SC_PROJ_TARGET_MET)
            str(x, ws, row, (lxw_col_t)(dc + 6), "met", x->words);
    }
    lxw_row_t last = (lxw_row_t)(hr + n);
    lxw_row_t brow = (lxw_row_t)(hr + 1 + (size_t)nb);
    free(byear);
    distance_scale(x, ws, hr + 1, dc, last, dc);

    /* charts: distance by county (in rank order) and the benchmark */
    if (last > hr) {
        lxw_chart *bar = workbook_add_chart(x->wb, LXW_CHART_BAR);
        if (bar) {
            lxw_chart_series *s = chart_add_series(bar, NULL, NULL);
            chart_series_set_categories(s, name, hr + 1, 1, last, 1);
            chart_series_set_values(s, name, hr + 1, dc, last, dc);
            chart_series_set_name(s, "Distance to the goal");
            lxw_chart_fill fill = {.color = BLUE};
            chart_series_set_fill(s, &fill);
            chart_title_set_name(bar, "Distance to the goal by county "
                                      "(points; shorter is better)");
            chart_axis_set_reverse(bar->y_axis); /* rank 1 at the top */
            chart_legend_set_position(bar, LXW_CHART_LEGEND_NONE);
            lxw_chart_options co = {.x_offset = 10,
                                    .y_offset = 10,
                                    .x_scale = 1.3,
                                    .y_scale = 3.0,
                                    .object_position = 0,
                                    .description = NULL,
                                    .decorative = 0};
            keep(x, worksheet_insert_chart_opt(ws, brow + 16, bc, bar, &co));
        }
    }
    if (brow > hr + 1) {
        lxw_chart *line = workbook_add_chart(x->wb, LXW_CHART_LINE);
        if (line) {
            lxw_chart_series *s = chart_add_series(line, NULL, NULL);
            chart_series_set_categories(s, name, hr + 1, bc, brow - 1, bc);
            chart_series_set_values(s, name, hr + 1, (lxw_col_t)(bc + 1),
                                    brow - 1, (lxw_col_t)(bc + 1));
            chart_series_set_name(s, "State benchmark");
            chart_title_set_name(line, "State benchmark over time (%)");
            chart_legend_set_position(line, LXW_CHART_LEGEND_NONE);
            keep(x, worksheet_insert_chart(ws, brow + 1, bc, line));
        }
    }
    keep(x, worksheet_set_column(ws, 0, 0, 7, NULL));
    keep(x, worksheet_set_column(ws, 1, 1, 18, NULL));
    if (ny > 0)
        keep(x, worksheet_set_column(ws, yc, (lxw_col_t)(dc - 1), 7, NULL));
    keep(x, worksheet_set_column(ws, dc, (lxw_col_t)(dc + 2), 10, NULL));
    keep(x, worksheet_set_column(ws, (lxw_col_t)(dc + 3),
                                 (lxw_col_t)(dc + 3), 12, NULL));
    keep(x, worksheet_set_column(ws, (lxw_col_t)(dc + 4),
                                 (lxw_col_t)(dc + 4), 20, NULL));
    keep(x, worksheet_set_column(ws, (lxw_col_t)(dc + 5),
                                 (lxw_col_t)(dc + 6), 11, NULL));
    keep(x, worksheet_set_column(ws, bc, (lxw_col_t)(bc + 2), 11, NULL));
    worksheet_freeze_panes(ws, hr + 1, 2);
    if (last > hr)
        keep(x, worksheet_autofilter(ws, hr, 0, last,
                                     (lxw_col_t)(dc + nt - 1)));
    worksheet_set_landscape(ws);
    worksheet_fit_to_pages(ws, 1, 0);
    worksheet_repeat_rows(ws, hr, hr);
}

/* ----------------------------------------------------------------- Data */

static const char *const data_cols[] = {
    "geo_id", "geo_name", "level", "indicator", "domain", "subgroup", "year",
    "year_label", "value", "moe", "numerator", "denominator", "suppressed",
    "reason", "flags", "distance", "score", "children_gap", "benchmark",
    "benchmark_method", "vs_benchmark", "is_latest"};
#define NDATA ((lxw_col_t)(sizeof data_cols / sizeof *data_cols))
#define VALUE_COL 8 /* where a suppressed value shows "*" and its comment */

/* Width of a Data column, 0 for the default. The comment boxes written by
 * this file are placed from these widths (comment_shape). */
static double
data_width(lxw_col_t c)
{
    static const double w[] = {8, 16, 0, 22, 14, 14, 0, 0};
    return c < sizeof w / sizeof *w ? w[c] : 11;
}

/* Start a Data sheet holding `rows` data rows as an Excel table: only its
 * frame, the rows are added by write_package. */
static lxw_worksheet *
data_sheet(xctx *x, int part, size_t rows)
{
    char name[24];
    if (part == 1)
        snprintf(name, sizeof name, "Data");
    else
        snprintf(name, sizeof name, "Data %d", part);
    lxw_worksheet *ws = add_sheet(x, name);
    if (!ws)
        return NULL;
    lxw_table_column cols[sizeof data_cols / sizeof *data_cols];
    lxw_table_column *ptrs[sizeof data_cols / sizeof *data_cols + 1];
    for (lxw_col_t c = 0; c < NDATA; c++) {
        memset(&cols[c], 0, sizeof cols[c]);
        cols[c].header = (char *)data_cols[c];
        cols[c].header_format = x->header;
        ptrs[c] = &cols[c];
    }
    ptrs[NDATA] = NULL;
    char table[24];
    snprintf(table, sizeof table, "Data%d", part);
    lxw_table_options opt;
    memset(&opt, 0, sizeof opt);
    opt.name = table;
    opt.style_type = LXW_TABLE_STYLE_TYPE_LIGHT;
    opt.style_type_number = 9;
    opt.columns = ptrs;
    /* a table needs at least one data row */
    lxw_row_t last = (lxw_row_t)(rows ? rows : 1);
    if (x->constant_memory) {
        /* libxlsxwriter cannot write tables in constant-memory mode: a
         * header row with an autofilter instead (README, About sheet) */
        for (lxw_col_t c = 0; c < NDATA; c++)
            str(x, ws, 0, c, data_cols[c], x->header);
        keep(x, worksheet_autofilter(ws, 0, 0, last, NDATA - 1));
    } else {
        keep(x, worksheet_add_table(ws, 0, 0, last, NDATA - 1, &opt));
    }
    for (lxw_col_t c = 0; c < NDATA;) {
        lxw_col_t e = c;
        while (e + 1 < NDATA && data_width(e + 1) == data_width(c))
            e++;
        if (data_width(c) > 0)
            keep(x, worksheet_set_column(ws, c, e, data_width(c), NULL));
        c = e + 1;
    }
    worksheet_freeze_panes(ws, 1, 0);
    return ws;
}

/* The frames of the Data sheets (every observation, in output order,
 * split every DATA_ROWS rows). */
static void
write_data(xctx *x)
{
    size_t total = x->data_total;
    size_t parts = total ? (total - 1) / DATA_ROWS + 1 : 1;
    x->data_sheetno = calloc(parts, sizeof *x->data_sheetno);
    if (!x->data_sheetno) {
        keep(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
        return;
    }
    for (size_t p = 0; p < parts; p++) {
        size_t left = total - p * DATA_ROWS;
        lxw_worksheet *ws =
            data_sheet(x, (int)p + 1, left < DATA_ROWS ? left : DATA_ROWS);
        if (!ws)
            return;
        x->data_sheetno[p] = x->nsheets;
        x->ndata = p + 1;
        /* comments need random access, so there are none in
         * constant-memory mode; otherwise every suppressed value gets one,
         * and this stand-in makes libxlsxwriter create the comment parts
         * (write_package replaces their contents) */
        if (p == 0 && !x->constant_memory && x->nsupp > 0)
            keep(x, worksheet_write_comment(ws, 0, 0,
                                            suppressed_why(SC_REASON_NONE)));
    }
}

/* ------------------------------------------------- Indicators and About */

static void
write_indicators(xctx *x)
{
    const sc_dataset *ds = x->ds;
    lxw_worksheet *ws = add_sheet(x, "Indicators");
    if (!ws) {
        keep(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
        return;
    }
    static const char *const head[] = {
        "Sheet", "ID", "Name", "Domain", "Direction", "Target (%)",
        "Decimals", "Min. denominator", "Weight", "Max. RSE", "Latest year",
        "Counties ranked", "File", "Description", "Source", "URL"};
    const int nh = (int)(sizeof head / sizeof *head);
    keep(x, worksheet_set_row(ws, 0, 32, NULL));
    for (int c = 0; c < nh; c++)
        str(x, ws, 0, (lxw_col_t)c, head[c], x->header);
    for (size_t i = 0; i < ds->ninds; i++) {
        const sc_indicator_info *in = &ds->inds[i].info;
        lxw_row_t row = (lxw_row_t)(i + 1);
        str(x, ws, row, 0, x->sheet_names[i], x->text);
        str(x, ws, row, 1, in->id, x->text);
        str(x, ws, row, 2, in->name, x->wrap);
        str(x, ws, row, 3, in->domain, x->text);
        str(x, ws, row, 4, in->direction == SC_HIGHER_IS_BETTER
                               ? "higher is better"
                               : "lower is better",
            x->text);
        num(x, ws, row, 5, in->target, NULL);
        num(x, ws, row, 6, in->decimals, NULL);
        num(x, ws, row, 7, in->min_denominator, NULL);
        num(x, ws, row, 8, in->weight, NULL);
        num(x, ws, row, 9, in->max_rse, NULL);
        if (ds->inds[i].latest_year != SC_NO_YEAR)
            num(x, ws, row, 10, ds->inds[i].latest_year, NULL);
        num(x, ws, row, 11, x->r->ranked[i], NULL);
        str(x, ws, row, 12, in->file, x->text);
        str(x, ws, row, 13, in->description, x->wrap);
        str(x, ws, row, 14, in->source, x->wrap);
        str(x, ws, row, 15, in->url, x->text);
    }
    keep(x, worksheet_set_column(ws, 0, 1, 20, NULL));
    keep(x, worksheet_set_column(ws, 2, 2, 40, NULL));
    keep(x, worksheet_set_column(ws, 3, 4, 16, NULL));
    keep(x, worksheet_set_column(ws, 5, 11, 10, NULL));
    keep(x, worksheet_set_column(ws, 12, 12, 24, NULL));
    keep(x, worksheet_set_column(ws, 13, 13, 60, NULL));
    keep(x, worksheet_set_column(ws, 14, 15, 36, NULL));
    worksheet_freeze_panes(ws, 1, 2);
    worksheet_set_landscape(ws);
    worksheet_fit_to_pages(ws, 1, 0);
}

static void
write_about(xctx *x)
{
    const sc_dataset *ds = x->ds;
    lxw_worksheet *ws = add_sheet(x, "About");
    if (!ws) {
        keep(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
        return;
    }
    lxw_row_t row = 0;
    str(x, ws, row++, 0, ds->title, x->title);
    row++;
    const char *lines[][2] = {
        {"Generator", "scorecard " SC_VERSION_STRING},
        {"Goal", "every indicator measures the distance to the goal of all "
                 "children: 100% (or 0% for lower-is-better indicators, or "
                 "the indicator's target)."},
        {"Distance and score", "distance = max(0, target - value) (reversed "
                               "for lower-is-better); score = 100 - "
                               "distance."},
        {"Ranks", "counties, latest year, subgroup All, by distance rounded "
                  "to the indicator's decimals; ties share a rank (1, 2, 2, "
                  "4). Rank ranges: 5th-95th percentile of ranks over "
                  "simulated draws from each value's margin of error."},
        {"Trends", "least-squares slope over the trend window (weighted by "
                   "1/se^2 when every point has a margin of error), "
                   "two-sided p-value; improving or worsening when p < alpha. "
                   "Goal met by: latest year + distance / slope."},
        {"Benchmark", "the state's own value; else pooled county counts; "
                      "else the median of county values."},
        {"Domain and overall scores", "weighted mean of indicator scores "
                                      "(at least half scored); overall = "
                                      "mean of domain scores."},
        {"Suppressed cells", "shown as * with a comment giving the reason; "
                             "never scored or ranked."},
        {"Specification", "SPEC.md of the scorecard project, sections 3 and "
                          "5.2."}};
    for (size_t k = 0; k < sizeof lines / sizeof *lines; k++) {
        str(x, ws, row, 0, lines[k][0], x->bold);
        str(x, ws, row++, 1, lines[k][1], x->wrap);
    }
    row++;
    str(x, ws, row++, 0, "Settings", x->bold);
    str(x, ws, row, 0, "Goal year", x->text);
    num(x, ws, row++, 1, ds->goal_year, NULL);
    str(x, ws, row, 0, "Trend window (years)", x->text);
    num(x, ws, row++, 1, ds->trend_years, NULL);
    str(x, ws, row, 0, "Alpha", x->text);
    num(x, ws, row++, 1, ds->alpha, NULL);
    str(x, ws, row, 0, "Rank draws", x->text);
    num(x, ws, row++, 1, (double)ds->rank_draws, NULL);
    str(x, ws, row, 0, "Seed", x->text);
    num(x, ws, row++, 1, (double)ds->seed, NULL);
    if (ds->scope) {
        str(x, ws, row, 0, "Scope", x->text);
        str(x, ws, row++, 1, ds->scope, x->text);
    }
    row++;
    str(x, ws, row++, 0, "Inputs", x->bold);
    for (size_t i = 0; i < ds->ninds; i++) {
        str(x, ws, row, 0, ds->inds[i].id, x->text);
        str(x, ws, row++, 1, ds->inds[i].file, x->text);
    }
    if (x->constant_memory) {
        row++;
        str(x, ws, row++, 0, "Note", x->bold);
        str(x, ws, row - 1, 1,
            "Large dataset: written in constant-memory mode, so suppressed "
            "cells carry no comments (the reason column of Data says why) "
            "and the Data sheets are plain ranges with an autofilter rather "
            "than Excel tables.",
            x->wrap);
    }
    keep(x, worksheet_set_column(ws, 0, 0, 26, NULL));
    keep(x, worksheet_set_column(ws, 1, 1, 100, NULL));
}


/* ------------------------------------------------------------ buffers */

/* A growable byte buffer for the hot loops: callers reserve once (a whole
 * row), then append without checks. */
typedef struct obuf {
    char *p;
    size_t len, cap;
} obuf;

/* Room for n more bytes. 0, or -1 when out of memory. */
static int
ob_reserve(obuf *b, size_t n)
{
    if (b->cap - b->len >= n)
        return 0;
    size_t cap = b->cap ? b->cap : (size_t)1 << 16;
    while (cap - b->len < n) {
        if (cap > SIZE_MAX / 2)
            return -1;
        cap *= 2;
    }
    char *p = realloc(b->p, cap);
    if (!p)
        return -1;
    b->p = p;
    b->cap = cap;
    return 0;
}

static inline void
ob_put(obuf *b, const char *s, size_t n)
{
    memcpy(b->p + b->len, s, n);
    b->len += n;
}

#define OB_LIT(b, lit) ob_put((b), (lit), sizeof(lit) - 1)

/* Reserve and append. 0, or -1 when out of memory. */
static int
ob_add(obuf *b, const char *s, size_t n)
{
    if (ob_reserve(b, n))
        return -1;
    ob_put(b, s, n);
    return 0;
}

static void
ob_free(obuf *b)
{
    free(b->p);
    memset(b, 0, sizeof *b);
}

/* Decimal digits of v; returns the length (at most 20, no NUL). */
static size_t
put_dec(char *buf, uint64_t v)
{
    char tmp[24];
    size_t n = 0;
    do {
        tmp[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    for (size_t i = 0; i < n; i++)
        buf[i] = tmp[n - 1 - i];
    return n;
}

static int
ob_dec(obuf *b, uint64_t v)
{
    if (ob_reserve(b, 24))
        return -1;
    b->len += put_dec(b->p + b->len, v);
    return 0;
}

/* s[0..n) as XML text: & < > escaped. */
static int
ob_xml_text(obuf *b, const char *s, size_t n)
{
    if (n > SIZE_MAX / 8 || ob_reserve(b, n * 5 + 1))
        return -1;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '&')
            OB_LIT(b, "&amp;");
        else if (s[i] == '<')
            OB_LIT(b, "&lt;");
        else if (s[i] == '>')
            OB_LIT(b, "&gt;");
        else
            b->p[b->len++] = s[i];
    }
    return 0;
}

/* ------------------------------------------------------------ zip files */

static uint32_t
le32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
           (uint32_t)p[3] << 24;
}

static uint16_t
le16(const unsigned char *p)
{
    return (uint16_t)(p[0] | p[1] << 8);
}

static uint64_t
le64(const unsigned char *p)
{
    return (uint64_t)le32(p) | (uint64_t)le32(p + 4) << 32;
}

static void
put16(unsigned char *p, uint64_t v)
{
    p[0] = (unsigned char)v;
    p[1] = (unsigned char)(v >> 8);
}

static void
put32(unsigned char *p, uint64_t v)
{
    put16(p, v);
    put16(p + 2, v >> 16);
}

static void
put64(unsigned char *p, uint64_t v)
{
    put32(p, v);
    put32(p + 4, v >> 32);
}

#define ZIP_MAX32 0xFFFFFFFFu

/* One entry of a zip file's central directory. */
typedef struct zent {
    char *name;
    uint16_t nlen, made_by, need, flags, method, mtime, mdate, iattr;
    uint32_t crc, eattr;
    uint64_t csize, usize, local;
} zent;

typedef struct zdir {
    zent *e;
    size_t n;
    uint64_t cd_off;    /* where the central directory starts */
} zdir;

static void
zdir_free(zdir *d)
{
    for (size_t i = 0; i < d->n; i++)
        free(d->e[i].name);
    free(d->e);
    memset(d, 0, sizeof *d);
}

static const zent *
zdir_find(const zdir *d, const char *name)
{
    for (size_t i = 0; i < d->n; i++)
        if (strcmp(d->e[i].name, name) == 0)
            return &d->e[i];
    return NULL;
}

/* Read the central directory of the zip file f. Returns 0, -1 when f is
 * not a whole zip file, -2 when out of memory. */
static int
zdir_read(FILE *f, zdir *d)
{
    memset(d, 0, sizeof *d);
    unsigned char e[22], *cd = NULL;
    if (fseeko(f, -22, SEEK_END) || fread(e, 1, 22, f) != 22 ||
        le32(e) != 0x06054b50)
        return -1;
    uint64_t entries = le16(e + 10), cd_size = le32(e + 12),
             cd_off = le32(e + 16);
    if (entries == 0xFFFF || cd_off == ZIP_MAX32 || cd_size == ZIP_MAX32) {
        /* zip64: locator just before the end record */
        unsigned char loc[20], z64[56];
        if (fseeko(f, -42, SEEK_END) || fread(loc, 1, 20, f) != 20 ||
            le32(loc) != 0x07064b50 ||
            fseeko(f, (off_t)le64(loc + 8), SEEK_SET) ||
            fread(z64, 1, 56, f) != 56 || le32(z64) != 0x06064b50)
            return -1;
        entries = le64(z64 + 32);
        cd_size = le64(z64 + 40);
        cd_off = le64(z64 + 48);
    }
    if (entries == 0 || cd_size > (64u << 20) || entries > cd_size / 46)
        return -1;
    d->cd_off = cd_off;
    int rc = -2;
    cd = malloc((size_t)cd_size);
    d->e = calloc((size_t)entries, sizeof *d->e);
    if (!cd || !d->e)
        goto out;
    rc = -1;
    if (fseeko(f, (off_t)cd_off, SEEK_SET) ||
        fread(cd, 1, (size_t)cd_size, f) != cd_size)
        goto out;
    size_t p = 0;
    for (uint64_t k = 0; k < entries; k++) {
        if (p + 46 > cd_size || le32(cd + p) != 0x02014b50)
            goto out;
        zent z;
        memset(&z, 0, sizeof z);
        z.made_by = le16(cd + p + 4);
        z.need = le16(cd + p + 6);
        z.flags = le16(cd + p + 8);
        z.method = le16(cd + p + 10);
        z.mtime = le16(cd + p + 12);
        z.mdate = le16(cd + p + 14);
        z.crc = le32(cd + p + 16);
        z.csize = le32(cd + p + 20);
        z.usize = le32(cd + p + 24);
        z.nlen = le16(cd + p + 28);
        uint16_t xlen = le16(cd + p + 30), clen = le16(cd + p + 32);
        z.iattr = le16(cd + p + 36);
        z.eattr = le32(cd + p + 38);
        z.local = le32(cd + p + 42);
        if (z.nlen == 0 || p + 46 + z.nlen + xlen > cd_size)
            goto out;
        /* zip64 extra field: the 0xFFFFFFFF values, in this order */
        for (size_t q = p + 46 + z.nlen; q + 4 <= p + 46 + z.nlen + xlen;) {
            uint16_t id = le16(cd + q), sz = le16(cd + q + 2);
            if (id == 0x0001) {
                size_t r = q + 4;
                if (z.usize == ZIP_MAX32 && r + 8 <= q + 4 + sz) {
                    z.usize = le64(cd + r);
                    r += 8;
                }
                if (z.csize == ZIP_MAX32 && r + 8 <= q + 4 + sz) {
                    z.csize = le64(cd + r);
                    r += 8;
                }
                if (z.local == ZIP_MAX32 && r + 8 <= q + 4 + sz)
                    z.local = le64(cd + r);
            }
            q += 4u + sz;
        }
        const char *name = (const char *)cd + p + 46;
        if (memchr(name, '\0', z.nlen))
            goto out;
        if (!(z.name = sc_strndup(name, z.nlen))) {
            rc = -2;
            goto out;
        }
        d->e[d->n++] = z;
        p += 46u + z.nlen + xlen + clen;
    }
    rc = 0;
out:
    free(cd);
    if (rc != 0)
        zdir_free(d);
    return rc;
}

/* Position f at the data of member e. 0, or -1 when damaged. */
static int
zip_seek_data(FILE *f, const zent *e)
{
    unsigned char h[30];
    if (fseeko(f, (off_t)e->local, SEEK_SET) || fread(h, 1, 30, f) != 30 ||
        le32(h) != 0x04034b50)
        return -1;
    return fseeko(f, (off_t)(e->local + 30 + le16(h + 26) + le16(h + 28)),
                  SEEK_SET)
               ? -1
               : 0;
}

/* The whole text of member e (stored or deflated) into out, NUL-
 * terminated. 0, -1 when damaged, -2 when out of memory. */
static int
zip_load(FILE *f, const zent *e, obuf *out)
{
    out->len = 0;
    if ((e->method != 0 && e->method != 8) || zip_seek_data(f, e))
        return -1;
    if (e->usize > (1u << 30)) /* a frame or the shared strings: small */
        return -1;
    if (ob_reserve(out, (size_t)e->usize + 1))
        return -2;
    z_stream z;
    memset(&z, 0, sizeof z);
    if (e->method == 8 && inflateInit2(&z, -MAX_WBITS) != Z_OK)
        return -2;
    unsigned char in[16384];
    uint64_t left = e->csize;
    int rc = 0, done = e->method == 0;
    while (left > 0 && rc == 0) {
        size_t want = left < sizeof in ? (size_t)left : sizeof in;
        if (fread(in, 1, want, f) != want) {
            rc = -1;
            break;
        }
        left -= want;
        if (e->method == 0) {
            if (out->len + want > e->usize)
                rc = -1;
            else
                ob_put(out, (const char *)in, want);
            continue;
        }
        z.next_in = in;
        z.avail_in = (uInt)want;
        while (z.avail_in > 0 && !done) {
            z.next_out = (Bytef *)out->p + out->len;
            z.avail_out = (uInt)(e->usize - out->len);
            int zr = inflate(&z, Z_NO_FLUSH);
            out->len = (size_t)e->usize - z.avail_out;
            if (zr == Z_STREAM_END)
                done = 1;
            else if (zr != Z_OK) {
                /* damaged, or longer than its recorded size */
                rc = zr == Z_MEM_ERROR ? -2 : -1;
                break;
            }
        }
    }
    if (e->method == 8)
        inflateEnd(&z);
    if (rc == 0 && (!done || out->len != e->usize))
        rc = -1;
    if (rc == 0 && crc32_z(crc32(0L, Z_NULL, 0), (const Bytef *)out->p,
                           out->len) != e->crc)
        rc = -1;
    out->p[out->len] = '\0';
    return rc;
}

/* ----------------------------------------------------- deflating pieces */

/* Level for the parts written here. The Data rows are ~48 MB of XML for
 * 85,000 observations: level 2 deflates them 3x faster than zlib's
 * default (6, libxlsxwriter's) into a part ~20% larger; level 1 is no
 * faster, and larger. */
#define ZLEVEL 2

/* A raw deflate stream into memory. */
typedef struct zsink {
    z_stream z;
    int ready;
    unsigned char *out; /* compressed bytes not yet written */
    size_t len, cap;
    uLong crc;          /* of the bytes fed since zs_clear */
    uint64_t ulen;
} zsink;

static void
zs_clear(zsink *s)
{
    s->len = 0;
    s->crc = crc32(0L, Z_NULL, 0);
    s->ulen = 0;
}

/* Start an independent stream. 0, or -1 when out of memory. */
static int
zs_restart(zsink *s)
{
    if (!s->ready) {
        memset(&s->z, 0, sizeof s->z);
        if (deflateInit2(&s->z, ZLEVEL, Z_DEFLATED, -MAX_WBITS, 8,
                         Z_DEFAULT_STRATEGY) != Z_OK)
            return -1;
        s->ready = 1;
    } else if (deflateReset(&s->z) != Z_OK) {
        return -1;
    }
    zs_clear(s);
    return 0;
}

/* Deflate in[0..n) and append the output. flush: Z_NO_FLUSH (more
 * follows), Z_SYNC_FLUSH (ends on a byte boundary, not final: another
 * stream, started afresh, may follow and the two concatenated are one
 * valid stream, the way pigz joins its pieces) or Z_FINISH (the final
 * block). 0, or -1 when out of memory. */
static int
zs_feed(zsink *s, const void *in, size_t n, int flush)
{
    const unsigned char *p = in;
    s->crc = crc32_z(s->crc, p, n);
    s->ulen += n;
    do {
        uInt take = n > (1u << 30) ? (1u << 30) : (uInt)n;
        int fl = take == n ? flush : Z_NO_FLUSH;
        s->z.next_in = (Bytef *)(uintptr_t)p;
        s->z.avail_in = take;
        p += take;
        n -= take;
        for (;;) {
            size_t want = (size_t)deflateBound(&s->z, s->z.avail_in) + 64;
            if (s->cap - s->len < want) {
                size_t cap = s->cap ? s->cap : 1 << 16;
                while (cap - s->len < want) {
                    if (cap > SIZE_MAX / 2)
                        return -1;
                    cap *= 2;
                }
                unsigned char *q = realloc(s->out, cap);
                if (!q)
                    return -1;
                s->out = q;
                s->cap = cap;
            }
            size_t room = s->cap - s->len;
            if (room > UINT_MAX)
                room = UINT_MAX;
            s->z.next_out = s->out + s->len;
            s->z.avail_out = (uInt)room;
            int zr = deflate(&s->z, fl);
            s->len += room - s->z.avail_out;
            if (zr == Z_STREAM_ERROR)
                return -1;
            if (fl == Z_FINISH ? zr == Z_STREAM_END
                               : s->z.avail_in == 0 && s->z.avail_out != 0)
                break;
        }
    } while (n > 0);
    return 0;
}

static void
zs_free(zsink *s)
{
    if (s->ready)
        deflateEnd(&s->z);
    free(s->out);
    memset(s, 0, sizeof *s);
}

/* ----------------------------------------------------- writing a zip */

/* A central directory entry of the zip being written. */
typedef struct zcd {
    const zent *src;        /* name, times and attributes */
    uint16_t need, flags, method;
    uint32_t crc;
    uint64_t csize, usize, local;
} zcd;

typedef struct zout {
    FILE *f;
    uint64_t off;           /* bytes written */
    zcd *cd;
    size_t ncd;             /* room for one entry per source entry */
    int err;                /* errno of the first write error */
    zcd cur;                /* the member being deflated */
} zout;

static void
zo_write(zout *z, const void *p, size_t n)
{
    if (z->err || n == 0)
        return;
    errno = 0;
    if (fwrite(p, 1, n, z->f) != n)
        z->err = errno ? errno : EIO;
    z->off += n;
}

/* Start a member deflated here. Its local header gets the sizes and CRC
 * from zo_end, and a zip64 extra field (as minizip writes it for
 * libxlsxwriter) so that any size fits. */
static void
zo_begin(zout *z, const zent *e)
{
    memset(&z->cur, 0, sizeof z->cur);
    z->cur.src = e;
    z->cur.need = 20;
    z->cur.method = 8;
    z->cur.local = z->off;
    z->cur.crc = (uint32_t)crc32(0L, Z_NULL, 0);
    unsigned char h[30], x[20];
    memset(h, 0, sizeof h);
    memset(x, 0, sizeof x);
    put32(h, 0x04034b50);
    put16(h + 4, 45);
    put16(h + 8, 8);
    put16(h + 10, e->mtime);
    put16(h + 12, e->mdate);
    put16(h + 26, e->nlen);
    put16(h + 28, sizeof x);
    put16(x, 0x0001);
    put16(x + 2, 16);
    zo_write(z, h, sizeof h);
    zo_write(z, e->name, e->nlen);
    zo_write(z, x, sizeof x);
}

/* Write the compressed bytes of s and account for them; clears s. */
static void
zo_piece(zout *z, zsink *s)
{
    zo_write(z, s->out, s->len);
    z->cur.crc = (uint32_t)crc32_combine(z->cur.crc, s->crc,
                                         (z_off_t)s->ulen);
    z->cur.csize += s->len;
    z->cur.usize += s->ulen;
    zs_clear(s);
}

static void
zo_add_cd(zout *z, const zcd *c)
{
    z->cd[z->ncd++] = *c;
}

/* Finish the member: its sizes and CRC into the local header. */
static void
zo_end(zout *z)
{
    zcd *c = &z->cur;
    unsigned char h[12], x[16];
    put32(h, c->crc);
    put32(h + 4, c->csize >= ZIP_MAX32 ? ZIP_MAX32 : c->csize);
    put32(h + 8, c->usize >= ZIP_MAX32 ? ZIP_MAX32 : c->usize);
    put64(x, c->usize);
    put64(x + 8, c->csize);
    if (!z->err) {
        errno = 0;
        if (fseeko(z->f, (off_t)(c->local + 14), SEEK_SET) ||
            fwrite(h, 1, sizeof h, z->f) != sizeof h ||
            fseeko(z->f, (off_t)(c->local + 30 + c->src->nlen + 4),
                   SEEK_SET) ||
            fwrite(x, 1, sizeof x, z->f) != sizeof x ||
            fseeko(z->f, (off_t)z->off, SEEK_SET))
            z->err = errno ? errno : EIO;
    }
    zo_add_cd(z, c);
}

/* Copy member e of `in` as it is (local header, data and any data
 * descriptor: the `len` bytes from its local header on). 0, or -1 when
 * `in` cannot be read. */
static int
zo_copy(zout *z, FILE *in, const zent *e, uint64_t len, unsigned char *buf,
        size_t bufsize)
{
    zcd c = {e, e->need, e->flags, e->method, e->crc,
             e->csize, e->usize, z->off};
    if (fseeko(in, (off_t)e->local, SEEK_SET))
        return -1;
    while (len > 0) {
        size_t n = len < bufsize ? (size_t)len : bufsize;
        if (fread(buf, 1, n, in) != n)
            return -1;
        zo_write(z, buf, n);
        len -= n;
    }
    zo_add_cd(z, &c);
    return 0;
}

/* The central directory and end records (zip64 ones when needed). */
static void
zo_finish(zout *z)
{
    uint64_t cd_off = z->off;
    for (size_t i = 0; i < z->ncd; i++) {
        const zcd *c = &z->cd[i];
        unsigned char h[46], x[28];
        size_t xl = 0;
        int big = c->usize >= ZIP_MAX32 || c->csize >= ZIP_MAX32 ||
                  c->local >= ZIP_MAX32;
        if (big) {
            put16(x, 0x0001);
            xl = 4;
            if (c->usize >= ZIP_MAX32) {
                put64(x + xl, c->usize);
                xl += 8;
            }
            if (c->csize >= ZIP_MAX32) {
                put64(x + xl, c->csize);
                xl += 8;
            }
            if (c->local >= ZIP_MAX32) {
                put64(x + xl, c->local);
                xl += 8;
            }
            put16(x + 2, xl - 4);
        }
        memset(h, 0, sizeof h);
        put32(h, 0x02014b50);
        put16(h + 4, c->src->made_by);
        put16(h + 6, big ? 45 : c->need);
        put16(h + 8, c->flags);
        put16(h + 10, c->method);
        put16(h + 12, c->src->mtime);
        put16(h + 14, c->src->mdate);
        put32(h + 16, c->crc);
        put32(h + 20, c->csize >= ZIP_MAX32 ? ZIP_MAX32 : c->csize);
        put32(h + 24, c->usize >= ZIP_MAX32 ? ZIP_MAX32 : c->usize);
        put16(h + 28, c->src->nlen);
        put16(h + 30, xl);
        put16(h + 36, c->src->iattr);
        put32(h + 38, c->src->eattr);
        put32(h + 42, c->local >= ZIP_MAX32 ? ZIP_MAX32 : c->local);
        zo_write(z, h, sizeof h);
        zo_write(z, c->src->name, c->src->nlen);
        zo_write(z, x, xl);
    }
    uint64_t cd_size = z->off - cd_off, n = z->ncd;
    if (n >= 0xFFFF || cd_off >= ZIP_MAX32 || cd_size >= ZIP_MAX32) {
        unsigned char r[56], loc[20];
        uint64_t at = z->off;
        memset(r, 0, sizeof r);
        put32(r, 0x06064b50);
        put64(r + 4, sizeof r - 12);
        put16(r + 12, 45);
        put16(r + 14, 45);
        put64(r + 24, n);
        put64(r + 32, n);
        put64(r + 40, cd_size);
        put64(r + 48, cd_off);
        memset(loc, 0, sizeof loc);
        put32(loc, 0x07064b50);
        put64(loc + 8, at);
        put32(loc + 16, 1);
        zo_write(z, r, sizeof r);
        zo_write(z, loc, sizeof loc);
    }
    unsigned char e[22];
    memset(e, 0, sizeof e);
    put32(e, 0x06054b50);
    put16(e + 8, n >= 0xFFFF ? 0xFFFF : n);
    put16(e + 10, n >= 0xFFFF ? 0xFFFF : n);
    put32(e + 12, cd_size >= ZIP_MAX32 ? ZIP_MAX32 : cd_size);
    put32(e + 16, cd_off >= ZIP_MAX32 ? ZIP_MAX32 : cd_off);
    zo_write(z, e, sizeof e);
}

/* ------------------------------------------------------ verification */

/* libxlsxwriter ignores write errors on its own temporary files: on a full
 * disk it produces a well-formed zip whose sheets are cut short. Before
 * its package is used, every XML part is inflated and must end with its
 * closing tag. (The parts written by this file need no such check: every
 * write is checked.) */

static int
verify_member(FILE *f, uint64_t local, uint16_t method, uint64_t csize,
              const char *name)
{
    unsigned char h[30];
    if (fseeko(f, (off_t)local, SEEK_SET) || fread(h, 1, 30, f) != 30 ||
        le32(h) != 0x04034b50)
        return -1;
    if (fseeko(f, (off_t)(local + 30 + le16(h + 26) + le16(h + 28)),
               SEEK_SET))
        return -1;
    char tail[64];
    size_t tl = 0;
    z_stream z;
    memset(&z, 0, sizeof z);
    if (method == 8 && inflateInit2(&z, -MAX_WBITS) != Z_OK)
        return -2;
    unsigned char in[16384], out[16384];
    uint64_t left = csize;
    int rc = 0, done = 0;
    while (left > 0 && !done && rc == 0) {
        size_t want = left < sizeof in ? (size_t)left : sizeof in;
        if (fread(in, 1, want, f) != want) {
            rc = -1;
            break;
        }
        left -= want;
        if (method == 0) {
            size_t keep_n = want < sizeof tail ? want : sizeof tail;
            if (tl + keep_n > sizeof tail) {
                size_t drop = tl + keep_n - sizeof tail;
                memmove(tail, tail + drop, tl - drop);
                tl -= drop;
            }
            memcpy(tail + tl, in + want - keep_n, keep_n);
            tl += keep_n;
            continue;
        }
        z.next_in = in;
        z.avail_in = (uInt)want;
        while (z.avail_in > 0 || !done) {
            z.next_out = out;
            z.avail_out = sizeof out;
            int zr = inflate(&z, Z_NO_FLUSH);
            if (zr != Z_OK && zr != Z_STREAM_END && zr != Z_BUF_ERROR) {
                rc = zr == Z_MEM_ERROR ? -2 : -1;
                break;
            }
            size_t got = sizeof out - z.avail_out;
            if (got) {
                size_t keep_n = got < sizeof tail ? got : sizeof tail;
                if (tl + keep_n > sizeof tail) {
                    size_t drop = tl + keep_n - sizeof tail;
                    memmove(tail, tail + drop, tl - drop);
                    tl -= drop;
                }
                memcpy(tail + tl, out + got - keep_n, keep_n);
                tl += keep_n;
            }
            if (zr == Z_STREAM_END)
                done = 1;
            if (got == 0 && z.avail_in == 0)
                break;
        }
    }
    if (method == 8)
        inflateEnd(&z);
    if (rc != 0)
        return rc;
    if (method == 8 && !done)
        return -1;
    while (tl > 0 && strchr(" \r\n\t", tail[tl - 1]))
        tl--;
    if (tl == 0 || tail[tl - 1] != '>')
        return -1;
    /* worksheets must be whole: the last tag closes the root */
    if (strncmp(name, "xl/worksheets/sheet", 19) == 0) {
        static const char end[] = "</worksheet>";
        size_t el = sizeof end - 1;
        if (tl < el || memcmp(tail + tl - el, end, el) != 0)
            return -1;
    }
    return 0;
}

/* Returns 0 when every XML part of the package is complete, -1 when one
 * is not, -2 when out of memory. */
static int
verify_package(FILE *f, const zdir *d)
{
    for (size_t k = 0; k < d->n; k++) {
        const zent *e = &d->e[k];
        size_t n = e->nlen;
        int rc;
        if ((e->method == 0 || e->method == 8) && n >= 5 &&
            (strcmp(e->name + n - 4, ".xml") == 0 ||
             strcmp(e->name + n - 5, ".rels") == 0) &&
            (rc = verify_member(f, e->local, e->method, e->csize,
                                e->name)) != 0)
            return rc;
    }
    return 0;
}

/* ------------------------------------------------------------ Data rows */

/* The rows of the Data sheets are generated and deflated in chunks of at
 * most CHUNK_ROWS rows and about CHUNK_BYTES of XML, fixed by the data
 * alone, so the bytes never depend on the number of threads. */
#define CHUNK_ROWS 4096u
#define CHUNK_BYTES ((size_t)2 << 20)
#define CELL_MAX 96u /* bytes of one cell, a string's text aside */
#define ROW_FIXED (32u + NDATA * CELL_MAX)
#define COPY_BYTES ((size_t)1 << 20)

/* What follows <c r="A2" in a string cell: style, type and value. */
typedef struct dfrag {
    char *s; /* NULL: no cell (an empty text) */
    size_t n;
} dfrag;

typedef struct dchunk {
    size_t k, j;       /* first row: observation j of output group k */
    size_t rows;
    size_t row0;       /* its row number in its sheet (1-based) */
    size_t supp0;      /* suppressed rows of its sheet before it */
} dchunk;

/* A deflated piece of a part: a self-contained stream fragment. */
typedef struct dpiece {
    unsigned char *z;
    size_t zlen;
    uLong crc;
    uint64_t ulen;
    uint64_t nstr;     /* string cells in it */
    int failed;        /* out of memory */
} dpiece;

typedef struct dctx {
    const sc_results *r;
    const sc_dataset *ds;
    dfrag *geo_id, *geo_name, *ind_id, *domain, *subgroup, *label;
    dfrag level[2], reason[3], flags, method[4], vs[4], star;
    size_t small_max;       /* level ... star together, at most */
    uint64_t interned;      /* strings added to libxlsxwriter's table */
    char open[NDATA][12];   /* `<c r="A` */
    size_t open_n[NDATA];
    char num[6][24];        /* `><v>` or ` s="N"><v>`: [decimals], [5] none */
    size_t num_n[6];
    char last_col[8];       /* letters of the last column */
    size_t nparts;          /* Data sheets */
    dchunk *chunks;
    size_t nchunks, chunk_cap;
    size_t *sheet_chunk;    /* [part]: its first chunk; [nparts]: nchunks */
    size_t *sheet_rows;     /* [part] */
    uint64_t nstr;          /* string cells written */
    struct scratch *pool;   /* the workers' buffers */
    size_t npool;
} dctx;

/* Column letters ("A", "V", "AA") of c; returns the length. */
static size_t
col_letters(char *buf, unsigned c)
{
    char tmp[8];
    size_t n = 0;
    c++;
    while (c > 0 && n < sizeof tmp) {
        tmp[n++] = (char)('A' + (c - 1) % 26);
        c = (c - 1) / 26;
    }
    for (size_t i = 0; i < n; i++)
        buf[i] = tmp[n - 1 - i];
    return n;
}

/* The cell tail of text s (made valid like str() does) with style xf:
 * the text goes into libxlsxwriter's shared-string table now, before it
 * writes anything, so that its index is known while libxlsxwriter is
 * still at work. 0, or -1 when out of memory. */
static int
frag_make(dctx *d, xctx *x, const char *s, int xf, dfrag *out)
{
    out->s = NULL;
    out->n = 0;
    if (!s || !*s)
        return 0;
    const char *t = cell_text(x, s);
    if (!*t)
        return 0;
    struct sst_element *el = lxw_get_sst_index(x->wb->sst, t, LXW_FALSE);
    if (!el)
        return -1;
    d->interned++;
    obuf f = {0};
    if ((xf > 0 && (ob_add(&f, " s=\"", 4) || ob_dec(&f, (uint64_t)xf) ||
                    ob_add(&f, "\"", 1))) ||
        ob_add(&f, " t=\"s\"><v>", 10) || ob_dec(&f, el->index) ||
        ob_add(&f, "</v></c>", 8)) {
        ob_free(&f);
        return -1;
    }
    out->s = f.p;
    out->n = f.len;
    return 0;
}

static void
frags_free(dfrag *f, size_t n)
{
    for (size_t i = 0; f && i < n; i++)
        free(f[i].s);
    free(f);
}

static size_t
frag_max(const dfrag *f, size_t n)
{
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        if (f[i].n > m)
            m = f[i].n;
    return m;
}

/* Every string and style of the Data cells, once. 0, or -1 when out of
 * memory. */
static int
frags_build(dctx *d, xctx *x)
{
    const sc_dataset *ds = d->ds;
    size_t nsub = ds->subgroups.count, nlab = ds->labels.count;
    d->geo_id = calloc(ds->ngeos ? ds->ngeos : 1, sizeof *d->geo_id);
    d->geo_name = calloc(ds->ngeos ? ds->ngeos : 1, sizeof *d->geo_name);
    d->ind_id = calloc(ds->ninds ? ds->ninds : 1, sizeof *d->ind_id);
    d->domain = calloc(ds->ninds ? ds->ninds : 1, sizeof *d->domain);
    d->subgroup = calloc(nsub ? nsub : 1, sizeof *d->subgroup);
    d->label = calloc(nlab ? nlab : 1, sizeof *d->label);
    if (!d->geo_id || !d->geo_name || !d->ind_id || !d->domain ||
        !d->subgroup || !d->label)
        return -1;
    /* the styles: the index each format gets in the workbook */
    int xf_pct[5], xf_text = x->text ? lxw_format_get_xf_index(x->text) : 0;
    for (int k = 0; k < 5; k++)
        xf_pct[k] = x->pct[k] ? lxw_format_get_xf_index(x->pct[k]) : 0;
    for (size_t g = 0; g < ds->ngeos; g++)
        if (frag_make(d, x, ds->geos[g].id, 0, &d->geo_id[g]) ||
            frag_make(d, x, ds->geos[g].info.name, 0, &d->geo_name[g]))
            return -1;
    for (size_t i = 0; i < ds->ninds; i++)
        if (frag_make(d, x, ds->inds[i].id, 0, &d->ind_id[i]) ||
            frag_make(d, x, ds->inds[i].domain, 0, &d->domain[i]))
            return -1;
    for (size_t s = 0; s < nsub; s++)
        if (frag_make(d, x, ds->subgroups.strs[s], 0, &d->subgroup[s]))
            return -1;
    for (size_t l = 0; l < nlab; l++)
        if (frag_make(d, x, ds->labels.strs[l], 0, &d->label[l]))
            return -1;
    if (frag_make(d, x, "county", 0, &d->level[0]) ||
        frag_make(d, x, "state", 0, &d->level[1]) ||
        frag_make(d, x, "unstable", 0, &d->flags) ||
        frag_make(d, x, "*", xf_text, &d->star))
        return -1;
    for (int k = 0; k < 3; k++)
        if (frag_make(d, x, sc_reason_str(k), 0, &d->reason[k]))
            return -1;
    for (int k = 0; k < 4; k++)
        if (frag_make(d, x, sc_bench_method_str(k), 0, &d->method[k]) ||
            frag_make(d, x, sc_vs_str(k), 0, &d->vs[k]))
            return -1;
    d->small_max = frag_max(d->level, 2) + frag_max(d->reason, 3) +
                   d->flags.n + frag_max(d->method, 4) + frag_max(d->vs, 4) +
                   d->star.n;
    for (lxw_col_t c = 0; c < NDATA; c++) {
        memcpy(d->open[c], "<c r=\"", 6);
        d->open_n[c] = 6 + col_letters(d->open[c] + 6, c);
    }
    d->last_col[col_letters(d->last_col, NDATA - 1)] = '\0';
    for (int k = 0; k < 6; k++) {
        int xf = k < 5 ? xf_pct[k] : 0;
        d->num_n[k] = xf > 0 ? (size_t)snprintf(d->num[k], sizeof d->num[k],
                                                " s=\"%d\"><v>", xf)
                             : (size_t)snprintf(d->num[k], sizeof d->num[k],
                                                "><v>");
    }
    return 0;
}

static void scratch_free(struct scratch *pool, size_t n);

static void
dctx_free(dctx *d)
{
    const sc_dataset *ds = d->ds;
    if (ds) {
        frags_free(d->geo_id, ds->ngeos);
        frags_free(d->geo_name, ds->ngeos);
        frags_free(d->ind_id, ds->ninds);
        frags_free(d->domain, ds->ninds);
        frags_free(d->subgroup, ds->subgroups.count);
        frags_free(d->label, ds->labels.count);
    }
    free(d->level[0].s);
    free(d->level[1].s);
    free(d->flags.s);
    free(d->star.s);
    for (int k = 0; k < 4; k++) {
        if (k < 3)
            free(d->reason[k].s);
        free(d->method[k].s);
        free(d->vs[k].s);
    }
    free(d->chunks);
    free(d->sheet_chunk);
    free(d->sheet_rows);
    scratch_free(d->pool, d->npool);
    memset(d, 0, sizeof *d);
}

/* Bytes of the row of observation o, at most. */
static size_t
row_bound(const dctx *d, const sc_obs *o)
{
    return ROW_FIXED + d->small_max + d->geo_id[o->geo].n +
           d->geo_name[o->geo].n + d->ind_id[o->ind].n +
           d->domain[o->ind].n + d->subgroup[o->subgroup].n +
           (o->label ? d->label[o->label - 1].n : 0);
}

/* Split the Data rows (total, in output order) into sheets of DATA_ROWS
 * and chunks. 0, or -1 when out of memory. */
static int
plan_chunks(dctx *d, size_t total)
{
    const sc_results *r = d->r;
    d->nparts = total ? (total - 1) / DATA_ROWS + 1 : 1;
    d->sheet_chunk = calloc(d->nparts + 1, sizeof *d->sheet_chunk);
    d->sheet_rows = calloc(d->nparts, sizeof *d->sheet_rows);
    if (!d->sheet_chunk || !d->sheet_rows)
        return -1;
    size_t k = 0, j = 0, done = 0;
    for (size_t p = 0; p < d->nparts; p++) {
        d->sheet_chunk[p] = d->nchunks;
        size_t left = total - done < DATA_ROWS ? total - done : DATA_ROWS;
        d->sheet_rows[p] = left;
        size_t row = 2, supp = 0;
        while (left > 0) {
            while (j >= out_group(r, k)->count) {
                k++;
                j = 0;
            }
            dchunk c = {k, j, 0, row, supp};
            size_t bytes = 0;
            while (left > 0 && c.rows < CHUNK_ROWS) {
                while (j >= out_group(r, k)->count) {
                    k++;
                    j = 0;
                }
                const sc_obs *o = &d->ds->obs[out_group(r, k)->first + j];
                size_t b = row_bound(d, o);
                if (c.rows > 0 && bytes + b > CHUNK_BYTES)
                    break;
                bytes += b;
                supp += o->reason != SC_REASON_NONE;
                c.rows++;
                j++;
                left--;
                row++;
                done++;
            }
            if (sc_grow((void **)&d->chunks, &d->chunk_cap, d->nchunks + 1,
                        sizeof *d->chunks) != SC_OK)
                return -1;
            d->chunks[d->nchunks++] = c;
        }
    }
    d->sheet_chunk[d->nparts] = d->nchunks;
    return 0;
}

/* Row number digits followed by a quote: the next row. */
static void
row_next(char *rt, size_t *n)
{
    size_t i = *n - 1;
    while (i > 0) {
        i--;
        if (rt[i] != '9') {
            rt[i]++;
            return;
        }
        rt[i] = '0';
    }
    memmove(rt + 1, rt, *n);
    rt[0] = '1';
    (*n)++;
}

/* The XML of chunk c's rows into b (replaced), as libxlsxwriter would
 * write them (numbers as the JSON prints them, SPEC §3.9.3), and the
 * number of string cells. Runs on worker threads: reads only. 0, or -1
 * when out of memory. */
static int
gen_rows(const dctx *d, const dchunk *c, obuf *b, uint64_t *nstr)
{
    const sc_results *r = d->r;
    const sc_dataset *ds = d->ds;
    char rt[32];
    size_t rtn = put_dec(rt, c->row0);
    rt[rtn++] = '"';
    size_t k = c->k, j = c->j;
    uint64_t ns = 0;
    b->len = 0;
#define DCELL(col) (ob_put(b, d->open[col], d->open_n[col]), ob_put(b, rt, rtn))
#define STR(col, fr)                                                          \
    do {                                                                      \
        const dfrag *f_ = (fr);                                               \
        if (f_->n) {                                                          \
            DCELL(col);                                                       \
            ob_put(b, f_->s, f_->n);                                          \
            ns++;                                                             \
        }                                                                     \
    } while (0)
#define NUM(col, v, style)                                                    \
    do {                                                                      \
        double v_ = (v);                                                      \
        if (isfinite(v_)) {                                                   \
            DCELL(col);                                                       \
            ob_put(b, d->num[style], d->num_n[style]);                        \
            b->len += sc_fmt_number(b->p + b->len, v_);                       \
            OB_LIT(b, "</v></c>");                                            \
        }                                                                     \
    } while (0)
#define BOOL(col, v)                                                          \
    do {                                                                      \
        DCELL(col);                                                           \
        OB_LIT(b, " t=\"b\"><v>");                                            \
        b->p[b->len++] = (v) ? '1' : '0';                                     \
        OB_LIT(b, "</v></c>");                                                \
    } while (0)
    for (size_t n = 0; n < c->rows; n++, j++) {
        while (j >= out_group(r, k)->count) {
            k++;
            j = 0;
        }
        const sc_group *g = out_group(r, k);
        size_t oi = g->first + j;
        const sc_obs *o = &ds->obs[oi];
        if (ob_reserve(b, row_bound(d, o)))
            return -1;
        sc_fig f;
        sc_obs_figures(r, oi, &f);
        int dec = ds->inds[o->ind].info.decimals;
        dec = dec < 0 ? 0 : dec > 4 ? 4 : dec;
        int supp = o->reason != SC_REASON_NONE;
        OB_LIT(b, "<row r=\"");
        ob_put(b, rt, rtn);
        OB_LIT(b, ">");
        STR(0, &d->geo_id[o->geo]);
        STR(1, &d->geo_name[o->geo]);
        STR(2, &d->level[ds->geos[o->geo].info.level == SC_LEVEL_STATE]);
        STR(3, &d->ind_id[o->ind]);
        STR(4, &d->domain[o->ind]);
        STR(5, &d->subgroup[o->subgroup]);
        NUM(6, (double)o->year, 5);
        if (o->label)
            STR(7, &d->label[o->label - 1]);
        if (supp)
            STR(8, &d->star);
        else
            NUM(8, o->value, dec);
        NUM(9, o->moe, dec);
        NUM(10, o->num, 5);
        NUM(11, o->den, 5);
        BOOL(12, supp);
        if (o->reason < 3)
            STR(13, &d->reason[o->reason]);
        if (o->unstable)
            STR(14, &d->flags);
        NUM(15, f.distance, dec);
        NUM(16, f.score, dec);
        NUM(17, f.children_gap, 5);
        NUM(18, f.benchmark, dec);
        if (f.bench_method >= 0 && f.bench_method < 4)
            STR(19, &d->method[f.bench_method]);
        if (f.vs >= 0 && f.vs < 4)
            STR(20, &d->vs[f.vs]);
        BOOL(21, (long)oi == g->latest);
        OB_LIT(b, "</row>");
        row_next(rt, &rtn);
    }
#undef DCELL
#undef STR
#undef NUM
#undef BOOL
    *nstr = ns;
    return 0;
}

/* Deflate xml into piece p as a self-contained fragment of a stream
 * (sync flush: pieces concatenate into one stream, the way pigz joins
 * them). z is a scratch stream. 0, or -1 when out of memory. */
static int
piece_deflate(zsink *z, const obuf *xml, dpiece *p)
{
    if (zs_restart(z) || zs_feed(z, xml->p, xml->len, Z_SYNC_FLUSH))
        return -1;
    free(p->z);
    if (!(p->z = malloc(z->len ? z->len : 1)))
        return -1;
    memcpy(p->z, z->out, z->len);
    p->zlen = z->len;
    p->crc = z->crc;
    p->ulen = z->ulen;
    zs_clear(z);
    return 0;
}

/* The buffers of one worker, kept from task to task: a pool with a slot
 * per thread (a task takes a free one). */
typedef struct scratch {
    atomic_int busy;
    obuf xml;
    zsink z;
} scratch;

static scratch *
scratch_take(scratch *pool, size_t n)
{
    for (;;) {
        for (size_t i = 0; i < n; i++) {
            int idle = 0;
            if (atomic_compare_exchange_strong(&pool[i].busy, &idle, 1))
                return &pool[i];
        }
        sched_yield(); /* more threads than slots: wait for one */
    }
}

static void
scratch_free(struct scratch *pool, size_t n)
{
    for (size_t i = 0; pool && i < n; i++) {
        ob_free(&pool[i].xml);
        zs_free(&pool[i].z);
    }
    free(pool);
}

/* ------------------------------------------------- Data comments */

/* The stand-in comment part and drawing that libxlsxwriter wrote for the
 * first Data sheet: their frame, with every suppressed value's comment
 * and shape put in, as libxlsxwriter would have written them. */
typedef struct ctempl {
    obuf com, vml;
    size_t com_head;         /* com: up to <commentList>, included */
    size_t ref_at, ref_end;  /* com: the ref value of the stand-in */
    size_t text_at, text_end;/* com: its text */
    size_t com_tail;         /* com: after its </comment> */
    size_t id_at, id_end;    /* vml: the o:idmap data value */
    size_t shape_at;         /* vml: the first <v:shape */
    size_t vml_tail;         /* vml: after the last </v:shape> */
    uint64_t data_id;        /* first of the drawing's shape-id blocks */
    uint64_t shape_id;       /* first shape id */
    obuf why[3];             /* the comment texts, as XML */
} ctempl;

static const char *
find_in(const obuf *b, size_t from, const char *s)
{
    return from <= b->len ? strstr(b->p + from, s) : NULL;
}

/* Parse the stand-ins. 0, -1 when they are not as expected, -2 when out
 * of memory. */
static int
ctempl_parse(ctempl *t)
{
    const obuf *c = &t->com, *v = &t->vml;
    const char *p = find_in(c, 0, "<commentList>"), *q, *e;
    if (!p)
        return -1;
    t->com_head = (size_t)(p - c->p) + 13;
    if (!(p = find_in(c, t->com_head, "<comment ref=\"")))
        return -1;
    t->ref_at = (size_t)(p - c->p) + 14;
    if (!(q = strchr(p + 14, '"')))
        return -1;
    t->ref_end = (size_t)(q - c->p);
    /* the text: from the last '>' before </t> */
    if (!(e = strstr(q, "</t>")))
        return -1;
    t->text_end = (size_t)(e - c->p);
    for (t->text_at = t->text_end;
         t->text_at > t->ref_end && c->p[t->text_at - 1] != '>'; t->text_at--)
        ;
    if (!(p = strstr(e, "</comment>")))
        return -1;
    t->com_tail = (size_t)(p - c->p) + 10;

    if (!(p = find_in(v, 0, "<o:idmap v:ext=\"edit\" data=\"")))
        return -1;
    t->id_at = (size_t)(p - v->p) + 28;
    char *end;
    t->data_id = strtoull(v->p + t->id_at, &end, 10);
    if (end == v->p + t->id_at || *end != '"')
        return -1;
    t->id_end = (size_t)(end - v->p);
    if (!(p = find_in(v, t->id_end, "<v:shape id=\"_x0000_s")))
        return -1;
    t->shape_at = (size_t)(p - v->p);
    t->shape_id = strtoull(p + 21, &end, 10);
    if (end == p + 21 || *end != '"')
        return -1;
    const char *last = NULL;
    for (p = v->p + t->shape_at; (p = strstr(p, "</v:shape>")); p += 10)
        last = p;
    if (!last)
        return -1;
    t->vml_tail = (size_t)(last - v->p) + 10;
    for (int k = 1; k < 3; k++) {
        const char *s = suppressed_why(k);
        if (ob_xml_text(&t->why[k], s, strlen(s)))
            return -2;
    }
    return 0;
}

static void
ctempl_free(ctempl *t)
{
    ob_free(&t->com);
    ob_free(&t->vml);
    for (int k = 0; k < 3; k++)
        ob_free(&t->why[k]);
}

/* Pixel width of a Data column, as libxlsxwriter computes it. */
static uint32_t
col_px(unsigned c)
{
    double w = c < NDATA ? data_width((lxw_col_t)c) : 0;
    if (w <= 0)
        return 64; /* the default width, 8.43 */
    if (w < 1)
        return (uint32_t)(w * 12 + 0.5);
    return (uint32_t)(w * 7 + 0.5) + 5;
}

/* px * 0.75 in points, as libxlsxwriter prints it ("624", "21832.5"). */
static size_t
put_pt(char *buf, uint64_t px)
{
    static const char *const frac[4] = {"", ".25", ".5", ".75"};
    uint64_t q = px * 3;
    size_t n = put_dec(buf, q / 4);
    size_t fl = strlen(frac[q % 4]);
    memcpy(buf + n, frac[q % 4], fl);
    return n + fl;
}

#define SHAPE_MAX 1024u /* bytes of one shape, at most */

/* The comment box of the Data cell in column VALUE_COL, row row0 (0-based,
 * > 0), where libxlsxwriter puts it by default: one column right and one
 * row up, 15 and 10 pixels in, 128 x 74 pixels; Data rows are 20 pixels
 * high. */
static void
comment_shape(obuf *b, uint64_t row0, uint64_t id, uint64_t z)
{
    unsigned c1 = VALUE_COL + 1, c2;
    uint32_t x1 = 15, y1 = 10, x2, y2;
    uint64_t r1 = row0 - 1, r2, left = 0;
    while (x1 >= col_px(c1)) {
        x1 -= col_px(c1);
        c1++;
    }
    for (unsigned c = 0; c < c1; c++)
        left += col_px(c);
    left += x1;
    uint64_t top = r1 * 20 + y1;
    for (c2 = c1, x2 = x1 + 128; x2 >= col_px(c2); c2++)
        x2 -= col_px(c2);
    for (r2 = r1, y2 = y1 + 74; y2 >= 20; r2++)
        y2 -= 20;
    OB_LIT(b, "<v:shape id=\"_x0000_s");
    b->len += put_dec(b->p + b->len, id);
    OB_LIT(b, "\" type=\"#_x0000_t202\" style=\"position:absolute;"
              "margin-left:");
    b->len += put_pt(b->p + b->len, left);
    OB_LIT(b, "pt;margin-top:");
    b->len += put_pt(b->p + b->len, top);
    OB_LIT(b, "pt;width:");
    b->len += put_pt(b->p + b->len, 128);
    OB_LIT(b, "pt;height:");
    b->len += put_pt(b->p + b->len, 74);
    OB_LIT(b, "pt;z-index:");
    b->len += put_dec(b->p + b->len, z);
    OB_LIT(b, ";visibility:hidden\" fillcolor=\"#ffffe1\" "
              "o:insetmode=\"auto\"><v:fill color2=\"#ffffe1\"/>"
              "<v:shadow on=\"t\" color=\"black\" obscured=\"t\"/>"
              "<v:path o:connecttype=\"none\"/>"
              "<v:textbox style=\"mso-direction-alt:auto\">"
              "<div style=\"text-align:left\"></div></v:textbox>"
              "<x:ClientData ObjectType=\"Note\"><x:MoveWithCells/>"
              "<x:SizeWithCells/><x:Anchor>");
    uint64_t a[8] = {c1, x1, r1, y1, c2, x2, r2, y2};
    for (int i = 0; i < 8; i++) {
        b->len += put_dec(b->p + b->len, a[i]);
        if (i < 7)
            OB_LIT(b, ", ");
    }
    OB_LIT(b, "</x:Anchor><x:AutoFill>False</x:AutoFill><x:Row>");
    b->len += put_dec(b->p + b->len, row0);
    OB_LIT(b, "</x:Row><x:Column>");
    b->len += put_dec(b->p + b->len, VALUE_COL);
    OB_LIT(b, "</x:Column></x:ClientData></v:shape>");
}

/* The comments (which == 0) or the shapes (1) of chunk c's suppressed
 * rows into b (replaced). Runs on worker threads. 0, or -1 when out of
 * memory. */
static int
gen_notes(const dctx *d, const ctempl *t, int which, const dchunk *c,
          obuf *b)
{
    const sc_results *r = d->r;
    const obuf *m = &t->com;
    uint64_t nth = c->supp0;
    char rn[32];
    b->len = 0;
    for (size_t k = c->k, j = c->j, n = 0; n < c->rows; n++, j++) {
        while (j >= out_group(r, k)->count) {
            k++;
            j = 0;
        }
        const sc_obs *o = &d->ds->obs[out_group(r, k)->first + j];
        if (o->reason == SC_REASON_NONE)
            continue;
        uint64_t row = c->row0 + n; /* 1-based */
        int why = o->reason < 3 ? o->reason : SC_REASON_SOURCE_SUPPRESSED;
        if (which == 0) {
            /* the stand-in with this cell's reference and text */
            if (ob_reserve(b, t->com_tail + t->why[why].len + 64))
                return -1;
            ob_put(b, m->p + t->com_head, t->ref_at - t->com_head);
            ob_put(b, d->open[VALUE_COL] + 6, d->open_n[VALUE_COL] - 6);
            ob_put(b, rn, put_dec(rn, row));
            ob_put(b, m->p + t->ref_end, t->text_at - t->ref_end);
            ob_put(b, t->why[why].p, t->why[why].len);
            ob_put(b, m->p + t->text_end, t->com_tail - t->text_end);
        } else {
            if (ob_reserve(b, SHAPE_MAX))
                return -1;
            comment_shape(b, row - 1, t->shape_id + nth, nth + 1);
        }
        nth++;
    }
    return 0;
}

/* ------------------------------------------------ the whole package */

enum { XP_OK = 0, XP_NOMEM, XP_BAD, XP_IO };

/* The parallel work: libxlsxwriter's package (task 0, in the first
 * batch), the chunks of Data rows, the comments and shapes. */
typedef struct work {
    xctx *x;
    dctx *d;
    const ctempl *t;
    lxw_error lxw;          /* from build_skeleton */
    size_t first;           /* task i works on chunk first + i - shift */
    size_t shift;           /* 1 when task 0 builds the skeleton */
    int notes;              /* 0: rows; 1: comments then shapes */
    size_t ncom;            /* with notes: chunks of the first sheet */
    dpiece *pieces;
} work;

static lxw_error build_skeleton(xctx *x);

static void
work_task(void *ctx, size_t i)
{
    work *w = ctx;
    if (i < w->shift) {
        w->lxw = build_skeleton(w->x);
        return;
    }
    i -= w->shift;
    dpiece *p = &w->pieces[i];
    scratch *s = scratch_take(w->d->pool, w->d->npool);
    p->nstr = 0;
    if (w->notes)
        p->failed = gen_notes(w->d, w->t, i >= w->ncom,
                              &w->d->chunks[w->first + i % w->ncom],
                              &s->xml) ||
                    piece_deflate(&s->z, &s->xml, p);
    else
        p->failed = gen_rows(w->d, &w->d->chunks[w->first + i], &s->xml,
                             &p->nstr) ||
                    piece_deflate(&s->z, &s->xml, p);
    atomic_store(&s->busy, 0);
}

static void
pieces_free(dpiece *p, size_t n)
{
    for (size_t i = 0; p && i < n; i++)
        free(p[i].z);
    free(p);
}

/* Write the deflated pieces; 0, or -1 when one failed (out of memory).
 * The pieces' memory is released. */
static int
write_pieces(zout *zo, dpiece *p, size_t n, uint64_t *nstr)
{
    for (size_t i = 0; i < n; i++) {
        if (p[i].failed)
            return -1;
        zo_write(zo, p[i].z, p[i].zlen);
        zo->cur.crc = (uint32_t)crc32_combine(zo->cur.crc, p[i].crc,
                                              (z_off_t)p[i].ulen);
        zo->cur.csize += p[i].zlen;
        zo->cur.usize += p[i].ulen;
        if (nstr)
            *nstr += p[i].nstr;
        free(p[i].z);
        p[i].z = NULL;
    }
    return 0;
}

/* A part made of a head, pieces and a tail (deflated by zm). */
static int
write_framed(zout *zo, const zent *e, zsink *zm, const char *head,
             size_t hn, const char *head2, size_t hn2, dpiece *p, size_t n,
             const char *tail, size_t tn)
{
    zo_begin(zo, e);
    if (zs_restart(zm) || zs_feed(zm, head, hn, Z_NO_FLUSH) ||
        zs_feed(zm, head2, hn2, Z_SYNC_FLUSH))
        return -1;
    zo_piece(zo, zm);
    if (write_pieces(zo, p, n, NULL))
        return -1;
    if (zs_restart(zm) || zs_feed(zm, tail, tn, Z_FINISH))
        return -1;
    zo_piece(zo, zm);
    zo_end(zo);
    return 0;
}

/* Deflate and write Data sheet `part`: the frame libxlsxwriter wrote
 * (skel) around the rows. pre: the rows' pieces, already made; else they
 * are made here, a round of nslots chunks at a time. */
static int
write_data_part(xctx *x, dctx *d, size_t part, const obuf *skel,
                dpiece *pre, dpiece *slots, size_t nslots, zout *zo,
                const zent *e, zsink *zm)
{
    const char *s = skel->p, *sd, *ins, *tail, *dim = NULL, *dim_end = NULL;
    obuf head = {0};
    int rc = XP_BAD, open_only = 0;
    size_t rows = d->sheet_rows[part];
    size_t c0 = d->sheet_chunk[part], c1 = d->sheet_chunk[part + 1];
    if ((sd = strstr(s, "<sheetData>"))) {
        const char *hr = strstr(sd, "</row>");
        if (!(tail = strstr(sd, "</sheetData>")))
            goto out;
        ins = hr && hr < tail ? hr + 6 : sd + 11; /* after the header */
    } else if ((sd = strstr(s, "<sheetData/>"))) {
        ins = sd;
        tail = sd + 12;
        open_only = 1;
    } else {
        goto out;
    }
    if ((dim = strstr(s, "<dimension ref=\"")) && dim < sd) {
        dim += 16;
        dim_end = strchr(dim, '"');
    }
    rc = XP_NOMEM;
    if (dim_end && rows > 0) {
        if (ob_add(&head, s, (size_t)(dim - s)) ||
            ob_add(&head, "A1:", 3) ||
            ob_add(&head, d->last_col, strlen(d->last_col)) ||
            ob_dec(&head, rows + 1) ||
            ob_add(&head, dim_end, (size_t)(ins - dim_end)))
            goto out;
    } else if (ob_add(&head, s, (size_t)(ins - s))) {
        goto out;
    }
    if (open_only && ob_add(&head, "<sheetData>", 11))
        goto out;
    zo_begin(zo, e);
    if (zs_restart(zm) || zs_feed(zm, head.p, head.len, Z_SYNC_FLUSH))
        goto out;
    zo_piece(zo, zm);
    if (pre) {
        if (write_pieces(zo, pre + c0, c1 - c0, &d->nstr))
            goto out;
    } else {
        for (size_t c = c0; c < c1; c += nslots) {
            work w;
            memset(&w, 0, sizeof w);
            w.x = x;
            w.d = d;
            w.first = c;
            w.pieces = slots;
            size_t n = c1 - c < nslots ? c1 - c : nslots;
            sc_parallel_for(x->ds->jobs, n, work_task, &w);
            if (write_pieces(zo, slots, n, &d->nstr))
                goto out;
        }
    }
    const char *close = open_only ? "</sheetData>" : "";
    if (zs_restart(zm) || zs_feed(zm, close, strlen(close), Z_NO_FLUSH) ||
        zs_feed(zm, tail, skel->len - (size_t)(tail - s), Z_FINISH))
        goto out;
    zo_piece(zo, zm);
    zo_end(zo);
    rc = XP_OK;
out:
    ob_free(&head);
    return rc;
}

/* s[0..n) with the number in the first ` attr="..."` set to v. */
static int
ob_set_attr(obuf *out, const char *s, size_t n, const char *attr,
            uint64_t v)
{
    out->len = 0;
    char key[32];
    int kn = snprintf(key, sizeof key, " %s=\"", attr);
    const char *p = NULL;
    for (size_t i = 0; kn > 0 && i + (size_t)kn <= n && !p; i++)
        if (memcmp(s + i, key, (size_t)kn) == 0)
            p = s + i + kn;
    const char *q = p ? memchr(p, '"', n - (size_t)(p - s)) : NULL;
    if (!q)
        return ob_add(out, s, n);
    return ob_add(out, s, (size_t)(p - s)) || ob_dec(out, v) ||
           ob_add(out, q, n - (size_t)(q - s));
}

/* The relationship target of `type` in a sheet's .rels, as a part name
 * ("../comments3.xml" -> "xl/comments3.xml"), into out. */
static int
rel_target(const obuf *rels, const char *type, char *out, size_t outsize)
{
    const char *p = find_in(rels, 0, type), *s, *e, *t;
    if (!p)
        return -1;
    for (s = p; s > rels->p && *s != '<'; s--)
        ;
    if (!(e = strstr(p, "/>")) || !(t = strstr(s, " Target=\"")) || t > e)
        return -1;
    t += 9;
    const char *q = strchr(t, '"');
    if (!q || q > e)
        return -1;
    size_t n = (size_t)(q - t);
    int w;
    if (n > 3 && strncmp(t, "../", 3) == 0)
        w = snprintf(out, outsize, "xl/%.*s", (int)(n - 3), t + 3);
    else if (n > 1 && t[0] == '/')
        w = snprintf(out, outsize, "%.*s", (int)(n - 1), t + 1);
    else
        w = snprintf(out, outsize, "xl/worksheets/%.*s", (int)n, t);
    return w > 0 && (size_t)w < outsize ? 0 : -1;
}

/* Write the workbook `to` from libxlsxwriter's package `from`: every part
 * copied as it is, but the Data sheets, their comments and drawing (made
 * here; rows: pre, or made here when NULL), and the shared strings (their
 * count). Returns XP_*; *err is errno for XP_IO. The file is synced. */
static int
write_package(xctx *x, dctx *d, dpiece *pre, const char *from,
              const char *to, int *err)
{
    const sc_dataset *ds = x->ds;
    int rc = XP_NOMEM, zr = 0;
    FILE *in = NULL, *out = NULL;
    zdir dir;
    ctempl t;
    obuf tmp = {0}, head = {0};
    zsink zm;
    zout zo;
    const zent **dsheet = NULL, *ecom = NULL, *evml = NULL, *esst = NULL;
    unsigned char *copybuf = NULL;
    dpiece *notes = NULL, *slots = NULL;
    unsigned jobs = ds->jobs ? ds->jobs : 1;
    size_t nslots = 2 * (jobs < 8 ? jobs : 8), ncom = 0;
    memset(&dir, 0, sizeof dir);
    memset(&t, 0, sizeof t);
    memset(&zm, 0, sizeof zm);
    memset(&zo, 0, sizeof zo);
    *err = 0;

    if (!(in = fopen(from, "rb"))) {
        *err = errno;
        rc = XP_IO;
        goto out;
    }
    if ((zr = zdir_read(in, &dir)) != 0 ||
        (zr = verify_package(in, &dir)) != 0) {
        rc = zr == -2 ? XP_NOMEM : XP_BAD;
        goto out;
    }
    /* the parts written here */
    if (!(dsheet = calloc(x->ndata, sizeof *dsheet)))
        goto out;
    char name[64];
    rc = XP_BAD;
    if (x->ndata != d->nparts)
        goto out;
    for (size_t p = 0; p < x->ndata; p++) {
        snprintf(name, sizeof name, "xl/worksheets/sheet%u.xml",
                 x->data_sheetno[p]);
        if (!(dsheet[p] = zdir_find(&dir, name)))
            goto out;
    }
    if (!(esst = zdir_find(&dir, "xl/sharedStrings.xml")))
        goto out;
    if (!x->constant_memory && x->nsupp > 0) {
        snprintf(name, sizeof name, "xl/worksheets/_rels/sheet%u.xml.rels",
                 x->data_sheetno[0]);
        const zent *rels = zdir_find(&dir, name);
        char cname[256], vname[256];
        if (!rels || (zr = zip_load(in, rels, &tmp)) != 0 ||
            rel_target(&tmp, "/relationships/comments\"", cname,
                       sizeof cname) ||
            rel_target(&tmp, "/relationships/vmlDrawing\"", vname,
                       sizeof vname) ||
            !(ecom = zdir_find(&dir, cname)) ||
            !(evml = zdir_find(&dir, vname)) ||
            (zr = zip_load(in, ecom, &t.com)) != 0 ||
            (zr = zip_load(in, evml, &t.vml)) != 0 ||
            (zr = ctempl_parse(&t)) != 0) {
            rc = zr == -2 ? XP_NOMEM : XP_BAD;
            goto out;
        }
        /* the comments and shapes, a piece per chunk of the first sheet */
        rc = XP_NOMEM;
        ncom = d->sheet_chunk[1] - d->sheet_chunk[0];
        if (!(notes = calloc(2 * ncom + 1, sizeof *notes)))
            goto out;
        work w;
        memset(&w, 0, sizeof w);
        w.x = x;
        w.d = d;
        w.t = &t;
        w.notes = 1;
        w.ncom = ncom;
        w.pieces = notes;
        sc_parallel_for(jobs, 2 * ncom, work_task, &w);
    }
    rc = XP_NOMEM;
    if ((!pre && !(slots = calloc(nslots, sizeof *slots))) ||
        !(zo.cd = calloc(dir.n, sizeof *zo.cd)) ||
        !(copybuf = malloc(COPY_BYTES)))
        goto out;

    if (!(out = fopen(to, "wb"))) {
        *err = errno;
        rc = XP_IO;
        goto out;
    }
    zo.f = out;
    size_t data_done = 0;
    int sst_late = 0;
    for (size_t i = 0; i <= dir.n && !zo.err; i++) {
        const zent *e = i < dir.n ? &dir.e[i] : NULL;
        size_t p = 0;
        while (e && p < x->ndata && dsheet[p] != e)
            p++;
        if (e && p < x->ndata) {
            if ((zr = zip_load(in, e, &tmp)) != 0) {
                rc = zr == -2 ? XP_NOMEM : XP_BAD;
                goto out;
            }
            if ((rc = write_data_part(x, d, p, &tmp, pre, slots, nslots, &zo,
                                      e, &zm)) != XP_OK)
                goto out;
            rc = XP_NOMEM;
            data_done++;
        } else if (e && e == ecom) {
            if (write_framed(&zo, e, &zm, t.com.p, t.com_head, "", 0, notes,
                             ncom, t.com.p + t.com_tail,
                             t.com.len - t.com_tail))
                goto out;
        } else if (e && e == evml) {
            /* one block of 1024 shape ids per 1024 comments, as
             * libxlsxwriter numbers them (nothing after Data has any) */
            head.len = 0;
            for (uint64_t b = 0; b <= x->nsupp / 1024; b++)
                if ((b && ob_add(&head, ",", 1)) ||
                    ob_dec(&head, t.data_id + b))
                    goto out;
            if (ob_add(&head, t.vml.p + t.id_end, t.shape_at - t.id_end) ||
                write_framed(&zo, e, &zm, t.vml.p, t.id_at, head.p, head.len,
                             notes + ncom, ncom, t.vml.p + t.vml_tail,
                             t.vml.len - t.vml_tail))
                goto out;
        } else if (e == esst || (!e && sst_late)) {
            if (data_done < x->ndata) {
                sst_late = 1; /* its count needs the rows: after them */
                continue;
            }
            /* the count of string cells: ours instead of the stand-ins */
            if ((zr = zip_load(in, esst, &tmp)) != 0) {
                rc = zr == -2 ? XP_NOMEM : XP_BAD;
                goto out;
            }
            const char *sst = find_in(&tmp, 0, "<sst"),
                       *body = sst ? strchr(sst, '>') : NULL;
            if (!body) {
                rc = XP_BAD;
                goto out;
            }
            size_t hn = (size_t)(body + 1 - tmp.p);
            const char *cnt = strstr(sst, " count=\"");
            uint64_t count = cnt && cnt < body ? strtoull(cnt + 8, NULL, 10)
                                               : 0;
            count = count >= d->interned ? count - d->interned : 0;
            if (ob_set_attr(&head, tmp.p, hn, "count", count + d->nstr))
                goto out;
            zo_begin(&zo, esst);
            if (zs_restart(&zm) ||
                zs_feed(&zm, head.p, head.len, Z_NO_FLUSH) ||
                zs_feed(&zm, tmp.p + hn, tmp.len - hn, Z_FINISH))
                goto out;
            zo_piece(&zo, &zm);
            zo_end(&zo);
        } else if (e) {
            /* a part as libxlsxwriter wrote it: up to the next one */
            uint64_t end = dir.cd_off;
            for (size_t k = 0; k < dir.n; k++)
                if (dir.e[k].local > e->local && dir.e[k].local < end)
                    end = dir.e[k].local;
            if (end < e->local + 30 ||
                zo_copy(&zo, in, e, end - e->local, copybuf, COPY_BYTES)) {
                rc = XP_BAD;
                goto out;
            }
        }
    }
    zo_finish(&zo);
    if (!zo.err) {
        errno = 0;
        if (fflush(out) != 0 || ferror(out))
            zo.err = errno ? errno : EIO;
        else if (fsync(fileno(out)) != 0)
            zo.err = errno;
    }
    errno = 0;
    if (fclose(out) != 0 && !zo.err)
        zo.err = errno ? errno : EIO;
    out = NULL;
    if (zo.err) {
        *err = zo.err;
        rc = XP_IO;
        goto out;
    }
    rc = XP_OK;
out:
    if (out)
        fclose(out);
    if (in)
        fclose(in);
    pieces_free(notes, 2 * ncom + 1);
    pieces_free(slots, nslots);
    zs_free(&zm);
    free(zo.cd);
    free(copybuf);
    free(dsheet);
    ob_free(&tmp);
    ob_free(&head);
    ctempl_free(&t);
    zdir_free(&dir);
    return rc;
}

/* --------------------------------------------------------------- public */

static void
make_formats(xctx *x)
{
    lxw_workbook *wb = x->wb;
    x->header = workbook_add_format(wb);
    format_set_bold(x->header);
    format_set_text_wrap(x->header);
    format_set_align(x->header, LXW_ALIGN_VERTICAL_TOP);
    format_set_bg_color(x->header, 0xDDEBF7);
    format_set_bottom(x->header, LXW_BORDER_THIN);
    x->title = workbook_add_format(wb);
    format_set_bold(x->title);
    format_set_font_size(x->title, 14);
    x->bold = workbook_add_format(wb);
    format_set_bold(x->bold);
    format_set_align(x->bold, LXW_ALIGN_VERTICAL_TOP);
    x->note = workbook_add_format(wb);
    format_set_italic(x->note);
    x->wrap = workbook_add_format(wb);
    format_set_text_wrap(x->wrap);
    format_set_align(x->wrap, LXW_ALIGN_VERTICAL_TOP);
    x->text = workbook_add_format(wb);
    format_set_align(x->text, LXW_ALIGN_VERTICAL_TOP);
    x->words = workbook_add_format(wb); /* words beside numbers */
    format_set_indent(x->words, 1);
    x->integer = workbook_add_format(wb);
    format_set_num_format(x->integer, "0");
    static const char *const fmt[5] = {"0", "0.0", "0.00", "0.000", "0.0000"};
    for (int k = 0; k < 5; k++) {
        x->pct[k] = workbook_add_format(wb);
        format_set_num_format(x->pct[k], fmt[k]);
    }
    x->pvalue = workbook_add_format(wb);
    format_set_num_format(x->pvalue, "0.0000");
}

/* The creation time: SOURCE_DATE_EPOCH when set, else a constant, so the
 * same input gives the same bytes. */
static time_t
created_time(void)
{
    const char *e = getenv("SOURCE_DATE_EPOCH");
    if (e && *e) {
        char *end;
        errno = 0;
        long long v = strtoll(e, &end, 10);
        if (!errno && !*end && v >= 0)
            return (time_t)v;
    }
    return (time_t)FIXED_CREATED;
}

/* libxlsxwriter's part: every sheet (the Data sheets' frames only), then
 * its package. Runs on a worker thread beside the Data rows. */
static lxw_error
build_skeleton(xctx *x)
{
    const sc_dataset *ds = x->ds;
    write_scorecard(x);
    write_trends(x);
    for (size_t i = 0; i < ds->ninds; i++)
        write_indicator(x, i, x->order);
    write_data(x);
    write_indicators(x);
    write_about(x);
    lxw_error e = workbook_close(x->wb);
    x->wb = NULL;
    return e != LXW_NO_ERROR ? e : x->err;
}

SC_API sc_status
sc_write_xlsx(const sc_results *r, const char *path, sc_diagnostics *diags)
{
    if (!r || !path || !diags)
        return SC_ERR_INVALID_ARG;
    const sc_dataset *ds = r->ds;
    xctx x;
    dctx d;
    dpiece *pre = NULL;
    memset(&x, 0, sizeof x);
    memset(&d, 0, sizeof d);
    x.r = r;
    x.ds = ds;
    d.r = r;
    d.ds = ds;
    x.constant_memory = ds->nobs > CONSTANT_MEMORY_ROWS;
    /* the Data rows: every observation, in output order */
    for (size_t k = 0; k < r->ngroups; k++) {
        const sc_group *g = out_group(r, k);
        x.data_total += g->count;
        for (size_t j = 0; j < g->count; j++)
            x.nsupp += ds->obs[g->first + j].reason != SC_REASON_NONE;
    }
    sc_status st = SC_ERR_NOMEM;
    x.order = malloc((ds->ngeos ? ds->ngeos : 1) * sizeof *x.order);
    x.sheet_names = calloc(ds->ninds ? ds->ninds : 1, sizeof *x.sheet_names);
    /* libxlsxwriter's package, then the workbook made from it */
    char *tmp = sc_asprintf("%s.tmp-%ld", path, (long)getpid());
    char *part = sc_asprintf("%s.tmp-%ld.lxw", path, (long)getpid());
    if (!x.order || !x.sheet_names || !tmp || !part)
        goto done;
    for (size_t i = 0; i < ds->ninds; i++)
        if (!(x.sheet_names[i] = sheet_name(x.sheet_names, i,
                                            ds->inds[i].id)))
            goto done;

    sc_out_clean_stale(path);
    lxw_workbook_options opt = {.constant_memory = (uint8_t)x.constant_memory,
                                .tmpdir = NULL,
                                .use_zip64 = LXW_TRUE};
    x.wb = workbook_new_opt(part, &opt);
    if (!x.wb)
        goto done;
    lxw_doc_properties props;
    memset(&props, 0, sizeof props);
    props.title = ds->title;
    props.subject = "County children's well-being scorecard";
    props.author = "scorecard " SC_VERSION_STRING;
    props.created = created_time();
    keep(&x, workbook_set_properties(x.wb, &props));
    make_formats(&x);
    /* a worker's buffers per thread */
    d.npool = ds->jobs == 0 ? 1 : ds->jobs < 64 ? ds->jobs : 64;
    if (!(d.pool = calloc(d.npool, sizeof *d.pool)) || frags_build(&d, &x) ||
        plan_chunks(&d, x.data_total)) {
        lxw_workbook_free(x.wb);
        x.wb = NULL;
        goto done;
    }
    /* libxlsxwriter's sheets and package on one thread, the Data rows
     * (deflated, kept in memory) on the others; a large dataset's rows
     * are made later, a few chunks at a time, as the workbook is
     * written */
    work w;
    memset(&w, 0, sizeof w);
    w.x = &x;
    w.d = &d;
    w.shift = 1;
    if (!x.constant_memory &&
        !(pre = w.pieces = calloc(d.nchunks + 1, sizeof *pre))) {
        lxw_workbook_free(x.wb);
        x.wb = NULL;
        goto done;
    }
    sc_parallel_for(ds->jobs, 1 + (pre ? d.nchunks : 0), work_task, &w);
    lxw_error e = w.lxw;
    if (e != LXW_NO_ERROR) {
        sc_diag_addf(diags, SC_SEV_ERROR, "io", path, 0, 0,
                     "cannot write the workbook '%s': %s (the previous file, "
                     "if any, is unchanged)",
                     path, lxw_strerror(e));
        unlink(part);
        st = e == LXW_ERROR_MEMORY_MALLOC_FAILED ? SC_ERR_NOMEM : SC_ERR_IO;
        goto done;
    }
    int err = 0;
    int xp = write_package(&x, &d, pre, part, tmp, &err);
    unlink(part);
    if (xp != XP_OK) {
        if (xp == XP_BAD)
            sc_diag_addf(diags, SC_SEV_ERROR, "io", path, 0, 0,
                         "cannot write the workbook '%s': it came out "
                         "incomplete (a full disk or a file-size limit?); "
                         "the previous file, if any, is unchanged",
                         path);
        else
            sc_diag_addf(diags, SC_SEV_ERROR, "io", path, 0, 0,
                         "cannot write the workbook '%s': %s (the previous "
                         "file, if any, is unchanged)",
                         path, xp == XP_NOMEM ? "out of memory"
                                              : strerror(err));
        unlink(tmp);
        st = xp == XP_NOMEM ? SC_ERR_NOMEM : SC_ERR_IO;
        goto done;
    }
    if (rename(tmp, path) != 0) {
        sc_diag_addf(diags, SC_SEV_ERROR, "io", path, 0, 0,
                     "cannot write '%s': %s (the previous file, if any, is "
                     "unchanged)",
                     path, strerror(errno));
        unlink(tmp);
        st = SC_ERR_IO;
        goto done;
    }
    st = SC_OK;
done:
    if (x.sheet_names)
        for (size_t i = 0; i < ds->ninds; i++)
            free(x.sheet_names[i]);
    free(x.sheet_names);
    free(x.data_sheetno);
    free(x.order);
    pieces_free(pre, d.nchunks + 1);
    dctx_free(&d);
    free(tmp);
    free(part);
    sc_buf_free(&x.tmp);
    return st;
}
