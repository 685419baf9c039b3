package nl.utrecht.integrationhub.platform.camel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.component.jms.JmsHeaderFilterStrategy;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

import nl.utrecht.integrationhub.platform.camel.EdgeHeaders.AllowListStrategy;

/** The allow-list at the edges: names compared without regard to case, everything else dropped. */
class EdgeHeadersTest {

    private final EdgeHeaders edgeHeaders = new EdgeHeaders(new EdgeHeaders.Properties(List.of(), List.of("partnerTrace")));
    private final CamelContext camel = new DefaultCamelContext();

    @Test
    void theJmsStrategyLetsOnlyAllowListedPropertiesInWhateverTheirCase() {
        AllowListStrategy strategy = new AllowListStrategy(edgeHeaders.jmsAllowList(), new JmsHeaderFilterStrategy(), true);
        Exchange exchange = new DefaultExchange(camel);

        assertThat(strategy.applyFilterToExternalHeaders("partnerTrace", "x", exchange)).isFalse();
        assertThat(strategy.applyFilterToExternalHeaders("PARTNERTRACE", "x", exchange)).isFalse();
        for (String injected : List.of("CamelJmsDestinationName", "CAMELJMSDESTINATIONNAME", "camelExecCommandExecutable",
                "CamelFileName", "hubAllowedSources", "_AMQ_ROUTE_TO", "to", "org_DOT_apache_DOT_camel_DOT_x")) {
            assertThat(strategy.applyFilterToExternalHeaders(injected, "x", exchange)).as(injected).isTrue();
        }
    }

    @Test
    void theFirstStepKeepsOnlyTheAllowList() {
        Exchange exchange = new DefaultExchange(camel);
        exchange.getMessage().setHeader("Content-Type", "application/cloudevents+json");
        exchange.getMessage().setHeader("CAMELHTTPURI", "/elsewhere");
        exchange.getMessage().setHeader("JMSReplyTo", "queue://elsewhere");
        exchange.getMessage().setHeader("hubChannel", "jms");

        edgeHeaders.fromHttp(exchange);

        assertThat(exchange.getMessage().getHeaders()).containsOnlyKeys("Content-Type");
    }

    @Test
    void theJmsFirstStepKeepsTheBrokersIdAndNamedPartnerProperties() {
        Exchange exchange = new DefaultExchange(camel);
        exchange.getMessage().setHeader("JMSMessageID", "ID:1");
        exchange.getMessage().setHeader("JMSReplyTo", "queue://elsewhere");
        exchange.getMessage().setHeader("JMSDestination", "queue://hub.inbound");
        exchange.getMessage().setHeader("partnertrace", "t-1");
        exchange.getMessage().setHeader("CamelJmsDestinationName", "elsewhere");

        edgeHeaders.fromJms(exchange);

        assertThat(exchange.getMessage().getHeaders()).containsOnlyKeys("JMSMessageID", "partnertrace");
    }
}
