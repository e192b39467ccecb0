package dev.trackenricher.security;

import dev.trackenricher.api.JsonErrors;
import jakarta.servlet.DispatcherType;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Who may do what, by HTTP method and path pattern rather than by endpoint, so an endpoint added
 * later is covered the day it appears:
 * <ul>
 * <li>every request that may change state (any method but GET and HEAD, on any path) needs the API
 * token ({@code Authorization: Bearer <token>});
 * <li>GET/HEAD {@code /health} and {@code /actuator/health/**} are open, for probes;
 * <li>GET/HEAD {@code /actuator/prometheus} is open unless {@code open-metrics: false};
 * <li>the other actuator endpoints need the token;
 * <li>every other GET/HEAD (tracks, status, jobs, ...) is open unless {@code open-reads: false}.
 * </ul>
 * The Camel REST DSL's endpoints are Spring MVC handlers (platform-http), so they sit behind this
 * filter chain like any controller. Stateless: no session, no cookie, hence no CSRF token either.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class SecurityConfiguration {

    private static final PathPatternRequestMatcher.Builder PATHS = PathPatternRequestMatcher.withDefaults();

    @Bean
    public ApiToken apiToken(SecuritySettings settings) {
        return ApiToken.forService(settings);
    }

    @Bean
    public ApiTokenAuthenticationProvider apiTokenAuthenticationProvider(ApiToken token, SecuritySettings settings) {
        return new ApiTokenAuthenticationProvider(token, settings.apiTokenName());
    }

    @Bean
    public SecurityFilterChain apiSecurity(HttpSecurity http, SecuritySettings settings, ApiTokenAuthenticationProvider provider,
                                           JsonErrors errors) throws Exception {
        JsonSecurityAnswers answers = new JsonSecurityAnswers(errors);
        RequestMatcher probes = reads("/health", "/actuator/health", "/actuator/health/**");
        RequestMatcher metrics = reads("/actuator/prometheus");
        RequestMatcher actuator = reads("/actuator", "/actuator/**");
        RequestMatcher anyRead = reads("/**");
        http.csrf(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .addFilterBefore(new BearerTokenFilter(provider), AnonymousAuthenticationFilter.class)
                .exceptionHandling(e -> e.authenticationEntryPoint(answers).accessDeniedHandler(answers))
                .authorizeHttpRequests(a -> {
                    // the error page renders an answer already decided; an async dispatch continues an admitted request
                    a.dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.ASYNC).permitAll();
                    a.requestMatchers(probes).permitAll();
                    if (settings.openMetrics()) {
                        a.requestMatchers(metrics).permitAll();
                    }
                    a.requestMatchers(actuator).authenticated();
                    if (settings.openReads()) {
                        a.requestMatchers(anyRead).permitAll();
                    }
                    a.anyRequest().authenticated();
                });
        return http.build();
    }

    /** GET and HEAD on these path patterns. */
    private static RequestMatcher reads(String... patterns) {
        java.util.List<RequestMatcher> matchers = new java.util.ArrayList<>();
        for (String p : patterns) {
            matchers.add(PATHS.matcher(HttpMethod.GET, p));
            matchers.add(PATHS.matcher(HttpMethod.HEAD, p));
        }
        return new OrRequestMatcher(matchers);
    }
}
