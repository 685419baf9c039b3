package nl.utrecht.integrationhub.housing;

import static nl.utrecht.integrationhub.housing.HousingProcess.BOUNDARY_FAMILY_REUNITED;
import static nl.utrecht.integrationhub.housing.HousingProcess.BOUNDARY_OFFER_ACCEPTED_REPORTED;
import static nl.utrecht.integrationhub.housing.HousingProcess.BOUNDARY_TIMER_OFFER_OVERDUE;
import static nl.utrecht.integrationhub.housing.HousingProcess.END_FAMILY_REUNITED_RECORDED;
import static nl.utrecht.integrationhub.housing.HousingProcess.END_HOUSED;
import static nl.utrecht.integrationhub.housing.HousingProcess.END_LATE_OFFER_ESCALATED;
import static nl.utrecht.integrationhub.housing.HousingProcess.END_MONITORING_STOPPED;
import static nl.utrecht.integrationhub.housing.HousingProcess.EVENT_REUNIFICATION_CHECK_DUE;
import static nl.utrecht.integrationhub.housing.HousingProcess.EVENT_SETTLEMENT_DATE_SET;
import static nl.utrecht.integrationhub.housing.HousingProcess.EVENT_STATUS_HOLDER_LINKED;
import static nl.utrecht.integrationhub.housing.HousingProcess.FORM_ASSESS_REUNIFICATION;
import static nl.utrecht.integrationhub.housing.HousingProcess.FORM_DECIDE_INTERIM_HOME;
import static nl.utrecht.integrationhub.housing.HousingProcess.FORM_ESCALATE_LATE_OFFER;
import static nl.utrecht.integrationhub.housing.HousingProcess.FORM_MONITOR_REUNIFICATION;
import static nl.utrecht.integrationhub.housing.HousingProcess.FORM_REPORT_LATE_MOVE;
import static nl.utrecht.integrationhub.housing.HousingProcess.FORM_SEARCH_HOME;
import static nl.utrecht.integrationhub.housing.HousingProcess.GROUP_HOUSING;
import static nl.utrecht.integrationhub.housing.HousingProcess.MESSAGE_FAMILY_REUNITED;
import static nl.utrecht.integrationhub.housing.HousingProcess.MESSAGE_HOUSING_OFFER_ACCEPTED;
import static nl.utrecht.integrationhub.housing.HousingProcess.MESSAGE_STATUS_HOLDER_LINKED;
import static nl.utrecht.integrationhub.housing.HousingProcess.OUTBOUND_HOUSING_REALISED;
import static nl.utrecht.integrationhub.housing.HousingProcess.OUTBOUND_HOUSING_REQUESTED;
import static nl.utrecht.integrationhub.housing.HousingProcess.PROCESS_KEY;
import static nl.utrecht.integrationhub.housing.HousingProcess.RULE_TASK_INTERIM_HOUSING_ADVICE;
import static nl.utrecht.integrationhub.housing.HousingProcess.SEND_REPORT_HOUSING_REALISED;
import static nl.utrecht.integrationhub.housing.HousingProcess.SEND_REQUEST_HOUSING;
import static nl.utrecht.integrationhub.housing.HousingProcess.START_HOUSING_STARTED;
import static nl.utrecht.integrationhub.housing.HousingProcess.SUBPROCESS_AWAIT_FAMILY;
import static nl.utrecht.integrationhub.housing.HousingProcess.TASK_ASSESS_REUNIFICATION;
import static nl.utrecht.integrationhub.housing.HousingProcess.TASK_DECIDE_INTERIM_HOME;
import static nl.utrecht.integrationhub.housing.HousingProcess.TASK_ESCALATE_LATE_OFFER;
import static nl.utrecht.integrationhub.housing.HousingProcess.TASK_MONITOR_REUNIFICATION;
import static nl.utrecht.integrationhub.housing.HousingProcess.TASK_REPORT_LATE_MOVE;
import static nl.utrecht.integrationhub.housing.HousingProcess.TASK_SEARCH_HOME;
import static nl.utrecht.integrationhub.housing.HousingProcess.VAR_CASE_ID;
import static nl.utrecht.integrationhub.housing.HousingProcess.VAR_DISTRICT;
import static nl.utrecht.integrationhub.housing.HousingProcess.VAR_ESCALATION_NOTE;
import static nl.utrecht.integrationhub.housing.HousingProcess.VAR_EXPECTED_REUNIFICATION_MONTHS;
import static nl.utrecht.integrationhub.housing.HousingProcess.VAR_FAMILY_MEMBERS_TO_FOLLOW;
import static nl.utrecht.integrationhub.housing.HousingProcess.VAR_HOUSEHOLD_MEMBERS;
import static nl.utrecht.integrationhub.housing.HousingProcess.VAR_HOUSEHOLD_SIZE;
import static nl.utrecht.integrationhub.housing.HousingProcess.VAR_HOUSING_DECISION;
import static nl.utrecht.integrationhub.housing.HousingProcess.VAR_INTERIM_HOME;
import static nl.utrecht.integrationhub.housing.HousingProcess.VAR_INTERIM_HOUSING_ADVICE;
import static nl.utrecht.integrationhub.housing.HousingProcess.VAR_INTERIM_HOUSING_ADVICE_REASON;
import static nl.utrecht.integrationhub.housing.HousingProcess.VAR_LAST_REUNIFICATION_CHECK;
import static nl.utrecht.integrationhub.housing.HousingProcess.VAR_LATE_MOVE_NOTE;
import static nl.utrecht.integrationhub.housing.HousingProcess.VAR_LATE_MOVE_REASON;
import static nl.utrecht.integrationhub.housing.HousingProcess.VAR_LINKED_ON;
import static nl.utrecht.integrationhub.housing.HousingProcess.VAR_MAIN_PERSON_REF;
import static nl.utrecht.integrationhub.housing.HousingProcess.VAR_MOVE_DATE;
import static nl.utrecht.integrationhub.housing.HousingProcess.VAR_OFFER_DELAY_REASON;
import static nl.utrecht.integrationhub.housing.HousingProcess.VAR_PERSONS_TO_HOUSE;
import static nl.utrecht.integrationhub.housing.HousingProcess.VAR_REUNIFICATION_STATUS;
import static nl.utrecht.integrationhub.housing.HousingProcess.VAR_REUNITED_ON;
import static nl.utrecht.integrationhub.housing.HousingProcess.VAR_SETTLEMENT_DATE;
import static nl.utrecht.integrationhub.platform.camunda.ProcessTestSupport.assertDeployedForm;
import static nl.utrecht.integrationhub.platform.camunda.ProcessTestSupport.initAndDeploy;
import static nl.utrecht.integrationhub.platform.camunda.ProcessTestSupport.undeployAndReset;
import static nl.utrecht.integrationhub.platform.camunda.ProcessTestSupport.utrechtDay;
import static nl.utrecht.integrationhub.support.RecordingOutboundMessages.json;
import static nl.utrecht.integrationhub.support.RecordingOutboundMessages.sentOnce;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.formService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.historyService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.repositoryService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskQuery;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import nl.utrecht.integrationhub.housing.HousingProcess.District;
import nl.utrecht.integrationhub.housing.HousingProcess.HousingOption;
import nl.utrecht.integrationhub.housing.HousingProcess.LateMoveReason;
import nl.utrecht.integrationhub.housing.HousingProcess.OfferDelayReason;
import nl.utrecht.integrationhub.housing.HousingProcess.ReunificationStatus;
import nl.utrecht.integrationhub.route.Deadlines;
import nl.utrecht.integrationhub.support.RecordingOutboundMessages;
import nl.utrecht.integrationhub.support.RecordingOutboundMessages.Recorded;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Phase B, "Koppeling en huisvesting", deployed from processes/housing/ exactly as the hub deploys it,
 * started as household-route's call activity starts it and correlated as the hub correlates partner
 * events (household scope: by business key).
 */
