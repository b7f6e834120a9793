package dev.gatehouse.policy.pii;

/**
 * What a text holds that detectors need before they can match: ASCII digits (how many, the longest
 * run), {@code @}, {@code :} and {@code .}. Made in one pass over the text, so that
 * {@link Redactor#scan} runs a detector's regular expressions only on texts where a match is
 * possible; most messages of a conversation have no long digit run and skip all numeric detectors.
 */
record TextProfile(int digits, int longestDigitRun, int colons, int dots, boolean at) {

    static TextProfile of(CharSequence text) {
        int digits = 0;
        int run = 0;
        int longest = 0;
        int colons = 0;
        int dots = 0;
        boolean at = false;
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                digits++;
                if (++run > longest) longest = run;
                continue;
            }
            run = 0;
            switch (c) {
                case ':' -> colons++;
                case '.' -> dots++;
                case '@' -> at = true;
                default -> { }
            }
        }
        return new TextProfile(digits, longest, colons, dots, at);
    }
}
