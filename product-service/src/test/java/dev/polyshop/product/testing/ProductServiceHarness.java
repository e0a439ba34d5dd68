package dev.polyshop.product.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/**
 * The whole service on a random port against the shared PostgreSQL container. Every class using it
 * shares one cached context and one container; periodic jobs that would race the assertions
 * (compaction, key cleanup) are pushed out of the way and run explicitly where tested.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "polyshop.seed.products=0",
      "polyshop.feed.compaction-interval=1d",
      "polyshop.idempotency.cleanup-interval=1d"
    })
@Import(PostgresContainerConfiguration.class)
public @interface ProductServiceHarness {}
