package nl.utrecht.integrationhub.demo;

import java.time.Duration;
import java.time.Period;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code hub.simulators.*}: the partner simulators of the demo profile (routes/demo/). Responders answer
 * the hub's outbound messages as the real party would, after the party's {@code delay}; generators start
 * new households and export files now and then; the caseworker autopilot (demo-fast) completes tasks.
 */
@ConfigurationProperties(prefix = "hub.simulators")
record SimulatorProperties(Switch responders, Switch generators, Caseworkers caseworkers, Coa coa,
                           VluchtelingenwerkMn vluchtelingenwerkMn, Housing housing, Responder brp,
                           Responder werkEnInkomen, Responder vluchtelingenwerkUtrecht, Responder gca,
                           Responder onderwijs, Responder buurtteam, Duo duo) {

    static final Duration DEFAULT_DELAY = Duration.ofSeconds(3);

    record Switch(boolean enabled) {
    }

    /**
     * A party that answers: after {@code delay}, as the engine user {@code user} (password
     * {@code hub.demo.password}) when it answers over HTTP.
     */
    record Responder(Duration delay, String user) {
        Responder {
            delay = delay == null ? DEFAULT_DELAY : delay;
        }
    }

    /** Huisvesting: the accepted home's move date is {@code move-after} after the answer. */
    record Housing(Duration delay, Period moveAfter) {
        Housing {
            delay = delay == null ? DEFAULT_DELAY : delay;
            moveAfter = moveAfter == null ? Period.ZERO : moveAfter;
        }
    }

    /**
     * COA: a new household every {@code intake-interval} ms; {@code permit-after} the intake the residence
     * permit, {@code link-after} that the linking to Utrecht, or, for a share of {@code departure-share}
     * of the households, {@code departure-after} the intake a departure without status.
     * {@code family-to-follow-share}: households linked with family members still to follow.
     */
    record Coa(long intakeInterval, Duration delay, Duration permitAfter, Duration linkAfter, Duration departureAfter,
               double departureShare, double familyToFollowShare) {
        Coa {
            delay = delay == null ? DEFAULT_DELAY : delay;
            permitAfter = permitAfter == null ? Duration.ofMinutes(1) : permitAfter;
            linkAfter = linkAfter == null ? Duration.ofSeconds(30) : linkAfter;
            departureAfter = departureAfter == null ? Duration.ofMinutes(1) : departureAfter;
        }
    }

    /** Vluchtelingenwerk Midden-Nederland: opens the dossier (and uploads a document) {@code dossier-after} an intake. */
    record VluchtelingenwerkMn(Duration dossierAfter, String user) {
        VluchtelingenwerkMn {
            dossierAfter = dossierAfter == null ? Duration.ofSeconds(10) : dossierAfter;
        }
    }

    /** DUO: a CSV status export every {@code export-interval} ms, each adult one step further. */
    record Duo(long exportInterval) {
    }

    /**
     * The caseworker autopilot: completes a task {@code delay} after it was created, or {@code partner-grace}
     * after it when a partner's event may complete it (a message boundary event), so partners answer first.
     */
    record Caseworkers(boolean enabled, Duration delay, Duration partnerGrace) {
        Caseworkers {
            delay = delay == null ? Duration.ofSeconds(5) : delay;
            partnerGrace = partnerGrace == null ? Duration.ofSeconds(30) : partnerGrace;
        }
    }

    SimulatorProperties {
        responders = responders == null ? new Switch(true) : responders;
        generators = generators == null ? new Switch(true) : generators;
        caseworkers = caseworkers == null ? new Caseworkers(false, null, null) : caseworkers;
        coa = coa == null ? new Coa(20_000, null, null, null, null, 0.1, 0.0) : coa;
        vluchtelingenwerkMn = vluchtelingenwerkMn == null ? new VluchtelingenwerkMn(null, null) : vluchtelingenwerkMn;
        housing = housing == null ? new Housing(null, null) : housing;
        brp = responder(brp);
        werkEnInkomen = responder(werkEnInkomen);
        vluchtelingenwerkUtrecht = responder(vluchtelingenwerkUtrecht);
        gca = responder(gca);
        onderwijs = responder(onderwijs);
        buurtteam = responder(buurtteam);
        duo = duo == null ? new Duo(60_000) : duo;
    }

    private static Responder responder(Responder responder) {
        return responder == null ? new Responder(null, null) : responder;
    }

    /** The delay before {@code party} answers (a key of hub.connectors). */
    Duration delayOf(String party) {
        return switch (party) {
            case "coa" -> coa.delay();
            case "housing" -> housing.delay();
            case "brp" -> brp.delay();
            case "werk-en-inkomen" -> werkEnInkomen.delay();
            case "vluchtelingenwerk-utrecht" -> vluchtelingenwerkUtrecht.delay();
            case "vluchtelingenwerk-mn" -> vluchtelingenwerkMn.dossierAfter();
            case "gca" -> gca.delay();
            case "onderwijs" -> onderwijs.delay();
            case "buurtteam" -> buurtteam.delay();
            default -> throw new IllegalArgumentException("no simulator for party " + party);
        };
    }

    /** The engine user {@code party} sends its events as over HTTP. */
    String userOf(String party) {
        String user = switch (party) {
            case "vluchtelingenwerk-utrecht" -> vluchtelingenwerkUtrecht.user();
            case "vluchtelingenwerk-mn" -> vluchtelingenwerkMn.user();
            case "gca" -> gca.user();
            case "onderwijs" -> onderwijs.user();
            case "buurtteam" -> buurtteam.user();
            default -> null;
        };
        if (user == null || user.isBlank()) {
            throw new IllegalStateException("no demo user for " + party + " (hub.simulators." + party + ".user)");
        }
        return user;
    }
}
