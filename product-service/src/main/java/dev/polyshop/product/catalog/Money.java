package dev.polyshop.product.catalog;

/** An amount in minor units of an ISO 4217 currency (cents for USD). */
public record Money(long amountMinor, String currency) {}