@ExtendWith(ProcessEngineExtension.class)
class HousingProcessTest {

    private static final String CASE_ID = "HH-2026-000123";
    private static final String MAIN_PERSON = "P-000041";
    private static final Date LINKED_ON = utrechtDay(2026, 4, 1);
    /** linkedOn + housing-offer (10 weeks). */
    private static final Date OFFER_DUE = utrechtDay(2026, 6, 10);
    /** linkedOn + housing-move (12 weeks). */
    private static final Date MOVE_DUE = utrechtDay(2026, 6, 24);
    /** linkedOn + reunification-check (3 months), then every 3 months after the previous check. */
    private static final Date FIRST_CHECK = utrechtDay(2026, 7, 1);
    private static final Date SECOND_CHECK = utrechtDay(2026, 10, 1);

    ProcessEngine processEngine;

    /** The process's deployment, then the caller stub's where a test deploys it (removed first). */
    private List<String> deploymentIds;

    @BeforeEach
    void deployTheProcessFromProcessesFolder() {
        deploymentIds = initAndDeploy(processEngine, PROCESS_KEY);
        RecordingOutboundMessages.reset();
    }

    @AfterEach
    void removeTheDeployments() {
        undeployAndReset(deploymentIds);
    }

    @Test
    void theExpectedDeadlinesAreTheLettersPeriodsFromTheLinkingDate() {
        Deadlines letter = new Deadlines();
        assertThat(letter.after(LINKED_ON, "housing-offer")).isEqualTo(OFFER_DUE);
        assertThat(letter.after(LINKED_ON, "housing-move")).isEqualTo(MOVE_DUE);
        assertThat(letter.after(LINKED_ON, "reunification-check")).isEqualTo(FIRST_CHECK);
        assertThat(letter.after(FIRST_CHECK, "reunification-check")).isEqualTo(SECOND_CHECK);
    }

    // ------------------------------------------------------------------ linking

    @Test
    void startedByTheRouteItWaitsForCoaToLinkTheStatusHolder() {
        ProcessInstance housing = startHousing(3);

        assertThat(housing).isStarted().hasBusinessKey(CASE_ID).hasPassed(START_HOUSING_STARTED)
                .isWaitingAt(EVENT_STATUS_HOLDER_LINKED);
        assertThat(housing).variables().containsEntry(VAR_HOUSEHOLD_SIZE, 3);
        assertThat(taskQuery().processInstanceId(housing.getId()).count()).isZero();
    }

    @Test
    void linkingWithoutFamilyToFollowStartsTheSearchDueTenWeeksAfterLinking() {
        ProcessInstance housing = startHousing(3);

        linked(0);

        housingRequestSent(housing);
        assertThat(housing).hasPassed(EVENT_STATUS_HOLDER_LINKED).isWaitingAt(TASK_SEARCH_HOME)
                .hasNotPassed(TASK_ASSESS_REUNIFICATION);
        Task search = task(TASK_SEARCH_HOME, housing);
        assertThat(search).hasCandidateGroup(GROUP_HOUSING)
                .hasName("Woning zoeken en aanbieden (gespikkeld over de stad)");
        assertThat(search.getDueDate()).hasSameTimeAs(OFFER_DUE);
        assertThat(personsToHouse(search)).isEqualTo(3);
        assertThat(housing).variables()
                .containsEntry(VAR_LINKED_ON, LINKED_ON)
                .containsEntry(VAR_FAMILY_MEMBERS_TO_FOLLOW, 0)
                .containsEntry(VAR_INTERIM_HOME, false)
                .doesNotContainKey(VAR_PERSONS_TO_HOUSE);
    }

