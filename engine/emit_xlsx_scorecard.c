/* SPDX-License-Identifier: MIT */
/*
 * The Scorecard sheet (SPEC §5.2): one row per county, overall score and
 * rank, each indicator's latest value and distance to the goal with a
 * 3-color scale; it opens first. In a multi-state dataset (SPEC §3.10)
 * each county also shows its state, and the overall and domain scores
 * with the rank in the state beside the national rank.
 */
#include "config.h"

#include <string.h>
#include <xlsxwriter.h>

#include "compute.h"
#include "xlsx_book.h"

/* ------------------------------------------------------------ Scorecard */

/* A composite's cells from column c on: score, rank (in the state when
 * multi) and, when multi, the national rank. */
static void
comp_cells(xctx *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t c,
           const sc_comp *k, int multi)
{
    num(x, ws, row, c, k->score, x->pct[1]);
    if (k->rank)
        num(x, ws, row, (lxw_col_t)(c + 1), k->rank, x->integer);
    if (multi && k->nrank)
        num(x, ws, row, (lxw_col_t)(c + 2), k->nrank, x->integer);
}

/* The Scorecard sheet, the one the workbook opens at. Errors are
 * recorded in x. */
void
sc_xlsx_write_scorecard(xctx *x)
{
    const sc_dataset *ds = x->ds;
    const sc_results *r = x->r;
    lxw_worksheet *ws = sc_xlsx_add_sheet(x, "Scorecard");
    if (!ws) {
        keep(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
        return;
    }
    size_t ni = ds->ninds, nd = ds->ndomains;
    int multi = ds->multi_state;
    /* FIPS, County[, State], Overall score, Overall rank[, national rank,
     * each domain's score, rank and national rank], then per indicator
     * its value and distance from column ic */
    lxw_col_t ic = (lxw_col_t)(multi ? 6 + 3 * nd : 4);
    lxw_col_t ncols = (lxw_col_t)(ic + 2 * ni);
    keep(x, worksheet_set_row(ws, 0, 60, NULL));
    str(x, ws, 0, 0, "FIPS", x->header);
    str(x, ws, 0, 1, "County", x->header);
    sc_buf h = {0};
    if (multi) {
        str(x, ws, 0, 2, "State", x->header);
        str(x, ws, 0, 3, "Overall score", x->header);
        str(x, ws, 0, 4, "Overall rank in state", x->header);
        str(x, ws, 0, 5, "Overall national rank", x->header);
        for (size_t d = 0; d < nd; d++) {
            lxw_col_t c = (lxw_col_t)(6 + 3 * d);
            const char *dn = ds->domains[d];
            str(x, ws, 0, c, sc_xlsx_cfmt(x, &h, "%s score", dn),
                x->header);
            str(x, ws, 0, (lxw_col_t)(c + 1),
                sc_xlsx_cfmt(x, &h, "%s rank in state", dn), x->header);
            str(x, ws, 0, (lxw_col_t)(c + 2),
                sc_xlsx_cfmt(x, &h, "%s national rank", dn), x->header);
        }
    } else {
        str(x, ws, 0, 2, "Overall score", x->header);
        str(x, ws, 0, 3, "Overall rank", x->header);
    }
    for (size_t i = 0; i < ni; i++) {
        const sc_indicator *ind = &ds->inds[i];
        str(x, ws, 0, (lxw_col_t)(ic + 2 * i),
            sc_xlsx_cfmt(x, &h, "%s, %d (%%)", ind->info.name,
                         ind->latest_year == SC_NO_YEAR ? 0
                                                        : ind->latest_year),
            x->header);
        if (ind->info.target != 100 && ind->info.target != 0)
            sc_xlsx_cfmt(x, &h, "Distance to the target (%g%%)",
                         ind->info.target);
        else
            sc_xlsx_cfmt(x, &h, "Distance to %s%%",
                         ind->info.direction == SC_HIGHER_IS_BETTER ? "100"
                                                                    : "0");
        str(x, ws, 0, (lxw_col_t)(ic + 1 + 2 * i), h.data ? h.data : "",
            x->header);
    }
    sc_buf_free(&h);
    lxw_row_t row = 1;
    for (size_t g = 0; g < ds->ngeos; g++) {
        if (!is_county(ds, g))
            continue;
        str(x, ws, row, 0, ds->geos[g].id, x->text);
        str(x, ws, row, 1, ds->geos[g].info.name, x->text);
        if (multi) {
            str(x, ws, row, 2, state_name(ds, g), x->text);
            comp_cells(x, ws, row, 3, &r->overall[g], 1);
            for (size_t d = 0; d < nd; d++)
                comp_cells(x, ws, row, (lxw_col_t)(6 + 3 * d),
                           &r->domains[g * nd + d], 1);
        } else {
            comp_cells(x, ws, row, 2, &r->overall[g], 0);
        }
        for (size_t i = 0; i < ni; i++) {
            const sc_group *gr = all_group(r, g, i);
            lxw_col_t c = (lxw_col_t)(ic + 2 * i);
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
        sc_xlsx_distance_scale(x, ws, 1, (lxw_col_t)(ic + 1 + 2 * i), last,
                               (lxw_col_t)(ic + 1 + 2 * i));
    keep(x, worksheet_set_column(ws, 0, 0, 7, NULL));
    keep(x, worksheet_set_column(ws, 1, 1, 18, NULL));
    if (multi)
        keep(x, worksheet_set_column(ws, 2, 2, 14, NULL));
    keep(x, worksheet_set_column(ws, multi ? 3 : 2, ic - 1, 9, NULL));
    keep(x, worksheet_set_column(ws, ic, ncols - 1, 12, NULL));
    worksheet_freeze_panes(ws, 1, 2);
    if (last >= 1)
        keep(x, worksheet_autofilter(ws, 0, 0, last, ncols - 1));
    worksheet_set_landscape(ws);
    worksheet_fit_to_pages(ws, 1, 0); /* one page wide when printed */
    keep(x, worksheet_repeat_rows(ws, 0, 0));
    worksheet_activate(ws);
}
