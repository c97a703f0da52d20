/* SPDX-License-Identifier: MIT */
/*
 * The scorecard program: parses options, calls libscorecard, prints, and
 * chooses the exit code. All computing happens in the library.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <scorecard.h>

#include "cli_config.h"
#include "options.h"
#include "report.h"

/* Where the bundled sample and catalog live: $SCORECARD_DATADIR, the
 * source tree when this binary runs from its build directory, else the
 * installed datadir. */
static const char *
data_root(void)
{
    const char *env = getenv("SCORECARD_DATADIR");
    if (env && *env)
        return env;
    static char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        size_t bl = strlen(SC_CLI_BUILD_ROOT);
        if ((size_t)n > bl && strncmp(exe, SC_CLI_BUILD_ROOT, bl) == 0 &&
            exe[bl] == '/')
            return SC_CLI_SOURCE_ROOT;
    }
    return SC_CLI_INSTALL_DATADIR;
}

/* mkdir -p: create dir and its parents. Returns 0 or -1 with errno. */
static int
make_dirs(const char *dir)
{
    char *p = strdup(dir);
    if (!p)
        return -1;
    for (char *q = p + 1; *q; q++) {
        if (*q != '/')
            continue;
        *q = '\0';
        if (mkdir(p, 0755) != 0 && errno != EEXIST) {
            free(p);
            return -1;
        }
        *q = '/';
    }
    int r = mkdir(p, 0755) != 0 && errno != EEXIST ? -1 : 0;
    free(p);
    return r;
}

static int
ieq(const char *a, const char *b)
{
    return strcasecmp(a, b) == 0;
}

/* Find GEO by geo_id, then by name (case-insensitive, " County" optional). */
static int
find_geo(const sc_dataset *ds, const char *geo, size_t *index)
{
    if (sc_dataset_find_geography(ds, geo, index) == SC_OK)
        return 1;
    for (size_t i = 0; i < sc_dataset_geography_count(ds); i++) {
        const char *name = sc_dataset_geography(ds, i)->name;
        size_t n = strlen(name), m = strlen(geo);
        if (ieq(name, geo) ||
            (m == n + 7 && strncasecmp(geo, name, n) == 0 &&
             ieq(geo + n, " County")) ||
            (n == m + 7 && strncasecmp(name, geo, m) == 0 &&
             ieq(name + m, " County"))) {
            *index = i;
            return 1;
        }
    }
    return 0;
}

/* "  12.3" or "     -" for NaN. */
static void
cell_num(char *buf, size_t size, double x, int decimals)
{
    if (x != x)
        snprintf(buf, size, "-");
    else
        snprintf(buf, size, "%.*f", decimals, x);
}

static const char *
arrow(const char *status)
{
    if (!status)
        return " ";
    if (strcmp(status, "improving") == 0)
        return "\u2191"; /* up arrow */
    if (strcmp(status, "worsening") == 0)
        return "\u2193"; /* down arrow */
    if (strcmp(status, "no_significant_change") == 0)
        return "\u2192"; /* right arrow */
    return "\u00b7";     /* middle dot: insufficient data */
}

/* Whom geography geo is ranked among, for "rank 3 of 7<peers>": "" in a
 * single-state dataset, else " in Texas", " among counties without a
 * state" or " among states". */
static void
peer_phrase(const sc_dataset *ds, const sc_geography_info *geo, char *buf,
            size_t size)
{
    size_t si;
    buf[0] = '\0';
    if (!sc_dataset_multi_state(ds))
        return;
    if (geo->level == SC_LEVEL_STATE)
        snprintf(buf, size, " among states");
    else if (geo->level != SC_LEVEL_COUNTY)
        return;
    else if (geo->state &&
             sc_dataset_find_geography(ds, geo->state, &si) == SC_OK)
        snprintf(buf, size, " in %s", sc_dataset_geography(ds, si)->name);
    else
        snprintf(buf, size, " among counties without a state");
}

/* A count, with thousands separators when grouped ("1,402"): a
 * multi-state show groups them; a single-state one prints as it always
 * has ("1402"). */
static const char *
count(char *buf, size_t size, long n, int grouped)
{
    if (grouped)
        return group_digits(buf, size, n);
    snprintf(buf, size, "%ld", n);
    return buf;
}

