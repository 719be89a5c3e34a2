# The example host service (`campaign serve`) in a container.
#   docker build -t 4runr-campaigns .
#   docker run -p 8080:8080 -v campaign-data:/data 4runr-campaigns
# Configure it with CAMPAIGN_* environment variables (docs/configuration.md); without any it runs on the
# embedded defaults: an embedded database in /data, an in-process SMTP server, the template generator.

FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY .mvn/ .mvn/
COPY mvnw pom.xml ./
COPY campaign-core/ campaign-core/
COPY campaign-testing/ campaign-testing/
COPY campaign-adapters-smtp/ campaign-adapters-smtp/
COPY campaign-adapters-dns/ campaign-adapters-dns/
COPY campaign-adapters-openai/ campaign-adapters-openai/
COPY campaign-adapters-airtable/ campaign-adapters-airtable/
COPY campaign-adapters-jdbc/ campaign-adapters-jdbc/
COPY campaign-service/ campaign-service/
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
  CMD ["java", "-cp", "/app/campaign-cli.jar", "com.fourrunr.campaign.examples.HealthProbe", "http://127.0.0.1:8080/health"]
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/campaign-cli.jar", "serve", "--bind", "0.0.0.0", "--port", "8080", "--data", "/data"]
