package nl.utrecht.integrationhub.route;

import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;

/**
 * Ages of a household's members, for BPMN and DMN as the expression bean {@code ages}. Members are
 * the process variable {@code householdMembers}: a list of {@code {"personRef", "birthDate", "relation"}}
 * with ISO birth dates. Adults are 18 and over.
 */
public class Ages {

    public static final int ADULT_AGE = 18;

    /** Person refs of the members aged 18 or over on the given date. */
    public ArrayList<String> adults(Collection<?> householdMembers, Date on) {
        return select(householdMembers, on, true);
    }

    /** Person refs of the members under 18 on the given date. */
    public ArrayList<String> minors(Collection<?> householdMembers, Date on) {
        return select(householdMembers, on, false);
    }

    /** The birth date of one member. */
    public Date birthDate(Collection<?> householdMembers, String personRef) {
        for (Object member : householdMembers) {
            Map<?, ?> fields = (Map<?, ?>) member;
            if (personRef.equals(fields.get("personRef"))) {
                return toDate(LocalDate.parse(String.valueOf(fields.get("birthDate"))));
            }
        }
        throw new IllegalArgumentException("no household member " + personRef);
    }

    /** Whole months between birth and the given date. */
    public int inMonths(Date birthDate, Date on) {
        Period age = Period.between(toLocalDate(birthDate), toLocalDate(on));
        return (int) age.toTotalMonths();
    }

    private ArrayList<String> select(Collection<?> householdMembers, Date on, boolean adults) {
        LocalDate date = toLocalDate(on);
        ArrayList<String> refs = new ArrayList<>();
        for (Object member : householdMembers == null ? List.of() : householdMembers) {
            Map<?, ?> fields = (Map<?, ?>) member;
            LocalDate birthDate = LocalDate.parse(String.valueOf(fields.get("birthDate")));
            boolean adult = Period.between(birthDate, date).getYears() >= ADULT_AGE;
            if (adult == adults) {
                refs.add(String.valueOf(fields.get("personRef")));
            }
        }
        return refs;
    }

    private static LocalDate toLocalDate(Date date) {
        return BusinessDates.dayOf(date);
    }

    private static Date toDate(LocalDate date) {
        return BusinessDates.startOf(date);
    }
}
