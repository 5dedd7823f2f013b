package io.arplab.stack.nft;

import java.util.ArrayList;
import java.util.List;

/** A chain: a base chain (type, hook, priority, policy) registered at a hook, or a regular chain jumped to. */
public final class Chain {
    public final Table table;
    public final String name;
    public final long handle;
    /** Null for a regular chain. */
    public final Hook hook;
    public final String type;
    public final int priority;
    public boolean policyDrop;
    public final List<Rule> rules = new ArrayList<>();
    final long order;

    public Chain(Table table, String name, long handle, String type, Hook hook, int priority, boolean policyDrop, long order) {
        this.table = table;
        this.name = name;
        this.handle = handle;
        this.type = type;
        this.hook = hook;
        this.priority = priority;
        this.policyDrop = policyDrop;
        this.order = order;
    }

    public boolean isBase() {
        return hook != null;
    }

    /**
     * nft_chain_validate() (net/netfilter/nf_tables_api.c): the chains this one jumps or goes to, and theirs, are at
     * most NFT_JUMP_STACK_SIZE (16) deep; a loop never is.
     */
    public boolean validates() {
        return walk(this, 0, null);
    }

    /** nft_reject_validate(): no reject is reachable from this base chain at {@code hook}, which cannot serve one. */
    public boolean rejectFits(Hook hook) {
        return hook != Hook.POSTROUTING || walk(this, 0, Expr.Reject.class);
    }

    /**
     * nft_nat_validate()/nft_masq_validate()/nft_redir_validate(): a nat statement reachable from this base chain
     * needs a nat chain (nft_chain_validate_dependency()) at a hook it serves (nft_chain_validate_hooks()).
     */
    public boolean natFits() {
        return walkNat(this, 0);
    }

    private boolean walkNat(Chain c, int depth) {
        if (depth >= 16) {
            return true;
        }
        for (Rule r : c.rules) {
            for (Expr e : r.exprs) {
                if (e instanceof Expr.Nat n && (!"nat".equals(type) || !n.fits(hook))) {
                    return false;
                }
                if (e instanceof Expr.Verdict v && v.chain() != null) {
                    Chain target = c.table.chains.get(v.chain());
                    if (target != null && !walkNat(target, depth + 1)) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    // whether every chain reached from c within the jump stack holds no expression of class bad (null: none is bad);
    // deeper than the stack: too deep only when no class is asked for (a reject's walk stops there)
    private static boolean walk(Chain c, int depth, Class<?> bad) {
        if (depth >= 16) {
            return bad != null;
        }
        for (Rule r : c.rules) {
            for (Expr e : r.exprs) {
                if (bad != null && bad.isInstance(e)) {
                    return false;
                }
                if (e instanceof Expr.Verdict v && v.chain() != null) {
                    Chain target = c.table.chains.get(v.chain());
                    if (target != null && !walk(target, depth + 1, bad)) {
                        return false;
                    }
                }
            }
        }
        return true;
    }
}
