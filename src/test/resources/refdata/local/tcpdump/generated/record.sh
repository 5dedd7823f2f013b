#!/usr/bin/env bash
# Records what tcpdump 4.99.3 (Debian 12, libpcap 1.10.3) prints for the generated corpus: generated.pcap is
# written by io.arplab.wire.tcpdump.GeneratedCorpus (FrameGenerator, a fixed seed), then each line of
# commands.txt gives NAME.out = `tcpdump OPTIONS -r generated.pcap` with TZ=UTC and LC_ALL=C.UTF-8. The runs
# without -n are made inside `unshare -n` (no network: no reverse look-ups, names only from /etc/services,
# /etc/protocols and tcpdump's OUI table), as refdata/tcpdump's render.sh does. Run as root from anywhere.
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../../../../../.." && pwd)"
tcpdump --version 2>&1 | head -1 | grep -q '^tcpdump version 4.99.3$' || { echo "needs tcpdump 4.99.3" >&2; exit 1; }
(cd "$root" && mvn -B -q test-compile -pl arplab-core -am)
java -cp "$root/arplab-core/target/classes:$root/arplab-core/target/test-classes" \
    io.arplab.wire.tcpdump.GeneratedCorpus "$here/generated.pcap"
cd "$here"
grep -v '^#' commands.txt | while IFS=$'\t' read -r name opts; do
  case " $opts " in
    *" -n "*) TZ=UTC LC_ALL=C.UTF-8 tcpdump $opts -r generated.pcap > "$name.out" 2>/dev/null ;;
    *) unshare -n env TZ=UTC LC_ALL=C.UTF-8 tcpdump $opts -r generated.pcap > "$name.out" 2>/dev/null ;;
  esac
done
{ tcpdump --version 2>&1 | head -2; } > versions.txt
