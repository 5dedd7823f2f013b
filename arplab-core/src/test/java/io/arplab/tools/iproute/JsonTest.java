package io.arplab.tools.iproute;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** iproute2's lib/json_writer.c as Debian 12's iproute2 6.1 has it: the escapes jsonw_puts() writes. */
class JsonTest {
    @Test
    void stringsTakeJsonwPutsEscapesAndNothingElse() {
        Json j = new Json(false);
        j.startObject().name("ifalias").string("a\"b\\c\nd\te\rf\fg\bh'i\u0001j").endObject();
        // a single quote and other control characters pass unescaped (the quote's escape was dropped in 2022)
        assertThat(j.finish()).isEqualTo("[{\"ifalias\":\"a\\\"b\\\\c\\nd\\te\\rf\\fg\\bh'i\u0001j\"}]\n");
    }

    @Test
    void prettyIndentsFourSpacesALevel() {
        Json j = new Json(true);
        j.startObject().name("ifname").string("lo").name("mtu").number(65536).endObject();
        assertThat(j.finish()).isEqualTo("[ {\n        \"ifname\": \"lo\",\n        \"mtu\": 65536\n    } ]\n");
    }
}
