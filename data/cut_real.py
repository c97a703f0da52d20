#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Cut California's rows out of the publishers' files in ../shared/data/real.

    python3 data/cut_real.py [SOURCE_DIR] [--out DIR] [--check]

SOURCE_DIR defaults to <repo>/../shared/data/real and --out to the folder of
this script (data/).  For every file in CUTS below it keeps

  * the header line,
  * the rows of California: state FIPS 06, that is the 58 counties and the
    state row 06000 where the file has one,
  * the national row 00000 where the file has one,

and copies each kept record's raw bytes: the publisher's header, column
names, quoting, number forms ("0.4293064876957495", "NA", "96.3"), empty
cells and line endings are not touched.  Records are split with RFC 4180
quoting in mind (a newline inside a quoted field does not end a record);
each record is then parsed with the standard csv module only to read its
FIPS code.  Rows keep the source's order.  Only the Python standard library
is used, so the same inputs always give the same bytes.

--check writes nothing and exits 1 when a file in --out differs from what
the cut would write (for CI: the bundled files are the cut of the sources).
"""

import argparse
import csv
import hashlib
import io
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
DEFAULT_SOURCE = os.path.join(os.path.dirname(REPO), "shared", "data", "real")

STATE = "06"        # California
NATION = "00000"

# (source path under SOURCE_DIR, output name in data/, FIPS columns).
# The FIPS columns are concatenated: one column holding the 5-digit code,
# or the publisher's separate 2-digit state and 3-digit county columns.
CUTS = [
    ("sahie/sahie_county_under19_allincome_2008_2016.csv",
     "sahie_ca_under19_2008_2016.csv", ["fips"]),
    ("chr/chr_child_panel_2010_2018.csv",
     "chr_ca_child_panel_2010_2018.csv", ["fips"]),
    ("urban_mobility/metrics_preschool_county_all_longitudinal_all.csv",
     "urban_ca_preschool_2014_2023.csv", ["state", "county"]),
    ("urban_mobility/rate_low_birth_weight_metric_all_county.csv",
     "urban_ca_low_birth_weight_2016_2023.csv", ["state", "county"]),
]


def raw_records(data):
    """Split bytes into raw records, each with its own line ending.

    A record ends at a LF outside double quotes (a CR before it stays in
    the record, so CRLF files keep CRLF).  An escaped quote "" toggles
    twice, which leaves the state unchanged, as RFC 4180 wants.
    """
    out = []
    start = 0
    quoted = False
    i = 0
    n = len(data)
    while i < n:
        c = data[i]
        if c == 0x22:                       # "
            quoted = not quoted
        elif c == 0x0A and not quoted:      # \n
            out.append(data[start:i + 1])
            start = i + 1
        i += 1
    if quoted:
        raise ValueError("unterminated quoted field at end of file")
    if start < n:
        out.append(data[start:])            # last record without a newline
    return out


def fields(record, where):
    text = record.decode("utf-8")
    if text.startswith("\ufeff"):
        text = text[1:]
    rows = list(csv.reader(io.StringIO(text, newline=""), strict=True))
    if len(rows) != 1:
        raise ValueError("%s: expected one record, got %d" % (where, len(rows)))
    return rows[0]


def cut(src, fips_cols):
    with open(src, "rb") as f:
        data = f.read()
    recs = raw_records(data)
    if not recs:
        raise ValueError("%s: empty file" % src)
    header = fields(recs[0], src + ":1")
    try:
        idx = [header.index(c) for c in fips_cols]
    except ValueError:
        raise ValueError("%s: header lacks %s" % (src, "/".join(fips_cols)))
    kept = [recs[0]]
    line = 1 + recs[0].count(b"\n")
    counts = {"county": 0, "state": 0, "nation": 0}
    for rec in recs[1:]:
        where = "%s:%d" % (src, line)
        line += rec.count(b"\n")
        if not rec.strip(b"\r\n"):
            continue                        # a blank line is not a row
        row = fields(rec, where)
        if len(row) != len(header):
            raise ValueError("%s: %d fields, header has %d"
                             % (where, len(row), len(header)))
        fips = "".join(row[i] for i in idx)
        if fips == NATION:
            counts["nation"] += 1
        elif len(fips) == 5 and fips.startswith(STATE):
            counts["state" if fips.endswith("000") else "county"] += 1
        else:
            continue
        kept.append(rec)
    return b"".join(kept), counts, len(recs) - 1


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("source", nargs="?", default=DEFAULT_SOURCE,
                    help="folder of the publishers' files (default: %(default)s)")
    ap.add_argument("--out", default=HERE,
                    help="folder to write the cut files to (default: %(default)s)")
    ap.add_argument("--check", action="store_true",
                    help="write nothing; exit 1 if a file in --out differs")
    args = ap.parse_args()

    differ = 0
    for rel, name, cols in CUTS:
        src = os.path.join(args.source, rel)
        try:
            data, counts, total = cut(src, cols)
        except (OSError, ValueError, UnicodeDecodeError, csv.Error) as e:
            print("cut_real.py: %s" % e, file=sys.stderr)
            return 2
        dst = os.path.join(args.out, name)
        rows = sum(counts.values())
        what = "%d rows (%d county, %d state, %d nation) of %d" % (
            rows, counts["county"], counts["state"], counts["nation"], total)
        digest = hashlib.sha256(data).hexdigest()[:16]
        if args.check:
            try:
                with open(dst, "rb") as f:
                    same = f.read() == data
            except OSError:
                same = False
            differ += not same
            print("%s %s: %s" % ("ok     " if same else "DIFFERS", name, what))
            continue
        tmp = dst + ".tmp"
        with open(tmp, "wb") as f:
            f.write(data)
        os.replace(tmp, dst)
        print("wrote %s: %s, %d bytes, sha256 %s, from %s"
              % (os.path.relpath(dst), what, len(data), digest, rel))
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
