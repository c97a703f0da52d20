/* SPDX-License-Identifier: MIT */
/*
 * One sheet per indicator (SPEC §5.2): counties in rank order x years,
 * distance, rank, children to reach the goal and the trend; the
 * benchmark by year beside them; a bar chart of distance by county and a
 * line chart of the benchmark. In a multi-state dataset (SPEC §3.10) the
 * counties are in national rank order, each with its state, its rank in
 * the state beside its national rank, and its state's benchmark beside
 * the national one; the benchmark by year is then the national series.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#include "compute.h"
#include "util.h"
#include "xlsx_book.h"

/* ------------------------------------------------------ indicator sheets */

/* The columns of an indicator sheet's table (0: not on this sheet, as
 * column 0 is always FIPS, 1 County). */
typedef struct icols {
    lxw_col_t state;            /* multi-state */
    lxw_col_t year0;            /* the first year's values */
    lxw_col_t dist, rank, of;
    lxw_col_t nrank, nof;       /* multi-state */
    lxw_col_t gap, trend, slope, goal;
    lxw_col_t bench, vs;        /* multi-state: the county's state's */
    lxw_col_t nbench, nvs;      /* with a national benchmark */
    lxw_col_t last;             /* the table's last column */
    lxw_col_t block;            /* the benchmark by year: 3 columns */
} icols;

/* Where each column goes, for ny years. */
static icols
layout(int multi, int national, int ny)
{
    icols k = {0};
    lxw_col_t c = 2;
    if (multi)
        k.state = c++;
    k.year0 = c;
    c = (lxw_col_t)(c + ny);
    k.dist = c++;
    k.rank = c++;
    k.of = c++;
    if (multi) {
        k.nrank = c++;
        k.nof = c++;
    }
    k.gap = c++;
    k.trend = c++;
    k.slope = c++;
    k.goal = c++;
    if (multi) {
        k.bench = c++;
        k.vs = c++;
    }
    if (national) {
        k.nbench = c++;
        k.nvs = c++;
    }
    k.last = (lxw_col_t)(c - 1);
    k.block = (lxw_col_t)(c + 1);
    return k;
}

/* Rank order, unranked counties last, ties by geo_id. */
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

/* Indicator i's sheet; order is scratch room for every geography. Errors
 * are recorded in x. */