/* "rank 12 of 254 in Texas, 1,402 of 3,100 nationally" (the national part
 * only when asked for and ranked). */
static void
rank_phrase(char *buf, size_t size, long rank, long of, const char *peers,
            int national, long nrank, long nof, int grouped)
{
    char a[32], b[32], c[32], d[32];
    int n = snprintf(buf, size, "rank %s of %s%s",
                     count(a, sizeof a, rank, grouped),
                     count(b, sizeof b, of, grouped), peers);
    if (national && nrank && n > 0 && (size_t)n < size)
        snprintf(buf + n, size - (size_t)n, ", %s of %s nationally",
                 count(c, sizeof c, nrank, grouped),
                 count(d, sizeof d, nof, grouped));
}

/* "12/254", or "-" when not ranked. */
static void
rank_cell(char *buf, size_t size, long rank, long of, int grouped)
{
    char a[32], b[32];
    if (rank)
        snprintf(buf, size, "%s/%s", count(a, sizeof a, rank, grouped),
                 count(b, sizeof b, of, grouped));
    else
        snprintf(buf, size, "-");
}

/* Append to a header row: text centred in width columns, padded with
 * dashes (a label over a group of columns). */
static size_t
group_label(char *row, size_t at, size_t size, const char *label,
            size_t width)
{
    /* column 0 is the space between groups */
    size_t n = strlen(label) + 2,
           left = 1 + (width > n + 1 ? (width - 1 - n) / 2 : 0);
    for (size_t i = 0; i < width && at + 1 < size; i++) {
        char ch = '-';
        if (i == 0)
            ch = ' ';
        else if (i >= left && i < left + n)
            ch = i == left || i == left + n - 1 ? ' ' : label[i - left - 1];
        row[at++] = ch;
    }
    row[at] = '\0';
    return at;
}

/* Warnings `build` prints before writing (all of them: `validate`). */
#define BUILD_WARNINGS_SHOWN 5

/* A build or show with warnings only: the first `shown` of them, then
 * how many there are and where to read them all. */
static void
warnings_summary(const sc_diagnostics *diags, const char *dataset,
                 size_t shown)
{
    size_t n = sc_diagnostics_count(diags);
    size_t total = sc_diagnostics_total(diags, SC_SEV_WARNING);
    if (shown > n)
        shown = n;
    for (size_t i = 0; i < shown; i++) {
        char line[1024];
        sc_diag_format(sc_diagnostics_get(diags, i), line, sizeof line);
        fprintf(stderr, "%s\n", line);
    }
    fprintf(stderr, "scorecard: %zu warning%s", total, total == 1 ? "" : "s");
    if (total > shown)
        fprintf(stderr, " (%zu not shown)", total - shown);
    fprintf(stderr, "; 'scorecard validate %s' lists every one\n",
            dataset && dataset[0] ? dataset : ".");
}

/* One geography's scorecard as a terminal table. In a multi-state
 * dataset ranks are within the county's state, with the national rank
 * beside them. A county shows its state's benchmark, and the nation's
 * beside it when the data has one; a state of a multi-state dataset the
 * nation's. */
