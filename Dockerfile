# The service (`campaign serve`, the Spring Boot service of campaign-service-boot) in a container.
#   docker build -t 4runr-campaigns .
#   docker run -p 127.0.0.1:8080:8080 -v campaign-data:/data \
#     -e CAMPAIGN_OPERATORS_0_USERNAME=ana -e 'CAMPAIGN_OPERATORS_0_PASSWORDHASH={bcrypt}...' \
#     -e CAMPAIGN_API_TOKEN_SHA256=... -e CAMPAIGN_INBOUND_SECRET=... 4runr-campaigns
# In the container the service listens on every interface, so it refuses to start without an operator
# (`docker run --rm 4runr-campaigns --new-operator ana` prints a password once and its hash). Every route
# but /health/live, the health status, tracking, unsubscribe and the webhooks needs the operator's sign-in or
# `Authorization: Bearer <token>` (CAMPAIGN_API_TOKEN_SHA256 is its SHA-256); POST /inbound must be signed
# (CAMPAIGN_INBOUND_SECRET) or carry the token. Publish the port on loopback (as above) behind a reverse
# proxy with HTTPS.
# Configure it with CAMPAIGN_* environment variables (docs/configuration.md): a mailbox and its SMTP server
# (CAMPAIGN_MAILBOX_ADDRESS, CAMPAIGN_SMTP_HOST, ...) are required; an embedded database in /data and the
# template generator are the defaults. To try it without a mail server, append --demo-mail
# (`docker run ... 4runr-campaigns --demo-mail`): every message then goes to an in-process test server and
# is never delivered.
# The health check asks /health/live (the process and the store answer); /health is the detailed readiness
# report, which also turns 503 for business states such as a paused mailbox.

FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
# Dependency-cache layer: the POMs alone first, so a change to the sources does not download again.
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
