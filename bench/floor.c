/* SPDX-License-Identifier: MIT */
/*
 * The floor: the least work any CSV-reading engine must do on a dataset.
 * It reads every CSV file with read() in 1 MiB blocks and tokenizes it with
 * libcsv, with callbacks that only count fields and records. No values are
 * parsed, stored or checked, so `scorecard validate` can be measured as a
 * ratio to it on the same machine (bench/README.md).
 *
 * Usage: scorecard-bench-floor PATH...
 * A PATH that is a directory stands for its *.csv files (geographies.csv
 * included), in byte order of their names; any other PATH is read as a CSV
 * file. Prints one line "files=N records=N fields=N bytes=N" (records include
 * header rows). Exit status 0, or 1 with a message on stderr.
 */
#include <csv.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define READ_BLOCK (1024u * 1024u)

/* Totals over all files. Volatile so the compiler keeps the callbacks'
 * increments, which stand in for the work an engine does per field. */
typedef struct counts {
    volatile uint64_t fields;
    volatile uint64_t records;
    uint64_t files;
    uint64_t bytes;
} counts;

/* A growable list of file paths, owned by the list. */
typedef struct path_list {
    char **paths;
    size_t len, cap;
} path_list;

/* Print "what 'path': detail" (parts optional) to stderr and exit 1. */
_Noreturn static void
die(const char *what, const char *path, const char *detail)
{
    fprintf(stderr, "scorecard-bench-floor: %s", what);
    if (path)
        fprintf(stderr, " '%s'", path);
    if (detail)
        fprintf(stderr, ": %s", detail);
    fputc('\n', stderr);
    exit(1);
}

/* malloc that exits on failure. */
static void *
xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p)
        die("out of memory", NULL, NULL);
    return p;
}

/* Append a copy of dir/name (or of name when dir is NULL); exits on OOM. */
static void
path_list_add(path_list *l, const char *dir, const char *name)
{
    if (l->len == l->cap) {
        size_t cap = l->cap ? 2 * l->cap : 16;
        if (cap > SIZE_MAX / sizeof *l->paths)
            die("out of memory", NULL, NULL);
        char **p = realloc(l->paths, cap * sizeof *p);
        if (!p)
            die("out of memory", NULL, NULL);
        l->paths = p;
        l->cap = cap;
    }
    size_t dlen = dir ? strlen(dir) + 1 : 0, nlen = strlen(name);
    char *s = xmalloc(dlen + nlen + 1);
    if (dir) {
        memcpy(s, dir, dlen - 1);
        s[dlen - 1] = '/';
    }
    memcpy(s + dlen, name, nlen + 1);
    l->paths[l->len++] = s;
}

/* Free the paths and the list's array. */
static void
path_list_free(path_list *l)
{
    for (size_t i = 0; i < l->len; i++)
        free(l->paths[i]);
    free(l->paths);
}

/* Does name end in ".csv" (and have something before it)? */
static int
is_csv_name(const char *name)
{
    size_t n = strlen(name);
    return n > 4 && strcmp(name + n - 4, ".csv") == 0;
}

/* Byte-order comparison of names, independent of the locale. */
static int
by_name(const struct dirent **a, const struct dirent **b)
{
    return strcmp((*a)->d_name, (*b)->d_name);
}

/* scandir filter: keep *.csv entries. */
static int
csv_entry(const struct dirent *e)
{
    return is_csv_name(e->d_name);
}

/* Add the *.csv files of dir, sorted by name; exits on error. */
static void
add_directory(path_list *l, const char *dir)
{
    struct dirent **entries;
    int n = scandir(dir, &entries, csv_entry, by_name);
    if (n < 0)
        die("cannot list", dir, strerror(errno));
    for (int i = 0; i < n; i++) {
        path_list_add(l, dir, entries[i]->d_name);
        free(entries[i]);
    }
    free(entries);
}

/* libcsv field callback: count only. */
static void
on_field(void *s, size_t len, void *data)
{
    counts *c = data;
    c->fields++;
}

/* libcsv record callback: count only. */
static void
on_record(int term, void *data)
{
    counts *c = data;
    c->records++;
}

/* Tokenize one file with p, adding to c; exits on error. */
static void
tokenize_file(struct csv_parser *p, const char *path, char *buf, counts *c)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        die("cannot open", path, strerror(errno));
    for (;;) {
        ssize_t got = read(fd, buf, READ_BLOCK);
        if (got < 0) {
            if (errno == EINTR)
                continue;
            die("cannot read", path, strerror(errno));
        }
        if (got == 0)
            break;
        size_t n = (size_t)got;
        if (csv_parse(p, buf, n, on_field, on_record, c) != n)
            die("cannot parse", path, csv_strerror(csv_error(p)));
        c->bytes += n;
    }
    if (csv_fini(p, on_field, on_record, c) != 0)
        die("cannot parse", path, csv_strerror(csv_error(p)));
    close(fd);
    c->files++;
}

int
main(int argc, char **argv)
{
    if (argc < 2) {
        fputs("usage: scorecard-bench-floor DATASET_DIR|FILE.csv...\n",
              stderr);
        return 1;
    }

    path_list files = {0};
    for (int i = 1; i < argc; i++) {
        struct stat st;
        if (stat(argv[i], &st) != 0)
            die("cannot read", argv[i], strerror(errno));
        if (S_ISDIR(st.st_mode))
            add_directory(&files, argv[i]);
        else
            path_list_add(&files, NULL, argv[i]);
    }

    /* The engine's options (engine/csvfile.c): strict quoting, and a 64 KiB
     * growth step so long fields are not copied quadratically. */
    struct csv_parser p;
    if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI) != 0)
        die("cannot initialize libcsv", NULL, NULL);
    csv_set_blk_size(&p, 64u * 1024u);
    char *buf = xmalloc(READ_BLOCK);

    counts c = {0};
    for (size_t i = 0; i < files.len; i++)
        tokenize_file(&p, files.paths[i], buf, &c);

    printf("files=%" PRIu64 " records=%" PRIu64 " fields=%" PRIu64
           " bytes=%" PRIu64 "\n",
           c.files, (uint64_t)c.records, (uint64_t)c.fields, c.bytes);

    free(buf);
    csv_free(&p);
    path_list_free(&files);
    return fflush(stdout) == 0 ? 0 : 1;
}
