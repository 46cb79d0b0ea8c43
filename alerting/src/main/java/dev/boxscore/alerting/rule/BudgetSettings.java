package dev.boxscore.alerting.rule;

import java.math.BigDecimal;
import java.time.ZoneId;

/**
 * A budget rule's period and amount: it warns at {@code warnAtPercent} of the amount, fires when
 * spend crosses it, and warns ahead when the period's rate so far would cross it before the period
 * ends.
 */
public record BudgetSettings(
    BudgetPeriod period, ZoneId timeZone, BigDecimal amountUsd, double warnAtPercent) {}
