/* SPDX-License-Identifier: MIT */
/*
 * Stage 3: observations (SPEC §2.3, §3.1). Streams one indicator's CSV,
 * maps its columns onto the canonical ones, parses every cell
 * (locale-independent), applies filter, scope and transforms, works out
 * suppression and the unstable flag, and hands each row to the row-level
 * checks of validate.c. Cell syntax errors are reported here.
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "csvfile.h"
#include "internal.h"
#include "progress.h"

#define Z90 SC_Z90

typedef struct lctx {
    const sc_dataset *ds;
    sc_part *part;
    sc_indicator *ind;
    size_t ii;
    sc_diagnostics *diags;
    size_t *parts[SC_COL_COUNT];  /* file columns of each canonical column */
    size_t nparts[SC_COL_COUNT];
    long *filter;                 /* file column of each filter */
    long *supp;                   /* file column of each suppress_if */
    const sc_csv_rec *rec;        /* the row being read */
    double z;                     /* two-sided z of ci_level */
    sc_buf cell[SC_COL_COUNT];    /* concatenated cell texts */
    sc_buf tmp;
    int row_error;
    /* the last geo_id looked up in the geographies file: rows of one
     * county often come together */
    char last_id[32];
    size_t last_idn;             /* 0: none */
    long last_known;
    size_t kept_or_skipped_rows; /* data rows within scope and filter */
    size_t data_rows;            /* all data rows read */
    unsigned long line;          /* where the last record started */
    unsigned long progress_line; /* lines passed to sc_progress_add */
} lctx;

/* Lines between two progress reports of one file. */
#define SC_PROGRESS_LINES 16384ul

/* The markers: blank, "*", "S", "-", "NA", "N/A", "LNE". */
int
sc_is_marker(const char *s, size_t n)
{
    switch (n) {
    case 0:
        return 1;
    case 1:
        return s[0] == '*' || s[0] == 'S' || s[0] == '-';
    case 2:
        return s[0] == 'N' && s[1] == 'A';
    case 3:
        return memcmp(s, "N/A", 3) == 0 || memcmp(s, "LNE", 3) == 0;
    default:
        return 0;
    }
}

/* Report at canonical column col of the current row (row-level rules). */
static void __attribute__((format(printf, 5, 6)))
row_report(void *vctx, sc_severity sev, const char *code, sc_col col,
           const char *fmt, ...)
{
    lctx *L = vctx;
    const sc_csv_rec *rec = L->rec;
    unsigned long line = rec->line, column = 1;
    if (L->nparts[col] && sc_diag_wanted(L->diags, sev))
        sc_csv_locate(L->ind->path, rec->offset, rec->line, L->parts[col][0],
                      &line, &column, NULL);
    va_list ap;
    va_start(ap, fmt);
    sc_diag_vaddf(L->diags, sev, code, L->ind->path, line, column, fmt, ap);
    va_end(ap);
    if (sev == SC_SEV_ERROR)
        L->row_error = 1;
}

/* A text cell the outputs show (a name, a subgroup) that a spreadsheet
 * would run as a formula: a formula-like-text warning at the cell. */
static void
formula_check(lctx *L, sc_col col, const char *what, const char *t, size_t n)
{
    if (sc_formula_like(t, n))
        row_report(L, SC_SEV_WARNING, "formula-like-text", col,
                   "%s '%s' begins with '%c'" SC_FORMULA_HINT, what,
                   sc_csv_shorten(&L->tmp, t, n), t[0]);
}

/* The file columns of a filter or suppress_if rule's column names, into
 * *out. Returns 0, -1 when a column is missing (reported), -2 when out
 * of memory. */
