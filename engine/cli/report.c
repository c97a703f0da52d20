/* SPDX-License-Identifier: MIT */
/*
 * Diagnostic output in three formats. Text goes one problem a line, as
 * compilers do, so editors and CI log parsers can jump to file:line:col.
 * Also the progress line of build and validate on a terminal.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

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

/* ---------------------------------------------------------------- numbers */

const char *
group_digits(char *buf, size_t size, long n)
{
    if (size == 0)
        return buf;
    char digits[32]; /* least significant first */
    unsigned long u = n < 0 ? 0ul - (unsigned long)n : (unsigned long)n;
    size_t nd = 0, at = 0;
    do {
        digits[nd++] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (n < 0 && at + 1 < size)
        buf[at++] = '-';
    for (size_t i = nd; i-- > 0 && at + 1 < size;) {
        buf[at++] = digits[i];
        if (i % 3 == 0 && i > 0 && at + 1 < size)
            buf[at++] = ',';
    }
    buf[at] = '\0';
    return buf;
}

/* ----------------------------------------------------------- progress line */

#define PROGRESS_TICK_NS 100000000L /* 0.1 s: at most ten redraws a second */

struct cli_progress {
    FILE *out;
    pthread_mutex_t lock;
    pthread_cond_t wake;
    pthread_t thread;
    int have_thread;
    int stop;
    int hold;              /* progress_hold() depth */
    int have;              /* cur holds a stage to show */
    int drawn;             /* the line on the terminal shows something */
    sc_stage stage;
    char unit[16];         /* "" when there is no count */
    size_t done, total;
    struct timespec t0;    /* progress_new() */
    double last_draw;      /* seconds since t0; < 0 before the first */
    int drawn_stage;       /* stage of the last frame; -1 before it */
};

static double
elapsed(const cli_progress *pr)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)(t.tv_sec - pr->t0.tv_sec) +
           (double)(t.tv_nsec - pr->t0.tv_nsec) * 1e-9;
}