static void
show_geo(const sc_dataset *ds, const sc_results *res, size_t g)
{
    const sc_geography_info *geo = sc_dataset_geography(ds, g);
    size_t ni = sc_dataset_indicator_count(ds);
    int multi = sc_dataset_multi_state(ds);
    int county = geo->level == SC_LEVEL_COUNTY;
    int nat = multi && county; /* the national rank column */
    int sbench = 0; /* a county's STATE column: it has a benchmark */
    int nbench = 0; /* the NATION column: a national benchmark exists */
    for (size_t i = 0; i < ni; i++) {
        sc_indicator_result r;
        sc_results_indicator(res, g, i, &r);
        sbench |= county && r.benchmark == r.benchmark;
        nbench |= r.national_benchmark == r.national_benchmark;
    }
    int bench = sbench || nbench;
    char a[32], b[32], c[32], peers[160], ranks[320];
    size_t si;
    peer_phrase(ds, geo, peers, sizeof peers);
    if (nat && geo->state &&
        sc_dataset_find_geography(ds, geo->state, &si) == SC_OK)
        printf("%s (%s), %s - %s\n", geo->name, geo->geo_id,
               sc_dataset_geography(ds, si)->name, sc_dataset_title(ds));
    else
        printf("%s (%s) - %s\n", geo->name, geo->geo_id,
               sc_dataset_title(ds));
    sc_score_result o;
    sc_results_overall(res, g, &o);
    cell_num(a, sizeof a, o.score, 1);
    char cover[64] = "";
    if (o.scored < o.total) /* say it when a domain is missing */
        snprintf(cover, sizeof cover, "  (%zu of %zu domains)", o.scored,
                 o.total);
    if (o.rank) {
        rank_phrase(ranks, sizeof ranks, o.rank, o.of, peers, nat,
                    o.national_rank, o.national_of, multi);
        printf("Overall score %s, %s%s\n", a, ranks, cover);
    } else {
        printf("Overall score %s%s\n", a, cover);
    }
    for (size_t d = 0; d < sc_dataset_domain_count(ds); d++) {
        sc_score_result s;
        sc_results_domain(res, g, d, &s);
        cell_num(a, sizeof a, s.score, 1);
        printf("  %-20s %6s", sc_dataset_domain(ds, d), a);
        if (s.rank) {
            rank_phrase(ranks, sizeof ranks, s.rank, s.of, peers, nat,
                        s.national_rank, s.national_of, multi);
            printf("  %s", ranks);
        }
        printf("  (%zu of %zu indicators)\n", s.scored, s.total);
    }

    /* the header: a second row labels the groups of added columns */
    char h1[512], h2[512];
    int w = snprintf(h2, sizeof h2, "%-46s %4s %6s %8s", "INDICATOR", "YEAR",
                     "VALUE", "DISTANCE");
    size_t at2 = w > 0 ? (size_t)w : 0, at1 = 0;
    for (; at1 < at2 && at1 + 1 < sizeof h1; at1++)
        h1[at1] = ' ';
    h1[at1] = '\0';
    if (nat) {
        at1 = group_label(h1, at1, sizeof h1, "RANK", 22);
        w = snprintf(h2 + at2, sizeof h2 - at2, " %9s %11s", "IN STATE",
                     "NATIONAL");
    } else {
        for (size_t k = 0; k < 9 && at1 + 1 < sizeof h1; k++)
            h1[at1++] = ' ';
        h1[at1] = '\0';
        w = snprintf(h2 + at2, sizeof h2 - at2, " %8s", "RANK");
    }
    at2 += w > 0 ? (size_t)w : 0;
    if (bench && county && nbench) {
        at1 = group_label(h1, at1, sizeof h1, "BENCHMARK", 18);
        w = snprintf(h2 + at2, sizeof h2 - at2, " %8s %8s", "STATE",
                     "NATION");
        at2 += w > 0 ? (size_t)w : 0;
    } else if (bench) {
        w = snprintf(h2 + at2, sizeof h2 - at2, " %9s", "BENCHMARK");
        at2 += w > 0 ? (size_t)w : 0;
    }
    snprintf(h2 + at2, sizeof h2 - at2, "  %-24s %s", "TREND",
             "GOAL MET BY");
    printf("\n");
    if (nat || (bench && county && nbench))
        printf("%s\n", h1);
    printf("%s\n", h2);
    int by_rule = 0, lastyear = 0, early = 0, projected = 0;
    for (size_t i = 0; i < ni; i++) { /* the latest year of any indicator */
        sc_indicator_result r;
        sc_results_indicator(res, g, i, &r);
        lastyear = r.year > lastyear ? r.year : lastyear;
    }
    for (size_t i = 0; i < ni; i++) {
        const sc_indicator_info *in = sc_dataset_indicator(ds, i);
        sc_indicator_result r;
        sc_results_indicator(res, g, i, &r);
        char year[8], rank[80], nrank[80], proj[48];
        snprintf(year, sizeof year, "%d", r.year);
        by_rule |= r.suppressed && r.reason == SC_REASON_RULE;
        if (r.suppressed)
            snprintf(a, sizeof a, "*");
        else
            cell_num(a, sizeof a, r.value, in->decimals);
        cell_num(b, sizeof b, r.distance, in->decimals);
        rank_cell(rank, sizeof rank, r.rank, r.of, multi);
        rank_cell(nrank, sizeof nrank, r.national_rank, r.national_of,
                  multi);
        if (r.projection && strcmp(r.projection, "projected") == 0) {
            /* from a series that ends before the others: say so */
            projected = 1;
            early |= r.year < lastyear;
            snprintf(proj, sizeof proj,
                     r.year < lastyear ? "%d (data to %d)" : "%d",
                     r.projected_year, r.year);
        }
        else if (r.projection && strcmp(r.projection, "target_met") == 0)
            snprintf(proj, sizeof proj, "met");
        else if (r.projection && strcmp(r.projection, "beyond_horizon") == 0)
            snprintf(proj, sizeof proj, "after %d", r.year + 100);
        else if (r.projection)
            snprintf(proj, sizeof proj, "not on this trend");
        else
            snprintf(proj, sizeof proj, "-");
        snprintf(c, sizeof c, "%s", r.status ? r.status : "-");
        for (char *p = c; *p; p++)
            if (*p == '_')
                *p = ' ';
        char name[47];
        snprintf(name, sizeof name, "%s", in->name);
        printf("%-46s %4s %6s %8s %*s", name, r.year ? year : "-", a, b,
               nat ? 9 : 8, rank);
        if (nat)
            printf(" %11s", nrank);
        if (bench) {
            char sb[32], nb[32];
            cell_num(sb, sizeof sb, r.benchmark, in->decimals);
            cell_num(nb, sizeof nb, r.national_benchmark, in->decimals);
            if (county && nbench)
                printf(" %8s %8s", sb, nb);
            else if (county)
                printf(" %9s", sb);
            else
                printf(" %9s", nb);
        }
        printf("  %s %-22s %s\n", arrow(r.status), c, proj);
    }
    printf("\nValue and distance in percentage points; distance is to the "
           "goal of all children (100%%, or 0%% for lower-is-better).\n"
           "* suppressed by the source or for a small denominator%s.\n",
           by_rule ? ", or by the dataset's suppress_if rule for its source "
                     "(see the\n  indicator's description)"
                   : "");
    if (projected)
        printf("GOAL MET BY: the year the straight-line trend reaches the "
               "goal%s; rates near\n100%% usually slow as they approach it, "
               "so read those years as optimistic.\n",
               early ? " (\"data to\":\nthe indicator's data end that year, "
                       "before the other indicators')"
                     : "");
    if (nat)
        printf("IN STATE ranks among the counties of the county's state "
               "(counties without one\nare ranked together), NATIONAL "
               "among every county of the dataset.\n");
    else if (multi && geo->level == SC_LEVEL_STATE)
        printf("Ranks are among the states of the dataset.\n");
    if (bench && county && nbench)
        printf("BENCHMARK: the state's and the nation's value that year "
               "(as reported, else\npooled over their counties, else the "
               "counties' median); a county without a\nstate has the "
               "nation's as its STATE benchmark.\n");
    else if (bench && county)
        printf("BENCHMARK: the state's value that year (as reported, else "
               "pooled over its\ncounties, else the counties' median).\n");
    else if (bench)
        printf("BENCHMARK: the nation's value that year (as reported, else "
               "pooled over every\ncounty, else the counties' median).\n");
}