    @Test
    void linkingThatLeavesOutTheFamilyCountIsTreatedAsNoFamilyToFollow() {
        ProcessInstance housing = startHousing(2);

        runtimeService().createMessageCorrelation(MESSAGE_STATUS_HOLDER_LINKED)
                .processInstanceBusinessKey(CASE_ID)
                .setVariable(VAR_LINKED_ON, LINKED_ON)
                .correlate();

        housingRequestSent(housing);
        assertThat(housing).isWaitingAt(TASK_SEARCH_HOME).hasNotPassed(TASK_ASSESS_REUNIFICATION);
        Task search = task(TASK_SEARCH_HOME, housing);
        assertThat(personsToHouse(search)).isEqualTo(2);
        assertThat(sentOnce(OUTBOUND_HOUSING_REQUESTED).data().get("familyMembersToFollow").asInt()).isZero();
    }

    // ------------------------------------------------------------------ messages to Huisvesting and COA

    @Test
    void theSearchStartsWithOneHousingRequestToHuisvestingWithCountsOnly() {
        ProcessInstance housing = startHousing(3);
        linked(0);

        // written by the send task's own job, not in the transaction of COA's linking
        assertThat(housing).isWaitingAt(SEND_REQUEST_HOUSING);
        assertThat(RecordingOutboundMessages.all()).isEmpty();
        assertThat(taskQuery().processInstanceId(housing.getId()).count()).isZero();
        housingRequestSent(housing);

        Recorded request = sentOnce(OUTBOUND_HOUSING_REQUESTED);
        assertThat(request.caseId()).isEqualTo(CASE_ID);
        assertThat(request.personRef()).as("the main person is the subject").isNull();
        assertThat(request.activityId()).isEqualTo(SEND_REQUEST_HOUSING);
        assertThat(request.data()).isEqualTo(json("""
                {'linkedOn': '2026-04-01', 'offerDueDate': '2026-06-10', 'adults': 2, 'minors': 1,
                 'familyMembersToFollow': 0, 'personsToHouse': 3, 'interimHome': false}"""));
        assertThat(RecordingOutboundMessages.all()).hasSize(1);
        assertThat(housing).isWaitingAt(TASK_SEARCH_HOME);
    }

    @Test
    void anInterimHomeIsRequestedForTheHouseholdOnlyWhileTheFamilyFollows() {
        ProcessInstance housing = startHousing(1);
        linked(2);
        complete(task(TASK_ASSESS_REUNIFICATION, housing), withVariables(VAR_EXPECTED_REUNIFICATION_MONTHS, 9));
        complete(task(TASK_DECIDE_INTERIM_HOME, housing), withVariables(
                VAR_HOUSING_DECISION, HousingOption.INTERIM_HOME.value()));
        assertThat(RecordingOutboundMessages.all()).as("no request before the decision's send task ran").isEmpty();

        housingRequestSent(housing);

        assertThat(sentOnce(OUTBOUND_HOUSING_REQUESTED).data()).isEqualTo(json("""
                {'linkedOn': '2026-04-01', 'offerDueDate': '2026-06-10', 'adults': 1, 'minors': 0,
                 'familyMembersToFollow': 2, 'personsToHouse': 1, 'interimHome': true}"""));
    }

    @Test
    void theAcceptedHomeIsReportedToCoaAsHousingRealisedBeforeTheProcessEnds() {
        ProcessInstance housing = startHousing(2);
        linked(0);
        housingRequestSent(housing);

        complete(task(TASK_SEARCH_HOME, housing), searchForm("2026-05-15", District.OVERVECHT, false));

        assertThat(housing).isNotEnded().isWaitingAt(SEND_REPORT_HOUSING_REALISED);
        assertThat(RecordingOutboundMessages.ofType(OUTBOUND_HOUSING_REALISED)).isEmpty();
        housingRealisedSent(housing);

        Recorded realised = sentOnce(OUTBOUND_HOUSING_REALISED);
        assertThat(realised.caseId()).isEqualTo(CASE_ID);
        assertThat(realised.personRef()).isNull();
        assertThat(realised.data()).isEqualTo(json("{'moveDate': '2026-05-15', 'interimHome': false, 'personsHoused': 2}"));
        assertThat(RecordingOutboundMessages.all()).extracting(Recorded::messageType)
                .containsExactly(OUTBOUND_HOUSING_REQUESTED, OUTBOUND_HOUSING_REALISED);
        assertThat(housing).isEnded().hasPassed(SEND_REPORT_HOUSING_REALISED, END_HOUSED);
    }

    // ------------------------------------------------------------------ the search and its end

    @Test
    void offerAcceptedInTasklistEndsWithTheMoveDateAsSettlementDate() {
        ProcessInstance housing = startHousing(3);
        linked(0);

        housingRequestSent(housing);
        complete(task(TASK_SEARCH_HOME, housing), searchForm("2026-05-15", District.OVERVECHT, false));

        housingRealisedSent(housing);
        assertThat(housing).isEnded()
                .hasPassed(TASK_SEARCH_HOME, EVENT_SETTLEMENT_DATE_SET, END_HOUSED)
                .hasNotPassed(BOUNDARY_OFFER_ACCEPTED_REPORTED, TASK_REPORT_LATE_MOVE);
        Map<String, Object> variables = historicVariables(housing);
        assertThat(variables)
                .containsEntry(VAR_SETTLEMENT_DATE, utrechtDay(2026, 5, 15))
                .containsEntry(VAR_MOVE_DATE, "2026-05-15")
                .containsEntry(VAR_DISTRICT, "overvecht")
                .containsEntry(VAR_INTERIM_HOME, false)
                .containsEntry(VAR_LINKED_ON, LINKED_ON)
                .containsEntry(VAR_FAMILY_MEMBERS_TO_FOLLOW, 0);
    }

