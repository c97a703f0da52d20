/* SPDX-License-Identifier: MIT */
/*
 * The only file that includes libcsv. Feeds libcsv one physical line at a
 * time so each record's starting line and byte offset are known without
 * per-byte bookkeeping; columns are computed only for fields that are
 * reported (sc_csv_locate).
 */
#include "config.h"

#include <csv.h>
#include <errno.h>
#include <stdarg.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "csvfile.h"
#include "internal.h"

#define READ_CHUNK (256u * 1024u)

typedef struct reader {
    struct csv_parser p;
    const char *path;
    sc_diagnostics *diags;
    sc_csv_fn fn;
    void *ctx;
    /* current record */
    sc_buf bytes;          /* field texts, each NUL-terminated */
    size_t *offs;          /* start of each field in bytes */
    size_t *lens;
    const char **ptrs;
    size_t nf, capo, capl, capp;
    int too_long;          /* a field exceeded SC_MAX_FIELD_BYTES */
    size_t long_field;
    /* position */
    unsigned long line;    /* physical line being fed */
    uint64_t line_offset;  /* its byte offset */
    unsigned long rec_line;
    uint64_t rec_offset;
    int between;           /* not inside a record */
    size_t nrec;           /* records seen, header included */
    size_t header_fields;
    sc_status st;          /* first fatal status */
    int stop;
    int header_bad;        /* the header row was rejected */
    int cr_record;         /* a record in this line ended at a CR */
    int pending;           /* a record starts at the next non-blank byte */
    uint64_t rec_bytes;    /* bytes fed since the record started */
} reader;

/* libcsv field callback: copy the field into the record buffer. */
static void
on_field(void *s, size_t len, void *data)
{
    reader *r = data;
    if (r->stop)
        return;
    if (r->cr_record) {
        /* a record ended at a CR and more follows on the same line */
        sc_diag_addf(r->diags, SC_SEV_ERROR, "malformed-csv", r->path,
                     r->line, 1,
                     "this line holds a bare carriage return (CR) line "
                     "ending; save the file with LF or CRLF line endings");
        r->stop = 1;
        return;
    }
    if (r->nf >= SC_MAX_COLUMNS) {
        r->nf++;
        return;
    }
    if (len > SC_MAX_FIELD_BYTES) {
        if (!r->too_long) {
            r->too_long = 1;
            r->long_field = r->nf;
        }
        len = 0;
    }
    /* the hot path: no function call unless something must grow */
    sc_buf *b = &r->bytes;
    if (((r->nf >= r->capo || r->nf >= r->capl) &&
         (sc_grow((void **)&r->offs, &r->capo, r->nf + 1, sizeof *r->offs) ||
          sc_grow((void **)&r->lens, &r->capl, r->nf + 1,
                  sizeof *r->lens))) ||
        (b->len + len + 1 > b->cap &&
         sc_grow((void **)&b->data, &b->cap, b->len + len + 1, 1))) {
        r->st = SC_ERR_NOMEM;
        r->stop = 1;
        return;
    }
    r->offs[r->nf] = b->len;
    r->lens[r->nf] = len;
    if (len)
        memcpy(b->data + b->len, s, len);
    b->data[b->len + len] = '\0';
    b->len += len + 1;
    r->nf++;
}

/* Whether every field of the record is ASCII without NUL bytes (the
 * common case, checked in one vectorizable pass): then the per-field
 * NUL and UTF-8 checks have nothing to find. */
static int
record_plain(const reader *r, size_t nf)
{
    const unsigned char *p = (const unsigned char *)r->bytes.data;
    size_t n = r->bytes.len, zeros = 0;
    unsigned char high = 0;
    for (size_t i = 0; i < n; i++) {
        high |= p[i];
        zeros += p[i] == 0;
    }
    return high < 0x80 && zeros == nf;
}