static void
list_geo_line(const sc_geography_info *g, int depth)
{
    printf("%-7s %-7s %-7s %-7s %*s%s\n", g->geo_id, sc_level_str(g->level),
           g->parent[0] ? g->parent : "-", g->state ? g->state : "-",
           2 * depth, "", g->name);
}

/* list geographies: the hierarchy, one geography a line: the nation,
 * then each state followed by its counties, then the counties without a
 * state; NAME is indented two spaces a level. Returns 0, or -1 when out
 * of memory. */
static int
list_geographies(const sc_dataset *ds)
{
    size_t n = sc_dataset_geography_count(ds), si;
    /* the counties of state s: kids[start[s] .. start[s + 1]) */
    size_t *start = calloc(n + 1, sizeof *start);
    size_t *kids = malloc((n ? n : 1) * sizeof *kids);
    size_t *state_of = malloc((n ? n : 1) * sizeof *state_of);
    if (!start || !kids || !state_of) {
        free(start);
        free(kids);
        free(state_of);
        return -1;
    }
    int nation = 0;
    for (size_t i = 0; i < n; i++) {
        const sc_geography_info *g = sc_dataset_geography(ds, i);
        state_of[i] = n; /* none */
        if (g->level == SC_LEVEL_NATION)
            nation = 1;
        if (g->level == SC_LEVEL_COUNTY && g->state &&
            sc_dataset_find_geography(ds, g->state, &si) == SC_OK &&
            sc_dataset_geography(ds, si)->level == SC_LEVEL_STATE) {
            state_of[i] = si;
            start[si + 1]++;
        }
    }
    for (size_t s = 0; s < n; s++)
        start[s + 1] += start[s];
    for (size_t i = 0; i < n; i++)
        if (state_of[i] < n)
            kids[start[state_of[i]]++] = i;
    /* start[s] is now the end of state s's counties, start[s - 1] their
     * beginning */
    printf("%-7s %-7s %-7s %-7s %s\n", "GEO_ID", "LEVEL", "PARENT", "STATE",
           "NAME");
    for (size_t i = 0; i < n; i++)
        if (sc_dataset_geography(ds, i)->level == SC_LEVEL_NATION)
            list_geo_line(sc_dataset_geography(ds, i), 0);
    for (size_t s = 0; s < n; s++) {
        if (sc_dataset_geography(ds, s)->level != SC_LEVEL_STATE)
            continue;
        list_geo_line(sc_dataset_geography(ds, s), nation);
        for (size_t k = s ? start[s - 1] : 0; k < start[s]; k++)
            list_geo_line(sc_dataset_geography(ds, kids[k]), nation + 1);
    }
    for (size_t i = 0; i < n; i++) {
        const sc_geography_info *g = sc_dataset_geography(ds, i);
        if (g->level == SC_LEVEL_COUNTY && state_of[i] == n)
            list_geo_line(g, nation);
    }
    free(start);
    free(kids);
    free(state_of);
    return 0;
}

