package dev.gatehouse.policy.pii;

import java.util.List;
import java.util.regex.Pattern;

/**
 * E-mail address: a dot-atom local part, {@code @}, and a domain of at least two labels whose last
 * label (the TLD) is 2-24 letters. {@code a@b}, {@code user@localhost} and {@code @handle} are not
 * addresses for this purpose.
 */
public final class Email implements PiiDetector {
    private static final String LABEL = "[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?";
    static final Pattern CANDIDATE = Pattern.compile(
            "(?<![A-Za-z0-9._%+-])[A-Za-z0-9_%+-]+(?:\\.[A-Za-z0-9_%+-]+)*@(?:" + LABEL + "\\.)+[A-Za-z]{2,24}(?![A-Za-z0-9-]|\\.[A-Za-z0-9])");

    @Override
    public PiiKind kind() {
        return PiiKind.EMAIL;
    }

    @Override
    public boolean mayMatch(TextProfile p) {
        return p.at();
    }

    @Override
    public List<Finding> detect(CharSequence text) {
        return RegexFindings.findAround('@', Email::isAddressChar, kind(), CANDIDATE, text, candidate -> true);
    }

    /** Every character an address match can hold: the local part's and the domain's, and the {@code @}. */
    static boolean isAddressChar(int c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                || c == '.' || c == '_' || c == '%' || c == '+' || c == '-' || c == '@';
    }
}
