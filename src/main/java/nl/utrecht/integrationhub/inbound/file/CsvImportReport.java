package nl.utrecht.integrationhub.inbound.file;

import java.util.List;

import nl.utrecht.integrationhub.inbound.Violation;

/**
 * What became of one CSV file, written next to it as {@code <file>.report.json}: counts, and for each
 * rejected row its line number (1-based as in a text editor; the header is line 1 when the file does not
 * start with blank lines) and the broken rules. Never a value of the file: rows hold personal data.
 *
 * @param outcome   {@link #DONE} when every row was accepted or a duplicate, else {@link #ERROR}; also the
 *                  folder the file is moved to
 * @param rows      data rows read (blank lines not counted)
 * @param fileError why the file as a whole could not be read (then no row was read), or null
 */
public record CsvImportReport(String file, String party, String outcome, int rows, int accepted, int duplicates,
                              int rejected, FileError fileError, List<RejectedRow> rejectedRows) {

    /** Folder (and outcome) of a file whose every row was accepted or was a duplicate. */
    public static final String DONE = "done";
    /** Folder (and outcome) of a file with a rejected row, or that could not be read at all. */
    public static final String ERROR = "error";

    /** A problem with the file as a whole: its encoding, its header, or a failure while importing. */
    public record FileError(String rule, String detail) {
    }

    /** A row that was not accepted: its line and every rule it broke (JSON Pointer into the CloudEvent). */
    public record RejectedRow(int line, List<Violation> violations) {
        public RejectedRow {
            violations = List.copyOf(violations);
        }
    }

    public CsvImportReport {
        rejectedRows = rejectedRows == null ? List.of() : List.copyOf(rejectedRows);
    }

    static CsvImportReport unreadable(String file, String party, FileError error) {
        return new CsvImportReport(file, party, ERROR, 0, 0, 0, 0, error, List.of());
    }
}
