#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Check that every XML part of an XLSX file is well-formed XML 1.0.

Usage: xlsx-wellformed.py FILE.xlsx   (exit 0 when all parts parse)
Used by tests/hostile cases through `build-run:` (standard library only).
"""
import sys
import zipfile
import xml.dom.minidom


def main():
    if len(sys.argv) != 2:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    bad = 0
    with zipfile.ZipFile(sys.argv[1]) as z:
        for name in z.namelist():
            if not (name.endswith('.xml') or name.endswith('.rels')):
                continue
            try:
                xml.dom.minidom.parseString(z.read(name))
            except Exception as e:  # expat raises ExpatError
                print('%s: %s is not well-formed XML: %s'
                      % (sys.argv[1], name, e))
                bad += 1
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main())
