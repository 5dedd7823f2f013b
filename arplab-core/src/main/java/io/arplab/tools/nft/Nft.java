package io.arplab.tools.nft;

import io.arplab.stack.nft.Nftables;
import io.arplab.tools.Tool;
import io.arplab.tools.ToolContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code nft} (nftables 1.0.6, Debian 12) over the node's namespace ruleset: {@code -a} (handles), {@code -c}
 * (check only), {@code -f FILE}, the listing flags {@code -s -t -y -n} (others of nft_options[] accepted), and a
 * command given as words (joined by spaces, as nft joins its argv). Errors as
 * nft prints them on stderr, exit status 1.
 */
public final class Nft implements Tool {
    @Override
    public void start(ToolContext ctx, List<String> args) {
        StringBuilder out = new StringBuilder();
        int code = run(ctx, args, out);
        ctx.out().print(out);
        ctx.exit(code);
    }

    /** The long names and letters of nft 1.0.6's options that take an argument (nft_options[] with .arg). */
    private static final List<String> WITH_ARGUMENT = List.of("file", "f", "includepath", "I", "debug", "d", "define",
            "D");

    /** nft.c's debug_param[]: the levels -d takes (their debug output arplab does not print). */
    private static final List<String> DEBUG_LEVELS = List.of("scanner", "parser", "eval", "netlink", "mnl",
            "proto-ctx", "segtree", "all");

    /** nft 1.0.6's nft_options[] long names in table order, the order getopt_long() lists an ambiguous prefix's. */
    private static final List<String> LONG_OPTIONS = List.of("help", "version", "check", "file", "define",
            "interactive", "includepath", "numeric", "stateless", "reversedns", "service", "handle", "echo", "json",
            "guid", "numeric-priority", "numeric-protocol", "numeric-time", "terse", "debug", "optimize");

    /**
     * getopt_long(): "--NAME" for a long option given whole or by a prefix of one name only (an exact name wins;
     * none: as typed, to be reported unrecognized); null once an ambiguous prefix is reported.
     */
    private static String longOption(ToolContext ctx, String a) {
        String typed = a.indexOf('=') > 0 ? a.substring(2, a.indexOf('=')) : a.substring(2);
        List<String> matches = LONG_OPTIONS.stream().filter(n -> n.startsWith(typed)).toList();
        if (typed.isEmpty() || LONG_OPTIONS.contains(typed) || matches.size() < 2) {
            return "--" + (matches.size() == 1 && !typed.isEmpty() ? matches.get(0) : typed);
        }
        StringBuilder msg = new StringBuilder("nft: option '" + a + "' is ambiguous; possibilities:");
        matches.forEach(m -> msg.append(" '--").append(m).append('\''));
        ctx.err().print(msg.append('\n'));
        return null;
    }

    /**
     * nft_options_check(): an option after a command word is refused before anything is parsed (an argument
     * starting with '{' ends the check, an option's own argument is skipped), with the command line on stderr and
     * a marker under it on stdout (nft_options_error()).
     */
    private static boolean optionsAfterCommand(ToolContext ctx, List<String> args, StringBuilder out) {
        List<String> argv = new java.util.ArrayList<>();
        argv.add("nft");
        argv.addAll(args);
        boolean skip = false;
        boolean nonoption = false;
        int pos = 0;
        for (int i = 1; i < argv.size(); i++) {
            pos += argv.get(i - 1).length() + 1;
            String a = argv.get(i);
            if (a.startsWith("{")) {
                break;
            } else if (skip) {
                skip = false;
            } else if (a.startsWith("-")) {
                if (nonoption) {
                    StringBuilder line = new StringBuilder();
                    argv.forEach(w -> line.append(w).append(' '));
                    ctx.err().print("Error: syntax error, options must be specified before commands\n" + line);
                    out.append("\n   ^").append(pos - 2 > 2 ? " ".repeat(pos - 4) : "").append("~~\n");
                    return true;
                }
                skip = a.length() > 1 && WITH_ARGUMENT.contains(String.valueOf(a.charAt(1)))
                        || a.length() > 2 && WITH_ARGUMENT.contains(a.substring(2));
            } else if (!a.isEmpty()) {
                nonoption = true;
            }
        }
        return false;
    }

