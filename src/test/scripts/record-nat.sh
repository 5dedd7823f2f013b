#!/usr/bin/env bash
# Records OVS 3.1's conntrack NAT: refdata/ovs/nat/commands.in and nat6/commands.in (IPv6) into commands.out
# (record-ovs-commands.sh).
#   src/test/scripts/record-nat.sh
"$(dirname "$0")/record-ovs-commands.sh" nat && exec "$(dirname "$0")/record-ovs-commands.sh" nat6
