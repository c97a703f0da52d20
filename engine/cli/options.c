/* SPDX-License-Identifier: MIT */
/*
 * Parses `scorecard COMMAND [ARGS] [OPTIONS]` with getopt_long. Usage
 * errors name the option and what was expected, then exit code 2.
 */
#include <errno.h>
#include <stdarg.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "options.h"

void
cli_help(void)
{
    fputs(
        "Usage: scorecard COMMAND [ARGS] [OPTIONS]\n"
        "\n"
        "County children's well-being scorecards: every indicator is a\n"
        "percentage measured against the goal of all children.\n"
        "\n"
        "Commands:\n"
        "  build [DATASET]                 validate, compute and write the scorecard\n"
        "                                  (XLSX, JSON, CSV and HTML) into -o DIR\n"
        "  validate [DATASET]              check a dataset; report every problem\n"
        "                                  as file:line:column\n"
        "  show GEO [DATASET]              one county's scorecard in the terminal;\n"
        "                                  GEO is a FIPS code or a county name; with\n"
        "                                  several states, ranks in the state and\n"
        "                                  nationally, and the state's and national\n"
        "                                  benchmarks (a state: ranks among states)\n"
        "  list indicators|geographies [DATASET]\n"
        "                                  list what a dataset holds; geographies\n"
        "                                  one a line as a hierarchy: the nation,\n"
        "                                  each state followed by its counties, then\n"
        "                                  the counties without a state (NAME\n"
        "                                  indented by level; STATE: a county's state)\n"
        "\n"
        "DATASET is a directory holding scorecard.json, or the path of a\n"
        "manifest file. Default: the bundled dataset, California's published\n"
        "county data (data/; data/illustrative/ is a synthetic sample).\n"
        "\n"
        "On a terminal, build and validate show a progress line on standard\n"
        "error (stage, lines or outputs done of the total, elapsed time),\n"
        "erased when they finish; never with --quiet or when standard error\n"
        "is a file or a pipe.\n"
        "\n"
        "Options:\n"
        "  -o, --output DIR                build: output directory (default\n"
        "                                  scorecard-out)\n"
        "  --format xlsx,json,csv,html,svg build: formats to write (default\n"
        "                                  xlsx,json,csv,html; svg writes maps/)\n"
        "  --split                         build: also json/<geo_id>.json and\n"
        "                                  html/<geo_id>.html, one per geography\n"
        "  --format text|json|github       validate: report format (default text;\n"
        "                                  github prints ::error annotations)\n"
        "  --strict                        validate: warnings count as errors\n"
        "  --max-errors N                  validate: show at most N errors and N\n"
        "                                  warnings (default 100, 0 = all)\n"
        "  --indicators-dir DIR            catalog of indicator definitions used by\n"
        "                                  \"use\" (default: the bundled catalog)\n"
        "  --allow-outside-paths           accept manifest paths that are absolute or\n"
        "                                  leave the dataset directory (off: a pull\n"
        "                                  request cannot make CI read other files)\n"
        "  -j, --jobs N                    worker threads (default: one per CPU);\n"
        "                                  outputs are the same for every N\n"
        "  --timings                       print how long each stage took\n"
        "  -q, --quiet                     no summary line and no progress line\n"
        "  -h, --help                      show this help\n"
        "  -V, --version                   show the version\n"
        "\n"
        "Exit status: 0 ok, 1 data errors, 2 usage error, 3 I/O error,\n"
        "4 internal error.\n"
        "\n"
        "Examples:\n"
        "  scorecard build                           # the bundled data\n"
        "  scorecard build -o out --format svg       # maps/<indicator>.svg\n"
        "  scorecard build data -o out --split\n"
        "  scorecard show 06037\n"
        "  scorecard show \"los angeles\"\n"
        "  scorecard validate                        # the bundled data\n"
        "  scorecard validate path/to/dataset --strict\n"
        "  scorecard validate data --format github   # in GitHub Actions\n"
        "  scorecard list indicators\n"
        "  scorecard list geographies | grep ' county '\n",
        stdout);
}