void
sc_xlsx_write_indicator(xctx *x, size_t i, ranked *order)
{
    const sc_dataset *ds = x->ds;
    const sc_results *r = x->r;
    const sc_indicator *ind = &ds->inds[i];
    const char *name = x->sheet_names[i];
    int multi = ds->multi_state;
    lxw_worksheet *ws = sc_xlsx_add_sheet(x, name);
    if (!ws) {
        keep(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
        return;
    }
    const sc_bench_tab *b = &r->bench[i];
    int y0 = b->year0, ny = b->nyears;
    const icols k = layout(multi, r->has_national, ny);
    /* the benchmark by year: the state's, or the nation's when there are
     * several states (SC_BSET_MAIN) */
    const char *bname = multi ? "National benchmark" : "State benchmark";

    /* title rows, then the header on row 2 */
    str(x, ws, 0, 0, ind->info.name, x->title);
    sc_buf sub = {0};
    const char *dir = ind->info.direction == SC_HIGHER_IS_BETTER
                          ? "higher is better"
                          : "lower is better";
    int ly = ind->latest_year == SC_NO_YEAR ? 0 : ind->latest_year;
    if (multi)
        sc_xlsx_cfmt(x, &sub,
                     "%s; goal %g%% (%s). Counties sorted by national rank "
                     "in %d; filter State for one state's counties and "
                     "their rank in the state. State benchmark: the "
                     "county's own state's (the national one for a county "
                     "without a state).",
                     ind->info.domain, ind->info.target, dir, ly);
    else
        sc_xlsx_cfmt(x, &sub,
                     "%s; goal %g%% (%s). Counties sorted by rank in %d.",
                     ind->info.domain, ind->info.target, dir, ly);
    str(x, ws, 1, 0, sub.data, x->note);
    lxw_row_t hr = 2;
    keep(x, worksheet_set_row(ws, hr, 48, NULL));
    str(x, ws, hr, 0, "FIPS", x->header);
    str(x, ws, hr, 1, "County", x->header);
    if (k.state)
        str(x, ws, hr, k.state, "State", x->header);
    for (int y = 0; y < ny; y++)
        num(x, ws, hr, (lxw_col_t)(k.year0 + y), y0 + y, x->header);
    str(x, ws, hr, k.dist, "Distance to the goal", x->header);
    str(x, ws, hr, k.rank, multi ? "Rank in state" : "Rank", x->header);
    str(x, ws, hr, k.of, multi ? "Of (in state)" : "Of", x->header);
    if (k.nrank) {
        str(x, ws, hr, k.nrank, "National rank", x->header);
        str(x, ws, hr, k.nof, "Of (national)", x->header);
    }
    str(x, ws, hr, k.gap, "Children to reach the goal", x->header);
    str(x, ws, hr, k.trend, "Trend", x->header);
    str(x, ws, hr, k.slope, "Slope (points a year)", x->header);
    str(x, ws, hr, k.goal, "Goal met by (year)", x->header);
    /* the latest year's benchmarks of each county (the by-year series is
     * the block further right) */
    if (k.bench) {
        str(x, ws, hr, k.bench,
            sc_xlsx_cfmt(x, &sub, "State benchmark, %d (%%)", ly),
            x->header);
        str(x, ws, hr, k.vs, "vs state benchmark", x->header);
    }
    if (k.nbench) {
        str(x, ws, hr, k.nbench,
            sc_xlsx_cfmt(x, &sub, "National benchmark, %d (%%)", ly),
            x->header);
        str(x, ws, hr, k.nvs, "vs national benchmark", x->header);
    }
    str(x, ws, hr, k.block, "Year", x->header);
    str(x, ws, hr, (lxw_col_t)(k.block + 1),
        sc_xlsx_cfmt(x, &sub, "%s (%%)", bname), x->header);
    str(x, ws, hr, (lxw_col_t)(k.block + 2), "Method", x->header);
    /* the benchmark years, written beside the county rows (rows must be
     * written in order in constant-memory mode) */
    int nb = 0, *byear = malloc((size_t)(ny > 0 ? ny : 1) * sizeof *byear);
    if (!byear) {
        sc_buf_free(&sub);
        keep(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
        return;
    }
    for (int y = 0; y < ny; y++)
        if (b->method[y])
            byear[nb++] = y;

    /* rank order: in the state for one state, national for several */
    size_t n = 0;
    for (size_t g = 0; g < ds->ngeos; g++) {
        if (!is_county(ds, g))
            continue;
        const sc_group *gr = all_group(r, g, i);
        order[n].geo = g;
        order[n].rank = gr ? (multi ? gr->nrank : gr->rank) : 0;
        n++;
    }
    qsort_r(order, n, sizeof *order, cmp_ranked, (void *)ds);
    lxw_row_t row = hr + 1;
    size_t rows = n > (size_t)nb ? n : (size_t)nb;
    for (size_t kk = 0; kk < rows; kk++, row++) {
        if (kk < (size_t)nb) {
            int y = byear[kk];
            num(x, ws, row, k.block, y0 + y, x->integer);
            num(x, ws, row, (lxw_col_t)(k.block + 1), b->value[y],
                pct(x, ind));
            str(x, ws, row, (lxw_col_t)(k.block + 2),
                sc_bench_method_str(b->method[y]), x->text);
        }
        if (kk >= n)
            continue;
        size_t g = order[kk].geo;
        const sc_group *gr = all_group(r, g, i);
        str(x, ws, row, 0, ds->geos[g].id, x->text);
        str(x, ws, row, 1, ds->geos[g].info.name, x->text);
        if (k.state)
            str(x, ws, row, k.state, state_name(ds, g), x->text);
        if (!gr)
            continue;
        for (size_t j = 0; j < gr->count; j++) {
            const sc_obs *o = &ds->obs[gr->first + j];
            lxw_col_t c = (lxw_col_t)(k.year0 + (o->year - y0));
            if (o->reason != SC_REASON_NONE)
                suppressed(x, ws, row, c, o->reason);
            else
                num(x, ws, row, c, o->value, pct(x, ind));
        }
        sc_fig f = SC_FIG_NONE;
        if (gr->latest >= 0)
            sc_obs_figures(r, (size_t)gr->latest, &f);
        if (gr->latest >= 0 &&
            ds->obs[gr->latest].reason == SC_REASON_NONE) {
            num(x, ws, row, k.dist, f.distance, pct(x, ind));
            num(x, ws, row, k.gap, f.children_gap, x->integer);
        }
        if (gr->rank) {
            num(x, ws, row, k.rank, gr->rank, x->integer);
            num(x, ws, row, k.of, gr->of, x->integer);
        }
        if (k.nrank && gr->nrank) {
            num(x, ws, row, k.nrank, gr->nrank, x->integer);
            num(x, ws, row, k.nof, gr->nof, x->integer);
        }
        const sc_trend *t = &gr->trend;
        str(x, ws, row, k.trend, human(x, sc_trend_status_str(t->status)),
            x->words);
        num(x, ws, row, k.slope, t->slope, x->pct[3]);
        if (t->projection == SC_PROJ_PROJECTED)
            num(x, ws, row, k.goal, t->projected_year, x->integer);
        else if (t->projection == SC_PROJ_TARGET_MET)
            str(x, ws, row, k.goal, "met", x->words);
        /* the latest year's benchmarks, as the JSON gives them */
        if (k.bench) {
            num(x, ws, row, k.bench, f.benchmark, pct(x, ind));
            str(x, ws, row, k.vs, sc_vs_str(f.vs), x->words);
        }
        if (k.nbench) {
            num(x, ws, row, k.nbench, f.national, pct(x, ind));
            str(x, ws, row, k.nvs, sc_vs_str(f.vs_national), x->words);
        }
    }
    lxw_row_t last = (lxw_row_t)(hr + n);
    lxw_row_t brow = (lxw_row_t)(hr + 1 + (size_t)nb);
    free(byear);
    sc_xlsx_distance_scale(x, ws, hr + 1, k.dist, last, k.dist);

    /* charts: distance by county (in rank order) and the benchmark */
    if (last > hr) {
        lxw_chart *bar = workbook_add_chart(x->wb, LXW_CHART_BAR);
        lxw_chart_series *s = bar ? chart_add_series(bar, NULL, NULL) : NULL;
        if (s) {
            chart_series_set_categories(s, name, hr + 1, 1, last, 1);
            chart_series_set_values(s, name, hr + 1, k.dist, last, k.dist);
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
            keep(x, worksheet_insert_chart_opt(ws, brow + 16, k.block, bar,
                                               &co));
        } else {
            keep(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
        }
    }
    if (brow > hr + 1) {
        lxw_chart *line = workbook_add_chart(x->wb, LXW_CHART_LINE);
        lxw_chart_series *s = line ? chart_add_series(line, NULL, NULL)
                                   : NULL;
        if (s) {
            lxw_col_t vc = (lxw_col_t)(k.block + 1);
            chart_series_set_categories(s, name, hr + 1, k.block, brow - 1,
                                        k.block);
            chart_series_set_values(s, name, hr + 1, vc, brow - 1, vc);
            chart_series_set_name(s, bname);
            chart_title_set_name(line, multi
                                           ? "National benchmark over time "
                                             "(%)"
                                           : "State benchmark over time (%)");
            chart_legend_set_position(line, LXW_CHART_LEGEND_NONE);
            keep(x, worksheet_insert_chart(ws, brow + 1, k.block, line));
        } else {
            keep(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
        }
    }
    sc_buf_free(&sub);
    keep(x, worksheet_set_column(ws, 0, 0, 7, NULL));
    keep(x, worksheet_set_column(ws, 1, 1, 18, NULL));
    if (k.state)
        keep(x, worksheet_set_column(ws, k.state, k.state, 14, NULL));
    if (ny > 0)
        keep(x, worksheet_set_column(ws, k.year0, (lxw_col_t)(k.dist - 1),
                                     7, NULL));
    keep(x, worksheet_set_column(ws, k.dist, k.of, 10, NULL));
    if (k.nrank)
        keep(x, worksheet_set_column(ws, k.nrank, k.nof, 10, NULL));
    keep(x, worksheet_set_column(ws, k.gap, k.gap, 12, NULL));
    keep(x, worksheet_set_column(ws, k.trend, k.trend, 20, NULL));
    keep(x, worksheet_set_column(ws, k.slope, k.goal, 11, NULL));
    if (k.bench)
        keep(x, worksheet_set_column(ws, k.bench, k.vs, 11, NULL));
    if (k.nbench)
        keep(x, worksheet_set_column(ws, k.nbench, k.nvs, 11, NULL));
    keep(x, worksheet_set_column(ws, k.block, (lxw_col_t)(k.block + 2), 11,
                                 NULL));
    worksheet_freeze_panes(ws, hr + 1, 2);
    if (last > hr)
        keep(x, worksheet_autofilter(ws, hr, 0, last, k.last));
    worksheet_set_landscape(ws);
    worksheet_fit_to_pages(ws, 1, 0);
    keep(x, worksheet_repeat_rows(ws, hr, hr));
}
