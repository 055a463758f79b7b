#!/usr/bin/env bash
# Copies the published originals from ../shared/data into data/raw/<source>/, byte for byte.
# Repeatable: run it again after shared/ gains a file (next year's PCI, a new PAPI sheet) and commit the result.
# Nothing is edited by hand: readers take the originals as they are, through the mapping files beside them
# and data/raw/sources.json.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
shared=${SHARED_DIR:-$here/../../../shared/data}
[ -d "$shared" ] || { echo "import-shared: no shared data at $shared (set SHARED_DIR)" >&2; exit 2; }

copy() { # source-subfolder destination-folder file-glob...
  local from=$1 to=$2; shift 2
  mkdir -p "$here/$to"
  for g in "$@"; do
    for f in "$shared/$from"/$g; do
      [ -e "$f" ] || { echo "import-shared: nothing matches $from/$g" >&2; exit 2; }
      cp -p "$f" "$here/$to/"
      chmod u+w "$here/$to/$(basename "$f")"
    done
  done
}

copy papi/csv            papi-panel        '*.csv'
copy papi/codebook       papi-panel        'codebook_*.csv'
cp -p "$shared/papi/PROVENANCE.md" "$here/papi-panel/PROVENANCE-original.md"
copy papi-undp           papi-undp         '*.csv' '*.xlsx'
cp -p "$shared/papi-undp/PROVENANCE.md" "$here/papi-undp/PROVENANCE-original.md"
copy pci                 pci               '*.xls' '*.xlsx' 'PCI_Import.csv'
cp -p "$shared/pci/PROVENANCE.md" "$here/pci/PROVENANCE-original.md"
copy published           published         '*.csv'
cp -p "$shared/published/PROVENANCE.md" "$here/published/PROVENANCE-original.md"
chmod -R u+w "$here"
echo "import-shared: copied into $here"
