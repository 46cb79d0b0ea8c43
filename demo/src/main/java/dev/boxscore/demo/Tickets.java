package dev.boxscore.demo;

import java.util.List;

/**
 * Customer questions the assistant answers, and the shop's support policy used as a (cacheable)
 * system prompt.
 */
final class Tickets {
  private Tickets() {}

  static final List<String> QUESTIONS =
      List.of(
          "Where is my order A-1042? It was supposed to arrive on Monday.",
          "How do I reset my password? The reset link in the email has expired.",
          "I was charged twice for my subscription this month, can you refund one charge?",
          "Can I return a pair of shoes I bought 20 days ago if I wore them once?",
          "What is the difference between the Basic and the Pro plan?",
          "My invoice shows the wrong company address, how can I fix it?",
          "Do you ship to Norway, and how long does it take?",
          "The app crashes when I open my order history on Android.",
          "Please cancel my plan at the end of the billing cycle.",
          "Can I change the delivery address of an order that has already shipped?");

  static final String SHORT_SYSTEM_PROMPT =
      "You are the support assistant of Boxscore Shop. Answer briefly and politely.";

  /**
   * Long enough (over 1024 simulated tokens) that OpenAI-style prompt caching applies, so
   * cached-token usage shows up in the telemetry.
   */
  static final String POLICY_SYSTEM_PROMPT =
      SHORT_SYSTEM_PROMPT
          + " Follow the support policy below.\n"
          + ("Returns are accepted within thirty days of delivery when the item is unused and in its original box. "
                  + "Refunds go back to the original payment method within five business days after we receive the item. "
                  + "Shipping inside the EU takes three to five business days; elsewhere it takes up to two weeks. "
                  + "Never share another customer's data, and escalate legal or safety questions to a human agent.\n")
              .repeat(12);
}
