package io.arplab.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives each test a fresh lab loaded from {@link #file()} (or {@link #yaml()}) with {@link #seed()}: a test method's
 * parameters of type {@link io.arplab.api.Lab} receive it, and those of type {@link io.arplab.api.Node} annotated
 * with {@link LabNode} receive its nodes. On a method it overrides the one on the class.
 * <pre>{@code
 * @ArpLab(file = "lab.yaml", seed = 42)
 * class SpoofingTest {
 *     @Test void gatewayResolves(Lab lab, @LabNode("victim") Node victim) { ... }
 * }
 * }</pre>
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ExtendWith(ArpLabExtension.class)
public @interface ArpLab {
    /**
     * The lab file (arplab's format or docker-compose): a path relative to the working directory (the project's,
     * under Maven), else a class-path resource ({@code src/test/resources/...}).
     */
    String file() default "";

    /** The lab as YAML text, instead of a file. */
    String yaml() default "";

    /** The seed: same lab, same test and same seed give byte-identical frames and output. */
    long seed() default io.arplab.api.Lab.DEFAULT_SEED;
}