/* Report an error at field `field` of the current record. */
static void __attribute__((format(printf, 4, 5)))
report_field(reader *r, size_t field, const char *code, const char *fmt, ...)
{
    unsigned long line = r->rec_line, col = 1;
    if (sc_diag_wanted(r->diags, SC_SEV_ERROR))
        sc_csv_locate(r->path, r->rec_offset, r->rec_line, field, &line, &col,
                      NULL);
    va_list ap;
    va_start(ap, fmt);
    sc_status st = sc_diag_vaddf(r->diags, SC_SEV_ERROR, code, r->path, line,
                                 col, fmt, ap);
    va_end(ap);
    if (st == SC_ERR_NOMEM) {
        r->st = st;
        r->stop = 1;
    }
}

/* Deliver the finished record, or report why it is not delivered. */
static void
finish_record(reader *r)
{
    size_t nf = r->nf;
    r->nf = 0;
    r->between = 1;
    if (r->stop)
        return;
    int too_long = r->too_long;
    r->too_long = 0;
    /* A line of spaces only comes out as one empty field: skip it. */
    if (nf == 1 && r->lens[0] == 0 && !too_long) {
        sc_buf_reset(&r->bytes);
        return;
    }
    size_t index = r->nrec++;
    if (nf > SC_MAX_COLUMNS) {
        report_field(r, SC_MAX_COLUMNS, "too-many-columns",
                     "row has %lu fields; at most %u are supported",
                     (unsigned long)nf, SC_MAX_COLUMNS);
        goto skip;
    }
    if (too_long) {
        report_field(r, r->long_field, "field-too-long",
                     "field longer than the limit of %u bytes; shorten it",
                     SC_MAX_FIELD_BYTES);
        goto skip;
    }
    if (sc_grow((void **)&r->ptrs, &r->capp, nf + 1, sizeof *r->ptrs)) {
        r->st = SC_ERR_NOMEM;
        r->stop = 1;
        return;
    }
    for (size_t i = 0; i < nf; i++)
        r->ptrs[i] = r->bytes.data + r->offs[i];
    size_t check = record_plain(r, nf) ? 0 : nf;
    for (size_t i = 0; i < check; i++) {
        if (memchr(r->ptrs[i], '\0', r->lens[i])) {
            report_field(r, i, "nul-byte",
                         "field contains a NUL byte; the file is binary or "
                         "not UTF-8 (UTF-16?); save it as UTF-8 text");
            goto skip;
        }
        size_t ok = sc_utf8_valid_prefix(r->ptrs[i], r->lens[i]);
        if (ok != r->lens[i]) {
            report_field(r, i, "invalid-utf8",
                         "invalid UTF-8 (byte 0x%02X at byte %lu of the "
                         "field); save the file as UTF-8",
                         (unsigned)(unsigned char)r->ptrs[i][ok],
                         (unsigned long)ok + 1);
            goto skip;
        }
    }
    if (index == 0) {
        r->header_fields = nf;
    } else if (nf != r->header_fields) {
        size_t at = nf > r->header_fields ? r->header_fields : nf - 1;
        report_field(r, at, "ragged-row",
                     "row has %lu fields, expected %lu as in the header",
                     (unsigned long)nf, (unsigned long)r->header_fields);
        goto skip;
    }
    sc_csv_rec rec = {nf, r->ptrs, r->lens, r->rec_line, r->rec_offset,
                      index};
    sc_status st = r->fn(r->ctx, &rec);
    if (st != SC_OK) {
        r->st = st;
        r->stop = 1;
    }
    sc_buf_reset(&r->bytes);
    return;
skip:
    if (index == 0 && !r->stop) {
        /* without a usable header every row would be misread */
        r->stop = 1;
        r->header_bad = 1;
    }
    sc_buf_reset(&r->bytes);
}

/* libcsv record callback. */
static void
on_record(int c, void *data)
{
    reader *r = data;
    if (c == '\r')
        r->cr_record = 1; /* fine if "\n" ends the line next (CRLF) */
    finish_record(r);
}

/* Report a libcsv parse error found while feeding line r->line, at the
 * start of the offending field (SPEC §4): libcsv has completed r->nf
 * fields of this record, so the bad one is field r->nf. */
