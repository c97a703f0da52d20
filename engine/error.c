/* SPDX-License-Identifier: MIT */
/*
 * Status codes (from the SC_STATUS_MAP table) and the diagnostics list.
 * The list stores up to a cap of errors and of warnings, and counts all.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <scorecard/common.h>
#include <scorecard/diag.h>

#include "internal.h"

/* ------------------------------------------------------------ status codes */

static const char *const status_msgs[] = {
#define SC_STATUS_MSG_(name, msg) msg,
    SC_STATUS_MAP(SC_STATUS_MSG_)
#undef SC_STATUS_MSG_
};

static const char *const status_names[] = {
#define SC_STATUS_NAME_(name, msg) #name,
    SC_STATUS_MAP(SC_STATUS_NAME_)
#undef SC_STATUS_NAME_
};

SC_API const char *
sc_status_str(sc_status status)
{
    if ((unsigned)status >= SC_STATUS_COUNT_)
        return "unknown status";
    return status_msgs[status];
}

SC_API const char *
sc_status_name(sc_status status)
{
    if ((unsigned)status >= SC_STATUS_COUNT_)
        return "SC_UNKNOWN";
    return status_names[status];
}

SC_API const char *
sc_version(void)
{
    return SC_VERSION;
}

SC_API const char *
sc_severity_str(sc_severity severity)
{
    return severity == SC_SEV_WARNING ? "warning" : "error";
}

/* --------------------------------------------------------- diagnostics */

struct sc_diagnostics {
    sc_diag *items;
    size_t count;
    size_t cap;
    size_t max;         /* per severity; 0 = unlimited */
    size_t stored[3];   /* indexed by severity */
    size_t total[3];
};

SC_API sc_diagnostics *
sc_diagnostics_new(size_t max_per_severity)
{
    sc_diagnostics *l = calloc(1, sizeof *l);
    if (l)
        l->max = max_per_severity;
    return l;
}

SC_API void
sc_diagnostics_free(sc_diagnostics *l)
{
    if (!l)
        return;
    for (size_t i = 0; i < l->count; i++) {
        free((char *)l->items[i].file);
        free((char *)l->items[i].message);
        free((char *)l->items[i].code);
    }
    free(l->items);
    free(l);
}

SC_API size_t
sc_diagnostics_count(const sc_diagnostics *l)
{
    return l ? l->count : 0;
}

SC_API const sc_diag *
sc_diagnostics_get(const sc_diagnostics *l, size_t i)
{
    if (!l || i >= l->count)
        return NULL;
    return &l->items[i];
}

SC_API size_t
sc_diagnostics_total(const sc_diagnostics *l, sc_severity sev)
{
    if (!l || (sev != SC_SEV_ERROR && sev != SC_SEV_WARNING))
        return 0;
    return l->total[sev];
}

/* Whether a diagnostic of this severity would be stored (under the cap). */
int
sc_diag_wanted(const sc_diagnostics *l, sc_severity sev)
{
    return l->max == 0 || l->stored[sev] < l->max;
}

/* Count a diagnostic that is not stored. Cannot fail. */
void
sc_diag_count_only(sc_diagnostics *l, sc_severity sev)
{
    l->total[sev]++;
}

/* A copy of s with control characters written as \n, \r, \t or \xHH, so
 * that no message can start a fake line (a forged "file:line: error" or a
 * GitHub "::error" command) or drive a terminal. NULL when out of memory. */
static char *
escape_controls(const char *s)
{
    sc_buf b = {0};
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        sc_status st;
        if (*p == '\n')
            st = sc_buf_append(&b, "\\n", 2);
        else if (*p == '\r')
            st = sc_buf_append(&b, "\\r", 2);
        else if (*p == '\t')
            st = sc_buf_append(&b, "\\t", 2);
        else if (*p < 0x20 || *p == 0x7F)
            st = sc_buf_appendf(&b, "\\x%02X", *p);
        else
            st = sc_buf_append(&b, (const char *)p, 1);
        if (st != SC_OK) {
            sc_buf_free(&b);
            return NULL;
        }
    }
    return b.data ? b.data : sc_strdup("");
}