    @Test
    void offerAcceptedReportedByTheHousingSystemClosesTheSearchTask() {
        ProcessInstance housing = startHousing(3);
        linked(0);
        Date moveDate = utrechtDay(2026, 5, 20);

        housingRequestSent(housing);
        offerAcceptedReported(moveDate, false, District.LEIDSCHE_RIJN);

        housingRealisedSent(housing);
        assertThat(housing).isEnded()
                .hasPassed(BOUNDARY_OFFER_ACCEPTED_REPORTED, EVENT_SETTLEMENT_DATE_SET, END_HOUSED);
        assertThat(taskQuery().processInstanceId(housing.getId()).count()).isZero();
        assertThat(historicVariables(housing))
                .containsEntry(VAR_SETTLEMENT_DATE, moveDate)
                .containsEntry(VAR_DISTRICT, "leidsche-rijn")
                .containsEntry(VAR_INTERIM_HOME, false);
    }

    @Test
    void offerReportArrivingAfterCompletionInTasklistFindsNoWaitingStep() {
        ProcessInstance housing = startHousing(3);
        linked(0);
        housingRequestSent(housing);
        complete(task(TASK_SEARCH_HOME, housing), searchForm("2026-05-15", District.WEST, false));

        housingRealisedSent(housing);
        assertThatThrownBy(() -> offerAcceptedReported(utrechtDay(2026, 5, 20), false, District.OOST))
                .isInstanceOf(MismatchingMessageCorrelationException.class);
        assertThat(historicVariables(housing)).containsEntry(VAR_SETTLEMENT_DATE, utrechtDay(2026, 5, 15));
    }

    @Test
    void noOfferTenWeeksAfterLinkingAddsAnEscalationWhileTheSearchGoesOn() {
        ProcessInstance housing = startHousing(1);
        linked(0);
        housingRequestSent(housing);

        Job overdue = job(BOUNDARY_TIMER_OFFER_OVERDUE, housing);
        assertThat(overdue.getDuedate()).hasSameTimeAs(OFFER_DUE);
        execute(overdue);

        assertThat(housing).isWaitingAt(TASK_SEARCH_HOME, TASK_ESCALATE_LATE_OFFER)
                .hasPassed(BOUNDARY_TIMER_OFFER_OVERDUE);
        assertThat(task(TASK_ESCALATE_LATE_OFFER, housing)).hasCandidateGroup(GROUP_HOUSING)
                .hasName("Woningaanbod te laat (COA-norm 10 weken): escaleren");

        complete(task(TASK_ESCALATE_LATE_OFFER, housing), withVariables(
                VAR_OFFER_DELAY_REASON, OfferDelayReason.NO_SUITABLE_HOME.value(),
                VAR_ESCALATION_NOTE, "Voorrang gevraagd bij de corporatie; COA geïnformeerd"));

        assertThat(housing).isNotEnded().isWaitingAt(TASK_SEARCH_HOME).hasPassed(END_LATE_OFFER_ESCALATED);

        complete(task(TASK_SEARCH_HOME, housing), searchForm("2026-06-20", District.ZUID, false));

        housingRealisedSent(housing);
        assertThat(housing).isEnded().hasPassed(END_HOUSED);
    }

    @Test
    void anAcceptedOfferClosesAnOpenEscalation() {
        ProcessInstance housing = startHousing(1);
        linked(0);
        housingRequestSent(housing);
        execute(job(BOUNDARY_TIMER_OFFER_OVERDUE, housing));
        assertThat(housing).isWaitingAt(TASK_ESCALATE_LATE_OFFER);

        offerAcceptedReported(utrechtDay(2026, 6, 15), false, District.NOORDWEST);

        housingRealisedSent(housing);
        assertThat(housing).isEnded().hasPassed(END_HOUSED).hasNotPassed(END_LATE_OFFER_ESCALATED);
        assertThat(taskQuery().processInstanceId(housing.getId()).count()).isZero();
    }

    @Test
    void moveOnTheLastDayOfTheCoaNormNeedsNoFollowUp() {
        ProcessInstance housing = startHousing(2);
        linked(0);

        housingRequestSent(housing);
        complete(task(TASK_SEARCH_HOME, housing), searchForm("2026-06-24", District.ZUIDWEST, false));

        housingRealisedSent(housing);
        assertThat(historicVariables(housing)).containsEntry(VAR_SETTLEMENT_DATE, MOVE_DUE);
        assertThat(housing).isEnded().hasNotPassed(TASK_REPORT_LATE_MOVE);
    }

    @Test
    void moveAfterTheCoaNormIsAgreedWithCoaBeforeTheProcessEnds() {
        ProcessInstance housing = startHousing(2);
        linked(0);

        housingRequestSent(housing);
        offerAcceptedReported(utrechtDay(2026, 6, 25), false, District.NOORDOOST);

        housingRealisedSent(housing);
        assertThat(housing).isNotEnded().isWaitingAt(TASK_REPORT_LATE_MOVE);
        assertThat(sentOnce(OUTBOUND_HOUSING_REALISED).data().get("moveDate").asText())
                .as("COA hears of the move at once; the late move is agreed afterwards").isEqualTo("2026-06-25");
        assertThat(task(TASK_REPORT_LATE_MOVE, housing)).hasCandidateGroup(GROUP_HOUSING)
                .hasName("Verhuizing na COA-norm (12 weken): met COA afstemmen");
        assertThat(housing).variables().containsEntry(VAR_SETTLEMENT_DATE, utrechtDay(2026, 6, 25));

        complete(task(TASK_REPORT_LATE_MOVE, housing), withVariables(
                VAR_LATE_MOVE_REASON, LateMoveReason.HOME_AVAILABLE_LATER.value(),
                VAR_LATE_MOVE_NOTE, "Verhuisdatum met COA afgestemd"));

        assertThat(housing).isEnded().hasPassed(TASK_REPORT_LATE_MOVE, END_HOUSED);
    }

    // ------------------------------------------------------------------ family members to follow

