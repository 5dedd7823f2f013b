#!/usr/bin/env bash
# Rebuilds values.txt and decodes.txt. values.txt: the value_strings of the fields below as TShark 4.0.17 itself lists them
# (`tshark -G values`, the V lines: field, value, text), i.e. epan's etype_vals, ipproto_val, the DNS
# opcode/rcode/type tables, the LLC SAP table, ICMPv6's types. Run from anywhere with TShark 4.0.17 installed.
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
tshark --version 2>/dev/null | head -1 | grep -q ' 4\.0\.17 ' || { echo "needs TShark 4.0.17" >&2; exit 1; }
fields='eth.type|ip.proto|dns.flags.opcode|dns.flags.rcode|dns.qry.type|llc.dsap|icmpv6.type|lldp.tlv.type'
HOME="$(mktemp -d)" tshark -G values 2>/dev/null | grep -P "^V\t($fields)\t" | cut -f2- > "$here/values.txt"
# decodes.txt: which values of the dissector tables the frames reach have a dissector (`tshark -G decodes`:
# table, value, dissector), so that a value this package does not decode is told from one Wireshark leaves alone.
HOME="$(mktemp -d)" tshark -G decodes 2>/dev/null | grep -P '^(ethertype|ip\.proto|tcp\.port|udp\.port|llc\.dsap|vxlan\.next_proto|nsh\.next_proto|mpls\.label|pwach\.channel_type|mcc\.proto)\t' \
    | sort > "$here/decodes.txt"