static int
match_columns(lctx *L, const sc_csv_rec *rec, const char *key,
              char *const *names, size_t n, long **out, const char *have)
{
    if (!n)
        return 0;
    *out = calloc(n, sizeof **out);
    if (!*out)
        return -2;
    int r = 0;
    for (size_t f = 0; f < n; f++) {
        (*out)[f] = -1;
        for (size_t i = 0; i < rec->nfields; i++) {
            size_t len = rec->lens[i];
            const char *h = sc_trim(rec->fields[i], &len);
            if (sc_strieq(h, len, names[f])) {
                (*out)[f] = (long)i;
                break;
            }
        }
        if ((*out)[f] < 0) {
            if (sc_diag_addf(L->diags, SC_SEV_ERROR, "missing-column",
                             L->ind->path, rec->line, 1,
                             "%s column '%s' not found in the header; the "
                             "header has: %s",
                             key, names[f], have) == SC_ERR_NOMEM)
                return -2;
            r = -1;
        }
    }
    return r;
}

/* Whether every column cols[f] of the row equals vals[f] (trimmed). A
 * row shorter than the header has empty cells there. */
static int
row_matches(const sc_csv_rec *rec, const long *cols, char *const *vals,
            size_t n)
{
    for (size_t f = 0; f < n; f++) {
        size_t len = (size_t)cols[f] < rec->nfields ? rec->lens[cols[f]] : 0;
        const char *t = len ? sc_trim(rec->fields[cols[f]], &len) : "";
        if (strlen(vals[f]) != len || memcmp(t, vals[f], len) != 0)
            return 0;
    }
    return 1;
}

/* Header: find every canonical and filter column. Returns SC_ERR_DATA to
 * stop reading when the header cannot be used. */
static sc_status
read_header(lctx *L, const sc_csv_rec *rec)
{
    sc_indicator *ind = L->ind;
    int ok = 1;
    sc_buf list = {0};
    for (size_t i = 0; i < rec->nfields && i < 12; i++) {
        size_t n = rec->lens[i];
        const char *h = sc_trim(rec->fields[i], &n);
        if (sc_buf_appendf(&list, "%s%.*s", i ? ", " : "", (int)n, h))
            return SC_ERR_NOMEM;
    }
    if (rec->nfields > 12 && sc_buf_append(&list, ", ...", 5))
        return SC_ERR_NOMEM;
    const char *have = list.data ? list.data : "";

    for (int c = 0; c < SC_COL_COUNT; c++) {
        size_t nn = ind->ncols[c] ? ind->ncols[c] : 1;
        L->parts[c] = calloc(nn, sizeof *L->parts[c]);
        if (!L->parts[c])
            goto nomem;
        size_t found = 0;
        for (size_t k = 0; k < nn; k++) {
            const char *want = ind->ncols[c] ? ind->names[c][k] : sc_col_names[c];
            long at = -1;
            for (size_t i = 0; i < rec->nfields; i++) {
                size_t n = rec->lens[i];
                const char *h = sc_trim(rec->fields[i], &n);
                if (!sc_strieq(h, n, want))
                    continue;
                if (at >= 0) {
                    unsigned long line, col;
                    sc_csv_locate(ind->path, rec->offset, rec->line, i, &line,
                                  &col, NULL);
                    if (sc_diag_addf(L->diags, SC_SEV_ERROR,
                                     "duplicate-column", ind->path, line, col,
                                     "duplicate column '%s' in the header "
                                     "(also column %ld); rename one",
                                     want, at + 1) == SC_ERR_NOMEM)
                        goto nomem;
                    ok = 0;
                    break;
                }
                at = (long)i;
            }
            if (at < 0) {
                if (ind->mapped[c]) {
                    if (sc_diag_addf(L->diags, SC_SEV_ERROR, "missing-column",
                                     ind->path, rec->line, 1,
                                     "column '%s' (mapped to %s in the "
                                     "manifest) not found in the header; the "
                                     "header has: %s",
                                     want, sc_col_names[c], have)
                        == SC_ERR_NOMEM)
                        goto nomem;
                    ok = 0;
                }
                continue;
            }
            L->parts[c][found++] = (size_t)at;
        }
        L->nparts[c] = found == nn ? nn : 0;
        ind->field[c] = L->nparts[c] ? (long)L->parts[c][0] : -1;
    }
    static const sc_col required[] = {SC_COL_GEO_ID, SC_COL_YEAR};
    for (size_t r = 0; r < 2; r++) {
        sc_col c = required[r];
        if (!L->nparts[c] && !ind->mapped[c]) {
            if (sc_diag_addf(L->diags, SC_SEV_ERROR, "missing-column",
                             ind->path, rec->line, 1,
                             "missing required column '%s'; the header has: "
                             "%s (map a column with \"columns\" in the "
                             "manifest)",
                             sc_col_names[c], have) == SC_ERR_NOMEM)
                goto nomem;
            ok = 0;
        }
    }
    if (!L->nparts[SC_COL_VALUE] && !ind->mapped[SC_COL_VALUE] &&
        !(L->nparts[SC_COL_NUMERATOR] && L->nparts[SC_COL_DENOMINATOR])) {
        if (sc_diag_addf(L->diags, SC_SEV_ERROR, "missing-column", ind->path,
                         rec->line, 1,
                         "missing required column 'value' (or both "
                         "'numerator' and 'denominator'); the header has: %s",
                         have) == SC_ERR_NOMEM)
            goto nomem;
        ok = 0;
    }
    switch (match_columns(L, rec, "filter", ind->filter_cols, ind->nfilter,
                          &L->filter, have)) {
    case -2: goto nomem;
    case -1: ok = 0; break;
    default: break;
    }
    switch (match_columns(L, rec, "suppress_if", ind->supp_cols, ind->nsupp,
                          &L->supp, have)) {
    case -2: goto nomem;
    case -1: ok = 0; break;
    default: break;
    }
    sc_buf_free(&list);
    ind->loaded = ok;
    return ok ? SC_OK : SC_ERR_DATA;
nomem:
    sc_buf_free(&list);
    return SC_ERR_NOMEM;
}

