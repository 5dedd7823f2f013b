#!/usr/bin/env python3
"""Records what glibc's inet_pton(AF_INET6) and inet_ntop(AF_INET6) make of hand-picked and seeded random texts
(Python's socket module calls them): one "TEXT<TAB>FORMATTED" line each, "-" when inet_pton refuses the text.
  src/test/scripts/record-inet6.py > src/test/resources/refdata/glibc/inet6.txt
"""
import random
import socket

CASES = ["::", "::1", "1::", "::ffff:1.2.3.4", "::1.2.3.4", "::ffff:0:0", "::0:1:2", "1:0:0:2:0:0:0:3",
         "1:0:0:2:0:0:3:4", "0:0:1:0:0:0:0:0", "1:0:2:3:4:5:6:7", "ABCD::EF", "fe80::1%eth0", ":::", "1:::2",
         "1::2::3", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7::", "::1:2:3:4:5:6:7", "12345::", "g::", "1.2.3.4",
         "::1.2.3", "::1.2.3.04", "::256.1.1.1", "::1.2.3.4.5", "1::1.2.3.4", "1:2:3:4:5:6:1.2.3.4",
         "1:2:3:4:5:6:7:1.2.3.4", ":1::", "1:", "", "0000:0000:0000:0000:0000:0000:0000:0001", "00000::",
         "::ffff:ffff:ffff", "::fffe:1.2.3.4", "ff02::1:ff00:2", "2001:db8:0:0:1::", "0:0:0:0:0:ffff:0:1"]
r = random.Random(6)
for _ in range(300):
    words = [r.choice([0, 0, 0, 1, 0xffff, r.randrange(1 << 16)]) for _ in range(8)]
    CASES.append(":".join("%x" % w for w in words))
for text in CASES:
    try:
        out = socket.inet_ntop(socket.AF_INET6, socket.inet_pton(socket.AF_INET6, text))
    except (OSError, ValueError):
        out = "-"
    print("%s\t%s" % (text, out))
