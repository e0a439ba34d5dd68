package dev.polyshop.bench.suite;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/** Draws the report's PNG charts with Java2D (headless): one panel per scenario. */
public final class Charts {

  private static final int WIDTH = 1000;
  private static final int PANEL = 60;
  private static final int ROW = 26;
  private static final int LEFT = 170;
  private static final int RIGHT = 330;
  private static final Color[] PERCENTILES = {
    new Color(0x4C78A8), new Color(0x72B7B2), new Color(0xF58518), new Color(0xE45756)
  };

  private Charts() {}

  /** Saturation throughput per implementation, labelled with its ratios and CPU per request. */
  public static void throughput(List<Scenario> scenarios, List<Summary.Row> rows, Path file)
      throws IOException {
    int height = 50 + scenarios.stream().mapToInt(s -> PANEL + ROW * count(rows, s)).sum();
    BufferedImage image = new BufferedImage(WIDTH, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g =
        start(
            image,
            "Saturation throughput (median req/s; ratio to Gin and FastAPI; server CPU per request)");
    int y = 50;
    for (Scenario s : scenarios) {
      List<Summary.Row> panel = rows.stream().filter(r -> r.scenario().equals(s.name())).toList();
      double max =
          panel.stream()
              .mapToDouble(Summary.Row::saturationRps)
              .filter(v -> !Double.isNaN(v))
              .max()
              .orElse(1);
      g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
      g.setColor(Color.BLACK);
      g.drawString(s.name() + ": " + s.what(), 20, y + 25);
      y += PANEL - 15;
      for (Summary.Row r : panel) {
        int w = (int) ((WIDTH - LEFT - RIGHT) * (nan0(r.saturationRps()) / max));
        g.setColor(color(r.peer()));
        g.fillRect(LEFT, y, Math.max(1, w), ROW - 6);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.drawString(r.peer(), 20, y + 15);
        g.drawString(
            String.format(
                Locale.ROOT,
                "%s/s  %s Gin  %s FastAPI  %s µs CPU",
                Report.num(r.saturationRps()),
                ratio(r.ratioToGin().median()),
                ratio(r.ratioToFastApi().median()),
                Report.num(r.cpuMicrosPerRequest())),
            LEFT + Math.max(1, w) + 8,
            y + 15);
        y += ROW;
      }
      y += 15;
    }
    ImageIO.write(image, "png", file.toFile());
  }

  /** Latency percentiles at the fixed rate, on a logarithmic axis. */
  public static void latency(List<Scenario> scenarios, List<Summary.Row> rows, Path file)
      throws IOException {
    int perPeer = ROW * 2;
    int height = 80 + scenarios.stream().mapToInt(s -> PANEL + perPeer * count(rows, s)).sum();
    BufferedImage image = new BufferedImage(WIDTH, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g =
        start(
            image,
            "Latency at half of Gin's saturation (open model, from intended send time; ms, log scale)");
    String[] names = {"p50", "p90", "p99", "p99.9"};
    for (int i = 0; i < names.length; i++) {
      g.setColor(PERCENTILES[i]);
      g.fillRect(LEFT + i * 90, 40, 12, 12);
      g.setColor(Color.BLACK);
      g.drawString(names[i], LEFT + i * 90 + 16, 51);
    }
    double lo = 0.1;
    double hi = rows.stream().mapToDouble(r -> nan0(r.p999Millis())).max().orElse(1) * 1.5;
    hi = Math.max(hi, 10);
    int y = 70;
    int plot = WIDTH - LEFT - 140;
    for (Scenario s : scenarios) {
      g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
      g.drawString(s.name() + ": " + s.what(), 20, y + 25);
      y += PANEL - 15;
      for (Summary.Row r : rows.stream().filter(r -> r.scenario().equals(s.name())).toList()) {
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.setColor(Color.BLACK);
        g.drawString(r.peer(), 20, y + 20);
        double[] values = {r.p50Millis(), r.p90Millis(), r.p99Millis(), r.p999Millis()};
        for (int i = 0; i < values.length; i++) {
          double v = Math.max(lo, nan0(values[i]));
          int w = (int) (plot * Math.log(v / lo) / Math.log(hi / lo));
          g.setColor(PERCENTILES[i]);
          g.fillRect(LEFT, y + i * (perPeer / 4), Math.max(1, w), perPeer / 4 - 2);
        }
        g.setColor(Color.DARK_GRAY);
        g.drawString(Report.num(r.p99Millis()) + " ms p99", LEFT + plot + 10, y + 30);
        y += perPeer;
      }
      y += 15;
    }
    g.setColor(Color.LIGHT_GRAY);
    g.setStroke(new BasicStroke(1));
    for (double tick = lo; tick <= hi; tick *= 10) {
      int x = LEFT + (int) (plot * Math.log(tick / lo) / Math.log(hi / lo));
      g.drawLine(x, 60, x, height - 20);
      g.setColor(Color.GRAY);
      g.drawString(Report.num(tick) + " ms", x + 2, height - 6);
      g.setColor(Color.LIGHT_GRAY);
    }
    ImageIO.write(image, "png", file.toFile());
  }

  private static Graphics2D start(BufferedImage image, String title) {
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(
        RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, image.getWidth(), image.getHeight());
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
    g.drawString(title, 20, 26);
    return g;
  }

  private static Color color(String peer) {
    if (peer.equals(Peers.GIN)) {
      return new Color(0x54A24B);
    }
    if (peer.equals(Peers.CALIBRATION)) {
      return Color.GRAY;
    }
    return peer.startsWith("fastapi") ? new Color(0xF58518) : new Color(0x4C78A8);
  }

  private static int count(List<Summary.Row> rows, Scenario s) {
    return (int) rows.stream().filter(r -> r.scenario().equals(s.name())).count();
  }

  private static double nan0(double v) {
    return Double.isNaN(v) ? 0 : v;
  }

  private static String ratio(double v) {
    return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.2f×", v);
  }
}
