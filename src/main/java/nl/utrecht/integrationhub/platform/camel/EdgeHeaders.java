package nl.utrecht.integrationhub.platform.camel;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.camel.Exchange;
import org.apache.camel.component.jms.JmsComponent;
import org.apache.camel.component.jms.JmsHeaderFilterStrategy;
import org.apache.camel.component.platform.http.PlatformHttpComponent;
import org.apache.camel.http.base.HttpHeaderFilterStrategy;
import org.apache.camel.spi.ComponentCustomizer;
import org.apache.camel.spi.HeaderFilterStrategy;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Header hygiene at the edges: of what an outside sender puts in HTTP headers, query parameters or JMS
 * properties, only the names on an allow-list become Camel headers, compared without regard to letter
 * case. Everything else ({@code CamelJmsDestinationName}, {@code camelExecCommandExecutable},
 * {@code CAMELHTTPURI}, {@code CamelFileName}, {@code JMSReplyTo}, {@code _AMQ_ROUTE_TO}, {@code hub*}, ...)
 * never steers a route.
 *
 * <p>Two layers, one allow-list:
 * <ol>
 *   <li>the header filter strategy of the {@code platform-http} and {@code jms} components (every consumer
 *       of them, present and future), for what the component copies from the request or message;</li>
 *   <li>the first step of every edge route ({@link #fromHttp} / {@link #fromJms}), which also removes what
 *       a component sets without asking its strategy (JMS headers such as {@code JMSReplyTo} and
 *       {@code JMSDestination}, HTTP path and query headers).</li>
 * </ol>
 * Towards the outside (the other direction) the components keep Camel's own strategies.
 *
 * <p>The allow-list (docs/security.md, "Header hygiene"):
 * <ul>
 *   <li>HTTP: {@code Content-Type}, plus {@code hub.edge.http-headers};</li>
 *   <li>JMS: {@code JMSMessageID}, {@code JMSCorrelationID}, {@code JMSRedelivered}, {@code JMSTimestamp}
 *       (informational, set by the broker or the JMS client), plus the sender properties named in
 *       {@code hub.edge.jms-properties} (none by default); those travel along to the dead-letter queue and
 *       back with a replay. Never list a name that a Camel component reads.</li>
 * </ul>
 */
@Configuration
public class EdgeHeaders {

    static final Set<String> HTTP_ALWAYS = Set.of("Content-Type");
    static final Set<String> JMS_ALWAYS = Set.of("JMSMessageID", "JMSCorrelationID", "JMSRedelivered", "JMSTimestamp");

    /** {@code hub.edge.*}: the names an outside sender may set in addition to the fixed ones. */
    @ConfigurationProperties(prefix = "hub.edge")
    public record Properties(List<String> httpHeaders, List<String> jmsProperties) {
        public Properties {
            httpHeaders = httpHeaders == null ? List.of() : List.copyOf(httpHeaders);
            jmsProperties = jmsProperties == null ? List.of() : List.copyOf(jmsProperties);
        }
    }

    private final Set<String> http;
    private final Set<String> jms;

    EdgeHeaders(Properties properties) {
        this.http = caseInsensitive(HTTP_ALWAYS, properties.httpHeaders());
        this.jms = caseInsensitive(JMS_ALWAYS, properties.jmsProperties());
    }

    /** The allow-list of HTTP headers and query parameters (lower case). */
    public Set<String> httpAllowList() {
        return http;
    }

    /** The allow-list of JMS headers and properties (lower case). */
    public Set<String> jmsAllowList() {
        return jms;
    }

    /** First step of an HTTP edge route: removes every header not on the HTTP allow-list. */
    public void fromHttp(Exchange exchange) {
        keepOnly(exchange, http);
    }

    /** First step of a JMS edge route: removes every header not on the JMS allow-list. */
    public void fromJms(Exchange exchange) {
        keepOnly(exchange, jms);
    }

    @Bean
    ComponentCustomizer platformHttpEdgeHeaders() {
        return ComponentCustomizer.builder(PlatformHttpComponent.class).build(component -> component
                .setHeaderFilterStrategy(new AllowListStrategy(http, outbound(component.getHeaderFilterStrategy(),
                        new HttpHeaderFilterStrategy()), false)));
    }

    @Bean
    ComponentCustomizer jmsEdgeHeaders() {
        return ComponentCustomizer.builder(JmsComponent.class).build(component -> component
                .setHeaderFilterStrategy(new AllowListStrategy(jms, outbound(component.getHeaderFilterStrategy(),
                        new JmsHeaderFilterStrategy()), true)));
    }

    private static HeaderFilterStrategy outbound(HeaderFilterStrategy configured, HeaderFilterStrategy standard) {
        return configured == null || configured instanceof AllowListStrategy ? standard : configured;
    }

    private static void keepOnly(Exchange exchange, Set<String> allowed) {
        exchange.getMessage().getHeaders().keySet().removeIf(name -> !allowed.contains(name.toLowerCase(Locale.ROOT)));
    }

    private static Set<String> caseInsensitive(Set<String> always, List<String> configured) {
        return Stream.concat(always.stream(), configured.stream())
                .map(String::trim).filter(name -> !name.isEmpty())
                .map(name -> name.toLowerCase(Locale.ROOT))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /**
     * Inbound (outside to Camel): only allow-listed names pass. Outbound (Camel to outside): the
     * component's standard strategy.
     */
    static final class AllowListStrategy implements HeaderFilterStrategy {

        private final Set<String> allowed;
        private final HeaderFilterStrategy outbound;
        private final boolean jmsKeys;

        AllowListStrategy(Set<String> allowed, HeaderFilterStrategy outbound, boolean jmsKeys) {
            this.allowed = allowed;
            this.outbound = outbound;
            this.jmsKeys = jmsKeys;
        }

        @Override
        public boolean applyFilterToExternalHeaders(String name, Object value, Exchange exchange) {
            if (name == null) {
                return true;
            }
            // The JMS component asks with the encoded property name (a.b arrives as a_DOT_b).
            String decoded = jmsKeys ? name.replace("_HYPHEN_", "-").replace("_DOT_", ".") : name;
            return !allowed.contains(decoded.toLowerCase(Locale.ROOT));
        }

        @Override
        public boolean applyFilterToCamelHeaders(String name, Object value, Exchange exchange) {
            return outbound.applyFilterToCamelHeaders(name, value, exchange);
        }
    }
}