static int
term_width(FILE *out)
{
    struct winsize ws;
    if (ioctl(fileno(out), TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 20)
        return ws.ws_col;
    return 80;
}

/* "\r" + the line + erase to the end of the line, in one write. Called
 * with the lock held. */
static void
draw_locked(cli_progress *pr)
{
    if (!pr->have || pr->hold)
        return;
    double t = elapsed(pr);
    long tenths = (long)(t * 10.0), secs = tenths / 10;
    char el[32], a[32], b[32], text[256], line[300];
    /* integers only: no locale can change the decimal point */
    if (secs < 60)
        snprintf(el, sizeof el, "%ld.%ld s", secs, tenths % 10);
    else
        snprintf(el, sizeof el, "%ld min %02ld s", secs / 60, secs % 60);
    const char *stage = sc_stage_str(pr->stage);
    int n;
    if (pr->unit[0] && pr->total > 0) {
        unsigned pct = (unsigned)((unsigned long long)pr->done * 100u /
                                  pr->total);
        n = snprintf(text, sizeof text, "scorecard: %s %s of %s %s (%u%%), %s",
                     stage ? stage : "working",
                     group_digits(a, sizeof a, (long)pr->done),
                     group_digits(b, sizeof b, (long)pr->total), pr->unit,
                     pct, el);
    } else {
        n = snprintf(text, sizeof text, "scorecard: %s, %s",
                     stage ? stage : "working", el);
    }
    if (n < 0)
        return;
    int width = term_width(pr->out) - 1; /* the last column would wrap */
    if (n > width)
        n = width;
    int len = snprintf(line, sizeof line, "\r%.*s\033[K", n, text);
    if (len > 0) {
        fwrite(line, 1, (size_t)len < sizeof line ? (size_t)len
                                                  : sizeof line - 1,
               pr->out);
        fflush(pr->out);
    }
    pr->drawn = 1;
    pr->last_draw = t;
    pr->drawn_stage = (int)pr->stage;
}

static void
erase_locked(cli_progress *pr)
{
    if (!pr->drawn)
        return;
    fputs("\r\033[K", pr->out);
    fflush(pr->out);
    pr->drawn = 0;
}

/* Redraw every tick, so that the elapsed time moves. */
static void *
ticker(void *arg)
{
    cli_progress *pr = arg;
    pthread_mutex_lock(&pr->lock);
    while (!pr->stop) {
        struct timespec until;
        clock_gettime(CLOCK_MONOTONIC, &until);
        until.tv_nsec += PROGRESS_TICK_NS;
        if (until.tv_nsec >= 1000000000L) {
            until.tv_sec++;
            until.tv_nsec -= 1000000000L;
        }
        pthread_cond_timedwait(&pr->wake, &pr->lock, &until);
        if (!pr->stop && elapsed(pr) - pr->last_draw >= 0.095)
            draw_locked(pr);
    }
    pthread_mutex_unlock(&pr->lock);
    return NULL;
}

cli_progress *
progress_new(FILE *out)
{
    cli_progress *pr = calloc(1, sizeof *pr);
    if (!pr)
        return NULL;
    pr->out = out;
    pr->last_draw = -1.0;
    pr->drawn_stage = -1;
    clock_gettime(CLOCK_MONOTONIC, &pr->t0);
    pthread_condattr_t ca;
    if (pthread_mutex_init(&pr->lock, NULL) != 0) {
        free(pr);
        return NULL;
    }
    if (pthread_condattr_init(&ca) != 0) {
        pthread_mutex_destroy(&pr->lock);
        free(pr);
        return NULL;
    }
    int bad = pthread_condattr_setclock(&ca, CLOCK_MONOTONIC) != 0 ||
              pthread_cond_init(&pr->wake, &ca) != 0;
    pthread_condattr_destroy(&ca);
    if (bad) {
        pthread_mutex_destroy(&pr->lock);
        free(pr);
        return NULL;
    }
    /* without the thread, reports still redraw (throttled) */
    pr->have_thread = pthread_create(&pr->thread, NULL, ticker, pr) == 0;
    return pr;
}

/* Draw a new stage at once (there are four), else leave it to the
 * ticker (or, without one, to this report when a tick has passed). */
static void
changed_locked(cli_progress *pr)
{
    pr->have = 1;
    if (pr->drawn_stage != (int)pr->stage ||
        (!pr->have_thread && elapsed(pr) - pr->last_draw >= 0.1))
        draw_locked(pr);
}

void
progress_update(void *ctx, const sc_progress *p)
{
    cli_progress *pr = ctx;
    if (!pr || !p)
        return;
    pthread_mutex_lock(&pr->lock);
    pr->stage = p->stage;
    snprintf(pr->unit, sizeof pr->unit, "%s", p->unit ? p->unit : "");
    pr->done = p->done;
    pr->total = p->total;
    changed_locked(pr);
    pthread_mutex_unlock(&pr->lock);
}

void
progress_stage(cli_progress *pr, sc_stage stage)
{
    if (!pr)
        return;
    pthread_mutex_lock(&pr->lock);
    pr->stage = stage;
    pr->unit[0] = '\0';
    pr->done = pr->total = 0;
    changed_locked(pr);
    pthread_mutex_unlock(&pr->lock);
}

void
progress_hold(cli_progress *pr)
{
    if (!pr)
        return;
    pthread_mutex_lock(&pr->lock);
    pr->hold++;
    erase_locked(pr);
    pthread_mutex_unlock(&pr->lock);
}

void
progress_release(cli_progress *pr)
{
    if (!pr)
        return;
    pthread_mutex_lock(&pr->lock);
    if (pr->hold > 0)
        pr->hold--;
    pthread_mutex_unlock(&pr->lock);
}

void
progress_free(cli_progress *pr)
{
    if (!pr)
        return;
    pthread_mutex_lock(&pr->lock);
    pr->stop = 1;
    pthread_cond_signal(&pr->wake);
    pthread_mutex_unlock(&pr->lock);
    if (pr->have_thread)
        pthread_join(pr->thread, NULL);
    erase_locked(pr);
    pthread_cond_destroy(&pr->wake);
    pthread_mutex_destroy(&pr->lock);
    free(pr);
}
