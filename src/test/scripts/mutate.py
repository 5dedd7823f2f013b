"""The edit that gen-mutations.py (OVS commands) and refdata/local/fuzz-tools/gen-mut.py (host tools) make to a
recorded command line: one to three places of its words (never the first, when there are others), each a character
deleted, inserted or replaced from JUNK, the word cut short there, a number spliced in, or up to 30 characters of
another command pasted (less the characters in `unpasted`)."""

JUNK = "=,()[]{}:;/.-_*0x1fFzZ9 !%&|<>~^@#+?"


def mutate(rnd, words, numbers, other, unpasted=''):
    """The words edited; other() draws the command a piece is pasted from."""
    m = [list(w) for w in words]
    for _ in range(rnd.randint(1, 3)):
        w = m[rnd.randrange(1, len(m)) if len(m) > 1 else 0]
        pos = rnd.randint(0, len(w))
        kind = rnd.randrange(6)
        if kind == 0 and pos < len(w):
            del w[pos]
        elif kind == 1:
            w.insert(pos, rnd.choice(JUNK))
        elif kind == 2 and pos < len(w):
            w[pos] = rnd.choice(JUNK)
        elif kind == 3:
            del w[pos:]
        elif kind == 4:
            w[pos:pos] = list(rnd.choice(numbers))
        else:  # a delete or replace at the word's end pastes too
            o = other()
            a = rnd.randrange(len(o))
            w[pos:pos] = [c for c in o[a:a + rnd.randint(1, 30)] if c not in unpasted]
    return [''.join(w) for w in m]