/* Print a usage error and return EXIT_USAGE. */
static int __attribute__((format(printf, 1, 2)))
usage_error(const char *fmt, ...)
{
    va_list ap;
    fputs("scorecard: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputs("\nTry 'scorecard --help'.\n", stderr);
    return EXIT_USAGE;
}

enum {
    OPT_FORMAT = 256,
    OPT_STRICT,
    OPT_MAX_ERRORS,
    OPT_INDICATORS_DIR,
    OPT_SPLIT,
    OPT_ALLOW_OUTSIDE,
    OPT_TIMINGS
};

static const struct option long_opts[] = {
    {"format", required_argument, NULL, OPT_FORMAT},
    {"strict", no_argument, NULL, OPT_STRICT},
    {"max-errors", required_argument, NULL, OPT_MAX_ERRORS},
    {"indicators-dir", required_argument, NULL, OPT_INDICATORS_DIR},
    {"quiet", no_argument, NULL, 'q'},
    {"output", required_argument, NULL, 'o'},
    {"split", no_argument, NULL, OPT_SPLIT},
    {"allow-outside-paths", no_argument, NULL, OPT_ALLOW_OUTSIDE},
    {"jobs", required_argument, NULL, 'j'},
    {"timings", no_argument, NULL, OPT_TIMINGS},
    {"help", no_argument, NULL, 'h'},
    {"version", no_argument, NULL, 'V'},
    {NULL, 0, NULL, 0},
};

int
cli_parse(int argc, char **argv, cli_options *opt)
{
    memset(opt, 0, sizeof *opt);
    opt->max_errors = 100;
    const char *positional[4];
    size_t npos = 0;
    int saw_format = 0, saw_strict = 0, saw_max = 0, saw_out = 0;
    const char *format = NULL;

    opterr = 0;
    optind = 1;
    int c;
    /* '-' first: positional arguments come back in order as 1 */
    while ((c = getopt_long(argc, argv, "-:qhVo:j:", long_opts, NULL)) != -1) {
        switch (c) {
        case 1:
            if (npos == 4)
                return usage_error("unexpected argument '%s'", optarg);
            positional[npos++] = optarg;
            break;
        case OPT_FORMAT:
            saw_format = 1;
            format = optarg; /* its meaning depends on the command */
            break;
        case 'o':
            saw_out = 1;
            opt->outdir = optarg;
            break;
        case OPT_SPLIT:
            opt->split = 1;
            saw_out = 1;
            break;
        case OPT_STRICT:
            saw_strict = 1;
            opt->strict = 1;
            break;
        case OPT_MAX_ERRORS: {
            saw_max = 1;
            char *end;
            errno = 0;
            long v = strtol(optarg, &end, 10);
            if (errno || end == optarg || *end || v < 0 || optarg[0] == '-')
                return usage_error("bad value '%s' for --max-errors; expected "
                                   "a whole number >= 0",
                                   optarg);
            opt->max_errors = (size_t)v;
            break;
        }
        case 'j': {
            char *end;
            errno = 0;
            long v = strtol(optarg, &end, 10);
            if (errno || end == optarg || *end || v < 1 || v > 1024)
                return usage_error("bad value '%s' for --jobs; expected a "
                                   "whole number from 1 to 1024",
                                   optarg);
            opt->jobs = (unsigned)v;
            break;
        }
        case OPT_TIMINGS:
            opt->timings = 1;
            break;
        case OPT_INDICATORS_DIR:
            opt->indicators_dir = optarg;
            break;
        case 'q':
            opt->quiet = 1;
            break;
        case OPT_ALLOW_OUTSIDE:
            opt->allow_outside = 1;
            break;
        case 'h':
            opt->command = CMD_HELP;
            return EXIT_OK;
        case 'V':
            opt->command = CMD_VERSION;
            return EXIT_OK;
        case ':':
            return usage_error("option '%s' needs a value", argv[optind - 1]);
        default:
            return usage_error("unknown option '%s'", argv[optind - 1]);
        }
    }
    if (npos == 0)
        return usage_error("missing command; expected build, validate, show "
                           "or list");
    const char *cmd = positional[0];
    if (strcmp(cmd, "validate") == 0) {
        opt->command = CMD_VALIDATE;
        if (npos > 2)
            return usage_error("validate takes one DATASET, got '%s' too",
                               positional[2]);
        opt->dataset = npos == 2 ? positional[1] : NULL;
        if (saw_out)
            return usage_error("-o and --split go with build, not validate");
        if (format) {
            if (strcmp(format, "text") == 0)
                opt->format = FMT_TEXT;
            else if (strcmp(format, "json") == 0)
                opt->format = FMT_JSON;
            else if (strcmp(format, "github") == 0)
                opt->format = FMT_GITHUB;
            else
                return usage_error("bad value '%s' for --format; expected "
                                   "text, json or github",
                                   format);
        }
    } else if (strcmp(cmd, "build") == 0) {
        opt->command = CMD_BUILD;
        if (npos > 2)
            return usage_error("build takes one DATASET, got '%s' too",
                               positional[2]);
        opt->dataset = npos == 2 ? positional[1] : NULL;
        if (!opt->outdir)
            opt->outdir = "scorecard-out";
        if (saw_strict)
            return usage_error("--strict goes with validate, not build");
        opt->want_json = opt->want_csv = opt->want_xlsx = opt->want_html = 1;
        if (format) {
            opt->want_json = opt->want_csv = opt->want_xlsx = 0;
            opt->want_html = 0;
            char *copy = strdup(format);
            if (!copy) {
                fputs("scorecard: out of memory\n", stderr);
                return EXIT_INTERNAL;
            }
            char *save = NULL;
            for (char *t = strtok_r(copy, ",", &save); t;
                 t = strtok_r(NULL, ",", &save)) {
                if (strcmp(t, "json") == 0)
                    opt->want_json = 1;
                else if (strcmp(t, "csv") == 0)
                    opt->want_csv = 1;
                else if (strcmp(t, "xlsx") == 0)
                    opt->want_xlsx = 1;
                else if (strcmp(t, "html") == 0)
                    opt->want_html = 1;
                else if (strcmp(t, "svg") == 0)
                    opt->want_svg = 1;
                else {
                    int rc = usage_error("bad value '%s' for --format; "
                                         "expected a list of xlsx, json, "
                                         "csv, html, svg",
                                         t);
                    free(copy); /* t points into copy: free it after use */
                    return rc;
                }
            }
            free(copy);
            if (!opt->want_json && !opt->want_csv && !opt->want_xlsx &&
                !opt->want_html && !opt->want_svg)
                return usage_error("--format needs at least one of xlsx, "
                                   "json, csv, html, svg");
        }
        if (opt->split && !opt->want_json && !opt->want_html)
            return usage_error("--split writes one JSON or HTML file per "
                               "geography; add json or html to --format");
    } else if (strcmp(cmd, "show") == 0) {
        opt->command = CMD_SHOW;
        if (npos < 2)
            return usage_error("show needs a county: a FIPS code such as "
                               "06037 or a name");
        if (npos > 3)
            return usage_error("show takes GEO and one DATASET, got '%s' "
                               "too",
                               positional[3]);
        opt->geo = positional[1];
        opt->dataset = npos == 3 ? positional[2] : NULL;
        if (saw_format || saw_strict || saw_max || saw_out)
            return usage_error("show takes no --format, --strict, "
                               "--max-errors, -o or --split");
    } else if (strcmp(cmd, "list") == 0) {
        opt->command = CMD_LIST;
        if (npos < 2)
            return usage_error("list needs what to list: indicators or "
                               "geographies");
        if (strcmp(positional[1], "indicators") != 0 &&
            strcmp(positional[1], "geographies") != 0)
            return usage_error("cannot list '%s'; expected indicators or "
                               "geographies",
                               positional[1]);
        if (npos > 3)
            return usage_error("list takes one DATASET, got '%s' too",
                               positional[3]);
        opt->list_what = positional[1];
        opt->dataset = npos == 3 ? positional[2] : NULL;
        if (saw_format || saw_strict || saw_max || saw_out)
            return usage_error("--format, --strict, --max-errors, -o and "
                               "--split do not go with list");
    } else if (strcmp(cmd, "help") == 0) {
        opt->command = CMD_HELP;
    } else {
        return usage_error("unknown command '%s'; expected build, validate, "
                           "show or list",
                           cmd);
    }
    return EXIT_OK;
}
