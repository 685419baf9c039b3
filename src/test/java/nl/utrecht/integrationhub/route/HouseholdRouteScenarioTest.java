package nl.utrecht.integrationhub.route;

import static nl.utrecht.integrationhub.route.RouteScenarioDriver.checklist;
import static nl.utrecht.integrationhub.route.RouteScenarioDriver.day;
import static nl.utrecht.integrationhub.route.RouteScenarioDriver.deadline;
import static nl.utrecht.integrationhub.route.RouteScenarioDriver.iso;
import static nl.utrecht.integrationhub.route.RouteScenarioDriver.member;
import static nl.utrecht.integrationhub.route.RouteScenarioDriver.values;
import static nl.utrecht.integrationhub.support.RecordingOutboundMessages.json;
import static nl.utrecht.integrationhub.support.RecordingOutboundMessages.sentOnce;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;

import nl.utrecht.integrationhub.civicintegration.CivicIntegrationProcess;
import nl.utrecht.integrationhub.civicintegration.CivicIntegrationProcess.Advice;
import nl.utrecht.integrationhub.civicintegration.CivicIntegrationProcess.TermWarningAction;
import nl.utrecht.integrationhub.guidance.GuidanceProcess;
import nl.utrecht.integrationhub.guidance.ParticipationDeclarationProcess;
import nl.utrecht.integrationhub.handover.NeighbourhoodHandoverProcess;
import nl.utrecht.integrationhub.housing.HousingProcess;
import nl.utrecht.integrationhub.intake.HouseholdRouteProcess;
import nl.utrecht.integrationhub.intake.ReceptionProcess;
import nl.utrecht.integrationhub.schooling.SchoolPlacementProcess;
import nl.utrecht.integrationhub.settlement.SettlementProcess;
import nl.utrecht.integrationhub.settlement.SettlementProcess.FurnishingAssistanceDecision;
import nl.utrecht.integrationhub.support.RecordingOutboundMessages;
import nl.utrecht.integrationhub.support.RecordingOutboundMessages.Recorded;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.MessageCorrelationResult;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Scenarios of the whole household route, without Spring: EVERY process folder under processes/ is
 * deployed as the hub deploys it (one deployment per folder) and the case is driven only from the
 * outside, as in production: the hub's intake start and partner events (message correlation by case
 * id, plus personRef for person-scoped types), Tasklist submitting each task's Camunda Form with the
 * values its fields carry (dates as ISO strings), and the job executor firing timers. No stubs, no
 * variables set by instance id, no moving tokens. Person refs are obviously fake (P-9xxxxx).
 */
@ExtendWith(ProcessEngineExtension.class)
class HouseholdRouteScenarioTest {

    private static final String ROUTE = HouseholdRouteProcess.PROCESS_KEY;
    private static final String RECEPTION = ReceptionProcess.PROCESS_KEY;
    private static final String HOUSING = HousingProcess.PROCESS_KEY;
    private static final String SETTLEMENT = SettlementProcess.PROCESS_KEY;
    private static final String SCHOOL_PLACEMENT = SchoolPlacementProcess.PROCESS_KEY;
    private static final String GUIDANCE = GuidanceProcess.PROCESS_KEY;
    private static final String DECLARATION = ParticipationDeclarationProcess.PROCESS_KEY;
    private static final String CIVIC_INTEGRATION = CivicIntegrationProcess.PROCESS_KEY;
    private static final String HANDOVER = NeighbourhoodHandoverProcess.PROCESS_KEY;

    /** The parallel join of guidance (processes/guidance/guidance.bpmn; no constant in GuidanceProcess). */
    private static final String GUIDANCE_JOIN = "Gateway_GuidanceJoin";

    private static final String CASE_ID = "HH-2027-900001";
    private static final LocalDate ARRIVAL = LocalDate.of(2027, 1, 11);

    ProcessEngine processEngine;

    private RouteScenarioDriver driver;

    @BeforeEach
    void deployEveryProcessFolderAsTheHubDoes() {
        BpmnAwareTests.init(processEngine);
        RecordingOutboundMessages.reset();
        driver = new RouteScenarioDriver(processEngine, CASE_ID);
        assertThat(driver.deployEveryProcessFolder()).containsExactlyInAnyOrder(ROUTE, RECEPTION, HOUSING,
                SETTLEMENT, SCHOOL_PLACEMENT, GUIDANCE, DECLARATION, CIVIC_INTEGRATION, HANDOVER);
    }

    @AfterEach
    void undeployEverything() {
        driver.undeployEverything();
        BpmnAwareTests.reset();
    }

    // ================================================================ 1. the whole route

