package io.arplab.tools.iproute;

/**
 * lib/color.c: with {@code -c[olor][=always]} and no {@code -j} (check_enable_color()), color_fprintf() writes a
 * field between its attribute's escape and {@code ESC[0m}, the padding and space of its format inside; the light
 * palette, as without COLORFGBG. {@code -c=auto} colours a terminal only, which a node's output is not.
 */
final class Color {
    private Color() {}

    /** The attributes of enum color_attr, as attr_colors_light[] maps them. */
    static final String IFNAME = "\033[36m";
    static final String MAC = "\033[33m";
    static final String INET = "\033[35m";
    static final String INET6 = "\033[34m";
    static final String OPERSTATE_UP = "\033[32m";
    static final String OPERSTATE_DOWN = "\033[31m";
    private static final String CLEAR = "\033[0m";

    /** matches_color(): the option's value turns colour on (none, empty or always) or leaves it off (never, auto). */
    static boolean enables(String opt) {
        int eq = opt.indexOf('=');
        return eq < 0 || opt.substring(eq + 1).isEmpty() || opt.substring(eq + 1).equals("always");
    }

    /** color_fprintf(): {@code text} in {@code attr} when colour is on and the field has one (not COLOR_NONE). */
    static String paint(boolean on, String attr, String text) {
        return on && attr != null ? attr + text + CLEAR : text;
    }

    /** oper_state_color(): UP green, DOWN red, the other states none. */
    static String operstate(String state) {
        return state.equals("UP") ? OPERSTATE_UP : state.equals("DOWN") ? OPERSTATE_DOWN : null;
    }
}
