package dev.polyshop.product.feed;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Change feed tuning.
 *
 * @param sequencerInterval how often the sequencer runs even without a local write
 * @param sequencerBatchSize most events numbered in one sequencer transaction
 * @param compactionInterval how often superseded events and old tombstones are removed
 * @param tombstoneRetention how long delete tombstones stay in the feed
 */
@ConfigurationProperties("polyshop.feed")
record FeedProperties(
    Duration sequencerInterval,
    int sequencerBatchSize,
    Duration compactionInterval,
    Duration tombstoneRetention) {}
