#!/usr/bin/env python3
"""Lays the fuzz tests' seed corpora (src/test/resources/.../*FuzzTestInputs/METHOD/) from the repository's own
captures, lab files and flows. Re-run after adding recordings; the files are named by content hash."""
import hashlib, os, struct, sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
RES = os.path.join(ROOT, "src/test/resources")

def files(ext, dirs=("src/test/resources", "examples")):
    for d in dirs:
        for base, _, names in sorted(os.walk(os.path.join(ROOT, d))):
            if "FuzzTestInputs" in base:
                continue
            for n in sorted(names):
                if any(n.endswith(e) for e in ext):
                    yield os.path.join(base, n)

def frames(path):
    b = open(path, "rb").read()
    if len(b) < 24:
        return
    magic = b[:4]
    if magic in (b"\xd4\xc3\xb2\xa1", b"\x4d\x3c\xb2\xa1"):
        e = "<"
    elif magic in (b"\xa1\xb2\xc3\xd4", b"\xa1\xb2\x3c\x4d"):
        e = ">"
    else:
        return
    if struct.unpack(e + "I", b[20:24])[0] != 1:   # Ethernet only
        return
    off = 24
    while off + 16 <= len(b):
        incl = struct.unpack(e + "I", b[off + 8:off + 12])[0]
        off += 16
        yield b[off:off + incl]
        off += incl

def lay(cls_path, method, items, cap):
    d = os.path.join(RES, cls_path + "Inputs", method)
    os.makedirs(d, exist_ok=True)
    for n in os.listdir(d):
        if n.startswith("seed-"):
            os.remove(os.path.join(d, n))
    seen = set()
    for data in items:
        h = hashlib.sha1(data).hexdigest()[:16]
        if h in seen:
            continue
        seen.add(h)
        open(os.path.join(d, "seed-" + h), "wb").write(data)
        if len(seen) >= cap:
            break
    print(f"{cls_path}Inputs/{method}: {len(seen)}")

def distinct_frames():
    out, shapes = [], set()
    for p in files((".pcap",)):
        for f in frames(p):
            shape = (len(f), f[12:14], f[23:24] if len(f) > 23 else b"", f[20:22] if len(f) > 22 else b"")
            if shape not in shapes:
                shapes.add(shape)
                out.append(f)
    return out

fr = distinct_frames()
lay("io/arplab/wire/WireFuzzTest", "framesDecode", fr, 150)
lay("io/arplab/wire/tcpdump/TcpdumpFuzzTest", "printsAnyFrame", fr, 150)
lay("io/arplab/stack/HostStackFuzzTest", "receivesAnyFrames", fr, 150)
lay("io/arplab/wire/pcap/CaptureReaderFuzzTest", "readsOrRefuses",
    (open(p, "rb").read() for p in files((".pcap", ".pcapng")) if os.path.getsize(p) <= 4096), 60)
lay("io/arplab/topo/TopologyLoaderFuzzTest", "loadsOrRefuses",
    (open(p, "rb").read() for p in files((".yaml", ".yml")) if os.path.getsize(p) <= 4096), 80)
flows = []
for p in files((".flows", "flows.in")):
    for line in open(p, encoding="utf-8"):
        line = line.strip()
        if line and not line.startswith("#"):
            flows.append(line.encode())
lay("io/arplab/flow/FlowParserFuzzTest", "parsesOrRefuses", flows, 250)