/* Monotonic clock, for --timings. */
static double
seconds(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

/* build: compute and write the requested formats into opt->outdir. */
/* DIR/NAME, or NULL when out of memory. */
static char *
out_path(const char *dir, const char *name)
{
    size_t n = strlen(dir) + strlen(name) + 2;
    char *p = malloc(n);
    if (p)
        snprintf(p, n, "%s/%s", dir, name);
    return p;
}

/* --timings: one stage's time on stderr (the progress line held). */
static void
timing(cli_progress *prog, const char *what, double t0)
{
    progress_hold(prog);
    fprintf(stderr, "scorecard: timings: %s %.3f s\n", what, seconds() - t0);
    progress_release(prog);
}

static int
run_build(const cli_options *opt, const sc_dataset *ds,
          sc_diagnostics *diags, cli_progress *prog)
{
    sc_results *res = NULL;
    double t0 = seconds();
    progress_stage(prog, SC_STAGE_COMPUTE); /* until sc_compute reports */
    sc_status st = sc_compute(ds, &res);
    if (opt->timings)
        timing(prog, "compute", t0);
    if (st != SC_OK) {
        progress_hold(prog);
        fprintf(stderr, "scorecard: computing failed: %s\n",
                sc_status_str(st));
        return EXIT_INTERNAL;
    }
    if (make_dirs(opt->outdir) != 0) {
        progress_hold(prog);
        fprintf(stderr, "scorecard: cannot create '%s': %s\n", opt->outdir,
                strerror(errno));
        sc_results_free(res);
        return EXIT_IO;
    }
    char *xlsx = out_path(opt->outdir, "scorecard.xlsx");
    char *json = out_path(opt->outdir, "scorecard.json");
    char *csv = out_path(opt->outdir, "scorecard.csv");
    char *split = out_path(opt->outdir, "json");
    char *html = out_path(opt->outdir, "scorecard.html");
    char *hsplit = out_path(opt->outdir, "html");
    char *maps = out_path(opt->outdir, "maps");
    if (!xlsx || !json || !csv || !split || !html || !hsplit || !maps) {
        progress_hold(prog);
        fputs("scorecard: out of memory\n", stderr);
        free(xlsx);
        free(json);
        free(csv);
        free(split);
        free(html);
        free(hsplit);
        free(maps);
        sc_results_free(res);
        return EXIT_INTERNAL;
    }
    sc_output_paths paths = {
        opt->want_xlsx ? xlsx : NULL,
        opt->want_json ? json : NULL,
        opt->want_json && opt->split ? split : NULL,
        opt->want_csv ? csv : NULL,
        opt->want_html ? html : NULL,
        opt->want_html && opt->split ? hsplit : NULL,
        opt->want_svg ? maps : NULL,
    };
    t0 = seconds();
    st = sc_write_outputs(res, &paths, diags);
    if (opt->timings)
        timing(prog, "write", t0);
    progress_hold(prog); /* done: erase the line before the report */
    int rc = EXIT_OK;
    if (st != SC_OK) {
        report_diagnostics(stderr, diags, FMT_TEXT, opt->outdir, 1, 0);
        rc = st == SC_ERR_IO ? EXIT_IO : st == SC_ERR_DATA ? EXIT_DATA
                                                           : EXIT_INTERNAL;
        if (rc == EXIT_INTERNAL)
            fprintf(stderr, "scorecard: %s; nothing was replaced\n",
                    sc_status_str(st));
    } else if (!opt->quiet) {
        if (opt->want_xlsx)
            printf("wrote %s\n", xlsx);
        if (opt->want_json)
            printf("wrote %s\n", json);
        if (opt->want_json && opt->split)
            printf("wrote %s/<geo_id>.json (%zu files)\n", split,
                   sc_dataset_geography_count(ds));
        if (opt->want_csv)
            printf("wrote %s\n", csv);
        if (opt->want_html)
            printf("wrote %s\n", html);
        if (opt->want_html && opt->split)
            printf("wrote %s/<geo_id>.html (%zu files)\n", hsplit,
                   sc_dataset_geography_count(ds));
        if (opt->want_svg)
            printf("wrote %s/<indicator>.svg and %s/overall.svg (%zu "
                   "maps)\n",
                   maps, maps, sc_dataset_indicator_count(ds) + 1);
    }
    free(maps);
    free(html);
    free(hsplit);
    free(xlsx);
    free(json);
    free(csv);
    free(split);
    sc_results_free(res);
    return rc;
}

/* Exit code for a library status. */
static int
exit_for(sc_status st)
{
    switch (st) {
    case SC_OK:
        return EXIT_OK;
    case SC_ERR_DATA:
    case SC_ERR_LIMIT:
        return EXIT_DATA;
    case SC_ERR_IO:
        return EXIT_IO;
    case SC_ERR_INVALID_ARG:
        return EXIT_USAGE;
    default:
        return EXIT_INTERNAL;
    }
}

int
main(int argc, char **argv)
{
    cli_options opt;
    int rc = cli_parse(argc, argv, &opt);
    if (rc != EXIT_OK)
        return rc;
    if (opt.command == CMD_HELP) {
        cli_help();
        return EXIT_OK;
    }
    if (opt.command == CMD_VERSION) {
        printf("scorecard %s (libscorecard %s)\n", SC_VERSION_STRING,
               sc_version());
        return EXIT_OK;
    }

    const char *root = data_root();
    char *default_dataset = NULL, *default_catalog = NULL, *bounds = NULL;
    if (asprintf(&default_dataset, "%s/data", root) < 0 ||
        asprintf(&default_catalog, "%s/indicators", root) < 0 ||
        asprintf(&bounds, "%s/boundaries/us-counties-albers.json", root) <
            0) {
        fputs("scorecard: out of memory\n", stderr);
        return EXIT_INTERNAL;
    }
    if (access(bounds, F_OK) != 0) {
        /* the source tree keeps it beside the engine that reads it */
        free(bounds);
        if (asprintf(&bounds, "%s/engine/boundaries/us-counties-albers.json",
                     root) < 0) {
            fputs("scorecard: out of memory\n", stderr);
            return EXIT_INTERNAL;
        }
    }
    const char *dataset = opt.dataset ? opt.dataset : default_dataset;

    sc_options lib;
    sc_options_init(&lib);
    /* SPEC §6: a progress line only on a terminal, and not with --quiet */
    cli_progress *prog = NULL;
    if ((opt.command == CMD_BUILD || opt.command == CMD_VALIDATE) &&
        !opt.quiet && isatty(STDERR_FILENO) &&
        (prog = progress_new(stderr)) != NULL) {
        lib.progress = progress_update;
        lib.progress_ctx = prog;
    }
    lib.catalog_dir = opt.indicators_dir ? opt.indicators_dir
                                         : default_catalog;
    lib.boundaries = bounds;
    lib.max_errors = opt.max_errors;
    lib.allow_outside_paths = opt.allow_outside;
    lib.jobs = opt.jobs;

    sc_diagnostics *diags = sc_diagnostics_new(opt.max_errors);
    if (!diags) {
        progress_free(prog);
        fputs("scorecard: out of memory\n", stderr);
        return EXIT_INTERNAL;
    }
    sc_dataset *ds = NULL;
    double t0 = seconds();
    sc_status st = sc_dataset_load(dataset, &lib, diags, &ds);
    progress_hold(prog); /* released only for the rest of a build */
    if (opt.timings)
        fprintf(stderr, "scorecard: timings: load and validate %.3f s\n",
                seconds() - t0);

    int fatal = st != SC_OK && st != SC_ERR_DATA && st != SC_ERR_IO;
    if (fatal) {
        /* out of memory or a bug: no data verdict to report */
        for (size_t i = 0; i < sc_diagnostics_count(diags); i++) {
            char line[1024];
            sc_diag_format(sc_diagnostics_get(diags, i), line, sizeof line);
            fprintf(stderr, "%s\n", line);
        }
        fprintf(stderr, "scorecard: %s\n", sc_status_str(st));
        rc = exit_for(st);
    } else if (opt.command == CMD_BUILD || opt.command == CMD_SHOW) {
        /* validation first: nothing is written when there are errors;
         * warnings alone do not stop a build, and `validate` is the place
         * to read them all: build shows the first few, show none, and
         * both say how many there are */
        if (st != SC_OK)
            report_diagnostics(stderr, diags, FMT_TEXT, dataset, 0, 0);
        else if (sc_diagnostics_count(diags) > 0)
            warnings_summary(diags, dataset,
                             opt.command == CMD_BUILD ? BUILD_WARNINGS_SHOWN
                                                      : 0);
        if (st != SC_OK) {
            rc = exit_for(st);
            if (st == SC_ERR_DATA)
                fputs("scorecard: nothing written: fix the errors above "
                      "first\n",
                      stderr);
        } else if (opt.command == CMD_BUILD) {
            progress_release(prog);
            rc = run_build(&opt, ds, diags, prog);
        } else {
            size_t g;
            sc_results *res = NULL;
            if (!find_geo(ds, opt.geo, &g)) {
                fprintf(stderr,
                        "scorecard: no geography '%s' in %s; try "
                        "'scorecard list geographies'\n",
                        opt.geo, dataset);
                rc = EXIT_USAGE;
            } else if ((st = sc_compute(ds, &res)) != SC_OK) {
                fprintf(stderr, "scorecard: computing failed: %s\n",
                        sc_status_str(st));
                rc = EXIT_INTERNAL;
            } else {
                show_geo(ds, res, g);
            }
            sc_results_free(res);
        }
    } else if (opt.command == CMD_VALIDATE) {
        report_diagnostics(stdout, diags, opt.format, dataset, opt.quiet,
                           opt.strict);
        if (st == SC_OK && opt.strict &&
            sc_diagnostics_total(diags, SC_SEV_WARNING) > 0)
            rc = EXIT_DATA;
        else
            rc = exit_for(st);
    } else {
        if (st != SC_OK) {
            report_diagnostics(stderr, diags, FMT_TEXT, dataset, 0, 0);
            rc = exit_for(st);
        } else if (strcmp(opt.list_what, "indicators") == 0) {
            printf("%-24s %-16s %-17s %s\n", "ID", "DOMAIN", "DIRECTION",
                   "NAME");
            for (size_t i = 0; i < sc_dataset_indicator_count(ds); i++) {
                const sc_indicator_info *in = sc_dataset_indicator(ds, i);
                printf("%-24s %-16s %-17s %s\n", in->id, in->domain,
                       in->direction == SC_HIGHER_IS_BETTER
                           ? "higher_is_better"
                           : "lower_is_better",
                       in->name);
            }
        } else if (list_geographies(ds) != 0) {
            fputs("scorecard: out of memory\n", stderr);
            rc = EXIT_INTERNAL;
        }
    }
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fputs("scorecard: error writing to standard output\n", stderr);
        rc = EXIT_IO;
    }
    progress_free(prog);
    sc_dataset_free(ds);
    sc_diagnostics_free(diags);
    free(default_dataset);
    free(default_catalog);
    free(bounds);
    return rc;
}