/* The trimmed text of canonical column c in the current row (concatenated
 * parts), or "" when the column is absent. */
static const char *
cell(lctx *L, sc_col c, size_t *len)
{
    const sc_csv_rec *rec = L->rec;
    if (L->nparts[c] == 0) {
        *len = 0;
        return "";
    }
    if (L->nparts[c] == 1) {
        size_t i = L->parts[c][0];
        *len = rec->lens[i];
        return sc_trim(rec->fields[i], len);
    }
    sc_buf *b = &L->cell[c];
    sc_buf_reset(b);
    for (size_t k = 0; k < L->nparts[c]; k++) {
        size_t i = L->parts[c][k];
        size_t n = rec->lens[i];
        const char *t = sc_trim(rec->fields[i], &n);
        if (sc_buf_append(b, t, n))
            return NULL;
    }
    *len = b->len;
    return b->data ? b->data : "";
}

/* A numeric cell: NaN when blank or a marker; reports non-numbers. */
/* Whether s looks like digits grouped by commas ("1,234", "12,345.6"). */
static int
grouped(const char *s, size_t n)
{
    double v;
    return memchr(s, ',', n) && sc_parse_number(s, n, ',', &v) == 0;
}

static double
number(lctx *L, sc_col c, const char *s, size_t n, int allow_sep)
{
    if (L->nparts[c] == 0 || sc_is_marker(s, n))
        return NAN;
    double v;
    int r = sc_parse_number(s, n, allow_sep ? L->ind->thousands_sep : 0, &v);
    if (r == 0)
        return v;
    const char *t = sc_csv_shorten(&L->tmp, s, n);
    if (r == -2)
        row_report(L, SC_SEV_ERROR, "non-numeric", c,
                   "%s '%s' is too large for a number", sc_col_names[c], t);
    else if (r == -3)
        row_report(L, SC_SEV_ERROR, "non-numeric", c,
                   "%s '%s' is too long to be a number (over 512 "
                   "characters)",
                   sc_col_names[c], t);
    else if (c == SC_COL_VALUE)
        row_report(L, SC_SEV_ERROR, "non-numeric", c,
                   "value '%s' is not a number; expected a percentage such as "
                   "42.5, a blank, or a suppression marker (*, S, N/A, NA, "
                   "LNE, -)%s",
                   t,
                   (grouped(s, n) && !L->ind->thousands_sep)
                       ? " (for 1,234 set \"thousands_separator\": \",\")"
                       : "");
    else
        row_report(L, SC_SEV_ERROR, "non-numeric", c,
                   "%s '%s' is not a number; expected a number or a blank%s",
                   sc_col_names[c], t,
                   (grouped(s, n) && !L->ind->thousands_sep)
                       ? " (for 1,234 set \"thousands_separator\": \",\")"
                       : "");
    return NAN;
}

