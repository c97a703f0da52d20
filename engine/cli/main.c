/* SPDX-License-Identifier: MIT */
/*
 * The scorecard program: parses options, calls libscorecard, prints, and
 * chooses the exit code. All computing happens in the library.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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
    char *default_dataset = NULL, *default_catalog = NULL;
    if (asprintf(&default_dataset, "%s/data", root) < 0 ||
        asprintf(&default_catalog, "%s/indicators", root) < 0) {
        fputs("scorecard: out of memory\n", stderr);
        return EXIT_INTERNAL;
    }
    const char *dataset = opt.dataset ? opt.dataset : default_dataset;

    sc_options lib;
    sc_options_init(&lib);
    lib.catalog_dir = opt.indicators_dir ? opt.indicators_dir
                                         : default_catalog;
    lib.max_errors = opt.max_errors;

    sc_diagnostics *diags = sc_diagnostics_new(opt.max_errors);
    if (!diags) {
        fputs("scorecard: out of memory\n", stderr);
        return EXIT_INTERNAL;
    }
    sc_dataset *ds = NULL;
    sc_status st = sc_dataset_load(dataset, &lib, diags, &ds);

    if (opt.command == CMD_VALIDATE) {
        report_diagnostics(stdout, diags, opt.format, dataset, opt.quiet,
                           opt.strict);
        if (st == SC_OK && opt.strict &&
            sc_diagnostics_total(diags, SC_SEV_WARNING) > 0)
            rc = EXIT_DATA;
        else
            rc = exit_for(st);
        if (st != SC_OK && st != SC_ERR_DATA && st != SC_ERR_IO)
            fprintf(stderr, "scorecard: %s\n", sc_status_str(st));
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
        } else {
            printf("%-7s %-7s %-7s %s\n", "GEO_ID", "LEVEL", "PARENT", "NAME");
            for (size_t i = 0; i < sc_dataset_geography_count(ds); i++) {
                const sc_geography_info *g = sc_dataset_geography(ds, i);
                printf("%-7s %-7s %-7s %s\n", g->geo_id,
                       g->level == SC_LEVEL_STATE ? "state" : "county",
                       g->parent[0] ? g->parent : "-", g->name);
            }
        }
    }
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fputs("scorecard: error writing to standard output\n", stderr);
        rc = EXIT_IO;
    }
    sc_dataset_free(ds);
    sc_diagnostics_free(diags);
    free(default_dataset);
    free(default_catalog);
    return rc;
}
