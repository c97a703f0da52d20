/* SPDX-License-Identifier: MIT */
/*
 * Command-line parsing for the scorecard program: argv -> cli_options.
 * The only place flags are mapped onto library settings.
 */
#ifndef SC_CLI_OPTIONS_H
#define SC_CLI_OPTIONS_H

#include <stddef.h>

#include <scorecard.h>

/* Exit codes (documented in scorecard(1) and the README). */
enum {
    EXIT_OK = 0,
    EXIT_DATA = 1,
    EXIT_USAGE = 2,
    EXIT_IO = 3,
    EXIT_INTERNAL = 4
};

typedef enum cli_command {
    CMD_NONE,
    CMD_VALIDATE,
    CMD_BUILD,
    CMD_SHOW,
    CMD_LIST,
    CMD_HELP,
    CMD_VERSION
} cli_command;

typedef enum cli_format { FMT_TEXT, FMT_JSON, FMT_GITHUB } cli_format;

typedef struct cli_options {
    cli_command command;
    const char *dataset;        /* NULL: the bundled sample */
    const char *indicators_dir; /* NULL: the bundled catalog */
    const char *list_what;      /* "indicators" or "geographies" */
    const char *geo;            /* show: a geo_id or a name */
    const char *outdir;         /* build: -o DIR (default scorecard-out) */
    int want_json, want_csv, want_xlsx, want_html; /* build: --format */
    int want_svg;                                  /* maps/<id>.svg */
    int split;                  /* build: --split */
    cli_format format;
    int strict;
    size_t max_errors;          /* 0 = no cap */
    int quiet;
    int allow_outside;          /* --allow-outside-paths */
    unsigned jobs;              /* --jobs N; 0 = one per CPU */
    int timings;                /* --timings: stage times on stderr */
} cli_options;

/* Parse argv. Returns EXIT_OK, or EXIT_USAGE after printing the problem
 * to stderr. */
int cli_parse(int argc, char **argv, cli_options *opt);

/* Print the full help to stdout. */
void cli_help(void);

#endif /* SC_CLI_OPTIONS_H */
