/* SPDX-License-Identifier: MIT */
/*
 * The workbook's private header (emit_xlsx*.c): the writing context, the
 * cell helpers every sheet uses, and the sheets' entry points in the
 * order they appear in the workbook.
 */
#ifndef SC_XLSX_BOOK_H
#define SC_XLSX_BOOK_H

#include <math.h>
#include <stddef.h>
#include <xlsxwriter.h>

#include "compute.h"

#define EXCEL_ROWS 1048576u            /* rows per sheet, header included */
#define DATA_ROWS (EXCEL_ROWS - 1)     /* data rows per Data sheet */
#define MAX_CELL_TEXT 32767u           /* characters in one cell */

/* Colors: green (goal met) to red (far from it), a blue for charts. */
#define GREEN 0x63BE7B
#define YELLOW 0xFFEB84
#define RED 0xF8696B
#define BLUE 0x4472C4

/* A county and its rank, for sorting an indicator sheet's rows. */
typedef struct ranked {
    size_t geo;
    int rank;    /* 0: not ranked */
} ranked;

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

/* Record the first libxlsxwriter error; the sheets go on (a workbook is
 * written whole or not at all). */
static inline void
keep(xctx *x, lxw_error e)
{
    if (e != LXW_NO_ERROR && x->err == LXW_NO_ERROR)
        x->err = e;
}

/* A worksheet, counted: its part is xl/worksheets/sheet<N>.xml. NULL when
 * out of memory (recorded). */
lxw_worksheet *sc_xlsx_add_sheet(xctx *x, const char *name);
/* A cell text cut to Excel's limit at a character boundary (in x->tmp
 * when it had to change). */
const char *sc_xlsx_cell_text(xctx *x, const char *s);

/* A text cell (nothing for an empty text) and a number cell (nothing for
 * NaN). */
static inline void
str(xctx *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, const char *s,
    lxw_format *f)
{
    if (!s || !*s)
        return;
    keep(x, worksheet_write_string(ws, row, col, sc_xlsx_cell_text(x, s), f));
}

static inline void
num(xctx *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, double v,
    lxw_format *f)
{
    if (isfinite(v))
        keep(x, worksheet_write_number(ws, row, col, v, f));
}

/* The text of a suppressed cell's comment. */
static inline const char *
suppressed_why(int reason)
{
    return reason == SC_REASON_LOW_DENOMINATOR
               ? "Suppressed: the denominator is below the indicator's "
                 "minimum (low_denominator)."
           : reason == SC_REASON_RULE
               ? "Suppressed by the dataset's rule for this source "
                 "(suppress_if): see the indicator's description."
               : "Suppressed by the source (source_suppressed).";
}

/* "*" with a comment giving the reason (comments need random access, so
 * they are left out in constant-memory mode; the reason is in Data). */
static inline void
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
static inline const char *
human(xctx *x, const char *word)
{
    if (!word)
        return NULL;
    sc_buf_reset(&x->tmp);
    for (const char *p = word; *p; p++)
        sc_buf_append(&x->tmp, *p == '_' ? " " : p, 1);
    return x->tmp.data ? x->tmp.data : "";
}

/* printf into b in the C locale; "" when out of memory (recorded). */
const char *sc_xlsx_cfmt(xctx *x, sc_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* A valid, unique sheet name (<= 31 characters, none of []:*?/\, not
 * one of the workbook's own, "States" included when `states`); NULL when
 * out of memory. Free it. */
char *sc_xlsx_sheet_name(char **taken, size_t ntaken, const char *want,
                         int states);

/* The number format of an indicator's percentages. */
static inline lxw_format *
pct(xctx *x, const sc_indicator *ind)
{
    int k = ind->info.decimals;
    return x->pct[k < 0 ? 0 : k > 4 ? 4 : k];
}

/* Counties, in geo_id order. */
static inline int
is_county(const sc_dataset *ds, size_t g)
{
    return ds->geos[g].info.level == SC_LEVEL_COUNTY;
}

/* The k-th group in output order (geography, indicator, subgroup). */
static inline const sc_group *
out_group(const sc_results *r, size_t k)
{
    return &r->groups[r->out_groups[k]];
}

/* The All group of (geo, indicator), or NULL. */
static inline const sc_group *
all_group(const sc_results *r, size_t g, size_t i)
{
    long k = r->gi_first[g * r->ds->ninds + i];
    if (k < 0 || r->groups[k].subgroup != 0)
        return NULL;
    return &r->groups[k];
}

/* The name of county g's state (SPEC §2.4), or NULL without one. */
static inline const char *
state_name(const sc_dataset *ds, size_t g)
{
    uint32_t s = ds->geos[g].state;
    return s != SC_NONE ? ds->geos[s].info.name : NULL;
}

/* The 3-color scale on distance over the range. */
void sc_xlsx_distance_scale(xctx *x, lxw_worksheet *ws, lxw_row_t r0,
                            lxw_col_t c0, lxw_row_t r1, lxw_col_t c1);

/* ------------------------------------------------- sheets, in order */

/* emit_xlsx_scorecard.c */
void sc_xlsx_write_scorecard(xctx *x);
/* emit_xlsx_states.c: only in a multi-state dataset */
void sc_xlsx_write_states(xctx *x);
/* emit_xlsx_trends.c */
void sc_xlsx_write_trends(xctx *x);
/* emit_xlsx_indicator.c: indicator i's sheet (order: scratch, ngeos) */
void sc_xlsx_write_indicator(xctx *x, size_t i, ranked *order);
/* emit_xlsx_data.c: the Data sheets' frames */
void sc_xlsx_write_data(xctx *x);
/* emit_xlsx_about.c */
void sc_xlsx_write_indicators(xctx *x);
void sc_xlsx_write_about(xctx *x);

/* libxlsxwriter's part: every sheet (the Data sheets' frames only), then
 * its package (emit_xlsx.c). */
lxw_error sc_xlsx_build_skeleton(xctx *x);

#endif /* SC_XLSX_BOOK_H */
