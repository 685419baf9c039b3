package nl.utrecht.integrationhub.platform.camel;

import org.apache.camel.component.platform.http.spi.PlatformHttpEngine;
import org.apache.camel.component.platform.http.springboot.SpringBootPlatformHttpEngine;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * The threads that run Camel's HTTP routes ({@code POST /api/events}). Camel's platform-http starter
 * hands every request to an executor and, left alone, takes the first ThreadPoolTaskExecutor bean it
 * finds: that was the inbound apply pool, so a 202 waited behind slow applying (and with that pool
 * hidden, Camunda's job executor pool would be next, which rejects a burst). Accepting gets its own
 * pool here, invisible to anyone who does not ask for it by name.
 */
@Configuration
class PlatformHttpConfiguration {

    static final int THREADS = 10;
    static final int QUEUE_CAPACITY = 1_000;

    @Bean(defaultCandidate = false)
    ThreadPoolTaskExecutor platformHttpExecutor() {
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        executor.setThreadNamePrefix("http-events-");
        executor.setCorePoolSize(THREADS);
        executor.setMaxPoolSize(THREADS);
        executor.setQueueCapacity(QUEUE_CAPACITY);
        executor.setWaitForTasksToCompleteOnShutdown(true);
        executor.setAwaitTerminationSeconds(20);
        return executor;
    }

    /** Replaces the starter's engine (same bean name), which would pick an executor by type. */
    @Bean(name = "platform-http-engine")
    PlatformHttpEngine platformHttpEngine(@Qualifier("platformHttpExecutor") ThreadPoolTaskExecutor executor,
                                          @Value("${server.port:8080}") int port) {
        return new SpringBootPlatformHttpEngine(port, executor);
    }
}
