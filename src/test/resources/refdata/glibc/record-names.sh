#!/usr/bin/env bash
# Records what glibc's getaddrinfo(AF_INET) says of host names when the only name server (127.0.0.1) does not answer:
# "Temporary failure in name resolution" for a name it asked about, "Name or service not known" for one it refused
# before any query, "ok" for a numeric host. Run as root with gcc; writes names.txt ("<name>" TAB result). Debian 12,
# glibc 2.36. ResNameCheckTest replays it.
set -eu
cd "$(dirname "$0")"
T=$(mktemp -d)
cat > $T/gai.c <<'C'
#include <stdio.h>
#include <netdb.h>
#include <string.h>
int main(int c, char **v) {
    for (int i = 1; i < c; i++) {
        struct addrinfo h = {0}, *r;
        h.ai_family = AF_INET;
        int e = getaddrinfo(v[i], NULL, &h, &r);
        printf("<%s>\t%s\n", v[i], e ? gai_strerror(e) : "ok");
    }
}
C
gcc -o $T/gai $T/gai.c
ip netns add names-rec; mkdir -p /etc/netns/names-rec; echo "nameserver 127.0.0.1" > /etc/netns/names-rec/resolv.conf
long63=$(printf 'a%.0s' $(seq 63)); long64=$(printf 'a%.0s' $(seq 64))
ip netns exec names-rec $T/gai "" "#" "a b" "-x" "foo_bar" "ab..cd" "x." ".x" "a-" "ok" "1.2.3.4.5" "é" "a*b" "a/b" \
  "0x1g" "a-b" "x-.y" "_x" "a.-b" "a..b" "..." "." "a:b" "a,b" "a@b" "~" "a+b" "9" "a.9" "-" "a.b-" "1.2.3.4." "1..2" \
  "1.2.3.4.5.6" "256.1.1.1" "1.2.3.0x4" "99999999999" "1.2.3.4a" "0.0.0.0.0" "9." 'a\065' 'a\.b' 'a\06' 'a\0x' "$long63" \
  "$long64" "$long63.$long63.$long63.$long63" "$long63.$long63.$long63.${long63:0:61}" "*" "a*" "A_B-c" "4294967296" \
  "nosuchhost" "node-1.lab" > names.txt
ip netns del names-rec; rm -rf /etc/netns/names-rec $T
