/* SPDX-License-Identifier: MIT */
/*
 * The Trends sheet (SPEC §5.2): one row per county and indicator, the
 * trend's arrow (an icon set), status, slope, p-value, the year the goal
 * is met on the trend and the pace toward the goal year; in a multi-state
 * dataset the county's state beside its name (SPEC §3.10).
 */
#include "config.h"

#include <string.h>
#include <xlsxwriter.h>

#include "compute.h"
#include "xlsx_book.h"

/* --------------------------------------------------------------- Trends */

/* The Trends sheet. Errors are recorded in x. */
void
sc_xlsx_write_trends(xctx *x)
{
    const sc_dataset *ds = x->ds;
    const sc_results *r = x->r;
    lxw_worksheet *ws = sc_xlsx_add_sheet(x, "Trends");
    if (!ws) {
        keep(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
        return;
    }
    static const char *const head[] = {
        "FIPS", "County", "Indicator", "Latest value (%)", "Trend",
        "Status", "Slope (points a year)", "p-value", "Goal met by (year)",
        "Pace toward the goal year"};
    /* a multi-state dataset has the State column after County: the
     * columns from Indicator on move one right */
    const lxw_col_t o = ds->multi_state ? 1 : 0;
    const int nh = (int)(sizeof head / sizeof *head) + o;
    keep(x, worksheet_set_row(ws, 0, 48, NULL));
    for (int c = 0; c < nh - o; c++)
        str(x, ws, 0, (lxw_col_t)(c < 2 ? c : c + o), head[c], x->header);
    if (o)
        str(x, ws, 0, 2, "State", x->header);
    lxw_row_t row = 1;
    for (size_t g = 0; g < ds->ngeos; g++) {
        if (!is_county(ds, g))
            continue;
        for (size_t i = 0; i < ds->ninds; i++) {
            const sc_group *gr = all_group(r, g, i);
            const sc_indicator *ind = &ds->inds[i];
            str(x, ws, row, 0, ds->geos[g].id, x->text);
            str(x, ws, row, 1, ds->geos[g].info.name, x->text);
            if (o)
                str(x, ws, row, 2, state_name(ds, g), x->text);
            str(x, ws, row, 2 + o, ind->info.name, x->text);
            if (gr && gr->latest >= 0) {
                const sc_obs *ob = &ds->obs[gr->latest];
                if (ob->reason != SC_REASON_NONE)
                    suppressed(x, ws, row, 3 + o, ob->reason);
                else
                    num(x, ws, row, 3 + o, ob->value, pct(x, ind));
            }
            if (gr) {
                const sc_trend *t = &gr->trend;
                /* +1 improving, -1 worsening, 0 otherwise: the arrows */
                double arrow = t->status == SC_TREND_IMPROVING   ? 1
                               : t->status == SC_TREND_WORSENING ? -1
                                                                 : 0;
                if (t->status != SC_TREND_NONE)
                    num(x, ws, row, 4 + o, arrow, x->integer);
                str(x, ws, row, 5 + o,
                    human(x, sc_trend_status_str(t->status)), x->words);
                num(x, ws, row, 6 + o, t->slope, x->pct[3]);
                num(x, ws, row, 7 + o, t->p, x->pvalue);
                lxw_col_t pc = 8 + o;
                if (t->projection == SC_PROJ_PROJECTED)
                    num(x, ws, row, pc, t->projected_year, x->integer);
                else if (t->projection == SC_PROJ_TARGET_MET)
                    str(x, ws, row, pc, "met", x->words);
                else if (t->projection == SC_PROJ_BEYOND)
                    str(x, ws, row, pc, "beyond 100 years", x->words);
                else if (t->projection == SC_PROJ_NOT_PROJECTED)
                    str(x, ws, row, pc, "not on this trend", x->words);
                str(x, ws, row, 9 + o,
                    human(x, sc_trend_pace_str(t->pace)), x->words);
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
        keep(x, worksheet_conditional_format_range(ws, 1, 4 + o, last,
                                                   4 + o, &cf));
        keep(x, worksheet_autofilter(ws, 0, 0, last, (lxw_col_t)(nh - 1)));
    }
    keep(x, worksheet_set_column(ws, 0, 0, 7, NULL));
    keep(x, worksheet_set_column(ws, 1, 1, 18, NULL));
    if (o)
        keep(x, worksheet_set_column(ws, 2, 2, 14, NULL));
    keep(x, worksheet_set_column(ws, 2 + o, 2 + o, 60, NULL));
    keep(x, worksheet_set_column(ws, 3 + o, 3 + o, 10, NULL));
    keep(x, worksheet_set_column(ws, 4 + o, 4 + o, 7, NULL));
    keep(x, worksheet_set_column(ws, 5 + o, 5 + o, 24, NULL));
    keep(x, worksheet_set_column(ws, 6 + o, 7 + o, 12, NULL));
    keep(x, worksheet_set_column(ws, 8 + o, 8 + o, 18, NULL));
    keep(x, worksheet_set_column(ws, 9 + o, 9 + o, 24, NULL));
    worksheet_freeze_panes(ws, 1, 2);
    worksheet_set_landscape(ws);
    worksheet_fit_to_pages(ws, 1, 0);
    keep(x, worksheet_repeat_rows(ws, 0, 0));
}
