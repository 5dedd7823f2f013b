#!/usr/bin/env bash
# Records the mutated campaign: for each SEED, gen-mut.py SEED writes mut-SEED.cmds (recorded command lines edited
# at random) and ../tools/record.sh runs it as record.sh runs seed-SEED.cmds, writing mut-SEED.out.
# Run as root: bash record-mut.sh SEED...
set -eu
cd "$(dirname "$0")"
for s in "$@"; do python3 gen-mut.py "$s" > mut-$s.cmds; done
CMDS_DIR=$PWD AO=${AO:-tq} GUARD="timeout -s KILL 15" bash ../tools/record.sh $(for s in "$@"; do echo mut-$s; done)