    private static int run(ToolContext ctx, List<String> args, StringBuilder out) {
        if (optionsAfterCommand(ctx, args, out)) {
            return 1;
        }
        boolean handles = false;
        boolean stateless = false;
        boolean terse = false;
        boolean json = false;
        boolean numericPriority = false;
        int numeric = 0; // NFT_CTX_OUTPUT_NUMERIC_PROTO (-p), _ALL (-n)
        boolean define = false;
        boolean check = false;
        String file = null;
        int i = 0;
        for (; i < args.size() && args.get(i).startsWith("-") && args.get(i).length() > 1; i++) {
            String a = args.get(i);
            // getopt_long(): a long option whole, short ones letter by letter ("-vf x" is -v, then -f x)
            // a long option's argument may follow an '=' ("--define=x=1")
            String inline = a.startsWith("--") && a.indexOf('=') > 0 ? a.substring(a.indexOf('=') + 1) : null;
            String name = a.startsWith("--") ? longOption(ctx, a) : null;
            if (a.startsWith("--") && name == null) {
                return 1;
            }
            List<String> opts = a.startsWith("--") ? List.of(name)
                    : a.substring(1).chars().mapToObj(c -> "-" + (char) c).toList();
            for (int k = 0; k < opts.size(); k++) {
                switch (opts.get(k)) {
                    case "-h", "--help" -> {
                        out.append(io.arplab.tools.Usage.of("nft")); // nft.c show_help(): stdout, success
                        return 0;
                    }
                    case "-v", "--version" -> {
                        out.append("nftables v1.0.6 (Lester Gooch #5)\n");
                        return 0;
                    }
                    case "-V" -> {
                        out.append("nftables v1.0.6 (Lester Gooch #5)\n  cli:\t\teditline\n  json:\t\tyes\n"
                                + "  minigmp:\tno\n  libxtables:\tyes\n"); // show_version() of Debian's build
                        return 0;
                    }
                    case "-a", "--handle" -> handles = true;
                    case "-c", "--check" -> check = true;
                    case "-s", "--stateless" -> stateless = true;
                    case "-t", "--terse" -> terse = true;
                    case "-j", "--json" -> json = true;
                    case "-y", "--numeric-priority" -> numericPriority = true;
                    case "-n", "--numeric" -> {
                        numericPriority = true;
                        numeric = 2;
                    }
                    case "-p", "--numeric-protocol" -> numeric = Math.max(numeric, 1);
                    // formatting arplab's listings do not show (services, names, ids, times), and -o
                    case "-S", "--service", "-N", "--reversedns", "-u", "--guid",
                         "-T", "--numeric-time", "-o", "--optimize" -> { }
                    case "-f", "--file", "-D", "--define", "-I", "--includepath", "-d", "--debug" -> {
                        String opt = opts.get(k);
                        String arg;
                        if (inline != null) {
                            arg = inline;
                        } else if (k + 1 < opts.size()) {
                            arg = a.substring(k + 2); // the rest of the cluster
                            k = opts.size();
                        } else if (i + 1 >= args.size()) {
                            ctx.err().print(a.startsWith("--") ? "nft: option '" + opt + "' requires an argument\n"
                                    : "nft: option requires an argument -- '" + opts.get(k).charAt(1) + "'\n");
                            return 1;
                        } else {
                            arg = args.get(++i);
                        }
                        if (opt.equals("-d") || opt.equals("--debug")) {
                            // main()'s OPT_DEBUG: each comma-separated level one of debug_param[]'s names
                            for (String level : arg.split(",", -1)) {
                                if (!DEBUG_LEVELS.contains(level)) {
                                    ctx.err().print("invalid debug parameter `" + level + "'\n");
                                    return 1;
                                }
                            }
                        } else if (opt.equals("-f") || opt.equals("--file")) {
                            file = arg;
                        } else if (opt.equals("-D") || opt.equals("--define")) {
                            if (arg.indexOf('=') < 0) { // nft_ctx_add_var(): a definition is NAME=VALUE
                                ctx.err().print("Failed to define variable '" + arg + "'\n");
                                return 1;
                            }
                            define = true;
                        }
                    }
                    default -> {
                        // a long option it does not know is "unrecognized", a short letter "invalid"
                        ctx.err().print(a.startsWith("--") ? "nft: unrecognized option '" + a + "'\n"
                                : "nft: invalid option -- '" + opts.get(k).charAt(1) + "'\n");
                        return 1;
                    }
                }
            }
        }
        if (define && file == null) { // main(): checked once every option is read
            ctx.err().print("Error: -D/--define can only be used with -f/--filename\n");
            return 1;
        }
        String input;
        String where = null;
        if (file != null && (file.equals("-") || file.equals("/dev/stdin"))) {
            // nft_run_cmd_from_filename(): "-" is read as /dev/stdin, the name its errors give
            input = ctx.stdin() == null ? "" : new String(ctx.stdin(), StandardCharsets.UTF_8);
            where = "/dev/stdin";
        } else if (file != null) {
            Path p = ctx.workDir().resolve(file);
            try {
                input = Files.readString(p);
            } catch (IOException | RuntimeException e) {
                ctx.err().print("internal:0:0-0: Error: Could not open file \"" + file
                        + "\": No such file or directory\n\n\n");
                return 1;
            }
            where = file;
        } else {
            if (i >= args.size()) {
                ctx.err().print("nft: no command specified\n");
                return 1;
            }
            input = String.join(" ", args.subList(i, args.size()));
        }
        // libnftables: the command line or the whole file is one transaction, applied only when all of it succeeds
        Nftables nft = ctx.stack().nftables();
        Nftables.Snapshot before = nft.begin();
        List<NftError> errors = new NftParser(nft, input,
                new NftPrinter.Listing(handles, stateless, terse, numericPriority, numeric, json), out).run();
        if (!errors.isEmpty() || check) {
            nft.abort(before, errors.isEmpty() || errors.get(0).phase() == NftError.Phase.KERNEL);
        }
        for (NftError e : errors) {
            ctx.err().print(e.render(input, where, ctx.resolver()::lookupErrorFor));
        }
        return errors.isEmpty() ? 0 : 1;
    }
}
