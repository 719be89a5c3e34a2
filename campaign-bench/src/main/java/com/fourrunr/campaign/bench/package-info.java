/**
 * JMH benchmarks. Each benchmark runs beside a baseline measured in the same run. Build with {@code
 * ./mvnw -pl campaign-bench -am package -DskipTests} and run {@code java -jar
 * campaign-bench/target/benchmarks.jar}.
 */
package com.fourrunr.campaign.bench;
