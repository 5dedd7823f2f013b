#!/usr/bin/env bash
# Records the generated campaign: for each SEED, gen.py SEED writes seed-SEED.cmds and ../tools/record.sh runs it on
# the topology of ../tools (namespaces tq-*, a fresh topology per seed), writing seed-SEED.out in its format. Each
# command runs under "timeout -s KILL 15" as a guard; gen.py bounds every command, so none should reach it.
# Run as root: bash record.sh SEED...
set -eu
cd "$(dirname "$0")"
for s in "$@"; do python3 gen.py "$s"; done
CMDS_DIR=$PWD AO=${AO:-tq} GUARD="timeout -s KILL 15" bash ../tools/record.sh $(for s in "$@"; do echo seed-$s; done)
