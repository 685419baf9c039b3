package nl.utrecht.integrationhub.dashboard;

/** Where the page, the CSV export and the metrics get the dashboard's figures from. */
public interface DashboardSource {

    /**
     * The latest figures. Cheap to call on every page view: computed at most once per refresh interval,
     * never a full scan per call.
     */
    DashboardFigures current();
}
