# The service image: built from this repository, configured by environment variables. The routes and
# the settings (routes/, batch-config/) are inside the jar; to override them, mount a directory:
#   docker run -v "$PWD/my-settings:/app/batch-config:ro" …      (per file, key by key over the jar's)
#   docker run -v "$PWD/my-routes:/routes:ro" -e ENRICHER_ROUTES_DIR=/routes …   (all routes, instead of the jar's)
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY .mvn .mvn
COPY mvnw pom.xml ./
RUN ./mvnw -B -ntp dependency:go-offline
COPY src src
COPY routes routes
COPY batch-config batch-config
RUN ./mvnw -B -ntp package -DskipTests

FROM eclipse-temurin:17-jre
# curl for the healthcheck (docker-compose.yml); not every base image version carries it
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /src/target/track-enricher-*.jar app.jar
EXPOSE 8020
HEALTHCHECK --interval=5s --timeout=3s --start-period=60s --retries=3 \
    CMD curl -fsS http://localhost:8020/actuator/health/readiness || exit 1
ENTRYPOINT ["java", "-jar", "/app/app.jar"]
