#!/usr/bin/env bash
# Assembles docs/tables.md from the header and one column dictionary per table (docs/tables/*.md).
set -euo pipefail
cd "$(dirname "$0")"
{
  cat tables.header.md
  for t in indicator_values rankings changes target_gaps scorecard peers predecessor_history boundary_changes; do
    echo
    cat "tables/$t.md"
  done
} > tables.md
echo "docs/tables.md assembled"