    @Test
    void singleWaitingForFamilyGetsAnAdviceAndDecidesOnAnInterimHome() {
        ProcessInstance housing = startHousing(1);
        linked(2);

        assertThat(housing).isWaitingAt(TASK_ASSESS_REUNIFICATION);
        assertThat(task(TASK_ASSESS_REUNIFICATION, housing)).hasCandidateGroup(GROUP_HOUSING)
                .hasName("Gezinshereniging inschatten");

        complete(task(TASK_ASSESS_REUNIFICATION, housing), withVariables(VAR_EXPECTED_REUNIFICATION_MONTHS, 9));

        assertThat(housing).hasPassed(RULE_TASK_INTERIM_HOUSING_ADVICE).isWaitingAt(TASK_DECIDE_INTERIM_HOME);
        assertThat(task(TASK_DECIDE_INTERIM_HOME, housing)).hasCandidateGroup(GROUP_HOUSING)
                .hasName("Besluit: tussenwoning of wachten op nareizigers");
        assertThat(housing).variables()
                .containsEntry(VAR_INTERIM_HOUSING_ADVICE, HousingOption.INTERIM_HOME.value())
                .containsEntry(VAR_HOUSING_DECISION, HousingOption.INTERIM_HOME.value())
                .doesNotContainKey("adviceResult");
        assertThat((String) runtimeService().getVariable(housing.getId(), VAR_INTERIM_HOUSING_ADVICE_REASON))
                .contains("eenpersoonswoning");

        complete(task(TASK_DECIDE_INTERIM_HOME, housing), withVariables(
                VAR_HOUSING_DECISION, HousingOption.INTERIM_HOME.value()));

        housingRequestSent(housing);
        assertThat(housing).isWaitingAt(TASK_SEARCH_HOME).hasNotPassed(SUBPROCESS_AWAIT_FAMILY);
        assertThat(housing).variables().containsEntry(VAR_INTERIM_HOME, true);
        Task search = task(TASK_SEARCH_HOME, housing);
        assertThat(personsToHouse(search)).isEqualTo(1);

        complete(search, searchForm("2026-05-04", District.OVERVECHT, true));

        housingRealisedSent(housing);
        assertThat(housing).isEnded().hasPassed(END_HOUSED);
        assertThat(historicVariables(housing))
                .containsEntry(VAR_INTERIM_HOME, true)
                .containsEntry(VAR_FAMILY_MEMBERS_TO_FOLLOW, 2)
                .containsEntry(VAR_SETTLEMENT_DATE, utrechtDay(2026, 5, 4));
    }

    @Test
    void householdAlreadyTogetherIsHousedNowInAHomeThatAlsoFitsTheFamilyToFollow() {
        ProcessInstance housing = startHousing(3);
        linked(1);
        complete(task(TASK_ASSESS_REUNIFICATION, housing), withVariables(VAR_EXPECTED_REUNIFICATION_MONTHS, 12));

        assertThat(housing).variables()
                .containsEntry(VAR_INTERIM_HOUSING_ADVICE, HousingOption.FAMILY_HOME.value());
        complete(task(TASK_DECIDE_INTERIM_HOME, housing), withVariables(
                VAR_HOUSING_DECISION, HousingOption.FAMILY_HOME.value()));

        housingRequestSent(housing);
        assertThat(housing).isWaitingAt(TASK_SEARCH_HOME).hasNotPassed(SUBPROCESS_AWAIT_FAMILY);
        assertThat(housing).variables().containsEntry(VAR_INTERIM_HOME, false);
        Task search = task(TASK_SEARCH_HOME, housing);
        assertThat(personsToHouse(search)).isEqualTo(4);
    }

    @Test
    void waitingForTheFamilyChecksTheReunificationEveryPeriodFromLinkingUntilTheCaseworkerRecordsItDone() {
        ProcessInstance housing = waitingForFamily();

        assertThat(housing).isWaitingAt(EVENT_REUNIFICATION_CHECK_DUE).isNotWaitingAt(TASK_SEARCH_HOME);
        Job firstCheck = job(EVENT_REUNIFICATION_CHECK_DUE, housing);
        assertThat(firstCheck.getDuedate()).hasSameTimeAs(FIRST_CHECK);
        execute(firstCheck);

        assertThat(housing).isWaitingAt(TASK_MONITOR_REUNIFICATION);
        assertThat(task(TASK_MONITOR_REUNIFICATION, housing)).hasCandidateGroup(GROUP_HOUSING)
                .hasName("Gezinshereniging volgen");
        complete(task(TASK_MONITOR_REUNIFICATION, housing), withVariables(
                VAR_REUNIFICATION_STATUS, ReunificationStatus.KEEP_WAITING.value()));

        Job secondCheck = job(EVENT_REUNIFICATION_CHECK_DUE, housing);
        assertThat(secondCheck.getDuedate()).hasSameTimeAs(SECOND_CHECK);
        execute(secondCheck);
        complete(task(TASK_MONITOR_REUNIFICATION, housing), withVariables(
                VAR_REUNIFICATION_STATUS, ReunificationStatus.REUNITED.value(),
                VAR_REUNITED_ON, "2026-10-05"));

        housingRequestSent(housing);
        assertThat(housing).hasPassed(END_FAMILY_REUNITED_RECORDED).hasNotPassed(BOUNDARY_FAMILY_REUNITED)
                .isWaitingAt(TASK_SEARCH_HOME);
        assertThat(housing).variables()
                .containsEntry(VAR_REUNITED_ON, utrechtDay(2026, 10, 5))
                .containsEntry(VAR_INTERIM_HOME, false)
                .containsEntry(VAR_LAST_REUNIFICATION_CHECK, SECOND_CHECK);
        Task search = task(TASK_SEARCH_HOME, housing);
        assertThat(personsToHouse(search)).isEqualTo(3);
    }

