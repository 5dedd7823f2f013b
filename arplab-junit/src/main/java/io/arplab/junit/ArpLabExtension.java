package io.arplab.junit;

import io.arplab.api.Lab;
import io.arplab.api.Node;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * The JUnit 5 extension behind {@link ArpLab @ArpLab}: before each test it makes a fresh {@link Lab}, injects it
 * (and {@link LabNode @LabNode} nodes) into the test's parameters, and closes it after the test. When the test
 * fails it writes the lab's captures ({@code NODE.pcap}), its trace ({@code trace.txt}, as {@code perf script}) and
 * the HTML report ({@code report.html}) to {@code target/arplab/CLASS/METHOD/} (the system property
 * {@code arplab.junit.output} moves {@code target/arplab}) and adds their paths to the failure, as a suppressed
 * exception and a report entry.
 * <pre>{@code
 * @RegisterExtension
 * static ArpLabExtension arplab = ArpLabExtension.builder().file("lab.yaml").seed(42).build();
 * }</pre>
 * One lab per test; the extension runs tests of one class one at a time (its {@link #lab()} is the running test's).
 */
public final class ArpLabExtension implements BeforeEachCallback, AfterEachCallback, ParameterResolver,
        TestExecutionExceptionHandler, LifecycleMethodExecutionExceptionHandler {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ArpLabExtension.class);
    /** Where failed tests' evidence goes, below the working directory, unless {@code arplab.junit.output} says. */
    public static final String DEFAULT_OUTPUT = "target/arplab";

    private final Function<Class<?>, Lab> factory;
    private Lab current;

    /** The extension {@link ArpLab @ArpLab} registers: the lab comes from the annotation. */
    public ArpLabExtension() {
        this(null);
    }

    private ArpLabExtension(Function<Class<?>, Lab> factory) {
        this.factory = factory;
    }

    /** An extension for {@code @RegisterExtension}: the lab from a file, YAML text or a supplier. */
    public static Builder builder() {
        return new Builder();
    }

    /** The running test's lab (between its {@code @BeforeEach} and {@code @AfterEach}). */
    public Lab lab() {
        if (current == null) {
            throw new IllegalStateException("no lab: arplab's labs exist while a test runs");
        }
        return current;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        labOf(context);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        Lab lab = context.getStore(NAMESPACE).remove("lab", Lab.class);
        current = null;
        if (lab != null) {
            lab.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == Lab.class || type == Node.class && parameter.isAnnotated(LabNode.class);
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Lab lab = labOf(context);
        if (parameter.getParameter().getType() == Lab.class) {
            return lab;
        }
        String name = parameter.findAnnotation(LabNode.class).orElseThrow().value();
        try {
            return lab.node(name);
        } catch (IllegalArgumentException e) {
            throw new ParameterResolutionException("@LabNode(\"" + name + "\"): " + e.getMessage());
        }
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        Lab lab = context.getStore(NAMESPACE).get("lab", Lab.class);
        if (lab != null) {
            Path dir = outputDir(context);
            try {
                List<String> files = new ArrayList<>();
                for (Path p : lab.writePcaps(dir)) {
                    files.add(p.getFileName().toString());
                }
                files.add(lab.writeTrace(dir.resolve("trace.txt")).getFileName().toString());
                files.add(lab.writeReport(dir.resolve("report.html")).getFileName().toString());
                String where = "arplab: the lab's captures, trace and report are in " + dir + ": "
                        + String.join(" ", files);
                failure.addSuppressed(new Evidence(where));
                context.publishReportEntry("arplab", dir.toString());
            } catch (RuntimeException e) {
                failure.addSuppressed(new Evidence("arplab: could not write the lab's evidence to " + dir + ": "
                        + e.getMessage()));
            }
        }
        throw failure;
    }

    /** A failing {@code @BeforeEach} method leaves the same evidence as a failing test. */
    @Override
    public void handleBeforeEachMethodExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        handleTestExecutionException(context, failure);
    }

    /** A failing {@code @AfterEach} method leaves the same evidence as a failing test. */
    @Override
    public void handleAfterEachMethodExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        handleTestExecutionException(context, failure);
    }

    /** Where a failed test's evidence goes: {@code target/arplab/CLASS/METHOD}. */
    static Path outputDir(ExtensionContext context) {
        Path base = Path.of(System.getProperty("arplab.junit.output", DEFAULT_OUTPUT));
        String cls = context.getRequiredTestClass().getName();
        String method = context.getTestMethod().map(Method::getName).orElse("class");
        return base.resolve(cls).resolve(method);
    }

    private Lab labOf(ExtensionContext context) {
        ExtensionContext.Store store = context.getStore(NAMESPACE);
        Lab lab = store.get("lab", Lab.class);
        if (lab == null) {
            lab = create(context);
            store.put("lab", lab);
            current = lab;
        }
        return lab;
    }

    private Lab create(ExtensionContext context) {
        Optional<ArpLab> onMethod = context.getTestMethod().flatMap(m -> annotation(m));
        if (factory != null && onMethod.isEmpty()) {
            return factory.apply(context.getRequiredTestClass());
        }
        ArpLab a = onMethod.or(() -> classAnnotation(context.getRequiredTestClass())).orElseThrow(
                () -> new IllegalStateException(context.getRequiredTestClass().getName()
                        + ": no @ArpLab(file = ...) on the test class or method"));
        return fromAnnotation(a, context.getRequiredTestClass());
    }

    private static Optional<ArpLab> annotation(AnnotatedElement e) {
        return Optional.ofNullable(e.getAnnotation(ArpLab.class));
    }

    private static Optional<ArpLab> classAnnotation(Class<?> c) {
        for (Class<?> k = c; k != null; k = k.getEnclosingClass()) {
            Optional<ArpLab> a = annotation(k);
            if (a.isPresent()) {
                return a;
            }
        }
        return Optional.empty();
    }

    private static Lab fromAnnotation(ArpLab a, Class<?> testClass) {
        if (a.file().isEmpty() == a.yaml().isEmpty()) {
            throw new IllegalStateException(testClass.getName() + ": @ArpLab needs one of file or yaml");
        }
        Lab.Builder b = Lab.builder().seed(a.seed());
        return (a.file().isEmpty() ? b.yaml(a.yaml()) : b.file(locate(a.file(), testClass))).build();
    }

    /** A path that exists as given (relative to the working directory), else a class-path resource. */
    static Path locate(String file, Class<?> testClass) {
        Path p = Path.of(file);
        if (Files.exists(p)) {
            return p;
        }
        URL url = testClass.getResource(file.startsWith("/") ? file : "/" + file);
        if (url == null) {
            url = testClass.getResource(file);
        }
        if (url != null && url.getProtocol().equals("file")) {
            try {
                return Path.of(url.toURI());
            } catch (URISyntaxException e) {
                // fall through to the path as given: its error names it
            }
        }
        return p;
    }

    /** The paths of a failed test's evidence, attached to the failure (its stack trace would say nothing). */
    static final class Evidence extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Evidence(String message) {
            super(message, null, false, false);
        }

        @Override
        public String toString() {
            return getMessage();
        }
    }

    /** Configures an extension for {@code @RegisterExtension}. */
    public static final class Builder {
        private String file;
        private String yaml;
        private Supplier<Lab> supplier;
        private long seed = Lab.DEFAULT_SEED;

        private Builder() {}

        /** The lab file: relative to the working directory, else a class-path resource. */
        public Builder file(String file) {
            this.file = file;
            return this;
        }

        /** The lab as YAML text. */
        public Builder yaml(String text) {
            this.yaml = text;
            return this;
        }

        /** The seed. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Makes each test's lab with {@code supplier} (a lab built in code), instead of a file. */
        public Builder lab(Supplier<Lab> supplier) {
            this.supplier = supplier;
            return this;
        }

        /** The extension. */
        public ArpLabExtension build() {
            int given = (file != null ? 1 : 0) + (yaml != null ? 1 : 0) + (supplier != null ? 1 : 0);
            if (given != 1) {
                throw new IllegalStateException("ArpLabExtension.builder(): give one of file, yaml or lab");
            }
            if (supplier != null) {
                Supplier<Lab> labs = supplier;
                return new ArpLabExtension(c -> labs.get());
            }
            String f = file;
            String y = yaml;
            long s = seed;
            return new ArpLabExtension(testClass -> {
                Lab.Builder b = Lab.builder().seed(s);
                return (f != null ? b.file(locate(f, testClass)) : b.yaml(y)).build();
            });
        }
    }
}