static int
is_fips5(const char *s, size_t n)
{
    if (n != 5)
        return 0;
    for (size_t i = 0; i < 5; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return 1;
}

/* Append one observation to the part's window (room for every record the
 * file's lines could hold, counted before reading). */
static sc_status
push_obs(lctx *L, sc_obs *o, const sc_csv_rec *rec)
{
    sc_part *p = L->part;
    if (p->nobs >= p->cap) {
        sc_diag_addf(L->diags, SC_SEV_ERROR, "unreadable-file", L->ind->path,
                     rec->line, 1,
                     "the file grew while it was being read; run again when "
                     "nothing is writing to it");
        return SC_ERR_IO;
    }
    o->line = rec->line > UINT32_MAX ? UINT32_MAX : (uint32_t)rec->line;
    p->obs[p->nobs++] = *o;
    return SC_OK;
}

/* The local id of an inferred geography, added when new. */
static sc_status
part_geo(sc_part *p, const char *id, size_t n, size_t *index)
{
    SC_TRY(sc_strtab_intern(&p->geo_ids, id, n, index));
    if (*index < p->geo_cap)
        return SC_OK;
    size_t cap = p->geo_cap;
    if (sc_grow((void **)&p->geo_names, &cap, *index + 1,
                sizeof *p->geo_names))
        return SC_ERR_NOMEM;
    size_t cap2 = p->geo_cap;
    if (sc_grow((void **)&p->geo_name_years, &cap2, cap,
                sizeof *p->geo_name_years))
        return SC_ERR_NOMEM;
    for (size_t i = p->geo_cap; i < cap; i++) {
        p->geo_names[i] = NULL;
        p->geo_name_years[i] = SC_NO_YEAR;
    }
    p->geo_cap = cap;
    return SC_OK;
}

void
sc_part_free(sc_part *p)
{
    if (!p)
        return;
    sc_strtab_free(&p->subgroups);
    sc_strtab_free(&p->labels);
    for (size_t i = 0; i < p->geo_ids.count && i < p->geo_cap; i++)
        free(p->geo_names[i]);
    sc_strtab_free(&p->geo_ids);
    free(p->geo_names);
    free(p->geo_name_years);
    sc_diagnostics_free(p->diags);
    memset(p, 0, sizeof *p);
}

/* The id of s[0..n) in t, added when new unless t already holds `limit`
 * strings: then an error at column col, and SC_ERR_DATA stops the file. */
static sc_status
intern_limited(lctx *L, sc_strtab *t, sc_col col, const char *s, size_t n,
               unsigned limit, const char *what, size_t *id)
{
    if (t->count >= limit && sc_strtab_find(t, s, n) < 0) {
        row_report(L, SC_SEV_ERROR, "limit", col,
                   "more than %u distinct %s; that is the limit (the rest "
                   "of the file is not read)",
                   limit, what);
        return SC_ERR_DATA;
    }
    return sc_strtab_intern(t, s, n, id);
}

static sc_status
on_row(void *vctx, const sc_csv_rec *rec)
{
    lctx *L = vctx;
    const sc_dataset *ds = L->ds;
    sc_part *part = L->part;
    sc_indicator *ind = L->ind;
    L->rec = rec;
    L->line = rec->line;
    if (rec->line - L->progress_line >= SC_PROGRESS_LINES) {
        sc_progress_add(ds, rec->line - L->progress_line);
        L->progress_line = rec->line;
    }
    if (rec->index == 0)
        return read_header(L, rec);
    L->row_error = 0;
    L->data_rows++;

    /* filter: keep only rows where every named column equals its text */
    if (ind->nfilter && !row_matches(rec, L->filter, ind->filter_vals,
                                     ind->nfilter))
        return SC_OK;
    size_t len[SC_COL_COUNT];
    const char *txt[SC_COL_COUNT];
    for (int c = 0; c < SC_COL_COUNT; c++) {
        txt[c] = cell(L, (sc_col)c, &len[c]);
        if (!txt[c])
            return SC_ERR_NOMEM;
    }

    /* geography: malformed ids are errors whatever the scope; well-formed
     * ids of other states are skipped silently (SPEC §2.4) */
    const char *id = txt[SC_COL_GEO_ID];
    size_t idn = len[SC_COL_GEO_ID];
    if (idn == 0) {
        row_report(L, SC_SEV_ERROR, "missing-geo-id", SC_COL_GEO_ID,
                   "empty geo_id; expected a county FIPS code such as 06037");
        return SC_OK;
    }
    long known = -1;
    if (!ds->geo_path) {
        if (!is_fips5(id, idn)) {
            row_report(L, SC_SEV_ERROR, "unknown-geo-id", SC_COL_GEO_ID,
                       "geo_id '%s' is not a 5-digit FIPS code; without a "
                       "geographies file ids must be FIPS codes (keep the "
                       "leading zero: 06037)",
                       sc_csv_shorten(&L->tmp, id, idn));
            return SC_OK;
        }
        /* 00000 is the nation (SPEC §2.4), kept unless a scope cuts the
         * dataset down to one state */
        if (ds->scope && memcmp(id, ds->scope, 2) != 0)
            return SC_OK;
    } else {
        if (idn == L->last_idn && memcmp(id, L->last_id, idn) == 0) {
            known = L->last_known;
        } else {
            known = sc_strtab_find(&ds->geo_ids, id, idn);
            if (idn < sizeof L->last_id) {
                memcpy(L->last_id, id, idn);
                L->last_idn = idn;
                L->last_known = known;
            }
        }
        if (known < 0 && ds->scope && is_fips5(id, idn) &&
            memcmp(id, ds->scope, 2) != 0)
            return SC_OK; /* another state's county: out of scope */
        if (known < 0 && ds->geo_broken)
            return SC_OK; /* the geographies file itself was reported */
        if (known < 0) {
            row_report(L, SC_SEV_ERROR, "unknown-geo-id", SC_COL_GEO_ID,
                       "geo_id '%s' is not in the geographies file %s",
                       sc_csv_shorten(&L->tmp, id, idn), ds->geo_path);
            return SC_OK;
        }
        if (!ds->geos[known].in_scope)
            return SC_OK;
    }
    L->kept_or_skipped_rows++;

    /* year */
    long year;
    int is_range;
    if (sc_parse_year(txt[SC_COL_YEAR], len[SC_COL_YEAR], &year, &is_range)) {
        row_report(L, SC_SEV_ERROR, "bad-year", SC_COL_YEAR,
                   "year '%s' is not a year; expected an integer such as "
                   "2019 or a range such as 2019-2021",
                   sc_csv_shorten(&L->tmp, txt[SC_COL_YEAR],
                                  len[SC_COL_YEAR]));
        return SC_OK;
    }

    /* numbers */
    const char *vt = txt[SC_COL_VALUE];
    size_t vn = len[SC_COL_VALUE];
    double value = number(L, SC_COL_VALUE, vt, vn, 1);
    double num = number(L, SC_COL_NUMERATOR, txt[SC_COL_NUMERATOR],
                        len[SC_COL_NUMERATOR], 1);
    double den = number(L, SC_COL_DENOMINATOR, txt[SC_COL_DENOMINATOR],
                        len[SC_COL_DENOMINATOR], 1);
    double moe = number(L, SC_COL_MOE, txt[SC_COL_MOE], len[SC_COL_MOE], 0);
    double lo = number(L, SC_COL_CI_LOW, txt[SC_COL_CI_LOW],
                       len[SC_COL_CI_LOW], 0);
    double hi = number(L, SC_COL_CI_HIGH, txt[SC_COL_CI_HIGH],
                       len[SC_COL_CI_HIGH], 0);
    if (L->row_error)
        return SC_OK;

    /* transforms (SPEC §2.3, §3.9.5): scale, then complement */
    double s = ind->scale;
    sc_row row;
    memset(&row, 0, sizeof row);
    row.ind = ind;
    row.value = value * s;
    row.num = num;
    row.den = den;
    row.moe = moe * s;
    row.ci_lo = lo * s;
    row.ci_hi = hi * s;
    row.year = year;
    for (int c = 0; c < SC_COL_COUNT; c++)
        row.text[c] = txt[c];
    double v = row.value, n2 = num, lo2 = row.ci_lo, hi2 = row.ci_hi;
    if (ind->complement) {
        v = 100.0 - v;
        lo2 = 100.0 - row.ci_hi;
        hi2 = 100.0 - row.ci_lo;
        n2 = den - num; /* NaN unless both counts are present */
    }
    row.value_final = v;
    double m = row.moe;
    if (isnan(m) && !isnan(lo2) && !isnan(hi2))
        m = (hi2 - lo2) / 2.0 * Z90 / L->z;
    sc_validate_row(&row, row_report, L);

    /* suppression (SPEC §3.1, §3.9.4) */
    sc_obs o;
    memset(&o, 0, sizeof o);
    if (L->row_error)
        return SC_OK; /* reported; a bad row is not stored */
    size_t geo = (size_t)known;
    if (!ds->geo_path) {
        if (part->geo_ids.count >= SC_MAX_GEOGRAPHIES &&
            sc_strtab_find(&part->geo_ids, id, idn) < 0) {
            row_report(L, SC_SEV_ERROR, "limit", SC_COL_GEO_ID,
                       "more than %u distinct geo_ids; that is the limit "
                       "(the rest of the file is not read)",
                       SC_MAX_GEOGRAPHIES);
            return SC_ERR_DATA; /* stops reading this file */
        }
        SC_TRY(part_geo(part, id, idn, &geo));
    }
    o.geo = (uint32_t)geo;
    o.ind = (uint16_t)L->ii;
    o.year = (int16_t)year; /* 1900-2100: sc_validate_row checked it */
    o.moe = m;
    o.num = n2;
    o.den = den;
    if (!isnan(v)) {
        o.value = v;
    } else if (vn == 0 && !isnan(n2) && !isnan(den)) {
        /* from the counts: 100 * numerator / denominator, in that order
         * (SPEC §2.3; n2 / den first differs in the last bit, which
         * children_gap's + 0.5 can expose), unless 100 * n2 overflows */
        double hundred = 100.0 * n2;
        o.value = den > 0 ? (isfinite(hundred) ? hundred / den
                                               : 100.0 * (n2 / den))
                          : NAN;
    } else {
        o.value = NAN;
        o.reason = SC_REASON_SOURCE_SUPPRESSED;
    }
    if (o.reason == SC_REASON_NONE && ind->nsupp &&
        row_matches(rec, L->supp, ind->supp_vals, ind->nsupp))
        o.reason = SC_REASON_RULE;
    if (o.reason == SC_REASON_NONE && !isnan(den) &&
        (den < ind->info.min_denominator || den <= 0))
        o.reason = SC_REASON_LOW_DENOMINATOR;
    if (o.reason != SC_REASON_NONE) {
        o.value = o.moe = o.num = o.den = NAN;
    } else if (!isnan(o.moe) && o.moe > 0 &&
               (o.value == 0 || (o.moe / Z90) / o.value > ind->info.max_rse)) {
        o.unstable = 1;
    }

    /* subgroup, year label */
    size_t sg = 0;
    if (len[SC_COL_SUBGROUP]) {
        size_t before = part->subgroups.count;
        SC_TRY(intern_limited(L, &part->subgroups, SC_COL_SUBGROUP,
                              txt[SC_COL_SUBGROUP], len[SC_COL_SUBGROUP],
                              SC_MAX_SUBGROUPS, "subgroups", &sg));
        if (part->subgroups.count > before) /* once, where it first is */
            formula_check(L, SC_COL_SUBGROUP, "subgroup",
                          txt[SC_COL_SUBGROUP], len[SC_COL_SUBGROUP]);
    }
    o.subgroup = (uint16_t)sg;
    if (is_range) {
        size_t lab;
        SC_TRY(intern_limited(L, &part->labels, SC_COL_YEAR, txt[SC_COL_YEAR],
                              len[SC_COL_YEAR], SC_MAX_LABELS, "year ranges",
                              &lab));
        o.label = (uint16_t)(lab + 1);
    }

    /* names: inferred (latest year wins) or checked against the file */
    if (len[SC_COL_GEO_NAME]) {
        const char *nm = txt[SC_COL_GEO_NAME];
        size_t nn = len[SC_COL_GEO_NAME];
        if (!ds->geo_path) {
            /* the latest year's name wins; on a tie within one file the
             * alphabetically first (never the order of the rows); across
             * files the first indicator's (dataset.c) */
            char **have = &part->geo_names[geo];
            int *have_year = &part->geo_name_years[geo];
            int take = !*have || year > *have_year;
            if (!take && year == *have_year) {
                char *cand = sc_strndup(nm, nn);
                if (!cand)
                    return SC_ERR_NOMEM;
                take = strcmp(cand, *have) < 0;
                free(cand);
            }
            if (take) {
                if (!*have || strlen(*have) != nn ||
                    memcmp(*have, nm, nn) != 0) /* once a new name */
                    formula_check(L, SC_COL_GEO_NAME, "geo_name", nm, nn);
                char *copy = sc_strndup(nm, nn);
                if (!copy)
                    return SC_ERR_NOMEM;
                free(*have);
                *have = copy;
                *have_year = (int)year;
            }
        } else {
            const sc_geo *g = &ds->geos[geo];
            if (g->name && !sc_strieq(nm, nn, g->name)) {
                /* "Los Angeles County" matches "Los Angeles" */
                size_t gl = strlen(g->name);
                int suffix = nn == gl + 7 && sc_strieq(nm, gl, g->name) &&
                             sc_strieq(nm + gl, 7, " County");
                if (!suffix)
                    row_report(L, SC_SEV_WARNING, "name-mismatch",
                               SC_COL_GEO_NAME,
                               "geo_name '%s' differs from '%s', the name of "
                               "%s in %s",
                               sc_csv_shorten(&L->tmp, nm, nn), g->name,
                               g->id, ds->geo_path);
            }
        }
    }
    return push_obs(L, &o, rec);
}

sc_status
sc_load_observations(sc_dataset *ds, size_t ii, sc_part *part)
{
    lctx L;
    memset(&L, 0, sizeof L);
    L.ds = ds;
    L.part = part;
    L.ind = &ds->inds[ii];
    L.ii = ii;
    L.diags = part->diags;
    L.z = sc_stats_z(L.ind->ci_level);
    size_t all;
    SC_TRY(sc_strtab_intern(&part->subgroups, "All", 3, &all));
    sc_csv_ref ref = {L.ind->ref_path, L.ind->ref_line, L.ind->ref_col};
    sc_diagnostics *diags = part->diags;
    size_t errors = sc_diagnostics_total(diags, SC_SEV_ERROR);
    sc_status st = sc_csv_read(L.ind->path, &ref, diags, &L.ind->lines,
                               on_row, &L);
    sc_progress_add(ds, L.line - L.progress_line);
    if (st == SC_OK && L.data_rows == 0 && L.ind->loaded)
        sc_diag_addf(diags, SC_SEV_WARNING, "no-rows-kept", L.ind->path, 1, 1,
                     "the file has a header but no data rows");
    if (st == SC_OK && L.data_rows > 0 && part->nobs == 0 &&
        L.kept_or_skipped_rows == 0 &&
        sc_diagnostics_total(diags, SC_SEV_ERROR) == errors)
        sc_diag_addf(diags, SC_SEV_WARNING, "no-rows-kept", L.ind->path, 1, 1,
                     "none of the %lu data rows is kept%s%s%s; check the "
                     "manifest's scope and filter",
                     (unsigned long)L.data_rows,
                     ds->scope ? " (scope \"" : "",
                     ds->scope ? ds->scope : "", ds->scope ? "\")" : "");
    for (int c = 0; c < SC_COL_COUNT; c++) {
        free(L.parts[c]);
        sc_buf_free(&L.cell[c]);
    }
    free(L.filter);
    free(L.supp);
    sc_buf_free(&L.tmp);
    if (st == SC_ERR_DATA)
        st = SC_OK;
    return st;
}
