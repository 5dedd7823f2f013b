package io.arplab.wire.filter;

import java.util.ArrayDeque;
import java.util.Deque;

/** The depth of a compiled expression, measured without recursion (so that measuring is always safe). */
final class Depth {
    private Depth() {}

    private record Item(Object node, int depth) {}

    static int of(Node root) {
        int max = 0;
        Deque<Item> stack = new ArrayDeque<>();
        stack.push(new Item(root, 1));
        while (!stack.isEmpty()) {
            Item it = stack.pop();
            max = Math.max(max, it.depth);
            Object n = it.node;
            int d = it.depth + 1;
            if (n instanceof Node.And a) {
                stack.push(new Item(a.a, d));
                stack.push(new Item(a.b, d));
            } else if (n instanceof Node.Or o) {
                stack.push(new Item(o.a, d));
                stack.push(new Item(o.b, d));
            } else if (n instanceof Node.Not x) {
                stack.push(new Item(x.a, d));
            } else if (n instanceof Node.Rel r) {
                stack.push(new Item(r.a, d));
                stack.push(new Item(r.b, d));
            } else if (n instanceof Arith.Bin b) {
                stack.push(new Item(b.a, d));
                stack.push(new Item(b.b, d));
            } else if (n instanceof Arith.Neg g) {
                stack.push(new Item(g.a, d));
            } else if (n instanceof Arith.Load l) {
                stack.push(new Item(l.index, d));
            }
        }
        return max;
    }
}
