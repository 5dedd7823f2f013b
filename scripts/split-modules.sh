#!/usr/bin/env bash
# Moves sources still in the single-module layout (src/main/java, src/main/resources, src/test/java) into the
# modules (arplab-core, arplab-topo, arplab-junit, arplab-cli) with git mv; a test goes up to the module whose classes
# it uses. Prints each move and why; "nothing to move" when the tree is split already. The rules: scripts/SplitModules.java.
#   bash scripts/split-modules.sh [--dry-run]
# After merging a branch made before the split (moves only, so git's rename detection keeps following the files):
#   git -c merge.directoryRenames=false merge BRANCH && bash scripts/split-modules.sh && git add -A && git commit -m "build: BRANCH's new files into the modules"
set -euo pipefail
cd "$(dirname "$0")/.."
exec java scripts/SplitModules.java "$@"
