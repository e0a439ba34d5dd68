package dev.polyshop.product.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * HTTP limits.
 *
 * @param maxBodySize largest request body accepted; larger ones get 413
 */
@ConfigurationProperties("polyshop.http")
public record HttpProperties(DataSize maxBodySize) {}
