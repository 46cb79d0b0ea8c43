package dev.boxscore.query.api;

/** The body of every error answer: a short code and a message a person can act on. */
public record ErrorResponse(String error, String message) {}