static void
report_parse_error(reader *r, char bad)
{
    unsigned long line = r->line, col = 1;
    if (sc_diag_wanted(r->diags, SC_SEV_ERROR))
        sc_csv_locate(r->path, r->rec_offset, r->rec_line, r->nf, &line, &col,
                      NULL);
    const char *what = bad == '"' ? "a quote inside an unquoted field"
                                  : "a character after a closing quote";
    sc_status st = sc_diag_addf(
        r->diags, SC_SEV_ERROR, "malformed-csv", r->path, line, col,
        "malformed CSV: %s; quote the whole field and double any quote "
        "inside it (\"\")",
        what);
    if (st == SC_ERR_NOMEM)
        r->st = st;
}

/* Remember where line r->line starts, every SC_LINE_STRIDE lines. */
static void
note_line(reader *r, sc_line_index *lines)
{
    if (!lines || (r->line - 1) % SC_LINE_STRIDE != 0)
        return;
    if (sc_grow((void **)&lines->offsets, &lines->cap, lines->count + 1,
                sizeof *lines->offsets)) {
        r->st = SC_ERR_NOMEM;
        r->stop = 1;
        return;
    }
    lines->offsets[lines->count++] = r->line_offset;
}

uint64_t
sc_csv_line_offset(const char *path, const sc_line_index *idx,
                   unsigned long line)
{
    size_t k = line ? (line - 1) / SC_LINE_STRIDE : 0;
    if (!idx || k >= idx->count)
        return 0;
    uint64_t off = idx->offsets[k];
    unsigned long at = (unsigned long)(k * SC_LINE_STRIDE) + 1;
    if (at == line)
        return off;
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0)
        return 0;
    char buf[64 * 1024];
    uint64_t pos = off, found = 0;
    for (;;) {
        ssize_t got = pread(fd, buf, sizeof buf, (off_t)pos);
        if (got <= 0)
            break;
        for (ssize_t i = 0; i < got; i++) {
            if (buf[i] == '\n' && ++at == line) {
                found = pos + (uint64_t)i + 1;
                break;
            }
        }
        if (found)
            break;
        pos += (uint64_t)got;
    }
    close(fd);
    return found;
}

