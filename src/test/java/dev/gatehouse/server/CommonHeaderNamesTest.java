package dev.gatehouse.server;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The gateway turns on Vert.x's shared header names unless the operator decided otherwise. */
class CommonHeaderNamesTest {
    private String before;

    @BeforeEach
    void remember() { before = System.getProperty(Gateway.INTERN_COMMON_HEADER_NAMES); }

    @AfterEach
    void restore() {
        if (before == null) System.clearProperty(Gateway.INTERN_COMMON_HEADER_NAMES);
        else System.setProperty(Gateway.INTERN_COMMON_HEADER_NAMES, before);
    }

    @Test
    void should_turn_on_the_shared_header_names_when_nobody_set_them() {
        System.clearProperty(Gateway.INTERN_COMMON_HEADER_NAMES);
        Gateway.internCommonHeaderNames();
        assertThat(System.getProperty(Gateway.INTERN_COMMON_HEADER_NAMES)).isEqualTo("true");
    }

    @Test
    void should_keep_an_operators_choice() {
        System.setProperty(Gateway.INTERN_COMMON_HEADER_NAMES, "false");
        Gateway.internCommonHeaderNames();
        assertThat(System.getProperty(Gateway.INTERN_COMMON_HEADER_NAMES)).isEqualTo("false");
    }
}
