#!/usr/bin/env bash
# Records OVS 3.1's conjunctive matches: refdata/ovs/conjunction/commands.in into commands.out (record-ovs-commands.sh).
#   src/test/scripts/record-conjunction.sh
exec "$(dirname "$0")/record-ovs-commands.sh" conjunction
