package dev.boxscore.query.rest;

/**
 * A query or path parameter that is malformed or out of range; answered 400 naming the parameter.
 */
final class BadParameterException extends RuntimeException {
  private final String parameter;

  BadParameterException(String parameter, String problem) {
    super(parameter + ": " + problem);
    this.parameter = parameter;
  }

  String parameter() {
    return parameter;
  }
}