    @Test
    void searchStartedAfterTheCoaNormBecauseOfWaitingIsEscalatedAtOnce() {
        ProcessInstance housing = waitingForFamily();
        execute(job(EVENT_REUNIFICATION_CHECK_DUE, housing));
        complete(task(TASK_MONITOR_REUNIFICATION, housing), withVariables(
                VAR_REUNIFICATION_STATUS, ReunificationStatus.SEARCH_NOW.value()));

        housingRequestSent(housing);
        assertThat(housing).hasPassed(END_MONITORING_STOPPED).isWaitingAt(TASK_SEARCH_HOME);
        Task search = task(TASK_SEARCH_HOME, housing);
        assertThat(search.getDueDate()).hasSameTimeAs(OFFER_DUE);
        Job overdue = job(BOUNDARY_TIMER_OFFER_OVERDUE, housing);
        assertThat(overdue.getDuedate()).hasSameTimeAs(OFFER_DUE);
        execute(overdue);

        assertThat(housing).isWaitingAt(TASK_SEARCH_HOME, TASK_ESCALATE_LATE_OFFER);
        complete(task(TASK_ESCALATE_LATE_OFFER, housing), withVariables(
                VAR_OFFER_DELAY_REASON, OfferDelayReason.WAITING_FOR_FAMILY.value(),
                VAR_ESCALATION_NOTE, "Bewust gewacht op nareizigers; COA geïnformeerd"));
        complete(task(TASK_SEARCH_HOME, housing), searchForm("2026-08-20", District.VLEUTEN_DE_MEERN, false));

        housingRealisedSent(housing);
        assertThat(housing).isWaitingAt(TASK_REPORT_LATE_MOVE);
    }

    @Test
    void familyReunitedReportedWhileWaitingForTheNextCheckStartsTheSearch() {
        ProcessInstance housing = waitingForFamily();
        Date reunitedOn = utrechtDay(2026, 6, 2);

        familyReunitedReported(reunitedOn);

        housingRequestSent(housing);
        assertThat(housing).hasPassed(BOUNDARY_FAMILY_REUNITED).hasNotPassed(TASK_MONITOR_REUNIFICATION)
                .isWaitingAt(TASK_SEARCH_HOME).isNotWaitingAt(EVENT_REUNIFICATION_CHECK_DUE);
        assertThat(housing).variables().containsEntry(VAR_REUNITED_ON, reunitedOn);
        assertThat(job(BOUNDARY_TIMER_OFFER_OVERDUE, housing)).isNotNull();
        assertThat(BpmnAwareTests.jobQuery().processInstanceId(housing.getId())
                .activityId(EVENT_REUNIFICATION_CHECK_DUE).count()).isZero();
    }

    @Test
    void familyReunitedReportedDuringACheckClosesTheCheck() {
        ProcessInstance housing = waitingForFamily();
        execute(job(EVENT_REUNIFICATION_CHECK_DUE, housing));
        assertThat(housing).isWaitingAt(TASK_MONITOR_REUNIFICATION);

        familyReunitedReported(utrechtDay(2026, 7, 3));

        housingRequestSent(housing);
        assertThat(housing).hasPassed(BOUNDARY_FAMILY_REUNITED).isWaitingAt(TASK_SEARCH_HOME)
                .isNotWaitingAt(TASK_MONITOR_REUNIFICATION);
        assertThat(taskQuery().processInstanceId(housing.getId()).taskDefinitionKey(TASK_MONITOR_REUNIFICATION)
                .count()).isZero();
    }

    @Test
    void familyReunitedReportIsNotAwaitedBeforeTheDecisionToWait() {
        ProcessInstance housing = startHousing(1);
        linked(2);

        assertThatThrownBy(() -> familyReunitedReported(utrechtDay(2026, 5, 1)))
                .isInstanceOf(MismatchingMessageCorrelationException.class);
        assertThat(housing).isWaitingAt(TASK_ASSESS_REUNIFICATION);
    }

    @Test
    void delayedReunificationLeadsBackToTheAssessmentAndMayEndInAnInterimHome() {
        ProcessInstance housing = waitingForFamily();
        execute(job(EVENT_REUNIFICATION_CHECK_DUE, housing));

        complete(task(TASK_MONITOR_REUNIFICATION, housing), withVariables(
                VAR_REUNIFICATION_STATUS, ReunificationStatus.RECONSIDER.value()));

        assertThat(housing).hasPassed(END_MONITORING_STOPPED).isWaitingAt(TASK_ASSESS_REUNIFICATION);
        assertThat(housing).variables()
                .containsEntry(VAR_EXPECTED_REUNIFICATION_MONTHS, 3)
                .containsEntry(VAR_LAST_REUNIFICATION_CHECK, FIRST_CHECK);

        complete(task(TASK_ASSESS_REUNIFICATION, housing), withVariables(VAR_EXPECTED_REUNIFICATION_MONTHS, 12));
        assertThat(housing).variables()
                .containsEntry(VAR_INTERIM_HOUSING_ADVICE, HousingOption.INTERIM_HOME.value());
        complete(task(TASK_DECIDE_INTERIM_HOME, housing), withVariables(
                VAR_HOUSING_DECISION, HousingOption.INTERIM_HOME.value()));

        housingRequestSent(housing);
        assertThat(housing).isWaitingAt(TASK_SEARCH_HOME);
        assertThat(housing).variables().containsEntry(VAR_INTERIM_HOME, true);
    }

    @Test
    void waitingAgainAfterReconsideringKeepsTheCheckRhythmFromLinking() {
        ProcessInstance housing = waitingForFamily();
        execute(job(EVENT_REUNIFICATION_CHECK_DUE, housing));
        complete(task(TASK_MONITOR_REUNIFICATION, housing), withVariables(
                VAR_REUNIFICATION_STATUS, ReunificationStatus.RECONSIDER.value()));
        complete(task(TASK_ASSESS_REUNIFICATION, housing), withVariables(VAR_EXPECTED_REUNIFICATION_MONTHS, 12));

        // the caseworker deviates from the advice (interim home) and keeps waiting
        complete(task(TASK_DECIDE_INTERIM_HOME, housing), withVariables(
                VAR_HOUSING_DECISION, HousingOption.WAIT_FOR_FAMILY.value()));

        assertThat(housing).isWaitingAt(EVENT_REUNIFICATION_CHECK_DUE);
        assertThat(housing).variables().containsEntry(VAR_INTERIM_HOME, false);
        assertThat(job(EVENT_REUNIFICATION_CHECK_DUE, housing).getDuedate()).hasSameTimeAs(SECOND_CHECK);
    }

