package nl.utrecht.integrationhub.cases;

/** Where a household's case stands, as the API reports it. */
public enum CaseStatus {
    open, closed
}
