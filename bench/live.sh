#!/usr/bin/env bash
# Live-mode benchmark (root, /dev/net/tun): arplab's host on a TAP device, the kernel in a namespace of this script's.
#   - round trip kernel -> arplab -> kernel: median and p99 of N pings (ping -i 0.002)
#   - ARP replies per second arplab sustains under a kernel-side flood of ARP requests (AF_PACKET, as fast as it goes)
#   - CPU per frame of the arplab process during the flood (/proc/PID/stat utime+stime over frames in and out)
# Usage: bench/live.sh [PINGS] [FLOOD_SECONDS]
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
pings="${1:-1000}"
flood="${2:-5}"
[ "$(id -u)" -eq 0 ] || { echo "bench/live.sh: needs root (network namespaces, /dev/net/tun)" >&2; exit 2; }
ns="arplab-bench-$$"
tap="arpb$$"
tap="${tap:0:15}"
ip netns add "$ns"
cleanup() { [ -n "${pid:-}" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null || true; ip netns del "$ns" 2>/dev/null || true; }
trap cleanup EXIT
"$here/arplab" --version >/dev/null   # builds the jar if needed, so the timing below excludes it
java ${ARPLAB_JAVA_OPTS:-} -jar "$here/arplab-cli/target/arplab.jar" live --tap "$tap" --netns "$ns" --kernel-address 10.0.0.1/24 \
  --address 10.0.0.2/24 --pcap-dir none -c 'sleep 3600' >/dev/null 2>&1 &
pid=$!
# arplab moves the TAP in, gives it 10.0.0.1 and brings it up: wait for all three
for _ in $(seq 200); do ip -n "$ns" -br addr show dev "$tap" 2>/dev/null | grep -q '10.0.0.1/24' && break; sleep 0.05; done
ip netns exec "$ns" ping -c 200 -i 0.002 -q 10.0.0.2 >/dev/null   # warm-up: JIT, caches, the neighbour entry

ip netns exec "$ns" ping -c "$pings" -i 0.002 10.0.0.2 | sed -n 's/.*time=\([0-9.]*\) ms/\1/p' | sort -n \
  | awk -v n="$pings" '{ t[NR] = $1 } END {
      if (NR == 0) { print "no replies"; exit 1 }
      printf "round trip kernel->arplab->kernel over %d of %d pings: median %.3f ms, p99 %.3f ms, min %.3f ms, max %.3f ms\n",
        NR, n, t[int((NR + 1) / 2)], t[int(NR * 0.99 + 0.999)], t[1], t[NR] }'

ticks() { awk '{ print $14 + $15 }' "/proc/$pid/stat"; }
hz=$(getconf CLK_TCK)
before=$(ticks)
ip netns exec "$ns" python3 - "$tap" "$flood" <<'PY'
import socket, struct, sys, time, fcntl
dev, seconds = sys.argv[1], float(sys.argv[2])
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(0x0806))
s.bind((dev, 0))
s.setblocking(False)
mac = fcntl.ioctl(s.fileno(), 0x8927, struct.pack('256s', dev.encode()))[18:24]  # SIOCGIFHWADDR
req = (b'\xff' * 6 + mac + b'\x08\x06' + struct.pack('!HHBBH', 1, 0x0800, 6, 4, 1) + mac
       + socket.inet_aton('10.0.0.1') + b'\x00' * 6 + socket.inet_aton('10.0.0.2'))
sent = replies = 0
end = time.monotonic() + seconds
while time.monotonic() < end:
    try:
        s.send(req); sent += 1
    except BlockingIOError:
        pass
    while True:
        try:
            f = s.recv(2048)
        except BlockingIOError:
            break
        if len(f) >= 42 and f[20:22] == b'\x00\x02':
            replies += 1
drain = time.monotonic() + 0.5
while time.monotonic() < drain:
    try:
        f = s.recv(2048)
        if len(f) >= 42 and f[20:22] == b'\x00\x02':
            replies += 1
    except BlockingIOError:
        time.sleep(0.001)
print(f"ARP flood for {seconds:g} s: {sent} requests sent, {replies} replies received, "
      f"{replies / seconds:,.0f} replies/s")
with open('/tmp/arplab-bench-frames', 'w') as out:
    out.write(f"{2 * replies}\n")  # each reply: one request read and one reply written by arplab
PY
after=$(ticks)
frames=$(cat /tmp/arplab-bench-frames); rm -f /tmp/arplab-bench-frames
awk -v t=$((after - before)) -v hz="$hz" -v f="$frames" 'BEGIN {
  printf "arplab CPU during the flood: %.2f s for %d frames (requests answered + replies): %.2f us per frame\n", t / hz, f, (t / hz) * 1e6 / f }'
