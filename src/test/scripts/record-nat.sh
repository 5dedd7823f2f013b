#!/usr/bin/env bash
# Records OVS 3.1's conntrack NAT: refdata/ovs/nat/commands.in into commands.out (record-ovs-commands.sh).
#   src/test/scripts/record-nat.sh
exec "$(dirname "$0")/record-ovs-commands.sh" nat
