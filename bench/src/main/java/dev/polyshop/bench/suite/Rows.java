package dev.polyshop.bench.suite;

import java.util.ArrayList;
import java.util.List;

/**
 * A group of report rows measured together in one repetition (the services they start, and the
 * start-up of each, which the report lists apart).
 */
abstract sealed class Rows permits GrpcCeiling, PushRows, SearchRows {

  final Suite suite;
  final Services services;
  final int rep;
  final List<Startup> startups = new ArrayList<>();

  Rows(Suite suite, Services services, int rep) {
    this.suite = suite;
    this.services = services;
    this.rep = rep;
  }

  /** How long each service this group started took to be ready, as measured so far. */
  final List<Startup> startups() {
    return startups;
  }
}