    @Test
    void aFamilyOfTwoAdultsAndTwoChildrenGoesFromAzcIntakeToTheBuurtteamAndTheRouteCompletes() {
        LocalDate startedOn = LocalDate.now(RouteScenarioDriver.UTRECHT);
        String main = "P-900101";
        String partner = "P-900102";
        String teen = "P-900103";       // 13 on arrival
        String toddler = "P-900104";    // 4 on arrival: not of school age in the AZC
        LocalDate permitGranted = LocalDate.of(2027, 4, 20);
        LocalDate linked = LocalDate.of(2027, 5, 3);
        LocalDate settled = LocalDate.of(2027, 7, 5);
        LocalDate firstSchoolDay = LocalDate.of(2027, 8, 30);
        LocalDate mainObligationStart = LocalDate.of(2027, 8, 1);
        LocalDate partnerObligationStart = LocalDate.of(2027, 9, 1);

        ProcessInstance route = driver.intakeRegistered(main, "Einsteindreef", ARRIVAL, List.of(
                member(main, "1985-04-10", "main"),
                member(partner, "1988-11-23", "partner"),
                member(teen, "2013-05-20", "child"),
                member(toddler, "2022-09-14", "child")));

        // ------------------------------------------------ A. reception in the AZC
        assertThat(route).isStarted().hasBusinessKey(CASE_ID).isWaitingAt(HouseholdRouteProcess.CALL_RECEPTION);
        ProcessInstance reception = driver.instance(RECEPTION);
        assertThat(driver.openTaskKeys()).containsExactlyInAnyOrder(ReceptionProcess.TASK_OPEN_DOSSIER,
                ReceptionProcess.TASK_PLACE_CHILD_IN_SCHOOL, ReceptionProcess.TASK_RECORD_ACTIVATION);
        Task schoolInAzc = driver.task(RECEPTION, ReceptionProcess.TASK_PLACE_CHILD_IN_SCHOOL);
        assertThat(driver.taskVariable(schoolInAzc, ReceptionProcess.VAR_CHILD_REF))
                .as("one school placement in the AZC: only the 13-year-old is of school age on arrival")
                .isEqualTo(teen);
        assertThat(schoolInAzc.getDueDate()).as("school within 3 days of arrival")
                .isEqualTo(deadline(ARRIVAL, "school-placement"))
                .isEqualTo(day(ARRIVAL.plusDays(3)));

        // Vluchtelingenwerk's own system reports the dossier; school and activation through Tasklist.
        driver.householdEvent(ReceptionProcess.MESSAGE_DOSSIER_OPENED, values(
                ReceptionProcess.VAR_DOSSIER_NUMBER, "VWMN-2027-0101",
                ReceptionProcess.VAR_DOSSIER_OPENED_ON, day(ARRIVAL.plusDays(1))));
        driver.submit(schoolInAzc, values(
                ReceptionProcess.VAR_SCHOOL_TYPE, ReceptionProcess.SchoolType.INTERNATIONAL_TRANSITION_CLASS.value(),
                ReceptionProcess.VAR_SCHOOL_NAME, "ISK bij het AZC",
                ReceptionProcess.VAR_FIRST_SCHOOL_DAY, iso(ARRIVAL.plusDays(2))));
        driver.submit(driver.task(RECEPTION, ReceptionProcess.TASK_RECORD_ACTIVATION), values(
                ReceptionProcess.VAR_PROFILE_ASSESSMENT_DONE, true,
                ReceptionProcess.VAR_COURSE_OFFERED, ReceptionProcess.Course.PLAN_EINSTEIN.value(),
                ReceptionProcess.VAR_PRE_INTEGRATION_STARTED, true,
                ReceptionProcess.VAR_VOLUNTEER_ACTIVITY, "Taalcafé in het AZC",
                ReceptionProcess.VAR_GGD_SCREENING_DONE, true));
        assertThat(driver.waitingAt(reception)).containsExactlyInAnyOrder(ReceptionProcess.EVENT_PERMIT_GRANTED);

        driver.householdEvent(ReceptionProcess.MESSAGE_PERMIT_GRANTED,
                values(ReceptionProcess.VAR_PERMIT_GRANTED_ON, day(permitGranted)));

        assertThat(reception).isEnded().hasPassed(ReceptionProcess.END_RECEPTION_ENDED_WITH_PERMIT);
        assertThat(route).isWaitingAt(HouseholdRouteProcess.CALL_HOUSING).variables()
                .containsEntry(HouseholdRouteProcess.VAR_RECEPTION_OUTCOME,
                        ReceptionProcess.Outcome.PERMIT_GRANTED.value())
                .containsEntry(HouseholdRouteProcess.VAR_PERMIT_GRANTED_ON, day(permitGranted))
                .containsEntry(HouseholdRouteProcess.VAR_DOSSIER_NUMBER, "VWMN-2027-0101");

        // ------------------------------------------------ B. linking and housing (no family to follow)
        ProcessInstance housing = driver.instance(HOUSING);
        assertThat(driver.waitingAt(housing)).containsExactlyInAnyOrder(HousingProcess.EVENT_STATUS_HOLDER_LINKED);
        driver.householdEvent(HousingProcess.MESSAGE_STATUS_HOLDER_LINKED, values(
                HousingProcess.VAR_LINKED_ON, day(linked),
                HousingProcess.VAR_FAMILY_MEMBERS_TO_FOLLOW, 0));

        Task searchHome = driver.task(HOUSING, HousingProcess.TASK_SEARCH_HOME);
        assertThat(searchHome.getDueDate()).isEqualTo(deadline(linked, "housing-offer"));
        assertThat(((Number) driver.taskVariable(searchHome, HousingProcess.VAR_PERSONS_TO_HOUSE)).intValue())
                .isEqualTo(4);
        assertThat(housing).hasNotPassed(HousingProcess.TASK_ASSESS_REUNIFICATION);

        // The housing system reports the accepted home.
        driver.householdEvent(HousingProcess.MESSAGE_HOUSING_OFFER_ACCEPTED, values(
                HousingProcess.VAR_MOVE_DATE, day(settled),
                HousingProcess.VAR_INTERIM_HOME, false,
                HousingProcess.VAR_DISTRICT, HousingProcess.District.ZUIDWEST.value()));

        assertThat(housing).isEnded().hasPassed(HousingProcess.BOUNDARY_OFFER_ACCEPTED_REPORTED,
                HousingProcess.END_HOUSED).hasNotPassed(HousingProcess.TASK_REPORT_LATE_MOVE);
        assertThat(sentOnce(HousingProcess.OUTBOUND_HOUSING_REQUESTED).data()).isEqualTo(json("""
                {'linkedOn': '2027-05-03', 'offerDueDate': '2027-07-12', 'adults': 2, 'minors': 2,
                 'familyMembersToFollow': 0, 'personsToHouse': 4, 'interimHome': false}"""));
        assertThat(sentOnce(HousingProcess.OUTBOUND_HOUSING_REALISED).data())
                .isEqualTo(json("{'moveDate': '2027-07-05', 'interimHome': false, 'personsHoused': 4}"));
        assertThat(RecordingOutboundMessages.ofType(SchoolPlacementProcess.OUTBOUND_SCHOOL_REGISTRATION_REQUESTED))
                .as("each minor registered with Onderwijs, the child as subject")
                .extracting(Recorded::personRef).containsExactlyInAnyOrder(teen, toddler);
        assertThat(RecordingOutboundMessages.ofType(SchoolPlacementProcess.OUTBOUND_SCHOOL_REGISTRATION_REQUESTED))
                .filteredOn(message -> teen.equals(message.personRef())).singleElement()
                .extracting(Recorded::data).isEqualTo(json(
                        "{'schoolType': 'transition-class', 'compulsory': true, 'placementDue': '2027-07-08'}"));
        assertThat(sentOnce(SettlementProcess.OUTBOUND_BENEFIT_INTAKE_REQUESTED).data())
                .isEqualTo(json("{'settlementDate': '2027-07-05', 'adults': 2, 'minors': 2}"));
        assertThat(route).isWaitingAt(HouseholdRouteProcess.CALL_SETTLEMENT,
                HouseholdRouteProcess.CALL_CIVIC_INTEGRATION, HouseholdRouteProcess.CALL_SCHOOL_PLACEMENT)
                .variables().containsEntry(HouseholdRouteProcess.VAR_SETTLEMENT_DATE, day(settled))
                .containsEntry(HouseholdRouteProcess.VAR_LINKED_ON, day(linked))
                .containsEntry(HouseholdRouteProcess.VAR_INTERIM_HOME, false)
                .containsEntry(HouseholdRouteProcess.VAR_DISTRICT, "zuidwest");

        // ------------------------------------------------ school placement per minor (DMN at the settlement date)
        assertThat(driver.instances(SCHOOL_PLACEMENT)).as("one school placement per minor, called by the route only")
                .hasSize(2)
                .allSatisfy(instance -> assertThat(driver.variables(instance.getId()))
                        .containsEntry(SchoolPlacementProcess.VAR_SETTLEMENT_DATE, day(settled)));
        ProcessInstance teenSchool = driver.instance(SCHOOL_PLACEMENT, teen);
        ProcessInstance toddlerSchool = driver.instance(SCHOOL_PLACEMENT, toddler);
        // 2013-05-20 to 2027-07-05: 14 years and 1 month = 169 months, band [144..216): ISK, compulsory.
        assertThat(driver.variables(teenSchool.getId()))
                .containsEntry(SchoolPlacementProcess.VAR_AGE_IN_MONTHS, 169)
                .containsEntry(SchoolPlacementProcess.VAR_SCHOOL_TYPE,
                        SchoolPlacementProcess.SchoolType.TRANSITION_CLASS.value())
                .containsEntry(SchoolPlacementProcess.VAR_COMPULSORY, true)
                .containsEntry(SchoolPlacementProcess.VAR_SCHOOL_TYPE_LABEL, "Internationale Schakelklas (ISK)");
        // 2022-09-14 to 2027-07-05: 4 years and 9 months = 57 months, band [48..60):
        // language school, not yet compulsory.
        assertThat(driver.variables(toddlerSchool.getId()))
                .containsEntry(SchoolPlacementProcess.VAR_AGE_IN_MONTHS, 57)
                .containsEntry(SchoolPlacementProcess.VAR_SCHOOL_TYPE,
                        SchoolPlacementProcess.SchoolType.LANGUAGE_SCHOOL.value())
                .containsEntry(SchoolPlacementProcess.VAR_COMPULSORY, false)
                .containsEntry(SchoolPlacementProcess.VAR_SCHOOL_TYPE_LABEL, "Taalschool Het Mozaïek");
        assertThat(driver.task(SCHOOL_PLACEMENT, SchoolPlacementProcess.TASK_PLACE_CHILD, teen).getName())
                .isEqualTo("Kind plaatsen: Internationale Schakelklas (ISK)");
        assertThat(driver.task(SCHOOL_PLACEMENT, SchoolPlacementProcess.TASK_PLACE_CHILD, toddler).getName())
                .isEqualTo("Kind plaatsen: Taalschool Het Mozaïek");

        // Onderwijs reports the teenager's placement; the toddler's is done in Tasklist.
        assertThat(driver.personEvent(SchoolPlacementProcess.MESSAGE_SCHOOL_PLACEMENT_DONE, teen, values(
                SchoolPlacementProcess.VAR_SCHOOL_NAME, "ISK Utrecht",
                SchoolPlacementProcess.VAR_FIRST_SCHOOL_DAY, day(firstSchoolDay)))).hasSize(1);
        driver.submit(driver.task(SCHOOL_PLACEMENT, SchoolPlacementProcess.TASK_PLACE_CHILD, toddler), values(
                SchoolPlacementProcess.VAR_SCHOOL_NAME, "Taalschool Het Mozaïek",
                SchoolPlacementProcess.VAR_FIRST_SCHOOL_DAY, iso(firstSchoolDay)));

        Job transitionClassReview = driver.timer(SCHOOL_PLACEMENT,
                SchoolPlacementProcess.TIMER_TRANSITION_CLASS_REVIEW_DUE, teen);
        assertThat(transitionClassReview.getDuedate()).isEqualTo(deadline(firstSchoolDay, "transition-class-review"));
        Job languageSchoolReview = driver.timer(SCHOOL_PLACEMENT,
                SchoolPlacementProcess.TIMER_LANGUAGE_SCHOOL_REVIEW_DUE, toddler);
        assertThat(languageSchoolReview.getDuedate()).isEqualTo(deadline(firstSchoolDay, "language-school-review"));
        driver.fire(transitionClassReview);
        driver.submit(driver.task(SCHOOL_PLACEMENT, SchoolPlacementProcess.TASK_REVIEW_TRANSITION_CLASS, teen), values(
                SchoolPlacementProcess.VAR_REVIEW_OUTCOME, "regular-secondary",
                SchoolPlacementProcess.VAR_TRANSITION_DATE, iso(LocalDate.of(2028, 3, 6))));
        driver.fire(languageSchoolReview);
        driver.submit(driver.task(SCHOOL_PLACEMENT, SchoolPlacementProcess.TASK_REVIEW_LANGUAGE_SCHOOL, toddler),
                values(SchoolPlacementProcess.VAR_REVIEW_OUTCOME, "regular-primary",
                        SchoolPlacementProcess.VAR_TRANSITION_DATE, iso(LocalDate.of(2028, 9, 4))));
        assertThat(teenSchool).isEnded().hasPassed(SchoolPlacementProcess.BOUNDARY_PLACEMENT_REPORTED,
                SchoolPlacementProcess.END_TRANSITION_CLASS_REVIEWED);
        assertThat(toddlerSchool).isEnded().hasPassed(SchoolPlacementProcess.END_LANGUAGE_SCHOOL_REVIEWED)
                .hasNotPassed(SchoolPlacementProcess.BOUNDARY_PLACEMENT_REPORTED);

        // ------------------------------------------------ C. settlement (partner reports and Tasklist)
        ProcessInstance settlement = driver.instance(SETTLEMENT);
        assertThat(driver.waitingAt(settlement)).as("settlement's own steps only: school placement is the route's")
                .containsExactlyInAnyOrder(SettlementProcess.TASK_GUIDE_BRP_REGISTRATION,
                        SettlementProcess.TASK_GRANT_LIVING_COSTS_BENEFIT, SettlementProcess.TASK_TRANSFER_DOSSIER,
                        SettlementProcess.TASK_ARRANGE_HEALTH_INSURANCE, SettlementProcess.TASK_JOINT_INTAKE_PPSV);
        driver.householdEvent(SettlementProcess.MESSAGE_BRP_REGISTERED,
                values(SettlementProcess.VAR_BRP_REGISTERED_ON, day(settled.plusDays(3))));
        driver.submit(driver.task(SETTLEMENT, SettlementProcess.TASK_GRANT_LIVING_COSTS_BENEFIT),
                values(SettlementProcess.VAR_BENEFIT_GRANTED_ON, iso(settled.plusDays(7))));
        driver.submit(driver.task(SETTLEMENT, SettlementProcess.TASK_GRANT_FURNISHING_ASSISTANCE), values(
                SettlementProcess.VAR_FURNISHING_ASSISTANCE_DECISION, FurnishingAssistanceDecision.GRANTED.value(),
                SettlementProcess.VAR_FURNISHING_ASSISTANCE_DECIDED_ON, iso(settled.plusDays(14))));
        // Midden-Nederland prepares the dossier; the hub sends the transfer; Utrecht's system reports the receipt.
        driver.submit(driver.task(SETTLEMENT, SettlementProcess.TASK_TRANSFER_DOSSIER), values(
                SettlementProcess.VAR_DOCUMENTS_READY, true, SettlementProcess.VAR_DOCUMENT_COUNT, 9L));
        driver.householdEvent(SettlementProcess.MESSAGE_DOSSIER_TRANSFER_RECEIVED,
                values(SettlementProcess.VAR_DOSSIER_TRANSFERRED_ON, day(settled.plusDays(4))));
        driver.submit(driver.task(SETTLEMENT, SettlementProcess.TASK_ARRANGE_HEALTH_INSURANCE), values(
                SettlementProcess.VAR_HEALTH_INSURANCE_REGISTERED, true,
                SettlementProcess.VAR_GP_PRACTICE, "Gezondheidscentrum Kanaleneiland",
                SettlementProcess.VAR_GP_PRACTICE_AGB_CODE, "",
                SettlementProcess.VAR_CONSENT_REFERENCE, "TOESTEMMING-2027-0042"));
        driver.householdEvent(SettlementProcess.MESSAGE_MEDICAL_RECORD_HANDOVER_CONFIRMED,
                values(SettlementProcess.VAR_MEDICAL_HANDOVER_CONFIRMED_ON, day(settled.plusDays(28))));
        assertThat(route).isNotWaitingAt(HouseholdRouteProcess.CALL_GUIDANCE);
        driver.submit(driver.task(SETTLEMENT, SettlementProcess.TASK_JOINT_INTAKE_PPSV), values(
                SettlementProcess.VAR_LANGUAGE_LEVEL, "A2",
                SettlementProcess.VAR_EDUCATION_LEVEL, SettlementProcess.EducationLevel.SECONDARY.value(),
                SettlementProcess.VAR_WORK_EXPERIENCE_YEARS, 6L));

        assertThat(sentOnce(SettlementProcess.OUTBOUND_DOSSIER_TRANSFER_REQUESTED).data()).isEqualTo(json(
                "{'dossierNumber': 'VWMN-2027-0101', 'settlementDate': '2027-07-05', 'documentCount': 9}"));
        ObjectNode handoverRequest = sentOnce(SettlementProcess.OUTBOUND_MEDICAL_RECORD_HANDOVER_REQUESTED).data()
                .deepCopy();
        assertThat(LocalDate.parse(handoverRequest.remove("requestedOn").asText()))
                .as("dated the day it is requested (the engine's clock)")
                .isBetween(startedOn, LocalDate.now(RouteScenarioDriver.UTRECHT));
        assertThat(handoverRequest).as("a notice only: practice and consent, an empty AGB code as null").isEqualTo(json(
                "{'gpPractice': 'Gezondheidscentrum Kanaleneiland', 'gpPracticeAgbCode': null,"
                        + " 'consentReference': 'TOESTEMMING-2027-0042'}"));
        assertThat(sentOnce(SettlementProcess.OUTBOUND_PPSV_RESULTS_SHARED).data()).isEqualTo(json(
                "{'languageLevel': 'A2', 'educationLevel': 'secondary', 'workExperienceYears': 6}"));
        assertThat(settlement).isEnded().hasPassed(SettlementProcess.BOUNDARY_BRP_REGISTERED_REPORTED,
                SettlementProcess.BOUNDARY_DOSSIER_TRANSFER_REPORTED,
                SettlementProcess.BOUNDARY_MEDICAL_HANDOVER_CONFIRMED, SettlementProcess.END_SETTLEMENT_COMPLETED);
        assertThat(route).isWaitingAt(HouseholdRouteProcess.CALL_GUIDANCE, HouseholdRouteProcess.CALL_CIVIC_INTEGRATION)
                .variables()
                .containsEntry(HouseholdRouteProcess.VAR_BRP_REGISTERED_ON, day(settled.plusDays(3)))
                .containsEntry(HouseholdRouteProcess.VAR_LANGUAGE_LEVEL, "A2")
                .containsEntry(HouseholdRouteProcess.VAR_EDUCATION_LEVEL, "secondary")
                .containsEntry(HouseholdRouteProcess.VAR_WORK_EXPERIENCE_YEARS, 6);

        // ------------------------------------------------ D. guidance: declaration per adult, trajectory, coaching
        ProcessInstance guidance = driver.instance(GUIDANCE);
        // Main person 42 on the settlement date, A2, secondary education, 6 years of work experience.
        assertThat((List<Object>) driver.variables(guidance.getId()).get(GuidanceProcess.VAR_ELIGIBLE_TRAJECTORIES))
                .containsExactlyInAnyOrder(GuidanceProcess.Trajectory.VIP_PROJECT.value(),
                        GuidanceProcess.Trajectory.WORK_EXPERIENCE_PLACE.value());
        driver.submit(driver.task(GUIDANCE, GuidanceProcess.TASK_CHOOSE_TRAJECTORY), values(
                GuidanceProcess.VAR_CHOSEN_TRAJECTORY, GuidanceProcess.Trajectory.WORK_EXPERIENCE_PLACE.value(),
                GuidanceProcess.VAR_TRAJECTORY_START_DATE, iso(LocalDate.of(2027, 10, 4))));
        driver.submit(driver.task(GUIDANCE, GuidanceProcess.TASK_MATCH_COACH_OR_VOLUNTEER_NETWORK), values(
                GuidanceProcess.VAR_COACHING_MATCH, GuidanceProcess.CoachingMatch.LANGUAGE_COACH.value(),
                GuidanceProcess.VAR_COACHING_START_DATE, iso(LocalDate.of(2027, 9, 13))));

        assertThat(driver.instances(DECLARATION)).hasSize(2);
        for (String adult : List.of(main, partner)) {
            Job workshopsDue = driver.timer(DECLARATION, ParticipationDeclarationProcess.TIMER_WORKSHOPS_DUE, adult);
            assertThat(workshopsDue.getDuedate()).isEqualTo(deadline(settled, "participation-workshops"));
            driver.fire(workshopsDue);
            driver.submit(driver.task(DECLARATION, ParticipationDeclarationProcess.TASK_PLAN_WORKSHOP_SERIES, adult),
                    values(ParticipationDeclarationProcess.VAR_FIRST_WORKSHOP_DATE, iso(LocalDate.of(2028, 4, 12)),
                            ParticipationDeclarationProcess.VAR_INTERPRETER_NEEDED, true));
            Task signing = driver.task(DECLARATION, ParticipationDeclarationProcess.TASK_HAVE_DECLARATION_SIGNED,
                    adult);
            assertThat(signing.getDueDate()).as("signed within 12 months of settlement")
                    .isEqualTo(deadline(settled, "participation-declaration"))
                    .isEqualTo(day(settled.plusMonths(12)));
        }
        // The main person signs in Tasklist; Vluchtelingenwerk's system reports the partner's signature.
        driver.submit(driver.task(DECLARATION, ParticipationDeclarationProcess.TASK_HAVE_DECLARATION_SIGNED, main),
                values(ParticipationDeclarationProcess.VAR_DECLARATION_SIGNED_DATE, iso(LocalDate.of(2028, 5, 10))));
        assertThat(driver.personEvent(ParticipationDeclarationProcess.MESSAGE_DECLARATION_SIGNED, partner,
                values(ParticipationDeclarationProcess.VAR_DECLARATION_SIGNED_ON, day(LocalDate.of(2028, 5, 17)))))
                .hasSize(1);
        HistoricProcessInstance mainDeclaration = driver.history(DECLARATION, main);
        HistoricProcessInstance partnerDeclaration = driver.history(DECLARATION, partner);
        assertThat(mainDeclaration.getState()).isEqualTo("COMPLETED");
        assertThat(mainDeclaration.getEndActivityId())
                .isEqualTo(ParticipationDeclarationProcess.END_DECLARATION_SIGNED);
        assertThat(driver.variables(mainDeclaration.getId())).containsEntry(
                ParticipationDeclarationProcess.VAR_DECLARATION_SIGNED_ON, day(LocalDate.of(2028, 5, 10)));
        assertThat(partnerDeclaration.getEndActivityId())
                .isEqualTo(ParticipationDeclarationProcess.END_DECLARATION_SIGNED);

        Job guidancePeriodOver = driver.timer(GUIDANCE, GuidanceProcess.TIMER_GUIDANCE_PERIOD_OVER);
        assertThat(driver.waitingAt(guidance)).containsExactlyInAnyOrder(GuidanceProcess.TIMER_GUIDANCE_PERIOD_OVER);
        assertThat(guidancePeriodOver.getDuedate()).isEqualTo(deadline(settled, "guidance"));
        driver.fire(guidancePeriodOver);
        assertThat(guidance).isEnded().hasPassed(GuidanceProcess.END_GUIDANCE_COMPLETED);

        // ------------------------------------------------ E. warm hand-over to the buurtteam
        assertThat(route).isWaitingAt(HouseholdRouteProcess.CALL_NEIGHBOURHOOD_HANDOVER);
        driver.submit(driver.task(HANDOVER, NeighbourhoodHandoverProcess.TASK_PREPARE_HANDOVER_PACKAGE), values(
                NeighbourhoodHandoverProcess.VAR_OPEN_POINTS, "Aanvraag kinderopvangtoeslag loopt nog",
                NeighbourhoodHandoverProcess.VAR_HANDOVER_PACKAGE_REFERENCE, "OVD-2029-0007",
                NeighbourhoodHandoverProcess.VAR_PROPOSED_MEETING_DATE, iso(LocalDate.of(2029, 1, 15)),
                NeighbourhoodHandoverProcess.VAR_AGREED_INFORMATION, checklist(
                        NeighbourhoodHandoverProcess.AgreedInformation.HOUSEHOLD.value(),
                        NeighbourhoodHandoverProcess.AgreedInformation.FINANCES.value(),
                        NeighbourhoodHandoverProcess.AgreedInformation.EDUCATION.value())));
        driver.submit(driver.task(HANDOVER, NeighbourhoodHandoverProcess.TASK_HOLD_HANDOVER_MEETING), values(
                NeighbourhoodHandoverProcess.VAR_HANDOVER_MEETING_DATE, iso(LocalDate.of(2029, 1, 15)),
                NeighbourhoodHandoverProcess.VAR_MEETING_PARTICIPANT_ROLES, checklist(
                        NeighbourhoodHandoverProcess.ParticipantRole.VLUCHTELINGENWERK.value(),
                        NeighbourhoodHandoverProcess.ParticipantRole.NEIGHBOURHOOD_TEAM.value(),
                        NeighbourhoodHandoverProcess.ParticipantRole.MAIN_PERSON.value())));
        assertThat(sentOnce(NeighbourhoodHandoverProcess.OUTBOUND_HANDOVER_PACKAGE_SENT).data()).isEqualTo(json("""
                {'packageReference': 'OVD-2029-0007', 'proposedMeetingDate': '2029-01-15',
                 'agreedInformation': ['household', 'finances', 'education']}"""));
        driver.householdEvent(NeighbourhoodHandoverProcess.MESSAGE_HANDOVER_ACCEPTED,
                values(NeighbourhoodHandoverProcess.VAR_HANDOVER_ACCEPTED_ON, day(LocalDate.of(2029, 1, 22))));
        assertThat(RecordingOutboundMessages.all()).as("every message of the route once, all about this case")
                .hasSize(9).allSatisfy(message -> assertThat(message.caseId()).isEqualTo(CASE_ID));
        assertThat(driver.waitingAt(route)).as("civic integration still runs; the other branches wait at the join")
                .containsExactlyInAnyOrder(HouseholdRouteProcess.CALL_CIVIC_INTEGRATION,
                        HouseholdRouteProcess.GATEWAY_ROUTE_JOIN);
        assertThat(route).hasPassed(HouseholdRouteProcess.CALL_NEIGHBOURHOOD_HANDOVER,
                HouseholdRouteProcess.CALL_SCHOOL_PLACEMENT).variables()
                .containsEntry(HouseholdRouteProcess.VAR_HANDOVER_ACCEPTED_ON, day(LocalDate.of(2029, 1, 22)));

        // ------------------------------------------------ civic integration per adult (from right after housing)
        assertThat(driver.instances(CIVIC_INTEGRATION)).hasSize(2);
        assertThat(driver.personEvent(CivicIntegrationProcess.MESSAGE_OBLIGATION_STARTED, main,
                values(CivicIntegrationProcess.VAR_OBLIGATION_START, day(mainObligationStart)))).hasSize(1);
        assertThat(driver.personEvent(CivicIntegrationProcess.MESSAGE_OBLIGATION_STARTED, partner,
                values(CivicIntegrationProcess.VAR_OBLIGATION_START, day(partnerObligationStart)))).hasSize(1);
        for (Map.Entry<String, LocalDate> adult : Map.of(main, mainObligationStart, partner, partnerObligationStart)
                .entrySet()) {
            Task monitoring = driver.task(CIVIC_INTEGRATION, CivicIntegrationProcess.TASK_MONITOR_TRAJECTORY,
                    adult.getKey());
            assertThat(monitoring.getDueDate()).as("exam within 3 years of the obligation start")
                    .isEqualTo(deadline(adult.getValue(), "civic-integration-term"))
                    .isEqualTo(day(adult.getValue().plusYears(3)));
            assertThat(driver.timer(CIVIC_INTEGRATION, CivicIntegrationProcess.BOUNDARY_TERM_WARNING, adult.getKey())
                    .getDuedate()).isEqualTo(deadline(adult.getValue(), "civic-integration-warning"));
        }
        driver.personEvent(CivicIntegrationProcess.MESSAGE_LOAN_GRANTED, main,
                values(CivicIntegrationProcess.VAR_LOAN_AMOUNT, 10_000));
        driver.personEvent(CivicIntegrationProcess.MESSAGE_EXAM_PART_PASSED, main, values(
                CivicIntegrationProcess.VAR_EXAM_PART, "reading",
                CivicIntegrationProcess.VAR_LANGUAGE_LEVEL, "A2"));
        Map<String, Object> mainProgress = driver.variables(driver.instance(CIVIC_INTEGRATION, main).getId());
        assertThat(mainProgress).containsEntry(CivicIntegrationProcess.VAR_LOAN_AMOUNT, 10_000);
        assertThat(((Number) mainProgress.get(CivicIntegrationProcess.VAR_EXAM_PARTS_PASSED)).intValue()).isEqualTo(1);

        // DUO reports the main person's exam; the partner's is recorded in Tasklist.
        ProcessInstance mainCivicIntegration = driver.instance(CIVIC_INTEGRATION, main);
        ProcessInstance partnerCivicIntegration = driver.instance(CIVIC_INTEGRATION, partner);
        assertThat(driver.personEvent(CivicIntegrationProcess.MESSAGE_EXAM_PASSED, main,
                values(CivicIntegrationProcess.VAR_EXAM_PASSED_ON, day(LocalDate.of(2029, 3, 15))))).hasSize(1);
        assertThat(mainCivicIntegration).isEnded().hasPassed(CivicIntegrationProcess.BOUNDARY_EXAM_PASSED,
                CivicIntegrationProcess.END_EXAM_PASSED);
        assertThat(route).isNotEnded();
        driver.submit(driver.task(CIVIC_INTEGRATION, CivicIntegrationProcess.TASK_MONITOR_TRAJECTORY, partner), values(
                CivicIntegrationProcess.VAR_CIVIC_INTEGRATION_ADVICE, Advice.INTEGRATION_EXAM.value(),
                CivicIntegrationProcess.VAR_LANGUAGE_SCHOOL, "Taalschool Utrecht",
                CivicIntegrationProcess.VAR_EXAM_PASSED_ON, iso(LocalDate.of(2029, 6, 20))));
        assertThat(partnerCivicIntegration).isEnded().hasPassed(CivicIntegrationProcess.END_EXAM_RECORDED,
                CivicIntegrationProcess.END_EXAM_PASSED);
        for (ProcessInstance civicIntegration : List.of(mainCivicIntegration, partnerCivicIntegration)) {
            assertThat(driver.variables(civicIntegration.getId()))
                    .containsEntry(CivicIntegrationProcess.VAR_CIVIC_INTEGRATION_OUTCOME,
                            CivicIntegrationProcess.Outcome.EXAM_PASSED.value());
        }
        assertThat(driver.variables(partnerCivicIntegration.getId()))
                .containsEntry(CivicIntegrationProcess.VAR_EXAM_PASSED_ON, day(LocalDate.of(2029, 6, 20)));

        // ------------------------------------------------ the route ends: the buurtteam is the contact point
        assertThat(route).isEnded()
                .hasPassed(HouseholdRouteProcess.GATEWAY_ROUTE_JOIN, HouseholdRouteProcess.END_ROUTE_COMPLETED)
                .hasNotPassed(HouseholdRouteProcess.END_ROUTE_ENDED_WITHOUT_STATUS);
        assertThat(driver.runningInstances()).isZero();
        assertThat(driver.openTaskKeys()).isEmpty();
        Map<String, Integer> instancesPerProcess = Map.of(ROUTE, 1, RECEPTION, 1, HOUSING, 1, SETTLEMENT, 1,
                SCHOOL_PLACEMENT, 2, GUIDANCE, 1, DECLARATION, 2, CIVIC_INTEGRATION, 2, HANDOVER, 1);
        instancesPerProcess.forEach((processKey, count) -> assertThat(driver.history(processKey))
                .as("instances of %s in the case", processKey).hasSize(count)
                .allSatisfy(instance -> assertThat(instance.getState()).isEqualTo("COMPLETED")));
    }

