package io.funit.common.training;

import java.util.Map;

/**
 * The logged scalars of one iteration (spec §3.3: the 11 losses and accuracies) and its wall time.
 *
 * @param iteration 1-based: the row of the iteration that made the model's iteration count this value
 * @param seconds wall time of the iteration
 * @param values the scalars by their official names (loss_dis_total, ..., accuracy_gen_adv)
 */
public record MetricRow(long iteration, double seconds, Map<String, Double> values) {}