sc_status
sc_csv_read(const char *path, const sc_csv_ref *ref, sc_diagnostics *diags,
            sc_line_index *lines, sc_csv_fn fn, void *ctx)
{
    reader r;
    memset(&r, 0, sizeof r);
    r.path = path;
    r.diags = diags;
    r.fn = fn;
    r.ctx = ctx;
    r.between = 1;

    /* O_NONBLOCK: opening a FIFO must not wait for a writer */
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    struct stat sb;
    int err = 0;
    if (fd < 0)
        err = errno;
    else if (fstat(fd, &sb) == 0 && S_ISDIR(sb.st_mode))
        err = EISDIR;
    else if (!S_ISREG(sb.st_mode))
        err = -1; /* a device, FIFO or socket: never read it */
    if (err) {
        if (fd >= 0)
            close(fd);
        sc_diag_addf(diags, SC_SEV_ERROR, "unreadable-file",
                     ref ? ref->path : path, ref ? ref->line : 0,
                     ref ? ref->column : 0, "cannot read '%s': %s", path,
                     err > 0 ? strerror(err) : "not a regular file");
        return SC_ERR_DATA;
    }
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
    if (csv_init(&r.p, CSV_STRICT | CSV_STRICT_FINI) != 0) {
        close(fd);
        return SC_ERR_NOMEM;
    }
    /* libcsv grows its field buffer 128 bytes at a time by default:
     * quadratic for long fields */
    csv_set_blk_size(&r.p, 64u * 1024u);
    char *buf = malloc(READ_CHUNK);
    if (!buf) {
        csv_free(&r.p);
        close(fd);
        return SC_ERR_NOMEM;
    }

    uint64_t file_pos = 0;        /* offset of buf[0] */
    int at_line_start = 1;
    int first = 1;
    sc_status result = SC_OK;
    for (;;) {
        ssize_t got = read(fd, buf, READ_CHUNK);
        if (got < 0) {
            if (errno == EINTR)
                continue;
            sc_diag_addf(diags, SC_SEV_ERROR, "unreadable-file", path, 0, 0,
                         "read error: %s", strerror(errno));
            result = SC_ERR_IO;
            break;
        }
        if (got == 0)
            break;
        size_t n = (size_t)got, pos = 0;
        if (first) {
            first = 0;
            if (n >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
                pos = 3; /* UTF-8 BOM: skipped, not a character */
        }
        while (pos < n && !r.stop) {
            char *nl = memchr(buf + pos, '\n', n - pos);
            size_t end = nl ? (size_t)(nl - buf) + 1 : n;
            size_t len = end - pos;
            if (at_line_start) {
                r.line++;
                r.line_offset = file_pos + pos;
                note_line(&r, lines);
                if (r.between)
                    r.pending = 1;
                if (r.line == 1) {
                    /* classic Mac files end lines with a bare CR */
                    char *cr = memchr(buf + pos, '\r', len);
                    if (cr && (size_t)(cr - buf) + 1 < n && cr[1] != '\n') {
                        sc_diag_addf(diags, SC_SEV_ERROR, "malformed-csv",
                                     path, 1, 1,
                                     "this file ends lines with a bare "
                                     "carriage return (CR); save it with LF "
                                     "or CRLF line endings");
                        r.stop = 1;
                        break;
                    }
                }
            }
            r.cr_record = 0;
            if (r.pending) {
                /* libcsv emits nothing for blank lines: the record starts
                 * at the first line with something else on it */
                for (size_t q = pos; q < end; q++) {
                    char c = buf[q];
                    if (c == '\r' && q + 1 < end && buf[q + 1] != '\n') {
                        sc_diag_addf(diags, SC_SEV_ERROR, "malformed-csv",
                                     path, r.line, 1,
                                     "this line holds a bare carriage "
                                     "return (CR) line ending; save the "
                                     "file with LF or CRLF line endings");
                        r.stop = 1;
                        break;
                    }
                    if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
                        r.rec_line = r.line;
                        r.rec_offset = r.line_offset;
                        r.between = 0;
                        r.pending = 0;
                        r.rec_bytes = 0;
                        break;
                    }
                }
            }
            size_t done = csv_parse(&r.p, buf + pos, len, on_field,
                                    on_record, &r);
            if (done != len && !r.stop) {
                if (csv_error(&r.p) == CSV_EPARSE)
                    report_parse_error(&r, buf[pos + done]);
                else
                    r.st = SC_ERR_NOMEM;
                r.stop = 1;
            }
            if (!r.between) {
                r.rec_bytes += len;
                if (r.rec_bytes > SC_MAX_RECORD_BYTES && !r.stop) {
                    sc_diag_addf(diags, SC_SEV_ERROR, "record-too-long", path,
                                 r.rec_line, 1,
                                 "record longer than the limit of %u bytes "
                                 "(an unterminated quote?); it starts here",
                                 SC_MAX_RECORD_BYTES);
                    r.stop = 1;
                }
            }
            at_line_start = nl != NULL;
            pos = end;
        }
        file_pos += n;
        if (r.stop)
            break;
    }
    if (!r.stop && result == SC_OK) {
        if (csv_fini(&r.p, on_field, on_record, &r) != 0 && !r.stop) {
            /* Unterminated quote: point at the field that opened it. */
            unsigned long line = r.rec_line, col = 1;
            if (sc_diag_wanted(diags, SC_SEV_ERROR))
                sc_csv_locate(path, r.rec_offset, r.rec_line, SIZE_MAX, &line,
                              &col, NULL);
            sc_diag_addf(diags, SC_SEV_ERROR, "malformed-csv", path, line,
                         col,
                         "malformed CSV: unterminated quoted field (a '\"' "
                         "opens here and is never closed)");
        }
    }
    if (r.nrec == 0 && !r.stop && result == SC_OK && r.st == SC_OK)
        sc_diag_addf(diags, SC_SEV_ERROR, "empty-file", path, 1, 1,
                     "the file is empty; expected a header row and data "
                     "rows");
    free(buf);
    csv_free(&r.p);
    close(fd);
    sc_buf_free(&r.bytes);
    free(r.offs);
    free(r.lens);
    free(r.ptrs);
    if (r.st != SC_OK)
        return r.st;
    return result;
}

/* ------------------------------------------------------------- locator */

