package nl.utrecht.integrationhub.inbound;

import java.util.regex.Pattern;

/** The identifiers the chain knows a person by: the V-number (vreemdelingennummer) and the BSN. */
public final class PersonIdentifiers {

    private static final Pattern V_NUMBER = Pattern.compile("\\d{10}");
    private static final Pattern NINE_DIGITS = Pattern.compile("\\d{9}");

    private PersonIdentifiers() {
    }

    public static boolean isVNumber(String value) {
        return value != null && V_NUMBER.matcher(value).matches();
    }

    /** A BSN has 9 digits and passes the 11-test (elfproef): 9·d1 + 8·d2 + … + 2·d8 − d9 ≡ 0 (mod 11). */
    public static boolean isBsn(String value) {
        if (value == null || !NINE_DIGITS.matcher(value).matches()) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            sum += (9 - i) * (value.charAt(i) - '0');
        }
        sum -= value.charAt(8) - '0';
        return sum % 11 == 0 && !"000000000".equals(value);
    }

    /** A V-number or BSN reduced to something safe to log: its kind and last two digits. */
    public static String masked(String value) {
        if (value == null || value.length() < 3) {
            return "***";
        }
        String kind = isBsn(value) ? "bsn" : isVNumber(value) ? "v" : "id";
        return kind + ":*******" + value.substring(value.length() - 2);
    }
}
