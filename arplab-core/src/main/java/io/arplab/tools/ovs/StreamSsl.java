package io.arplab.tools.ovs;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * STREAM_SSL_OPTION_HANDLERS (lib/stream-ssl.c) as a command-line tool runs them, option by option: each file is
 * read at once (the lab has none of them), each failure logged with the error ERR_get_error() takes, the oldest of
 * OpenSSL's error queue: a failed file read leaves the rest of what OpenSSL queued for the next failure to report.
 */
final class StreamSsl {
    private static final String SYS = "error:80000002:system library::No such file or directory",
            BIO = "error:10080002:BIO routines::system lib", SSL = "error:0A080002:SSL routines::system lib",
            NO_CIPHER = "error:0A0000B9:SSL routines::no cipher match";
    /** OpenSSL's keywords and cipher families a cipher list may name (SSL_CTX_set_cipher_list()). */
    private static final List<String> CIPHER_WORDS = List.of("ALL", "COMPLEMENTOFALL", "COMPLEMENTOFDEFAULT",
            "DEFAULT", "HIGH", "MEDIUM", "LOW", "RSA", "kRSA", "aRSA", "ECDHE", "EECDH", "DHE", "EDH", "kEECDH",
            "kECDHE", "kEDH", "kDHE", "ECDSA", "aECDSA", "DSS", "aDSS", "AES", "AES128", "AES256", "AESGCM", "AESCCM",
            "CHACHA20", "CAMELLIA", "ARIA", "SHA", "SHA1", "SHA256", "SHA384", "TLSv1.2", "TLSv1", "SSLv3", "PSK",
            "SUITEB128", "SUITEB192");

    private final Deque<String> queue = new ArrayDeque<>();
    /** update_ssl_config()'s file names: the same name again (of a file that does not change) is not re-read. */
    private String privateKey, certificate, caCert;
    private String protocols = "TLSv1,TLSv1.1,TLSv1.2", ciphers = "HIGH:!aNULL:!MD5";

    /** The option's vlog lines ("stream_ssl|LEVEL|text"), or null when {@code option} is no SSL option. */
    List<String> option(String option, String arg) {
        List<String> log = new ArrayList<>();
        switch (option) {
            case "private-key" -> { // stream_ssl_set_private_key_file()
                if (!arg.equals(privateKey)) {
                    privateKey = arg;
                    log.add("ERR|SSL_use_PrivateKey_file: " + read(SYS, BIO, SSL));
                }
            }
            case "certificate" -> { // stream_ssl_set_certificate_file()
                if (!arg.equals(certificate)) {
                    certificate = arg;
                    log.add("ERR|SSL_use_certificate_file: " + read(SYS, BIO, SSL));
                }
            }
            case "ca-cert", "bootstrap-ca-cert" -> { // stream_ssl_set_ca_cert_file__()
                if (!arg.equals(caCert)) {
                    caCert = arg;
                    if (arg.equals("none")) {
                        log.add("WARN|Peer certificate validation disabled (this is a security risk)");
                    } else if (option.equals("ca-cert")) { // a bootstrap CA certificate may not exist yet
                        log.add("ERR|failed to load client certificates from " + arg + ": " + read(SYS, BIO));
                    }
                }
            }
            case "peer-ca-cert" -> // stream_ssl_set_peer_ca_cert_file(): read_cert_file()'s fopen()
                    log.add("ERR|failed to open " + arg + " for reading: No such file or directory");
            case "ssl-protocols" -> { // stream_ssl_set_protocols(): kept only when every word is known
                if (!arg.equals(protocols)) {
                    String bad = null;
                    List<String> words = new ArrayList<>();
                    for (String w : arg.split("[ ,\t]+")) {
                        if (!w.isEmpty()) {
                            words.add(w);
                        }
                    }
                    for (String w : words) {
                        if (!List.of("tlsv1.2", "tlsv1.1", "tlsv1").contains(w.toLowerCase(java.util.Locale.ROOT))) {
                            bad = w;
                            break;
                        }
                    }
                    if (words.isEmpty()) {
                        log.add("ERR|SSL protocol settings invalid");
                    } else if (bad != null) {
                        log.add("ERR|" + bad + ": SSL protocol not recognized");
                    } else {
                        protocols = arg;
                    }
                }
            }
            case "ssl-ciphers" -> { // stream_ssl_set_ciphers(): the list kept even when it names no cipher
                if (!arg.equals(ciphers)) {
                    ciphers = arg;
                    if (!namesCipher(arg)) {
                        log.add("ERR|SSL_CTX_set_cipher_list: " + read(NO_CIPHER));
                    }
                }
            }
            default -> {
                return null;
            }
        }
        return log.stream().map(l -> "stream_ssl|" + l).toList();
    }

    // a failure queues its errors; ERR_get_error() takes the oldest
    private String read(String... errors) {
        queue.addAll(List.of(errors));
        return queue.poll();
    }

    // SSL_CTX_set_cipher_list() fails when no element of the list selects a cipher
    private static boolean namesCipher(String list) {
        for (String e : list.split("[:, ]")) {
            if (e.startsWith("!") || e.startsWith("-") || e.startsWith("@")) {
                continue;
            }
            for (String part : e.replaceFirst("^\\+", "").split("\\+")) {
                if (CIPHER_WORDS.contains(part)) {
                    return true;
                }
            }
        }
        return false;
    }
}
