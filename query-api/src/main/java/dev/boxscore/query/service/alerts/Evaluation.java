package dev.boxscore.query.service.alerts;

import java.util.List;

/**
 * One evaluation of a rule: what it found for each group it saw.
 *
 * @param absentIsFalse whether a group of an earlier alert that is absent now means "the condition
 *     ended" (a swap that left the window, a budget group without spend) rather than "no data"
 */
record Evaluation(List<GroupObservation> groups, boolean absentIsFalse) {}
