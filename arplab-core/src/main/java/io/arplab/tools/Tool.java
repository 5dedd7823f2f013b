package io.arplab.tools;

import java.util.List;

/** A command people know (ping, ip, arp ...), run inside a node. Ends through {@link ToolContext#exit}. */
public interface Tool {
    /** Starts the tool; {@code args} excludes the command name. May end at once or schedule work. */
    void start(ToolContext ctx, List<String> args);
}