SC_API sc_status
sc_diagnostics_add(sc_diagnostics *l, sc_severity sev, const char *code,
                   const char *file, unsigned long line, unsigned long column,
                   const char *message)
{
    if (!l || (sev != SC_SEV_ERROR && sev != SC_SEV_WARNING) || !message)
        return SC_ERR_INVALID_ARG;
    l->total[sev]++;
    if (!sc_diag_wanted(l, sev))
        return SC_OK;
    if (sc_grow((void **)&l->items, &l->cap, l->count + 1, sizeof *l->items))
        return SC_ERR_NOMEM;
    char *f = sc_strdup(file ? file : "<input>");
    char *m = escape_controls(message);
    char *c = sc_strdup(code ? code : "error");
    if (!f || !m || !c) {
        free(f);
        free(m);
        free(c);
        return SC_ERR_NOMEM;
    }
    sc_diag *d = &l->items[l->count++];
    d->severity = sev;
    d->code = c;
    d->file = f;
    d->line = line;
    d->column = line ? column : 0;
    d->message = m;
    l->stored[sev]++;
    return SC_OK;
}

/* Format and add; the message is built only when it will be stored. */
sc_status
sc_diag_vaddf(sc_diagnostics *l, sc_severity sev, const char *code,
              const char *file, unsigned long line, unsigned long column,
              const char *fmt, va_list ap)
{
    if (!sc_diag_wanted(l, sev)) {
        sc_diag_count_only(l, sev);
        return SC_OK;
    }
    sc_buf b = {0};
    sc_status st = sc_buf_vappendf(&b, fmt, ap);
    if (st == SC_OK)
        st = sc_diagnostics_add(l, sev, code, file, line, column,
                                b.data ? b.data : "");
    else
        sc_diag_count_only(l, sev);
    sc_buf_free(&b);
    return st;
}

sc_status
sc_diag_addf(sc_diagnostics *l, sc_severity sev, const char *code,
             const char *file, unsigned long line, unsigned long column,
             const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    sc_status st = sc_diag_vaddf(l, sev, code, file, line, column, fmt, ap);
    va_end(ap);
    return st;
}

SC_API size_t
sc_diag_format(const sc_diag *d, char *buf, size_t size)
{
    int n;
    if (!d)
        return 0;
    if (d->line && d->column)
        n = snprintf(buf, size, "%s:%lu:%lu: %s: %s", d->file, d->line,
                     d->column, sc_severity_str(d->severity), d->message);
    else if (d->line)
        n = snprintf(buf, size, "%s:%lu: %s: %s", d->file, d->line,
                     sc_severity_str(d->severity), d->message);
    else
        n = snprintf(buf, size, "%s: %s: %s", d->file,
                     sc_severity_str(d->severity), d->message);
    return n < 0 ? 0 : (size_t)n;
}

size_t
sc_diag_max(const sc_diagnostics *l)
{
    return l ? l->max : 0;
}

sc_status
sc_diag_merge(sc_diagnostics *dst, sc_diagnostics *src)
{
    if (!src)
        return SC_OK;
    sc_status st = SC_OK;
    for (size_t i = 0; i < src->count; i++) {
        sc_diag *d = &src->items[i];
        if (st == SC_OK && sc_diag_wanted(dst, d->severity) &&
            sc_grow((void **)&dst->items, &dst->cap, dst->count + 1,
                    sizeof *dst->items) == SC_OK) {
            dst->items[dst->count++] = *d;
            dst->stored[d->severity]++;
            continue;
        }
        if (sc_diag_wanted(dst, d->severity))
            st = SC_ERR_NOMEM;
        free((char *)d->code);
        free((char *)d->file);
        free((char *)d->message);
    }
    for (int s = 0; s < 3; s++)
        dst->total[s] += src->total[s];
    src->count = 0;
    memset(src->stored, 0, sizeof src->stored);
    memset(src->total, 0, sizeof src->total);
    return st;
}