    // ================================================================ 2. waiting for family (nareizigers)

    @Test
    void aSingleStatusHolderWhoseFamilyIsFarOffIsAdvisedAnInterimHomeAndTheDecisionLeadsToSettlement() {
        String statusHolder = "P-900201";
        LocalDate linked = LocalDate.of(2027, 5, 3);
        LocalDate settled = LocalDate.of(2027, 7, 19);
        ProcessInstance route = singleStatusHolderWithPermit(statusHolder);
        driver.householdEvent(HousingProcess.MESSAGE_STATUS_HOLDER_LINKED, values(
                HousingProcess.VAR_LINKED_ON, day(linked),
                HousingProcess.VAR_FAMILY_MEMBERS_TO_FOLLOW, 2));
        ProcessInstance housing = driver.instance(HOUSING);

        Task assess = driver.task(HOUSING, HousingProcess.TASK_ASSESS_REUNIFICATION);
        assertThat(driver.taskVariable(assess, HousingProcess.VAR_HOUSEHOLD_SIZE)).isEqualTo(1);
        assertThat(driver.taskVariable(assess, HousingProcess.VAR_FAMILY_MEMBERS_TO_FOLLOW)).isEqualTo(2);
        driver.submit(assess, values(
                HousingProcess.VAR_EXPECTED_REUNIFICATION_MONTHS, 9L,
                HousingProcess.VAR_REUNIFICATION_NOTE, "Nareisaanvraag ingediend, besluit verwacht na 9 maanden"));

        Task decide = driver.task(HOUSING, HousingProcess.TASK_DECIDE_INTERIM_HOME);
        assertThat(housing).hasPassed(HousingProcess.RULE_TASK_INTERIM_HOUSING_ADVICE);
        assertThat(driver.taskVariable(decide, HousingProcess.VAR_INTERIM_HOUSING_ADVICE))
                .as("1 person here, 2 to follow, reunification in more than 6 months")
                .isEqualTo(HousingProcess.HousingOption.INTERIM_HOME.value());
        assertThat((String) driver.taskVariable(decide, HousingProcess.VAR_INTERIM_HOUSING_ADVICE_REASON))
                .startsWith("Gezinshereniging pas over meer dan 6 maanden");
        assertThat(driver.taskVariable(decide, HousingProcess.VAR_HOUSING_DECISION))
                .as("the decision is pre-filled with the advice")
                .isEqualTo(HousingProcess.HousingOption.INTERIM_HOME.value());
        driver.submit(decide, values(
                HousingProcess.VAR_HOUSING_DECISION, HousingProcess.HousingOption.INTERIM_HOME.value(),
                HousingProcess.VAR_HOUSING_DECISION_NOTE, "Advies gevolgd: eenpersoonswoning in de tussentijd"));

        assertThat(housing).hasNotPassed(HousingProcess.SUBPROCESS_AWAIT_FAMILY);
        Task searchHome = driver.task(HOUSING, HousingProcess.TASK_SEARCH_HOME);
        assertThat(((Number) driver.taskVariable(searchHome, HousingProcess.VAR_PERSONS_TO_HOUSE)).intValue())
                .as("an interim home for the one person here").isEqualTo(1);
        assertThat(searchHome.getDueDate()).isEqualTo(deadline(linked, "housing-offer"));
        driver.submit(searchHome, values(
                HousingProcess.VAR_INTERIM_HOME, true,
                HousingProcess.VAR_DISTRICT, HousingProcess.District.OVERVECHT.value(),
                HousingProcess.VAR_MOVE_DATE, iso(settled)));

        assertThat(housing).isEnded().hasPassed(HousingProcess.END_HOUSED)
                .hasNotPassed(HousingProcess.TASK_REPORT_LATE_MOVE);
        assertThat(route).isWaitingAt(HouseholdRouteProcess.CALL_SETTLEMENT,
                HouseholdRouteProcess.CALL_CIVIC_INTEGRATION)
                .variables()
                .containsEntry(HouseholdRouteProcess.VAR_FAMILY_MEMBERS_TO_FOLLOW, 2)
                .containsEntry(HouseholdRouteProcess.VAR_INTERIM_HOME, true)
                .containsEntry(HouseholdRouteProcess.VAR_DISTRICT, "overvecht")
                .containsEntry(HouseholdRouteProcess.VAR_SETTLEMENT_DATE, day(settled));
        assertThat(driver.variables(driver.instance(SETTLEMENT).getId()))
                .containsEntry(SettlementProcess.VAR_SETTLEMENT_DATE, day(settled));
        assertThat(driver.instances(SCHOOL_PLACEMENT)).isEmpty();
        assertThat(driver.instance(CIVIC_INTEGRATION, statusHolder)).isNotNull();
    }

