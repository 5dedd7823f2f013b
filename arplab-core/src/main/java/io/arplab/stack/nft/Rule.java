package io.arplab.stack.nft;

import java.util.List;

/** A rule of a chain: its handle and statements, evaluated in order (nft_do_chain()). */
public final class Rule {
    public final long handle;
    public final List<Expr> exprs;

    public Rule(long handle, List<Expr> exprs) {
        this.handle = handle;
        this.exprs = List.copyOf(exprs);
    }
}
