/* SPDX-License-Identifier: MIT */
/*
 * Stage 6c: the analyst's workbook (SPEC §5.2), with libxlsxwriter: the
 * only file that includes it. Sheets: Scorecard (one row per county),
 * Trends (one row per county and indicator), one sheet per indicator,
 * Data (the long table as an Excel table, split every 1,048,575 rows),
 * Indicators and About. libxlsxwriter prints warnings on bad input, so
 * every sheet name and string is made valid before it is passed on.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <xlsxwriter.h>
#include <zlib.h>

#include <scorecard/version.h>

#include "compute.h"
#include "output.h"

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
} xctx;

static void
keep(xctx *x, lxw_error e)
{
    if (e != LXW_NO_ERROR && x->err == LXW_NO_ERROR)
        x->err = e;
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

/* "*" with a comment giving the reason (comments need random access, so
 * they are left out in constant-memory mode; the reason is in Data). */
static void
suppressed(xctx *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
           int reason)
{
    keep(x, worksheet_write_string(ws, row, col, "*", x->text));
    if (x->constant_memory)
        return;
    const char *why = reason == SC_REASON_LOW_DENOMINATOR
                          ? "Suppressed: the denominator is below the "
                            "indicator's minimum (low_denominator)."
                          : "Suppressed by the source (source_suppressed).";
    keep(x, worksheet_write_comment(ws, row, col, why));
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
    lxw_worksheet *ws = workbook_add_worksheet(x->wb, "Scorecard");
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
    for (size_t i = 0; i < ni; i++) {
        const sc_indicator *ind = &ds->inds[i];
        char h[600];
        snprintf(h, sizeof h, "%s, %d (%%)", ind->info.name,
                 ind->latest_year == SC_NO_YEAR ? 0 : ind->latest_year);
        str(x, ws, 0, (lxw_col_t)(4 + 2 * i), h, x->header);
        snprintf(h, sizeof h, "Distance to %s%%",
                 ind->info.direction == SC_HIGHER_IS_BETTER ? "100" : "0");
        if (ind->info.target != 100 && ind->info.target != 0)
            snprintf(h, sizeof h, "Distance to the target (%g%%)",
                     ind->info.target);
        str(x, ws, 0, (lxw_col_t)(5 + 2 * i), h, x->header);
    }
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
    lxw_worksheet *ws = workbook_add_worksheet(x->wb, "Trends");
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
    lxw_worksheet *ws = workbook_add_worksheet(x->wb, name);
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
    char sub[512];
    snprintf(sub, sizeof sub, "%s; goal %g%% (%s). Counties sorted by rank "
                              "in %d.",
             ind->info.domain, ind->info.target,
             ind->info.direction == SC_HIGHER_IS_BETTER ? "higher is better"
                                                        : "lower is better",
             ind->latest_year == SC_NO_YEAR ? 0 : ind->latest_year);
    str(x, ws, 1, 0, sub, x->note);
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

/* Start a Data sheet holding `rows` data rows as an Excel table. */
static lxw_worksheet *
data_sheet(xctx *x, int part, size_t rows)
{
    char name[24];
    if (part == 1)
        snprintf(name, sizeof name, "Data");
    else
        snprintf(name, sizeof name, "Data %d", part);
    lxw_worksheet *ws = workbook_add_worksheet(x->wb, name);
    if (!ws) {
        keep(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
        return NULL;
    }
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
    keep(x, worksheet_set_column(ws, 0, 0, 8, NULL));
    keep(x, worksheet_set_column(ws, 1, 1, 16, NULL));
    keep(x, worksheet_set_column(ws, 3, 3, 22, NULL));
    keep(x, worksheet_set_column(ws, 4, 5, 14, NULL));
    keep(x, worksheet_set_column(ws, 8, NDATA - 1, 11, NULL));
    worksheet_freeze_panes(ws, 1, 0);
    return ws;
}

static void
write_data(xctx *x)
{
    const sc_dataset *ds = x->ds;
    const sc_results *r = x->r;
    size_t total = ds->nobs, done = 0;
    int part = 1;
    lxw_worksheet *ws = data_sheet(x, part, total < DATA_ROWS ? total
                                                              : DATA_ROWS);
    lxw_row_t row = 1;
    for (size_t k = 0; k < r->ngroups && ws; k++) {
        const sc_group *g = &r->groups[r->out_groups[k]];
        for (size_t j = 0; j < g->count && ws; j++) {
            if (row > DATA_ROWS) {
                size_t left = total - done;
                ws = data_sheet(x, ++part, left < DATA_ROWS ? left
                                                            : DATA_ROWS);
                row = 1;
                if (!ws)
                    break;
            }
            size_t oi = g->first + j;
            const sc_obs *o = &ds->obs[oi];
            const sc_geo *geo = &ds->geos[o->geo];
            const sc_indicator *ind = &ds->inds[o->ind];
            sc_fig f;
            sc_obs_figures(r, oi, &f);
            str(x, ws, row, 0, geo->id, NULL);
            str(x, ws, row, 1, geo->info.name, NULL);
            str(x, ws, row, 2, geo->info.level == SC_LEVEL_STATE ? "state"
                                                                 : "county",
                NULL);
            str(x, ws, row, 3, ind->id, NULL);
            str(x, ws, row, 4, ind->domain, NULL);
            str(x, ws, row, 5, ds->subgroups.strs[o->subgroup], NULL);
            num(x, ws, row, 6, o->year, NULL);
            if (o->label)
                str(x, ws, row, 7, ds->labels.strs[o->label - 1], NULL);
            if (o->reason != SC_REASON_NONE)
                suppressed(x, ws, row, 8, o->reason);
            else
                num(x, ws, row, 8, o->value, pct(x, ind));
            num(x, ws, row, 9, o->moe, pct(x, ind));
            num(x, ws, row, 10, o->num, NULL);
            num(x, ws, row, 11, o->den, NULL);
            keep(x, worksheet_write_boolean(ws, row, 12,
                                            o->reason != SC_REASON_NONE,
                                            NULL));
            str(x, ws, row, 13, sc_reason_str(o->reason), NULL);
            str(x, ws, row, 14, o->unstable ? "unstable" : NULL, NULL);
            num(x, ws, row, 15, f.distance, pct(x, ind));
            num(x, ws, row, 16, f.score, pct(x, ind));
            num(x, ws, row, 17, f.children_gap, NULL);
            num(x, ws, row, 18, f.benchmark, pct(x, ind));
            str(x, ws, row, 19, sc_bench_method_str(f.bench_method), NULL);
            str(x, ws, row, 20, sc_vs_str(f.vs), NULL);
            keep(x, worksheet_write_boolean(ws, row, 21,
                                            (long)oi == g->latest, NULL));
            row++;
            done++;
        }
    }
}

/* ------------------------------------------------- Indicators and About */

static void
write_indicators(xctx *x)
{
    const sc_dataset *ds = x->ds;
    lxw_worksheet *ws = workbook_add_worksheet(x->wb, "Indicators");
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
    lxw_worksheet *ws = workbook_add_worksheet(x->wb, "About");
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


/* ------------------------------------------------------ verification */

/* libxlsxwriter ignores write errors on its own temporary files: on a full
 * disk it produces a well-formed zip whose sheets are cut short. Before a
 * workbook replaces the previous one, every XML part is inflated and must
 * end with its closing tag. Returns 0 when the workbook is complete. */

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

/* Inflate one stored or deflated member and check how its text ends. */
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
        return -1;
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
                rc = -1;
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
    if (rc != 0 || (method == 8 && !done))
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

static int
verify_xlsx(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return -1;
    int rc = -1;
    unsigned char e[22], *cd = NULL;
    if (fseeko(f, -22, SEEK_END) || fread(e, 1, 22, f) != 22 ||
        le32(e) != 0x06054b50)
        goto out;
    uint64_t entries = le16(e + 10), cd_size = le32(e + 12),
             cd_off = le32(e + 16);
    if (entries == 0xFFFF || cd_off == 0xFFFFFFFFu || cd_size == 0xFFFFFFFFu) {
        /* zip64: locator just before the end record */
        unsigned char loc[20], z64[56];
        if (fseeko(f, -42, SEEK_END) || fread(loc, 1, 20, f) != 20 ||
            le32(loc) != 0x07064b50 ||
            fseeko(f, (off_t)le64(loc + 8), SEEK_SET) ||
            fread(z64, 1, 56, f) != 56 || le32(z64) != 0x06064b50)
            goto out;
        entries = le64(z64 + 32);
        cd_size = le64(z64 + 40);
        cd_off = le64(z64 + 48);
    }
    if (entries == 0 || cd_size > (64u << 20))
        goto out;
    cd = malloc((size_t)cd_size);
    if (!cd || fseeko(f, (off_t)cd_off, SEEK_SET) ||
        fread(cd, 1, (size_t)cd_size, f) != cd_size)
        goto out;
    size_t p = 0;
    for (uint64_t k = 0; k < entries; k++) {
        if (p + 46 > cd_size || le32(cd + p) != 0x02014b50)
            goto out;
        uint16_t method = le16(cd + p + 10), nlen = le16(cd + p + 28),
                 xlen = le16(cd + p + 30), clen = le16(cd + p + 32);
        uint64_t csize = le32(cd + p + 20), usize = le32(cd + p + 24),
                 local = le32(cd + p + 42);
        if (p + 46 + nlen + xlen > cd_size)
            goto out;
        /* zip64 extra field: the 0xFFFFFFFF values, in this order */
        for (size_t q = p + 46 + nlen; q + 4 <= p + 46 + nlen + xlen;) {
            uint16_t id = le16(cd + q), sz = le16(cd + q + 2);
            if (id == 0x0001) {
                size_t r = q + 4;
                if (usize == 0xFFFFFFFFu && r + 8 <= q + 4 + sz) {
                    usize = le64(cd + r);
                    r += 8;
                }
                if (csize == 0xFFFFFFFFu && r + 8 <= q + 4 + sz) {
                    csize = le64(cd + r);
                    r += 8;
                }
                if (local == 0xFFFFFFFFu && r + 8 <= q + 4 + sz)
                    local = le64(cd + r);
            }
            q += 4u + sz;
        }
        char name[256];
        size_t n = nlen < sizeof name - 1 ? nlen : sizeof name - 1;
        memcpy(name, cd + p + 46, n);
        name[n] = '\0';
        if ((method == 0 || method == 8) && n > 4 &&
            (strcmp(name + n - 4, ".xml") == 0 ||
             strcmp(name + n - 5, ".rels") == 0) &&
            verify_member(f, local, method, csize, name) != 0)
            goto out;
        p += 46u + nlen + xlen + clen;
    }
    rc = 0;
out:
    free(cd);
    fclose(f);
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

SC_API sc_status
sc_write_xlsx(const sc_results *r, const char *path, sc_diagnostics *diags)
{
    if (!r || !path || !diags)
        return SC_ERR_INVALID_ARG;
    const sc_dataset *ds = r->ds;
    xctx x;
    memset(&x, 0, sizeof x);
    x.r = r;
    x.ds = ds;
    x.constant_memory = ds->nobs > CONSTANT_MEMORY_ROWS;
    sc_status st = SC_ERR_NOMEM;
    ranked *order = malloc((ds->ngeos ? ds->ngeos : 1) * sizeof *order);
    x.sheet_names = calloc(ds->ninds ? ds->ninds : 1, sizeof *x.sheet_names);
    char *tmp = sc_asprintf("%s.tmp-%ld", path, (long)getpid());
    if (!order || !x.sheet_names || !tmp)
        goto done;
    for (size_t i = 0; i < ds->ninds; i++)
        if (!(x.sheet_names[i] = sheet_name(x.sheet_names, i,
                                            ds->inds[i].id)))
            goto done;

    sc_out_clean_stale(path);
    lxw_workbook_options opt = {.constant_memory = (uint8_t)x.constant_memory,
                                .tmpdir = NULL,
                                .use_zip64 = LXW_TRUE};
    x.wb = workbook_new_opt(tmp, &opt);
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
    write_scorecard(&x);
    write_trends(&x);
    for (size_t i = 0; i < ds->ninds; i++)
        write_indicator(&x, i, order);
    write_data(&x);
    write_indicators(&x);
    write_about(&x);
    lxw_error e = workbook_close(x.wb);
    x.wb = NULL;
    if (e == LXW_NO_ERROR)
        e = x.err;
    if (e == LXW_NO_ERROR && verify_xlsx(tmp) != 0) {
        sc_diag_addf(diags, SC_SEV_ERROR, "io", path, 0, 0,
                     "cannot write the workbook '%s': it came out incomplete "
                     "(a full disk or a file-size limit?); the previous "
                     "file, if any, is unchanged",
                     path);
        unlink(tmp);
        st = SC_ERR_IO;
        goto done;
    }
    if (e != LXW_NO_ERROR) {
        sc_diag_addf(diags, SC_SEV_ERROR, "io", path, 0, 0,
                     "cannot write the workbook '%s': %s (the previous file, "
                     "if any, is unchanged)",
                     path, lxw_strerror(e));
        unlink(tmp);
        st = e == LXW_ERROR_MEMORY_MALLOC_FAILED ? SC_ERR_NOMEM : SC_ERR_IO;
        goto done;
    }
    int fd = open(tmp, O_RDONLY | O_CLOEXEC);
    if (fd >= 0) {
        fsync(fd); /* on disk before it replaces the previous workbook */
        close(fd);
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
    free(order);
    free(tmp);
    sc_buf_free(&x.tmp);
    return st;
}
