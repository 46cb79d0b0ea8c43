package dev.boxscore.storage.users;

/** How a list of users is sorted (each descending). */
public enum UserOrder {
  COST,
  CALLS,
  LAST_SEEN
}
