package io.funit.common.stargan.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.funit.common.funit.model.Intermediates;
import io.funit.common.funit.model.Ops;
import io.funit.common.funit.train.Gradients;
import io.funit.common.funit.train.NoGrad;
import io.funit.common.funit.train.TrainingBatch;
import io.funit.common.stargan.config.StarGanConfig;
import io.funit.common.stargan.config.StarGanLossConfig;
import io.funit.common.stargan.model.StarGanDiscriminator;
import io.funit.common.stargan.model.StarGanGenerator;
import io.funit.common.stargan.model.StarGanNetworks;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * StarGAN's training loop body (paper §4, WGAN-GP): every iteration a discriminator step, and every
 * {@link StarGanConfig#criticSteps}-th iteration a generator step after it. A batch's content images and labels
 * (xa, la) are the real images and their domains; its class labels lb, drawn independently, are the target domains
 * (the authors shuffle the batch's labels for the same purpose). Each step runs in its own {@link NDScope}. The D
 * step's features of the real images also move their domains' mean features (ClassPrototypes).
 *
 * <p>The gradient penalty's parameter gradient is computed without a create-graph backward, as FUNIT's R1 is
 * (R1Method.TANGENT): with g_b = ∇x Σ D_src(x̂_b) from a backward of its own, ∇θ mean_b(‖g_b‖ − 1)² equals ∇θ of
 * Σ_b w_b·(the directional derivative of Σ D_src(x̂_b) along g_b) with w_b = 2(‖g_b‖ − 1) / (B‖g_b‖) held constant.
 * The interpolation weights come from (seed, iteration), so a resumed training draws what the uninterrupted one did.
 */
public final class StarGanTrainer implements AutoCloseable {
  private final StarGanNetworks nets;
  private final StarGanConfig config;
  private final Adam genOpt;
  private final Adam disOpt;
  private final ParameterStore store;
  private final long seed;
  private long iteration;

  public StarGanTrainer(StarGanNetworks nets, long seed) {
    this.nets = nets;
    this.config = nets.config();
    this.seed = seed;
    this.genOpt = new Adam(nets.gen(), config.genOpt(), nets.manager());
    this.disOpt = new Adam(nets.dis(), config.disOpt(), nets.manager());
    this.store = new ParameterStore(nets.manager(), false);
  }

  /** One iteration: a D step, then a G step when this iteration ends a round of critic steps. */
  public Map<String, Double> iterate(TrainingBatch batch) {
    Map<String, Double> scalars = new LinkedHashMap<>(discriminatorStep(batch));
    if ((iteration + 1) % config.criticSteps() == 0) {
      scalars.putAll(generatorStep(batch));
    }
    iteration++;
    return scalars;
  }

  /** −D_src(x) + D_src(G(x, c)) + λ_cls·CE(D_cls(x), c_x) + λ_gp·GP, with G's translations made without a graph. */
  public Map<String, Double> discriminatorStep(TrainingBatch b) {
    StarGanDiscriminator dis = nets.dis();
    StarGanLossConfig w = config.loss();
    Gradients.zero(dis);
    try (NDScope scope = new NDScope()) {
      int n = b.size();
      NDArray fake;
      try (NoGrad noGrad = new NoGrad()) { // no graph on any thread (grad mode is per thread, on for job threads)
        fake = nets.gen().translate(store, b.xa(), oneHot(b.lb()), true);
      }
      Map<String, Double> scalars = new LinkedHashMap<>();
      try (NDScope lossScope = new NDScope();
          GradientCollector collector = Engine.getInstance().newGradientCollector()) {
        NDList out = dis.forward(store, new NDList(NDArrays.concat(new NDList(b.xa(), fake))), true);
        NDArray real = out.get(0).get(":" + n).mean().neg();
        NDArray faked = out.get(0).get(n + ":").mean();
        NDArray logits = out.get(1).get(":" + n);
        NDArray cls = crossEntropy(logits, b.la());
        collector.backward(real.add(faked).add(Ops.scale(cls, w.cls())));
        nets.prototypes().update(b.la(), out.get(2).get(":" + n));
        scalars.put("loss_dis_real", (double) real.getFloat());
        scalars.put("loss_dis_fake", (double) faked.getFloat());
        scalars.put("loss_dis_cls", (double) cls.getFloat());
        scalars.put("accuracy_dis_cls", (double) logits.argMax(1).eq(b.la()).toType(DataType.FLOAT32, false).mean()
            .getFloat());
      }
      if (w.gp() > 0) {
        try (NDScope penaltyScope = new NDScope()) {
          scalars.put("loss_dis_gp", gradientPenalty(interpolate(b.xa(), fake), w.gp()));
        }
      }
      disOpt.step();
      return scalars;
    }
  }

  /** x̂ = α·x + (1 − α)·G(x, c), α uniform per sample. */
  NDArray interpolate(NDArray real, NDArray fake) {
    int n = (int) real.getShape().get(0);
    // SplittableRandom mixes its seed: java.util.Random's first draws for consecutive seeds are nearly equal
    SplittableRandom random = new SplittableRandom(seed * 1_000_003L + iteration);
    float[] alpha = new float[n];
    for (int i = 0; i < n; i++) {
      alpha[i] = random.nextFloat();
    }
    NDArray a = real.getManager().create(alpha, new Shape(n, 1, 1, 1));
    return real.mul(a).add(fake.mul(a.neg().add(1)));
  }

  /** Adds λ·∇θ GP to D's gradients (see the class comment); returns GP. */
  double gradientPenalty(NDArray xHat, double weight) {
    StarGanDiscriminator dis = nets.dis();
    NDArray g = Intermediates.freedAfter(() -> inputGradient(dis, xHat));
    long batch = g.getShape().get(0);
    NDArray norms = g.reshape(batch, -1).square().sum(new int[] {1}).sqrt();
    double penalty = norms.sub(1).square().mean().getFloat();
    float[] n = norms.toFloatArray();
    float[] coefficients = new float[n.length];
    for (int i = 0; i < n.length; i++) {
      // a zero gradient has no direction: its penalty's gradient is zero there (PyTorch's sqrt backward gives NaN)
      coefficients[i] = n[i] > 0 ? (float) (weight * 2 * (n[i] - 1) / (batch * n[i])) : 0f;
    }
    NDArray direction = g.mul(g.getManager().create(coefficients, new Shape(batch, 1, 1, 1)));
    try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
      collector.backward(dis.realnessTangent(store, xHat, direction, true)[1].sum());
    }
    return penalty;
  }

  /** ∇x Σ D_src(x) with D's parameters frozen, so that only the input gradient is computed. */
  NDArray inputGradient(StarGanDiscriminator dis, NDArray images) {
    NDArray x = images.duplicate();
    x.setRequiresGradient(true);
    try {
      Gradients.freeze(dis, true);
      try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
        collector.backward(dis.forward(store, new NDList(x), true).get(0).sum());
      }
    } finally {
      Gradients.freeze(dis, false);
    }
    return x.getGradient();
  }

  /** −D_src(G(x, c)) + λ_cls·CE(D_cls(G(x, c)), c) + λ_rec·‖x − G(G(x, c), c_x)‖₁, D frozen. */
  public Map<String, Double> generatorStep(TrainingBatch b) {
    StarGanGenerator gen = nets.gen();
    StarGanDiscriminator dis = nets.dis();
    StarGanLossConfig w = config.loss();
    Gradients.zero(gen);
    Map<String, Double> scalars = new LinkedHashMap<>();
    try (NDScope scope = new NDScope()) {
      Gradients.freeze(dis, true);
      try (NDScope graphScope = new NDScope();
          GradientCollector collector = Engine.getInstance().newGradientCollector()) {
        NDArray fake = gen.translate(store, b.xa(), oneHot(b.lb()), true);
        NDList out = dis.forward(store, new NDList(fake), true);
        NDArray adversarial = out.get(0).mean().neg();
        NDArray cls = crossEntropy(out.get(1), b.lb());
        NDArray cycle = gen.translate(store, fake, oneHot(b.la()), true).sub(b.xa()).abs().mean();
        collector.backward(adversarial.add(Ops.scale(cls, w.cls())).add(Ops.scale(cycle, w.rec())));
        scalars.put("loss_gen_fake", (double) adversarial.getFloat());
        scalars.put("loss_gen_cls", (double) cls.getFloat());
        scalars.put("loss_gen_rec", (double) cycle.getFloat());
      } finally {
        Gradients.freeze(dis, false);
      }
      genOpt.step();
    }
    return scalars;
  }

  private NDArray oneHot(NDArray labels) {
    return labels.oneHot(config.domains()).toType(DataType.FLOAT32, false);
  }

  /** Mean cross-entropy of logits (B, D) against labels (B). */
  private NDArray crossEntropy(NDArray logits, NDArray labels) {
    return logits.logSoftmax(1).mul(oneHot(labels)).sum(new int[] {1}).mean().neg();
  }

  /** Scales both optimizers' learning rates from the next iteration on (the paper's linear decay). */
  public void setLearningRateScale(double scale) {
    genOpt.setLearningRateScale(scale);
    disOpt.setLearningRateScale(scale);
  }

  public long iteration() {
    return iteration;
  }

  public void setIteration(long value) {
    iteration = value;
  }

  public long seed() {
    return seed;
  }

  public StarGanNetworks networks() {
    return nets;
  }

  public Adam genOptimizer() {
    return genOpt;
  }

  public Adam disOptimizer() {
    return disOpt;
  }

  @Override
  public void close() {
    genOpt.close();
    disOpt.close();
  }
}