    @Test
    void aStatusHolderWhoseFamilyIsNearWaitsWithReunificationChecksUntilReunitedThenHousingContinues() {
        String statusHolder = "P-900202";
        LocalDate linked = LocalDate.of(2027, 5, 3);
        LocalDate reunited = LocalDate.of(2027, 10, 25);
        LocalDate settled = LocalDate.of(2028, 1, 10);
        ProcessInstance route = singleStatusHolderWithPermit(statusHolder);
        driver.householdEvent(HousingProcess.MESSAGE_STATUS_HOLDER_LINKED, values(
                HousingProcess.VAR_LINKED_ON, day(linked),
                HousingProcess.VAR_FAMILY_MEMBERS_TO_FOLLOW, 2));
        ProcessInstance housing = driver.instance(HOUSING);

        driver.submit(driver.task(HOUSING, HousingProcess.TASK_ASSESS_REUNIFICATION),
                values(HousingProcess.VAR_EXPECTED_REUNIFICATION_MONTHS, 4L));
        Task decide = driver.task(HOUSING, HousingProcess.TASK_DECIDE_INTERIM_HOME);
        assertThat(driver.taskVariable(decide, HousingProcess.VAR_INTERIM_HOUSING_ADVICE))
                .as("1 person here, 2 to follow, reunification within 6 months")
                .isEqualTo(HousingProcess.HousingOption.WAIT_FOR_FAMILY.value());
        assertThat((String) driver.taskVariable(decide, HousingProcess.VAR_INTERIM_HOUSING_ADVICE_REASON))
                .startsWith("Gezinshereniging binnen 6 maanden");
        driver.submit(decide, values(HousingProcess.VAR_HOUSING_DECISION,
                HousingProcess.HousingOption.WAIT_FOR_FAMILY.value()));

        // Waiting: a reunification check every period, the first one from the linking date.
        assertThat(driver.waitingAt(housing)).containsExactlyInAnyOrder(HousingProcess.EVENT_REUNIFICATION_CHECK_DUE);
        assertThat(driver.tasks(HOUSING, HousingProcess.TASK_SEARCH_HOME)).isEmpty();
        Job firstCheck = driver.timer(HOUSING, HousingProcess.EVENT_REUNIFICATION_CHECK_DUE);
        assertThat(firstCheck.getDuedate()).isEqualTo(deadline(linked, "reunification-check"));
        driver.fire(firstCheck);
        driver.submit(driver.task(HOUSING, HousingProcess.TASK_MONITOR_REUNIFICATION), values(
                HousingProcess.VAR_REUNIFICATION_STATUS, HousingProcess.ReunificationStatus.KEEP_WAITING.value(),
                HousingProcess.VAR_REUNIFICATION_NOTE, "Nog geen vertrekdatum van het gezin"));
        Job secondCheck = driver.timer(HOUSING, HousingProcess.EVENT_REUNIFICATION_CHECK_DUE);
        assertThat(secondCheck.getDuedate()).as("the next check a period after the previous one")
                .isEqualTo(deadline(linked.plusMonths(3), "reunification-check"));

        // The municipality's system reports the reunification while the next check waits.
        driver.householdEvent(HousingProcess.MESSAGE_FAMILY_REUNITED,
                values(HousingProcess.VAR_REUNITED_ON, day(reunited)));

        assertThat(housing).hasPassed(HousingProcess.BOUNDARY_FAMILY_REUNITED)
                .hasNotPassed(HousingProcess.END_FAMILY_REUNITED_RECORDED)
                .isWaitingAt(HousingProcess.TASK_SEARCH_HOME);
        Task searchHome = driver.task(HOUSING, HousingProcess.TASK_SEARCH_HOME);
        assertThat(((Number) driver.taskVariable(searchHome, HousingProcess.VAR_PERSONS_TO_HOUSE)).intValue())
                .as("a home for the reunited family: 1 here and 2 who followed").isEqualTo(3);
        // The COA norm (an offer within 10 weeks of linking) has long passed: the escalation follows.
        Job offerOverdue = driver.timer(HOUSING, HousingProcess.BOUNDARY_TIMER_OFFER_OVERDUE);
        assertThat(offerOverdue.getDuedate()).isEqualTo(deadline(linked, "housing-offer"));
        driver.fire(offerOverdue);
        assertThat(driver.task(HOUSING, HousingProcess.TASK_ESCALATE_LATE_OFFER)).isNotNull();

        driver.householdEvent(HousingProcess.MESSAGE_HOUSING_OFFER_ACCEPTED, values(
                HousingProcess.VAR_MOVE_DATE, day(settled),
                HousingProcess.VAR_INTERIM_HOME, false,
                HousingProcess.VAR_DISTRICT, HousingProcess.District.LEIDSCHE_RIJN.value()));
        // The move comes after the COA norm of 12 weeks from linking: agree it with COA.
        driver.submit(driver.task(HOUSING, HousingProcess.TASK_REPORT_LATE_MOVE), values(
                HousingProcess.VAR_LATE_MOVE_REASON, "waiting-for-family",
                HousingProcess.VAR_LATE_MOVE_NOTE, "Gewacht op de nareizigers, afgestemd met COA"));

        assertThat(housing).isEnded().hasPassed(HousingProcess.END_HOUSED);
        assertThat(driver.historicTaskEnds(HOUSING, HousingProcess.TASK_ESCALATE_LATE_OFFER))
                .as("the accepted home ends the open escalation").containsExactly("deleted");
        assertThat(route).isWaitingAt(HouseholdRouteProcess.CALL_SETTLEMENT,
                HouseholdRouteProcess.CALL_CIVIC_INTEGRATION)
                .variables()
                .containsEntry(HouseholdRouteProcess.VAR_FAMILY_MEMBERS_TO_FOLLOW, 2)
                .containsEntry(HouseholdRouteProcess.VAR_INTERIM_HOME, false)
                .containsEntry(HouseholdRouteProcess.VAR_DISTRICT, "leidsche-rijn")
                .containsEntry(HouseholdRouteProcess.VAR_SETTLEMENT_DATE, day(settled));
        assertThat(driver.variables(housing.getId())).containsEntry(HousingProcess.VAR_REUNITED_ON, day(reunited));
    }

