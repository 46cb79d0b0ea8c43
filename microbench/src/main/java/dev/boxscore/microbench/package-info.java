/**
 * JMH microbenchmarks of the ingest hot path, one stage at a time and without network, Kafka or
 * ClickHouse. Throughput is in spans per second wherever the input is a request
 * ({@code @OperationsPerInvocation} = its spans). Run all: {@code java -jar
 * microbench/target/boxscore-microbench.jar}; one: add its class name.
 */
package dev.boxscore.microbench;
