package nl.utrecht.integrationhub.demo;

/**
 * Obviously fake BSNs for the demo's BRP: nine digits starting with 99 that pass the 11-test, one per
 * person of the register (by its internal number), so the same person always gets the same BSN.
 */
final class DemoBsn {

    private static final int PERSONS = 100_000;

    private DemoBsn() {
    }

    /** The demo BSN of the register's person number {@code personId} (unique below 100,000 persons). */
    static String forPerson(long personId) {
        String base = "99" + String.format("%05d", Math.floorMod(personId, PERSONS));
        int sum = 0;
        for (int i = 0; i < 7; i++) {
            sum += (9 - i) * (base.charAt(i) - '0');
        }
        // Position 8 (weight 2) takes 10 different residues over 0..9, so at most one makes the check digit 10.
        for (int variant = 0; variant <= 9; variant++) {
            int check = (sum + 2 * variant) % 11;
            if (check <= 9) {
                return base + variant + check;
            }
        }
        throw new IllegalStateException("unreachable");
    }

    /** The 11-test: 9·d1 + 8·d2 + … + 2·d8 − d9 is a multiple of 11. */
    static boolean passesElevenTest(String bsn) {
        if (bsn == null || !bsn.matches("\\d{9}")) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            sum += (9 - i) * (bsn.charAt(i) - '0');
        }
        return (sum - (bsn.charAt(8) - '0')) % 11 == 0;
    }
}
