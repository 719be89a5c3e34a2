# The example host service (`campaign serve`) in a container.
#   docker build -t 4runr-campaigns .
#   docker run -p 127.0.0.1:8080:8080 -v campaign-data:/data 4runr-campaigns
# The service listens on all of the container's interfaces (it must, to be reached through the published
# port); publish that port on the host's loopback as above, and only behind the host's authentication
# otherwise: the status page, the leads upload and the replay action have no login (docs/service.md).
# Configure it with CAMPAIGN_* environment variables (docs/configuration.md): a mailbox and its SMTP server
# (CAMPAIGN_MAILBOX_ADDRESS, CAMPAIGN_SMTP_HOST, ...) are required; an embedded database in /data and the
# template generator are the defaults. To try it without a mail server, append --demo-mail
# (`docker run ... 4runr-campaigns --demo-mail`): every message then goes to an in-process test server and
# is never delivered.
# The health check asks /health/live (the process and the store answer); /health is the detailed readiness
# report, which also turns 503 for business states such as a paused mailbox.

FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
# Dependency-cache layer: every module's POM alone first (the reactor reads them all), so a change to the
# sources does not download again.
COPY .mvn/ .mvn/
COPY mvnw pom.xml ./
COPY campaign-bom/pom.xml campaign-bom/
COPY campaign-core/pom.xml campaign-core/
COPY campaign-testing/pom.xml campaign-testing/
COPY campaign-adapters-smtp/pom.xml campaign-adapters-smtp/
COPY campaign-adapters-dns/pom.xml campaign-adapters-dns/
COPY campaign-adapters-openai/pom.xml campaign-adapters-openai/
COPY campaign-adapters-airtable/pom.xml campaign-adapters-airtable/
COPY campaign-adapters-jdbc/pom.xml campaign-adapters-jdbc/
COPY campaign-adapters-esp/pom.xml campaign-adapters-esp/
COPY campaign-service/pom.xml campaign-service/
COPY campaign-spring-boot-starter/pom.xml campaign-spring-boot-starter/
COPY campaign-spring-boot-sample/pom.xml campaign-spring-boot-sample/
COPY campaign-service-boot/pom.xml campaign-service-boot/
COPY campaign-examples/pom.xml campaign-examples/
COPY campaign-bench/pom.xml campaign-bench/
RUN ./mvnw -B -ntp -q dependency:go-offline -DexcludeGroupIds=com.fourrunr.campaign || true
# Then the sources.
COPY campaign-core/ campaign-core/
COPY campaign-testing/ campaign-testing/
COPY campaign-adapters-smtp/ campaign-adapters-smtp/
COPY campaign-adapters-dns/ campaign-adapters-dns/
COPY campaign-adapters-openai/ campaign-adapters-openai/
COPY campaign-adapters-airtable/ campaign-adapters-airtable/
COPY campaign-adapters-jdbc/ campaign-adapters-jdbc/
COPY campaign-adapters-esp/ campaign-adapters-esp/
COPY campaign-service/ campaign-service/
COPY campaign-spring-boot-starter/ campaign-spring-boot-starter/
COPY campaign-spring-boot-sample/ campaign-spring-boot-sample/
COPY campaign-service-boot/ campaign-service-boot/
COPY campaign-examples/ campaign-examples/
COPY campaign-bench/ campaign-bench/
RUN ./mvnw -B -ntp -q -DskipTests -pl campaign-examples -am package

FROM eclipse-temurin:17-jre
RUN groupadd --system campaign && useradd --system --gid campaign --home-dir /app --shell /usr/sbin/nologin campaign \
    && mkdir -p /app /data && chown campaign:campaign /data
COPY --from=build /src/campaign-examples/target/campaign-cli.jar /app/campaign-cli.jar
USER campaign
WORKDIR /app
VOLUME /data
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s \
  CMD ["java", "-cp", "/app/campaign-cli.jar", "com.fourrunr.campaign.examples.HealthProbe", "http://127.0.0.1:8080/health/live"]
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/campaign-cli.jar", "serve", "--bind", "0.0.0.0", "--port", "8080", "--data", "/data"]
