/* SPDX-License-Identifier: MIT */
/*
 * Printing diagnostics: plain text (file:line:column: severity: message),
 * JSON, and GitHub Actions workflow commands.
 */
#ifndef SC_CLI_REPORT_H
#define SC_CLI_REPORT_H

#include <stdio.h>

#include <scorecard.h>

#include "options.h"

/* Print every stored diagnostic and a summary; never fails. */
void report_diagnostics(FILE *out, const sc_diagnostics *diags,
                        cli_format format, const char *dataset, int quiet,
                        int strict);

#endif /* SC_CLI_REPORT_H */
