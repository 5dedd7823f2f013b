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
 * (check only), {@code -f FILE}, and a command given as words (joined by spaces, as nft joins its argv). Errors as
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

    private static int run(ToolContext ctx, List<String> args, StringBuilder out) {
        boolean handles = false;
        boolean check = false;
        String file = null;
        int i = 0;
        for (; i < args.size() && args.get(i).startsWith("-") && args.get(i).length() > 1; i++) {
            String a = args.get(i);
            // getopt_long(): a long option whole, short ones letter by letter ("-vf x" is -v, then -f x)
            List<String> opts = a.startsWith("--") ? List.of(a)
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
                    case "-a", "--handle" -> handles = true;
                    case "-c", "--check" -> check = true;
                    case "-f", "--file" -> {
                        if (k + 1 < opts.size()) {
                            file = a.substring(k + 2); // the rest of the cluster
                            k = opts.size();
                        } else if (i + 1 >= args.size()) {
                            ctx.err().print("nft: option requires an argument -- 'f'\n");
                            return 1;
                        } else {
                            file = args.get(++i);
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
        List<NftError> errors = new NftParser(nft, input, handles, out).run();
        if (!errors.isEmpty() || check) {
            nft.abort(before, errors.isEmpty() || errors.get(0).phase() == NftError.Phase.KERNEL);
        }
        for (NftError e : errors) {
            ctx.err().print(e.render(input, where));
        }
        return errors.isEmpty() ? 0 : 1;
    }
}
