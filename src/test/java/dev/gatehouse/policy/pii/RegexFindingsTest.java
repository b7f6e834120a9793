package dev.gatehouse.policy.pii;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Scanning only around digit clusters must find exactly what scanning the whole text finds. */
class RegexFindingsTest {
    private static final Map<String, Pattern> NUMERIC = Map.of(
            "id", PrcResidentId.CANDIDATE, "mobile", MainlandMobile.CANDIDATE, "card", BankCard.CANDIDATE,
            "passport", Passport.GENERIC, "ipv4", IpAddress.IPV4);
    private static final String[] PIECES = {"1", "3", "8", "0", "9", "44030519900307123", "1381234", "5678", " ", "-", ".",
            "+86", "0086", "X", "x", "E", "EA", "G", "ab", "订单号：", "，", "::", "/", "  ", "\n", "passport "};

    @Test
    void should_find_the_same_names_trying_only_where_a_name_can_start_as_in_the_whole_text() {
        NameList names = new NameList(List.of("张伟", "张", "Jane Doe", "Doe", "İlker", "ǆemal"));
        String[] pieces = {"张伟", "张", "伟", "Jane Doe", "JANE DOE", "jane", "DOE", "doe", "x", " ", "İ", "i̇lker", "ilker", "Ǆemal",
                "ǅemal", "lker", "emal", "_", "1", "𠈌"};
        Random random = new Random(7);
        for (int round = 0; round < 20_000; round++) {
            StringBuilder b = new StringBuilder();
            int length = 1 + random.nextInt(12);
            for (int i = 0; i < length; i++) b.append(pieces[random.nextInt(pieces.length)]);
            String text = b.toString();
            assertThat(names.detect(text)).as("'%s'", text)
                    .isEqualTo(RegexFindings.find(PiiKind.NAME, names.pattern(), text, c -> true));
        }
    }

    @Test
    void should_find_the_same_addresses_around_their_at_sign_or_colons_as_in_the_whole_text() {
        String[] pieces = {"a", "b.c", "@", "example.com", "x-y", " ", "::", ":", "1", "ff", "2001:db8", "192.0.2.1", "_", "%", "+",
                ".", "，", "mailto:", "z"};
        Random random = new Random(11);
        for (int round = 0; round < 20_000; round++) {
            StringBuilder b = new StringBuilder();
            int length = 1 + random.nextInt(16);
            for (int i = 0; i < length; i++) b.append(pieces[random.nextInt(pieces.length)]);
            String text = b.toString();
            assertThat(RegexFindings.findAround('@', Email::isAddressChar, PiiKind.EMAIL, Email.CANDIDATE, text, c -> true))
                    .as("e-mail in '%s'", text).isEqualTo(RegexFindings.find(PiiKind.EMAIL, Email.CANDIDATE, text, c -> true));
            assertThat(RegexFindings.findAround(':', IpAddress::isIpv6Char, PiiKind.IP, IpAddress.IPV6_CANDIDATE, text, c -> true))
                    .as("IPv6 in '%s'", text).isEqualTo(RegexFindings.find(PiiKind.IP, IpAddress.IPV6_CANDIDATE, text, c -> true));
        }
    }

    @Test
    void should_find_the_same_candidates_around_digits_as_in_the_whole_text() {
        Random random = new Random(20240315);
        for (int round = 0; round < 20_000; round++) {
            StringBuilder b = new StringBuilder();
            int length = 1 + random.nextInt(30);
            for (int i = 0; i < length; i++) b.append(PIECES[random.nextInt(PIECES.length)]);
            String text = b.toString();
            for (var e : NUMERIC.entrySet()) {
                List<Finding> whole = RegexFindings.find(PiiKind.PHONE, e.getValue(), text, c -> true);
                List<Finding> windowed = RegexFindings.findAroundDigits(PiiKind.PHONE, e.getValue(), text, c -> true);
                assertThat(windowed).as("%s in '%s'", e.getKey(), text).isEqualTo(whole);
            }
        }
    }
}
