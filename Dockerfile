# The service image: built from this repository, configured by environment variables.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY .mvn .mvn
COPY mvnw pom.xml ./
RUN ./mvnw -B -ntp dependency:go-offline
COPY src src
RUN ./mvnw -B -ntp package -DskipTests

FROM eclipse-temurin:17-jre
WORKDIR /app
COPY --from=build /src/target/track-enricher-*.jar app.jar
COPY routes routes
COPY batch-config batch-config
EXPOSE 8020
ENTRYPOINT ["java", "-jar", "/app/app.jar"]