    // ================================================================ 3. departure without a status

    @Test
    void aHouseholdThatLeavesWithoutAStatusHasItsOpenReceptionTasksCancelledItsActivationClosedAndTheRouteEnds() {
        String main = "P-900301";
        String child = "P-900302";
        ProcessInstance route = driver.intakeRegistered(main, "Joseph Haydnlaan", ARRIVAL, List.of(
                member(main, "1990-03-03", "main"),
                member(child, "2018-06-01", "child")));
        ProcessInstance reception = driver.instance(RECEPTION);
        driver.submit(driver.task(RECEPTION, ReceptionProcess.TASK_OPEN_DOSSIER), values(
                ReceptionProcess.VAR_DOSSIER_NUMBER, "VWMN-2027-0301",
                ReceptionProcess.VAR_PROFILE_ASSESSMENT_DATE, iso(ARRIVAL.plusDays(7))));
        assertThat(driver.openTaskKeys()).containsExactlyInAnyOrder(
                ReceptionProcess.TASK_PLACE_CHILD_IN_SCHOOL, ReceptionProcess.TASK_RECORD_ACTIVATION);

        List<MessageCorrelationResult> departed = driver.householdEvent(
                ReceptionProcess.MESSAGE_DEPARTED_WITHOUT_STATUS,
                values(ReceptionProcess.VAR_DEPARTED_ON, day(ARRIVAL.plusWeeks(5))));

        assertThat(departed).hasSize(1);
        assertThat(driver.waitingAt(reception)).containsExactly(ReceptionProcess.TASK_CLOSE_ACTIVATION);
        assertThat(reception).hasPassed(ReceptionProcess.START_DEPARTED_WITHOUT_STATUS);
        assertThat(driver.openTaskKeys()).containsExactly(ReceptionProcess.TASK_CLOSE_ACTIVATION);
        assertThat(driver.historicTaskEnds(RECEPTION, ReceptionProcess.TASK_PLACE_CHILD_IN_SCHOOL))
                .containsExactly("deleted");
        assertThat(driver.historicTaskEnds(RECEPTION, ReceptionProcess.TASK_RECORD_ACTIVATION))
                .containsExactly("deleted");
        assertThat(driver.historicTaskEnds(RECEPTION, ReceptionProcess.TASK_OPEN_DOSSIER)).containsExactly("completed");
        Task closeActivation = driver.task(RECEPTION, ReceptionProcess.TASK_CLOSE_ACTIVATION);
        assertThat(closeActivation).hasCandidateGroup(ReceptionProcess.GROUP_VLUCHTELINGENWERK);
        assertThat(driver.waitingAt(route)).containsExactlyInAnyOrder(HouseholdRouteProcess.CALL_RECEPTION);

        driver.submit(closeActivation, values(
                ReceptionProcess.VAR_PROFILE_ASSESSMENT_DONE, true,
                ReceptionProcess.VAR_COURSES_FOLLOWED, checklist(ReceptionProcess.Course.ENGLISH.value()),
                ReceptionProcess.VAR_VOLUNTEER_ACTIVITY, "Moestuin van het AZC"));

        assertThat(reception).isEnded().hasPassed(ReceptionProcess.END_RECEPTION_ENDED_WITHOUT_STATUS)
                .hasNotPassed(ReceptionProcess.EVENT_PERMIT_GRANTED, ReceptionProcess.END_RECEPTION_ENDED_WITH_PERMIT);
        assertThat(driver.variables(reception.getId()))
                .containsEntry(ReceptionProcess.VAR_RECEPTION_OUTCOME, ReceptionProcess.Outcome.DEPARTED.value())
                .containsEntry(ReceptionProcess.VAR_DEPARTED_ON, day(ARRIVAL.plusWeeks(5)))
                .containsKey(ReceptionProcess.VAR_ACTIVATION_CLOSED_ON);
        assertThat(route).isEnded().hasPassed(HouseholdRouteProcess.GATEWAY_PERMIT_GRANTED,
                HouseholdRouteProcess.END_ROUTE_ENDED_WITHOUT_STATUS)
                .hasNotPassed(HouseholdRouteProcess.CALL_HOUSING, HouseholdRouteProcess.END_ROUTE_COMPLETED);
        assertThat(driver.variables(route.getId()))
                .containsEntry(HouseholdRouteProcess.VAR_RECEPTION_OUTCOME, ReceptionProcess.Outcome.DEPARTED.value());
        for (String phase : List.of(HOUSING, SETTLEMENT, SCHOOL_PLACEMENT, GUIDANCE, DECLARATION, CIVIC_INTEGRATION,
                HANDOVER)) {
            assertThat(driver.history(phase)).as("nothing of %s started", phase).isEmpty();
        }
        assertThat(driver.runningInstances()).isZero();
        assertThat(driver.tryHouseholdEvent(ReceptionProcess.MESSAGE_PERMIT_GRANTED,
                values(ReceptionProcess.VAR_PERMIT_GRANTED_ON, day(ARRIVAL.plusWeeks(8)))))
                .as("a permit reported afterwards finds nothing waiting (the hub parks it)").isEmpty();
    }

