package dev.polyshop.product.seed;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Demo catalog seeding.
 *
 * @param products how many demo products to ensure at startup; 0 disables seeding
 * @param randomSeed seed of the generator, so every machine gets the same catalog
 */
@ConfigurationProperties("polyshop.seed")
record SeedProperties(int products, long randomSeed) {}
