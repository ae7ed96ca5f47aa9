package io.funit.worker.train;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The live figures of the training each worker slot runs: {@code funit_training_iteration},
 * {@code funit_training_iterations_per_second}, {@code funit_training_loss{loss}} and
 * {@code funit_training_validation_l1}, labelled by slot ({@code train-0}...): bounded, one series per slot and
 * figure, NaN while the slot is idle. With FUNIT_METRICS_JOB_LABELS=true the series also carry {@code job_id} and
 * are removed when the training ends (unbounded over time: for small deployments and debugging).
 */
final class TrainingGauges {
  /** The losses exported, as TrainingRun logs them. */
  static final List<String> LOSSES = List.of("loss_dis_total", "loss_dis_fake_adv", "loss_dis_real_adv",
      "loss_dis_reg", "loss_gen_total", "loss_gen_adv", "loss_gen_recon_x", "loss_gen_recon_c", "loss_gen_recon_s");
  /** The validation figure exported: the EMA generator's held-out glyph L1 (font datasets). */
  static final String VALIDATION = "held_out_l1_ema";

  private final MeterRegistry registry;
  private final boolean jobLabels;
  private final Map<String, Figures> idleSlots = new ConcurrentHashMap<>();

  /** @param slots the slot labels to export from the start (ignored with job labels: series come with jobs) */
  TrainingGauges(MeterRegistry registry, boolean jobLabels, List<String> slots) {
    this.registry = registry;
    this.jobLabels = jobLabels;
    if (!jobLabels) {
      slots.forEach(slot -> idleSlots.computeIfAbsent(slot, s -> new Figures(Tags.of("slot", s))));
    }
  }

  /** The figures of one training on {@code slot}; closing them clears (or, with job labels, removes) them. */
  Live open(String slot, String jobId) {
    if (jobLabels) {
      Figures figures = new Figures(Tags.of("slot", slot, "job_id", jobId));
      return new Live(figures, true);
    }
    return new Live(idleSlots.computeIfAbsent(slot, s -> new Figures(Tags.of("slot", s))), false);
  }

  /** The figures a running training sets. */
  final class Live implements AutoCloseable {
    private final Figures figures;
    private final boolean remove;

    private Live(Figures figures, boolean remove) {
      this.figures = figures;
      this.remove = remove;
    }

    void iteration(long iteration, double iterationsPerSecond, Map<String, Double> values) {
      figures.iteration = iteration;
      figures.iterationsPerSecond = iterationsPerSecond;
      for (String loss : LOSSES) {
        figures.losses.put(loss, values.getOrDefault(loss, Double.NaN));
      }
      Double validation = values.get(VALIDATION);
      if (validation != null) {
        figures.validationL1 = validation;
      }
    }

    @Override
    public void close() {
      if (remove) {
        figures.meters.forEach(registry::remove);
      } else {
        figures.clear();
      }
    }
  }

  /** One slot's (or job's) values and the gauges that read them. */
  private final class Figures {
    volatile double iteration = Double.NaN;
    volatile double iterationsPerSecond = Double.NaN;
    volatile double validationL1 = Double.NaN;
    final Map<String, Double> losses = new ConcurrentHashMap<>();
    final List<Meter> meters = new ArrayList<>();

    Figures(Tags tags) {
      meters.add(Gauge.builder("funit.training.iteration", this, f -> f.iteration).tags(tags).strongReference(true)
          .description("The last finished iteration of the training on this slot").register(registry));
      meters.add(Gauge.builder("funit.training.iterations.per.second", this, f -> f.iterationsPerSecond).tags(tags)
          .strongReference(true).description("Iterations per second over the last 20").register(registry));
      meters.add(Gauge.builder("funit.training.validation.l1", this, f -> f.validationL1).tags(tags)
          .strongReference(true).description("The latest held-out glyph L1 of the EMA generator (font datasets)")
          .register(registry));
      for (String loss : LOSSES) {
        losses.put(loss, Double.NaN);
        meters.add(Gauge.builder("funit.training.loss", this, f -> f.losses.get(loss)).tags(tags).tag("loss", loss)
            .strongReference(true).description("The last iteration's losses").register(registry));
      }
    }

    void clear() {
      iteration = Double.NaN;
      iterationsPerSecond = Double.NaN;
      validationL1 = Double.NaN;
      losses.replaceAll((name, value) -> Double.NaN);
    }
  }
}
