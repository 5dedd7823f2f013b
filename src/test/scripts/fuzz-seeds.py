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

ONLY = set(sys.argv[1:])  # names of corpora to lay (default: all)
def wanted(name):
    return not ONLY or name in ONLY

fr = distinct_frames() if wanted("frames") else []
if wanted("frames"):
  lay("io/arplab/wire/WireFuzzTest", "framesDecode", fr, 150)
  lay("io/arplab/wire/tcpdump/TcpdumpFuzzTest", "printsAnyFrame", fr, 150)
  lay("io/arplab/wire/tshark/TsharkFuzzTest", "printsAnyFrames", fr, 150)
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
if wanted("flows"):
    lay("io/arplab/flow/FlowParserFuzzTest", "parsesOrRefuses", flows, 250)
if wanted("nft"):
    # ruleset files, and every nft command line of the recordings (what follows "nft" and its options)
    rules = [open(p, "rb").read() for p in files((".nft",))]
    for p in files((".out",), ("src/test/resources/refdata/local/nft",)):
        for line in open(p, encoding="utf-8"):
            if line.startswith("$ ") and ": nft " in line:
                words = line.split(": nft ", 1)[1].strip().split(" ")
                while words and words[0].startswith("-"):
                    words = words[1:]
                if words:
                    rules.append(" ".join(words).encode())
    lay("io/arplab/tools/nft/NftParserFuzzTest", "appliesOrRefuses", rules, 250)
if wanted("filters"):
    import re
    exprs = []
    for t in ("PacketFilterTest", "FilterDifferentialTest", "FilterPropertyTest"):
        src = open(os.path.join(ROOT, "src/test/java/io/arplab/wire/filter", t + ".java"), encoding="utf-8").read()
        exprs += [m.encode() for m in re.findall(r'"((?:[^"\\]|\\.)*)"', src) if m.strip()]
    lay("io/arplab/wire/filter/PacketFilterFuzzTest", "compilesOrRefuses", exprs, 250)
if wanted("inject"):
    # inject's frame specs as the scenarios and tests give them (after "inject -i IF [options]")
    import re
    specs = []
    for p in list(files((".txt",), ("examples",))) + list(files((".java",), ("src/test/java",))):
        for m in re.finditer(r"inject -i \S+ ((?:-[ct] \S+ )*)([^\"\n;&|]+)", open(p, encoding="utf-8").read()):
            specs.append(m.group(2).strip().encode())
    specs += [b"ff ff ff ff ff ff 02 42 ac 1c 00 0c 08 06 00 01", b"arp reply sha=02:42:ac:1c:00:0c spa=172.28.0.1"]
    lay("io/arplab/tools/InjectFuzzTest", "buildsOrRefuses", specs, 100)