    // ================================================================ 4. participation declaration overdue

    @Test
    void aDeclarationUnsignedAfterAYearGetsAnEnforcementTaskBesideTheOpenSigningTaskAndLateSigningEndsIt() {
        String adult = "P-900401";
        LocalDate settled = LocalDate.of(2027, 7, 5);
        singleStatusHolderWithPermit(adult);
        housedWithoutFamily(LocalDate.of(2027, 5, 3), settled);
        settledByPartnersAndTasklist(settled);
        ProcessInstance guidance = driver.instance(GUIDANCE);
        driver.submit(driver.task(GUIDANCE, GuidanceProcess.TASK_CHOOSE_TRAJECTORY), values(
                GuidanceProcess.VAR_CHOSEN_TRAJECTORY, GuidanceProcess.Trajectory.VIP_PROJECT.value(),
                GuidanceProcess.VAR_TRAJECTORY_START_DATE, iso(LocalDate.of(2027, 10, 4))));
        driver.submit(driver.task(GUIDANCE, GuidanceProcess.TASK_MATCH_COACH_OR_VOLUNTEER_NETWORK), values(
                GuidanceProcess.VAR_COACHING_MATCH, GuidanceProcess.CoachingMatch.NEW_NEIGHBOURS.value(),
                GuidanceProcess.VAR_COACHING_START_DATE, iso(LocalDate.of(2027, 9, 13))));
        driver.fire(driver.timer(DECLARATION, ParticipationDeclarationProcess.TIMER_WORKSHOPS_DUE, adult));
        driver.submit(driver.task(DECLARATION, ParticipationDeclarationProcess.TASK_PLAN_WORKSHOP_SERIES, adult),
                values(ParticipationDeclarationProcess.VAR_FIRST_WORKSHOP_DATE, iso(LocalDate.of(2028, 4, 12))));
        ProcessInstance declaration = driver.instance(DECLARATION, adult);
        Task signing = driver.task(DECLARATION, ParticipationDeclarationProcess.TASK_HAVE_DECLARATION_SIGNED, adult);
        assertThat(signing.getDueDate()).isEqualTo(deadline(settled, "participation-declaration"));

        Job overdue = driver.timer(DECLARATION, ParticipationDeclarationProcess.BOUNDARY_DECLARATION_OVERDUE, adult);
        assertThat(overdue.getDuedate()).as("12 months after settlement")
                .isEqualTo(deadline(settled, "participation-declaration"));
        driver.fire(overdue);

        assertThat(driver.waitingAt(declaration)).containsExactlyInAnyOrder(
                ParticipationDeclarationProcess.TASK_HAVE_DECLARATION_SIGNED,
                ParticipationDeclarationProcess.TASK_ENFORCE_DECLARATION);
        Task stillSigning = driver.task(DECLARATION,
                ParticipationDeclarationProcess.TASK_HAVE_DECLARATION_SIGNED, adult);
        assertThat(stillSigning.getId()).as("the signing task stays open, the same task").isEqualTo(signing.getId());
        Task enforcement = driver.task(DECLARATION, ParticipationDeclarationProcess.TASK_ENFORCE_DECLARATION, adult);
        assertThat(enforcement).hasCandidateGroup(ParticipationDeclarationProcess.GROUP_CIVIC_INTEGRATION);
        assertThat(driver.waitingAt(guidance)).as("trajectory and coaching done, waiting at the join")
                .containsExactlyInAnyOrder(GuidanceProcess.CALL_PARTICIPATION_DECLARATION, GUIDANCE_JOIN);

        // Signed after all, reported by Vluchtelingenwerk's system.
        assertThat(driver.personEvent(ParticipationDeclarationProcess.MESSAGE_DECLARATION_SIGNED, adult,
                values(ParticipationDeclarationProcess.VAR_DECLARATION_SIGNED_ON, day(LocalDate.of(2028, 8, 21)))))
                .hasSize(1);
        assertThat(declaration).hasPassed(ParticipationDeclarationProcess.BOUNDARY_DECLARATION_SIGNED_REPORTED,
                ParticipationDeclarationProcess.END_DECLARATION_SIGNED);
        assertThat(driver.waitingAt(declaration))
                .as("the enforcement task stays until the civic-integration team handles it")
                .containsExactly(ParticipationDeclarationProcess.TASK_ENFORCE_DECLARATION);
        driver.submit(enforcement, values(
                ParticipationDeclarationProcess.VAR_ENFORCEMENT_MEASURE,
                ParticipationDeclarationProcess.EnforcementMeasure.SIGNED_LATE.value(),
                ParticipationDeclarationProcess.VAR_ENFORCEMENT_REMARKS, "Alsnog ondertekend; geen maatregel"));

        assertThat(declaration).isEnded().hasPassed(ParticipationDeclarationProcess.END_DECLARATION_SIGNED,
                ParticipationDeclarationProcess.END_ENFORCEMENT_HANDLED);
        assertThat(driver.variables(declaration.getId())).containsEntry(
                ParticipationDeclarationProcess.VAR_DECLARATION_SIGNED_ON, day(LocalDate.of(2028, 8, 21)));
        assertThat(driver.waitingAt(guidance)).containsExactlyInAnyOrder(GuidanceProcess.TIMER_GUIDANCE_PERIOD_OVER);
    }