sc_status
sc_csv_locate(const char *path, uint64_t offset, unsigned long line,
              size_t field, unsigned long *oline, unsigned long *ocol,
              sc_buf *text)
{
    *oline = line;
    *ocol = 1;
    FILE *f = fopen(path, "rb");
    if (!f)
        return SC_ERR_IO;
    if (fseeko(f, (off_t)offset, SEEK_SET) != 0) {
        fclose(f);
        return SC_ERR_IO;
    }
    unsigned long l = line, c = 1;      /* position of the next char */
    unsigned long fl = l, fc = 1;       /* start of the current field */
    size_t idx = 0;
    int in_quotes = 0, quoted = 0, started = 0;
    sc_status st = SC_ERR_INVALID_ARG;
    if (text)
        sc_buf_reset(text);
    for (;;) {
        int ch = getc(f);
        if (ch == EOF) {
            if (field == SIZE_MAX || idx == field) {
                *oline = fl;
                *ocol = fc;
                st = (field == SIZE_MAX || idx == field) ? SC_OK : st;
            } else {
                *oline = l;
                *ocol = c;
            }
            break;
        }
        int cont = (ch & 0xC0) == 0x80;
        if (!started && !in_quotes && (ch == ' ' || ch == '\t')) {
            c++;
            fc = c;
            continue;
        }
        if (!started) {
            started = 1;
            fl = l;
            fc = c;
            if (ch == '"') {
                in_quotes = quoted = 1;
                c++;
                continue;
            }
        }
        if (in_quotes) {
            if (ch == '"') {
                int nx = getc(f);
                if (nx == '"') {
                    if (text && idx == field && text->len < 200)
                        sc_buf_append(text, "\"", 1);
                    c += 2;
                    continue;
                }
                if (nx != EOF)
                    ungetc(nx, f);
                in_quotes = 0;
                c++;
                continue;
            }
            if (ch == '\n') {
                l++;
                c = 1;
            } else if (!cont) {
                c++;
            }
            if (text && idx == field && text->len < 200) {
                char b = (char)ch;
                sc_buf_append(text, &b, 1);
            }
            continue;
        }
        if (ch == ',' || ch == '\n' || ch == '\r') {
            if (idx == field) {
                *oline = fl;
                *ocol = fc;
                st = SC_OK;
                break;
            }
            if (ch != ',') {
                /* end of record before the field was reached */
                if (field == SIZE_MAX) {
                    *oline = fl;
                    *ocol = fc;
                    st = SC_OK;
                } else {
                    *oline = l;
                    *ocol = c;
                }
                break;
            }
            idx++;
            c++;
            started = quoted = 0;
            fl = l;
            fc = c;
            continue;
        }
        if (!cont)
            c++;
        if (text && idx == field && text->len < 200) {
            char b = (char)ch;
            sc_buf_append(text, &b, 1);
        }
    }
    (void)quoted;
    fclose(f);
    if (text && text->len && field != SIZE_MAX) {
        size_t n = text->len;
        sc_trim(text->data, &n);
        text->len = n;
        text->data[n] = '\0';
    }
    return st;
}

const char *
sc_csv_shorten(sc_buf *out, const char *s, size_t n)
{
    sc_buf_reset(out);
    size_t chars = 0, i = 0;
    for (; i < n && chars < 60; i++) {
        unsigned char c = (unsigned char)s[i];
        sc_status st;
        if (c == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] == 0xA0) {
            st = sc_buf_append(out, "\\u00A0", 6); /* a no-break space */
            i++;
        } else if (c == '\n')
            st = sc_buf_append(out, "\\n", 2);
        else if (c == '\r')
            st = sc_buf_append(out, "\\r", 2);
        else if (c < 0x20 || c == 0x7F)
            st = sc_buf_appendf(out, "\\x%02X", c);
        else
            st = sc_buf_append(out, s + i, 1);
        if (st != SC_OK)
            return "";
        if ((c & 0xC0) != 0x80)
            chars++;
    }
    /* finish a multi-byte character cut at the limit */
    while (i < n && ((unsigned char)s[i] & 0xC0) == 0x80)
        if (sc_buf_append(out, s + i++, 1) != SC_OK)
            return "";
    if (i < n && sc_buf_append(out, "...", 3) != SC_OK)
        return "";
    return out->data ? out->data : "";
}