    // ------------------------------------------------------------------ forms and the caller

    @Test
    void everyTaskOpensItsCamundaFormFromTheSameDeployment() throws IOException {
        ProcessInstance housing = startHousing(1);
        linked(1);
        assertDeployedForm(housing, TASK_ASSESS_REUNIFICATION, FORM_ASSESS_REUNIFICATION);
        complete(task(TASK_ASSESS_REUNIFICATION, housing), withVariables(VAR_EXPECTED_REUNIFICATION_MONTHS, 2));
        assertDeployedForm(housing, TASK_DECIDE_INTERIM_HOME, FORM_DECIDE_INTERIM_HOME);
        complete(task(TASK_DECIDE_INTERIM_HOME, housing), withVariables(
                VAR_HOUSING_DECISION, HousingOption.WAIT_FOR_FAMILY.value()));
        execute(job(EVENT_REUNIFICATION_CHECK_DUE, housing));
        assertDeployedForm(housing, TASK_MONITOR_REUNIFICATION, FORM_MONITOR_REUNIFICATION);
        complete(task(TASK_MONITOR_REUNIFICATION, housing), withVariables(
                VAR_REUNIFICATION_STATUS, ReunificationStatus.SEARCH_NOW.value()));
        housingRequestSent(housing);
        assertDeployedForm(housing, TASK_SEARCH_HOME, FORM_SEARCH_HOME);
        execute(job(BOUNDARY_TIMER_OFFER_OVERDUE, housing));
        assertDeployedForm(housing, TASK_ESCALATE_LATE_OFFER, FORM_ESCALATE_LATE_OFFER);
        offerAcceptedReported(utrechtDay(2026, 9, 1), false, District.OOST);
        housingRealisedSent(housing);
        assertDeployedForm(housing, TASK_REPORT_LATE_MOVE, FORM_REPORT_LATE_MOVE);
    }

    @Test
    void readOnlyFieldsSubmittedBackByTasklistStayWhereTheyBelong() {
        ProcessInstance housing = startHousing(2);
        linked(0);
        housingRequestSent(housing);
        Task search = task(TASK_SEARCH_HOME, housing);

        // Tasklist submits read-only fields too: the case id and the task-local number of persons
        Map<String, Object> submitted = new HashMap<>(searchForm("2026-05-15", District.BINNENSTAD, false));
        submitted.put(VAR_CASE_ID, CASE_ID);
        submitted.put(VAR_PERSONS_TO_HOUSE, 2);
        formService().submitTaskForm(search.getId(), submitted);

        housingRealisedSent(housing);
        assertThat(housing).isEnded();
        assertThat(historicVariables(housing))
                .containsEntry(VAR_CASE_ID, CASE_ID)
                .containsEntry(VAR_SETTLEMENT_DATE, utrechtDay(2026, 5, 15));
        assertThat(historyService().createHistoricVariableInstanceQuery().processInstanceId(housing.getId())
                .variableName(VAR_PERSONS_TO_HOUSE).list())
                .allSatisfy(variable -> assertThat(variable.getActivityInstanceId()).isNotEqualTo(housing.getId()));
    }

    @Test
    void theCallerGetsLinkingHousingAndSettlementDateBackThroughItsCallActivity() {
        deploymentIds.add(repositoryService().createDeployment().name("household-route-stub")
                .addModelInstance("household-route-stub.bpmn", callerStub()).deploy().getId());
        ProcessInstance route = runtimeService().startProcessInstanceByKey("household-route-stub", CASE_ID,
                inputVariables(1));
        ProcessInstance housing = runtimeService().createProcessInstanceQuery()
                .superProcessInstanceId(route.getId()).singleResult();
        assertThat(housing).hasBusinessKey(CASE_ID).isWaitingAt(EVENT_STATUS_HOLDER_LINKED);

        linked(1);
        complete(task(TASK_ASSESS_REUNIFICATION, housing), withVariables(VAR_EXPECTED_REUNIFICATION_MONTHS, 8));
        complete(task(TASK_DECIDE_INTERIM_HOME, housing), withVariables(
                VAR_HOUSING_DECISION, HousingOption.INTERIM_HOME.value()));
        housingRequestSent(housing);
        offerAcceptedReported(utrechtDay(2026, 5, 11), true, District.OVERVECHT);

        housingRealisedSent(housing);
        assertThat(housing).isEnded();
        assertThat(route).isWaitingAt("UserTask_NextPhase");
        assertThat(route).variables()
                .containsEntry(VAR_LINKED_ON, LINKED_ON)
                .containsEntry(VAR_FAMILY_MEMBERS_TO_FOLLOW, 1)
                .containsEntry(VAR_SETTLEMENT_DATE, utrechtDay(2026, 5, 11))
                .containsEntry(VAR_INTERIM_HOME, true)
                .containsEntry(VAR_DISTRICT, "overvecht");
    }

    // ------------------------------------------------------------------ helpers

    /** Starts the process as household-route's call activity does: business key and the three inputs. */
    private static ProcessInstance startHousing(int householdSize) {
        return runtimeService().startProcessInstanceByKey(PROCESS_KEY, CASE_ID, inputVariables(householdSize));
    }

    private static Map<String, Object> inputVariables(int householdSize) {
        return Variables.createVariables()
                .putValue(VAR_CASE_ID, CASE_ID)
                .putValue(VAR_MAIN_PERSON_REF, MAIN_PERSON)
                .putValue(VAR_HOUSEHOLD_MEMBERS, householdMembers(householdSize));
    }

