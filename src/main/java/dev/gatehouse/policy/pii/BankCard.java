package dev.gatehouse.policy.pii;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Payment card number: 13-19 digits, either contiguous or in groups of 3-6 separated by single
 * spaces or dashes (4-4-4-4, 4-6-5, 6-13 ...), and only when the Luhn checksum holds, which
 * rejects nine in ten arbitrary numbers. A number followed by more digits is not a card.
 * 14-digit numbers must also start with 3: the only 14-digit cards are Diners Club (30/36/38/39),
 * while 14 digits starting with 2 are usually yyyyMMddHHmmss timestamps. 13-digit numbers must
 * start with 4 (the old 13-digit Visa range), since 13 digits starting with 1 are epoch
 * milliseconds. A number labelled right before it as an order, waybill, tracking or invoice number
 * ("订单号：", "快递单号 ", "Order #", "tracking no. ", within {@value #LABEL_WINDOW} characters)
 * is not a card: e-commerce order numbers are long digit runs that pass Luhn one time in ten.
 */
public final class BankCard implements PiiDetector {
    static final Pattern CANDIDATE = Pattern.compile(
            "(?<![0-9A-Za-z.-])(?:\\d{13,19}|\\d{4,6}(?:[ -]\\d{3,13}){1,4})(?![0-9A-Za-z]|[.-]\\d)");

    static final int LABEL_WINDOW = 20;
    /** A label that ends right before the number: "订单号：", "快递单号 ", "Order #", "tracking no. ", "order_no":". */
    private static final Pattern NOT_A_CARD_LABEL = Pattern.compile(
            "(?i)(?:订单|单号|运单|快递|发票|\\b(?:order|tracking|invoice))(?:[\\s_-]*(?:no\\.?|number|id|号码?|编号))?"
                    + "[\"']?\\s*[#:：=]?\\s*[\"']?\\s*$");

    @Override
    public PiiKind kind() {
        return PiiKind.BANK_CARD;
    }

    @Override
    public boolean mayMatch(TextProfile p) {
        return p.digits() >= 13 && p.longestDigitRun() >= 3;
    }

    @Override
    public List<Finding> detect(CharSequence text) {
        return RegexFindings.findAroundDigits(kind(), CANDIDATE, text, BankCard::isValid).stream()
                .filter(f -> !labelledAsSomethingElse(text, f.start()))
                .toList();
    }

    private static boolean labelledAsSomethingElse(CharSequence text, int start) {
        return NOT_A_CARD_LABEL.matcher(text.subSequence(Math.max(0, start - LABEL_WINDOW), start)).find();
    }

    static boolean isValid(String candidate) {
        StringBuilder only = new StringBuilder(candidate.length());
        for (int i = 0; i < candidate.length(); i++) {
            char c = candidate.charAt(i);
            if (c >= '0' && c <= '9') {
                only.append(c);
            }
        }
        String digits = only.toString();
        if (digits.length() == 14 && digits.charAt(0) != '3' || digits.length() == 13 && digits.charAt(0) != '4') {
            return false;
        }
        return digits.length() >= 13 && digits.length() <= 19 && luhn(digits);
    }

    /** Luhn (mod 10) check over a string of digits. */
    public static boolean luhn(String digits) {
        int sum = 0;
        for (int i = 0; i < digits.length(); i++) {
            int d = digits.charAt(digits.length() - 1 - i) - '0';
            if (i % 2 == 1) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
        }
        return sum % 10 == 0;
    }
}