    // ================================================================ 5. civic-integration term running out

    @Test
    void aCivicIntegrationTermWarnsThirtyMonthsAfterTheObligationStartAndExpiresAfterThreeYears() {
        String adult = "P-900501";
        LocalDate obligationStart = LocalDate.of(2027, 9, 1);
        ProcessInstance route = singleStatusHolderWithPermit(adult);
        housedWithoutFamily(LocalDate.of(2027, 5, 3), LocalDate.of(2027, 7, 5));
        ProcessInstance civicIntegration = driver.instance(CIVIC_INTEGRATION, adult);
        assertThat(driver.waitingAt(civicIntegration))
                .containsExactlyInAnyOrder(CivicIntegrationProcess.GATEWAY_OBLIGATION_OR_CHECK);
        driver.personEvent(CivicIntegrationProcess.MESSAGE_OBLIGATION_STARTED, adult,
                values(CivicIntegrationProcess.VAR_OBLIGATION_START, day(obligationStart)));
        Task monitoring = driver.task(CIVIC_INTEGRATION, CivicIntegrationProcess.TASK_MONITOR_TRAJECTORY, adult);
        assertThat(monitoring.getDueDate()).isEqualTo(deadline(obligationStart, "civic-integration-term"));

        Job warning = driver.timer(CIVIC_INTEGRATION, CivicIntegrationProcess.BOUNDARY_TERM_WARNING, adult);
        assertThat(warning.getDuedate()).as("30 months after the obligation start")
                .isEqualTo(deadline(obligationStart, "civic-integration-warning"))
                .isEqualTo(day(obligationStart.plusMonths(30)));
        driver.fire(warning);

        Task termWarning = driver.task(CIVIC_INTEGRATION, CivicIntegrationProcess.TASK_TERM_WARNING, adult);
        assertThat(termWarning).hasCandidateGroup(CivicIntegrationProcess.GROUP_CIVIC_INTEGRATION);
        assertThat(termWarning.getDueDate()).isEqualTo(deadline(obligationStart, "civic-integration-term"));
        assertThat(driver.waitingAt(civicIntegration)).containsExactlyInAnyOrder(
                CivicIntegrationProcess.TASK_MONITOR_TRAJECTORY, CivicIntegrationProcess.TASK_TERM_WARNING);
        driver.submit(termWarning, values(
                CivicIntegrationProcess.VAR_TERM_WARNING_ACTION, TermWarningAction.EXTRA_SUPPORT.value(),
                CivicIntegrationProcess.VAR_TERM_WARNING_REMARKS, "Extra taallessen ingezet"));
        assertThat(civicIntegration).hasPassed(CivicIntegrationProcess.END_TERM_WARNING_HANDLED);
        assertThat(driver.waitingAt(civicIntegration)).containsExactly(CivicIntegrationProcess.TASK_MONITOR_TRAJECTORY);

        Job term = driver.timer(CIVIC_INTEGRATION, CivicIntegrationProcess.BOUNDARY_TERM_EXPIRED, adult);
        assertThat(term.getDuedate()).as("3 years after the obligation start")
                .isEqualTo(deadline(obligationStart, "civic-integration-term"))
                .isEqualTo(day(obligationStart.plusYears(3)));
        driver.fire(term);

        assertThat(driver.waitingAt(civicIntegration))
                .containsExactlyInAnyOrder(CivicIntegrationProcess.TASK_TERM_EXPIRED);
        assertThat(driver.historicTaskEnds(CIVIC_INTEGRATION, CivicIntegrationProcess.TASK_MONITOR_TRAJECTORY))
                .containsExactly("deleted");
        Task termExpired = driver.task(CIVIC_INTEGRATION, CivicIntegrationProcess.TASK_TERM_EXPIRED, adult);
        assertThat(termExpired).hasCandidateGroup(CivicIntegrationProcess.GROUP_CIVIC_INTEGRATION);
        driver.submit(termExpired, values(
                CivicIntegrationProcess.VAR_ENFORCEMENT_ASSESSMENT,
                CivicIntegrationProcess.EnforcementAssessment.FINE_AND_REPAYMENT.value()));

        assertThat(civicIntegration).isEnded().hasPassed(CivicIntegrationProcess.BOUNDARY_TERM_EXPIRED,
                CivicIntegrationProcess.END_TERM_EXPIRED).hasNotPassed(CivicIntegrationProcess.END_EXAM_PASSED);
        assertThat(driver.variables(civicIntegration.getId()))
                .containsEntry(CivicIntegrationProcess.VAR_CIVIC_INTEGRATION_OUTCOME,
                        CivicIntegrationProcess.Outcome.TERM_EXPIRED.value());
        assertThat(route).hasPassed(HouseholdRouteProcess.CALL_CIVIC_INTEGRATION)
                .isWaitingAt(HouseholdRouteProcess.CALL_SETTLEMENT)
                .isNotWaitingAt(HouseholdRouteProcess.CALL_CIVIC_INTEGRATION);
        assertThat(driver.tryPersonEvent(CivicIntegrationProcess.MESSAGE_EXAM_PASSED, adult,
                values(CivicIntegrationProcess.VAR_EXAM_PASSED_ON, day(obligationStart.plusYears(3).plusMonths(1)))))
                .as("an exam reported after the term finds nothing waiting").isEmpty();
    }