    /** The main person, then a partner and children: as the hub stores them (a mutable list of maps). */
    private static ArrayList<Map<String, String>> householdMembers(int size) {
        ArrayList<Map<String, String>> members = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            Map<String, String> member = new LinkedHashMap<>();
            member.put("personRef", String.format("P-%06d", 41 + i));
            member.put("birthDate", i == 0 ? "1988-02-14" : i == 1 ? "1990-06-30" : "2015-0" + i + "-01");
            member.put("relation", i == 0 ? "main" : i == 1 ? "partner" : "child");
            members.add(member);
        }
        return members;
    }

    /** The job executor runs the housing request's send task (asynchronous before): then the search starts. */
    private static void housingRequestSent(ProcessInstance housing) {
        assertThat(housing).isWaitingAt(SEND_REQUEST_HOUSING);
        execute(job(SEND_REQUEST_HOUSING, housing));
    }

    /** The job executor runs the send task that reports the accepted home to COA. */
    private static void housingRealisedSent(ProcessInstance housing) {
        assertThat(housing).isWaitingAt(SEND_REPORT_HOUSING_REALISED);
        execute(job(SEND_REPORT_HOUSING_REALISED, housing));
    }

    /** COA's linking, as the hub correlates it (household scope). */
    private static void linked(int familyMembersToFollow) {
        runtimeService().createMessageCorrelation(MESSAGE_STATUS_HOLDER_LINKED)
                .processInstanceBusinessKey(CASE_ID)
                .setVariable(VAR_LINKED_ON, LINKED_ON)
                .setVariable(VAR_FAMILY_MEMBERS_TO_FOLLOW, familyMembersToFollow)
                .correlate();
    }

    private static void offerAcceptedReported(Date moveDate, boolean interimHome, District district) {
        runtimeService().createMessageCorrelation(MESSAGE_HOUSING_OFFER_ACCEPTED)
                .processInstanceBusinessKey(CASE_ID)
                .setVariable(VAR_MOVE_DATE, moveDate)
                .setVariable(VAR_INTERIM_HOME, interimHome)
                .setVariable(VAR_DISTRICT, district.value())
                .correlate();
    }

    private static void familyReunitedReported(Date reunitedOn) {
        runtimeService().createMessageCorrelation(MESSAGE_FAMILY_REUNITED)
                .processInstanceBusinessKey(CASE_ID)
                .setVariable(VAR_REUNITED_ON, reunitedOn)
                .correlate();
    }

    /** A single status holder, two family members to follow, expected in 3 months: the advice is to wait. */
    private static ProcessInstance waitingForFamily() {
        ProcessInstance housing = startHousing(1);
        linked(2);
        complete(task(TASK_ASSESS_REUNIFICATION, housing), withVariables(VAR_EXPECTED_REUNIFICATION_MONTHS, 3));
        assertThat(housing).variables()
                .containsEntry(VAR_INTERIM_HOUSING_ADVICE, HousingOption.WAIT_FOR_FAMILY.value());
        complete(task(TASK_DECIDE_INTERIM_HOME, housing), withVariables(
                VAR_HOUSING_DECISION, HousingOption.WAIT_FOR_FAMILY.value()));
        assertThat(housing).isWaitingAt(EVENT_REUNIFICATION_CHECK_DUE);
        return housing;
    }

    /** What the search form submits (Camunda Forms submit dates as ISO strings). */
    private static Map<String, Object> searchForm(String moveDate, District district, boolean interimHome) {
        return withVariables(
                VAR_MOVE_DATE, moveDate,
                VAR_DISTRICT, district.value(),
                VAR_INTERIM_HOME, interimHome);
    }

    /** Test-only caller with household-route's contract for CallActivity_Housing. */
    private static BpmnModelInstance callerStub() {
        return Bpmn.createExecutableProcess("household-route-stub")
                .camundaHistoryTimeToLive(1)
                .startEvent("StartEvent_Stub")
                .callActivity("CallActivity_Housing").calledElement(PROCESS_KEY)
                .camundaInBusinessKey("#{execution.processBusinessKey}")
                .camundaIn(VAR_CASE_ID, VAR_CASE_ID)
                .camundaIn(VAR_MAIN_PERSON_REF, VAR_MAIN_PERSON_REF)
                .camundaIn(VAR_HOUSEHOLD_MEMBERS, VAR_HOUSEHOLD_MEMBERS)
                .camundaOut(VAR_LINKED_ON, VAR_LINKED_ON)
                .camundaOut(VAR_FAMILY_MEMBERS_TO_FOLLOW, VAR_FAMILY_MEMBERS_TO_FOLLOW)
                .camundaOut(VAR_SETTLEMENT_DATE, VAR_SETTLEMENT_DATE)
                .camundaOut(VAR_INTERIM_HOME, VAR_INTERIM_HOME)
                .camundaOut(VAR_DISTRICT, VAR_DISTRICT)
                .userTask("UserTask_NextPhase")
                .endEvent("EndEvent_Stub")
                .done();
    }

    /** The number of persons the home must fit: local to the search task (a number from an expression). */
    private static int personsToHouse(Task search) {
        return ((Number) runtimeService().getVariableLocal(search.getExecutionId(), VAR_PERSONS_TO_HOUSE)).intValue();
    }

    /** The process-level variables of an (ended) instance, from history. */
    private static Map<String, Object> historicVariables(ProcessInstance instance) {
        Map<String, Object> variables = new HashMap<>();
        for (HistoricVariableInstance variable : historyService().createHistoricVariableInstanceQuery()
                .processInstanceId(instance.getId()).list()) {
            if (instance.getId().equals(variable.getActivityInstanceId())) {
                variables.put(variable.getName(), variable.getValue());
            }
        }
        return variables;
    }
}
