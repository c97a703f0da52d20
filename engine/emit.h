/* SPDX-License-Identifier: MIT */
/*
 * What the emitters share: the JSON document (the HTML page embeds it)
 * and the one-file-per-geography loop behind --split.
 */
#ifndef SC_EMIT_H
#define SC_EMIT_H

#include <stdio.h>

#include <scorecard/results.h>

#include "output.h"

/* The §5.1 document holding geographies [from, to), written to f. With
 * for_html, strings escape <, > and & (the same JSON values) so that the
 * document can sit inside an HTML <script> block. */
void sc_json_doc(sc_wbuf *f, const sc_results *r, size_t from, size_t to,
                 int for_html);

/* Writes a whole document holding geographies [from, to) of r to f;
 * SC_ERR_NOMEM or SC_OK (write errors surface when the file is
 * committed). */
typedef sc_status (*sc_doc_writer)(FILE *f, const sc_results *r,
                                   size_t from, size_t to);

/* path, with every geography, written atomically by write. */
sc_status sc_write_whole(const sc_results *r, const char *path,
                         sc_doc_writer write, sc_diagnostics *diags);

/* DIR/<geo_id><ext> for every geography, each written atomically by
 * write; creates DIR when needed. A geo_id that cannot name a file
 * (anything but letters, digits, '_', '-', '.'; or a leading '.') is a
 * data error. */
sc_status sc_write_split(const sc_results *r, const char *dir,
                         const char *ext, sc_doc_writer write,
                         sc_diagnostics *diags);

/* geo_id can be a file name and an HTML id/fragment as it is. */
int sc_geo_id_plain(const char *id);

#endif /* SC_EMIT_H */
