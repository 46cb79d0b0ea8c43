/**
 * Every span attribute key Boxscore reads, one class per dialect, and Boxscore's own keys. Keys
 * live only here.
 */
package dev.boxscore.model.semconv;
