package dev.polyshop.push.v1;

import java.util.Locale;

/**
 * The topic vocabulary of {@code push_service.proto}, written once for push-service and the
 * gateway: the character set and length of a topic, and which topics belong to the catalog.
 */
public final class Topics {

  /** The longest topic, in characters. */
  public static final int MAX_LENGTH = 128;

  /** What a topic may contain, for messages. */
  public static final String CHARACTERS = "[a-z0-9._:-]";

  /** Price drops of at least 10 % anywhere in the catalog. */
  public static final String DEALS = "deals";

  /** Changes of one product: {@code product.<id>}. */
  public static final String PRODUCT = "product.";

  /** Price drops in one category: {@code category.<name>}. */
  public static final String CATEGORY = "category.";

  /** A product back in stock: {@code stock.<id>}. */
  public static final String STOCK = "stock.";

  private Topics() {}

  /**
   * Catalog topics carry only events derived from the catalog's change feed, and are public; every
   * other topic carries published events.
   */
  public static boolean isCatalog(String topic) {
    return topic.equals(DEALS)
        || topic.startsWith(PRODUCT)
        || topic.startsWith(CATEGORY)
        || topic.startsWith(STOCK);
  }

  /** True for 1 to {@link #MAX_LENGTH} characters of {@link #CHARACTERS}. */
  public static boolean isWellFormed(String topic) {
    if (topic.isEmpty() || topic.length() > MAX_LENGTH) {
      return false;
    }
    for (int i = 0; i < topic.length(); i++) {
      if (!allowed(topic.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /**
   * A catalog topic for {@code name} (a product id, a category): {@code prefix} followed by the
   * lower-cased name, each character outside {@link #CHARACTERS} replaced by {@code -}, cut to
   * {@link #MAX_LENGTH}.
   */
  public static String catalog(String prefix, String name) {
    StringBuilder topic = new StringBuilder(prefix.length() + name.length()).append(prefix);
    for (char c : name.toLowerCase(Locale.ROOT).toCharArray()) {
      topic.append(allowed(c) ? c : '-');
    }
    return topic.length() <= MAX_LENGTH ? topic.toString() : topic.substring(0, MAX_LENGTH);
  }

  private static boolean allowed(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= '0' && c <= '9')
        || c == '.'
        || c == '_'
        || c == ':'
        || c == '-';
  }
}
