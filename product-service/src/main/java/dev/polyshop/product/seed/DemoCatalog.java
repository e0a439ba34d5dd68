package dev.polyshop.product.seed;

import dev.polyshop.product.catalog.Money;
import dev.polyshop.product.catalog.ProductData;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * A deterministic, realistic-looking demo catalog: product {@code n} is the same on every machine
 * and every run (its SKU {@code DEMO-00000n} and content derive from {@code n} and the seed; ids
 * are assigned like any other product's, so an id is never reused).
 */
final class DemoCatalog {

  /** A category; each model line is "Brand/Line" so brands keep their own product lines. */
  private record Category(
      String slug,
      List<String> models,
      List<String> kinds,
      long minPriceCents,
      long maxPriceCents,
      String attribute,
      List<String> attributeValues) {}

  private static final List<Category> CATEGORIES =
      List.of(
          new Category(
              "laptops",
              List.of(
                  "Lenovo/ThinkBook",
                  "Lenovo/Yoga",
                  "Dell/Inspiron",
                  "Dell/XPS",
                  "HP/Envy",
                  "HP/Pavilion",
                  "Asus/ZenBook",
                  "Acer/Swift",
                  "Apple/MacBook Air"),
              List.of("14\" Laptop", "15.6\" Laptop", "13\" Ultrabook", "16\" Workstation"),
              39_900,
              349_900,
              "ram",
              List.of("8 GB", "16 GB", "32 GB", "64 GB")),
          new Category(
              "smartphones",
              List.of(
                  "Samsung/Galaxy S",
                  "Samsung/Galaxy A",
                  "Google/Pixel",
                  "Apple/iPhone",
                  "Xiaomi/Redmi Note",
                  "OnePlus/Nord"),
              List.of("128 GB", "256 GB", "512 GB", "Mini 128 GB"),
              19_900,
              159_900,
              "color",
              List.of("Black", "Silver", "Blue", "Green")),
          new Category(
              "headphones",
              List.of(
                  "Sony/WH", "Bose/QuietComfort", "Sennheiser/Momentum", "JBL/Tune", "Jabra/Elite"),
              List.of("Wireless Headphones", "Noise-Cancelling Earbuds", "Over-Ear Headset"),
              2_900,
              49_900,
              "connectivity",
              List.of("Bluetooth 5.3", "USB-C", "3.5 mm jack")),
          new Category(
              "monitors",
              List.of(
                  "LG/UltraGear", "Dell/UltraSharp", "BenQ/Zowie", "Samsung/Odyssey", "AOC/Agon"),
              List.of("27\" QHD Monitor", "32\" 4K Monitor", "24\" FHD Monitor", "34\" Ultrawide"),
              12_900,
              129_900,
              "refresh-rate",
              List.of("60 Hz", "144 Hz", "165 Hz", "240 Hz")),
          new Category(
              "running-shoes",
              List.of(
                  "Nike/Pegasus",
                  "Adidas/Ultraboost",
                  "Asics/Gel-Nimbus",
                  "Brooks/Ghost",
                  "Hoka/Clifton"),
              List.of("Road Running Shoe", "Trail Running Shoe", "Racing Flat"),
              5_900,
              24_900,
              "size",
              List.of("39", "40", "41", "42", "43", "44", "45")),
          new Category(
              "coffee-makers",
              List.of(
                  "DeLonghi/Magnifica",
                  "Breville/Barista",
                  "Philips/LatteGo",
                  "Jura/E8",
                  "Moccamaster/KBG"),
              List.of("Espresso Machine", "Bean-to-Cup Machine", "Drip Coffee Maker"),
              4_900,
              199_900,
              "color",
              List.of("Black", "Silver", "White", "Red")),
          new Category(
              "backpacks",
              List.of(
                  "Osprey/Daylite",
                  "Deuter/Futura",
                  "The North Face/Borealis",
                  "Fjallraven/Kanken",
                  "Patagonia/Refugio"),
              List.of("20 L Daypack", "30 L Backpack", "Laptop Backpack", "45 L Trekking Pack"),
              3_900,
              27_900,
              "color",
              List.of("Black", "Navy", "Olive", "Grey", "Orange")),
          new Category(
              "watches",
              List.of(
                  "Garmin/Forerunner",
                  "Casio/G-Shock",
                  "Seiko/Presage",
                  "Withings/ScanWatch",
                  "Fossil/Gen 6"),
              List.of("GPS Running Watch", "Automatic Watch", "Hybrid Smartwatch", "Digital Watch"),
              4_900,
              89_900,
              "strap",
              List.of("Silicone", "Leather", "Steel", "Nylon")));

  private static final List<String> EDITIONS =
      List.of("", " Pro", " Plus", " Lite", " SE", " Max", " (2025)", " (2026)");

  private final long seed;

  DemoCatalog(long seed) {
    this.seed = seed;
  }

  static String sku(int n) {
    return "DEMO-%06d".formatted(n);
  }

  /** Demo product {@code n} (1-based). */
  ProductData product(int n) {
    SplittableRandom random = new SplittableRandom(seed * 1_000_003L + n);
    Category category = pick(random, CATEGORIES);
    String[] brandAndLine = pick(random, category.models()).split("/", 2);
    String brand = brandAndLine[0];
    String line = brandAndLine[1];
    int model = 100 + random.nextInt(900);
    String name =
        "%s %s %d%s %s"
            .formatted(brand, line, model, pick(random, EDITIONS), pick(random, category.kinds()));
    long cents =
        (category.minPriceCents()
                    + random.nextLong(category.maxPriceCents() - category.minPriceCents()))
                / 100
                * 100
            - 1; // x.99 prices
    Map<String, String> attributes = new TreeMap<>();
    attributes.put(category.attribute(), pick(random, category.attributeValues()));
    int warrantyYears = 1 + random.nextInt(3);
    attributes.put("warranty", warrantyYears + (warrantyYears == 1 ? " year" : " years"));
    String description =
        "%s from %s's %s range. Model %d, %s %s."
            .formatted(
                name,
                brand,
                line,
                model,
                category.attribute().replace('-', ' '),
                attributes.get(category.attribute()));
    return new ProductData(
        sku(n),
        name,
        description,
        category.slug(),
        brand,
        new Money(cents, "USD"),
        random.nextInt(10) == 0 ? 0 : random.nextInt(500),
        attributes);
  }

  private static <T> T pick(SplittableRandom random, List<T> options) {
    return options.get(random.nextInt(options.size()));
  }
}