    // ================================================================ steps shared by the scenarios

    /** One adult (no children): intake, dossier and activation in Tasklist, then IND's permit. */
    private ProcessInstance singleStatusHolderWithPermit(String personRef) {
        ProcessInstance route = driver.intakeRegistered(personRef, "Ravellaan", ARRIVAL,
                List.of(member(personRef, "1991-02-14", "main")));
        assertThat(driver.openTaskKeys()).as("no child of school age: no school placement in the AZC")
                .containsExactlyInAnyOrder(ReceptionProcess.TASK_OPEN_DOSSIER, ReceptionProcess.TASK_RECORD_ACTIVATION);
        driver.submit(driver.task(RECEPTION, ReceptionProcess.TASK_OPEN_DOSSIER), values(
                ReceptionProcess.VAR_DOSSIER_NUMBER, "VWMN-2027-0999",
                ReceptionProcess.VAR_PROFILE_ASSESSMENT_DATE, iso(ARRIVAL.plusDays(10))));
        driver.submit(driver.task(RECEPTION, ReceptionProcess.TASK_RECORD_ACTIVATION), values(
                ReceptionProcess.VAR_PROFILE_ASSESSMENT_DONE, true,
                ReceptionProcess.VAR_COURSE_OFFERED, ReceptionProcess.Course.ENGLISH.value()));
        driver.householdEvent(ReceptionProcess.MESSAGE_PERMIT_GRANTED,
                values(ReceptionProcess.VAR_PERMIT_GRANTED_ON, day(LocalDate.of(2027, 4, 20))));
        assertThat(driver.waitingAt(route)).containsExactlyInAnyOrder(HouseholdRouteProcess.CALL_HOUSING);
        return route;
    }

    /** COA links the household (no family to follow); the housing system reports the accepted home. */
    private void housedWithoutFamily(LocalDate linked, LocalDate moveDate) {
        driver.householdEvent(HousingProcess.MESSAGE_STATUS_HOLDER_LINKED, values(
                HousingProcess.VAR_LINKED_ON, day(linked),
                HousingProcess.VAR_FAMILY_MEMBERS_TO_FOLLOW, 0));
        driver.householdEvent(HousingProcess.MESSAGE_HOUSING_OFFER_ACCEPTED, values(
                HousingProcess.VAR_MOVE_DATE, day(moveDate),
                HousingProcess.VAR_INTERIM_HOME, false,
                HousingProcess.VAR_DISTRICT, HousingProcess.District.OOST.value()));
        assertThat(driver.route()).isWaitingAt(HouseholdRouteProcess.CALL_SETTLEMENT);
    }

    /** Every settlement step: reported by the partners where they can, the rest in Tasklist. */
    private void settledByPartnersAndTasklist(LocalDate settled) {
        driver.householdEvent(SettlementProcess.MESSAGE_BRP_REGISTERED,
                values(SettlementProcess.VAR_BRP_REGISTERED_ON, day(settled.plusDays(2))));
        driver.householdEvent(SettlementProcess.MESSAGE_BENEFIT_GRANTED,
                values(SettlementProcess.VAR_BENEFIT_GRANTED_ON, day(settled.plusDays(5))));
        driver.submit(driver.task(SETTLEMENT, SettlementProcess.TASK_GRANT_FURNISHING_ASSISTANCE), values(
                SettlementProcess.VAR_FURNISHING_ASSISTANCE_DECISION,
                FurnishingAssistanceDecision.NOT_REQUESTED.value(),
                SettlementProcess.VAR_FURNISHING_ASSISTANCE_DECIDED_ON, iso(settled.plusDays(6))));
        driver.submit(driver.task(SETTLEMENT, SettlementProcess.TASK_TRANSFER_DOSSIER), values(
                SettlementProcess.VAR_DOCUMENTS_READY, true, SettlementProcess.VAR_DOCUMENT_COUNT, 5L));
        driver.householdEvent(SettlementProcess.MESSAGE_DOSSIER_TRANSFER_RECEIVED,
                values(SettlementProcess.VAR_DOSSIER_TRANSFERRED_ON, day(settled.plusDays(3))));
        driver.submit(driver.task(SETTLEMENT, SettlementProcess.TASK_ARRANGE_HEALTH_INSURANCE), values(
                SettlementProcess.VAR_HEALTH_INSURANCE_REGISTERED, true,
                SettlementProcess.VAR_GP_PRACTICE, "Huisartsenpraktijk Oost",
                SettlementProcess.VAR_CONSENT_REFERENCE, "TOESTEMMING-2027-0401"));
        driver.householdEvent(SettlementProcess.MESSAGE_MEDICAL_RECORD_HANDOVER_CONFIRMED,
                values(SettlementProcess.VAR_MEDICAL_HANDOVER_CONFIRMED_ON, day(settled.plusDays(30))));
        driver.householdEvent(SettlementProcess.MESSAGE_PPSV_ASSESSMENT_COMPLETED, values(
                SettlementProcess.VAR_LANGUAGE_LEVEL, "B1",
                SettlementProcess.VAR_EDUCATION_LEVEL, SettlementProcess.EducationLevel.VOCATIONAL.value(),
                SettlementProcess.VAR_WORK_EXPERIENCE_YEARS, 3));
        assertThat(driver.route()).isWaitingAt(HouseholdRouteProcess.CALL_GUIDANCE);
    }
}
