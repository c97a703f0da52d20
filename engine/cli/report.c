/* SPDX-License-Identifier: MIT */
/*
 * Diagnostic output in three formats. Text goes one problem a line, as
 * compilers do, so editors and CI log parsers can jump to file:line:col.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"

/* JSON string with escapes. */
static void
json_string(FILE *out, const char *s)
{
    fputc('"', out);
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            fprintf(out, "\\%c", c);
        else if (c == '\n')
            fputs("\\n", out);
        else if (c == '\r')
            fputs("\\r", out);
        else if (c == '\t')
            fputs("\\t", out);
        else if (c < 0x20)
            fprintf(out, "\\u%04x", c);
        else
            fputc(c, out);
    }
    fputc('"', out);
}

/* GitHub workflow-command escaping; properties also escape ':' and ','. */
static void
gh_escape(FILE *out, const char *s, int property)
{
    for (; *s; s++) {
        if (*s == '%')
            fputs("%25", out);
        else if (*s == '\r')
            fputs("%0D", out);
        else if (*s == '\n')
            fputs("%0A", out);
        else if (property && *s == ':')
            fputs("%3A", out);
        else if (property && *s == ',')
            fputs("%2C", out);
        else
            fputc(*s, out);
    }
}

static void
plural(FILE *out, size_t n, const char *word)
{
    fprintf(out, "%zu %s%s", n, word, n == 1 ? "" : "s");
}

void
report_diagnostics(FILE *out, const sc_diagnostics *diags, cli_format format,
                   const char *dataset, int quiet, int strict)
{
    size_t n = sc_diagnostics_count(diags);
    size_t errors = sc_diagnostics_total(diags, SC_SEV_ERROR);
    size_t warnings = sc_diagnostics_total(diags, SC_SEV_WARNING);
    size_t shown_e = 0, shown_w = 0;
    for (size_t i = 0; i < n; i++) {
        if (sc_diagnostics_get(diags, i)->severity == SC_SEV_ERROR)
            shown_e++;
        else
            shown_w++;
    }
    if (format == FMT_JSON) {
        fputs("{\"dataset\":", out);
        json_string(out, dataset);
        fprintf(out, ",\"valid\":%s,\"errors\":%zu,\"warnings\":%zu,"
                     "\"shown\":%zu,\"diagnostics\":[",
                (errors == 0 && !(strict && warnings)) ? "true" : "false",
                errors, warnings, n);
        for (size_t i = 0; i < n; i++) {
            const sc_diag *d = sc_diagnostics_get(diags, i);
            fputs(i ? ",\n{\"file\":" : "\n{\"file\":", out);
            json_string(out, d->file);
            fprintf(out, ",\"line\":%lu,\"column\":%lu,\"severity\":\"%s\","
                         "\"code\":",
                    d->line, d->column, sc_severity_str(d->severity));
            json_string(out, d->code);
            fputs(",\"message\":", out);
            json_string(out, d->message);
            fputc('}', out);
        }
        fputs("]}\n", out);
        return;
    }
    for (size_t i = 0; i < n; i++) {
        const sc_diag *d = sc_diagnostics_get(diags, i);
        if (format == FMT_GITHUB) {
            fprintf(out, "::%s file=", sc_severity_str(d->severity));
            gh_escape(out, d->file, 1);
            if (d->line)
                fprintf(out, ",line=%lu", d->line);
            if (d->column)
                fprintf(out, ",col=%lu", d->column);
            fputs(",title=scorecard ", out);
            gh_escape(out, d->code, 1);
            fputs("::", out);
            gh_escape(out, d->message, 0);
            fputc('\n', out);
        } else {
            size_t len = sc_diag_format(d, NULL, 0);
            char *buf = malloc(len + 1);
            if (!buf) {
                fputs("scorecard: out of memory\n", stderr);
                return;
            }
            sc_diag_format(d, buf, len + 1);
            fprintf(out, "%s\n", buf);
            free(buf);
        }
    }
    if (quiet)
        return;
    FILE *s = format == FMT_GITHUB ? stderr : out;
    fprintf(s, "%s: ", dataset);
    plural(s, errors, "error");
    fputs(", ", s);
    plural(s, warnings, "warning");
    if (errors > shown_e || warnings > shown_w) {
        fprintf(s, " (%zu not shown; raise --max-errors, 0 shows all)",
                (errors - shown_e) + (warnings - shown_w));
    }
    if (errors == 0 && !(strict && warnings))
        fputs("; valid", s);
    else if (errors == 0)
        fputs("; invalid under --strict", s);
    fputc('\n', s);
}
