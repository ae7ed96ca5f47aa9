package io.funit.common.funit.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.funit.common.funit.config.FunitConfig;
import io.funit.common.funit.config.LossConfig;
import io.funit.common.funit.config.R1Method;
import io.funit.common.funit.model.FewShotGenerator;
import io.funit.common.funit.model.FunitNetworks;
import io.funit.common.funit.model.Intermediates;
import io.funit.common.funit.model.MultiTaskPatchDiscriminator;
import io.funit.common.funit.model.Ops;

/**
 * FUNIT's training loop body (spec §3, §4): per iteration a discriminator step, then a generator step on the same
 * batch, then the EMA update. Each step zeroes its network's gradients first (spec G10), runs in its own
 * {@link NDScope} so every intermediate array is freed when it returns, and returns plain floats.
 *
 * <p>Discriminator calls on several image sets are concatenated into one forward: D has no batch statistics,
 * so this is exactly the separate calls, with larger and faster matrix products.
 */
public final class FunitTrainer implements AutoCloseable {
  private final FunitNetworks nets;
  private final FunitConfig config;
  private final RmsProp genOpt;
  private final RmsProp disOpt;
  private final ParameterStore store;
  private long iteration;

  public FunitTrainer(FunitNetworks nets) {
    this.nets = nets;
    this.config = nets.config();
    this.genOpt = new RmsProp(nets.gen(), config.genOpt(), nets.manager());
    this.disOpt = new RmsProp(nets.dis(), config.disOpt(), nets.manager());
    this.store = new ParameterStore(nets.manager(), false);
  }

  /** The losses of one iteration. */
  public record IterationLosses(long iteration, DisStepLosses dis, GenStepLosses gen) {}

  /** One full iteration: D step, G step, EMA update. */
  public IterationLosses iterate(TrainingBatch batch) {
    DisStepLosses dis = discriminatorStep(batch);
    GenStepLosses gen = generatorStep(batch);
    emaStep();
    iteration++;
    return new IterationLosses(iteration, dis, gen);
  }

  /** Hinge on real class images with R1, hinge on translations by the current (non-EMA) generator (spec §3.1). */
  public DisStepLosses discriminatorStep(TrainingBatch b) {
    MultiTaskPatchDiscriminator dis = nets.dis();
    LossConfig w = config.loss();
    Gradients.zero(dis);
    try (NDScope scope = new NDScope()) {
      FewShotGenerator gen = nets.gen();
      // the official torch.no_grad translation. Grad mode is per thread and only the thread that loaded the engine
      // starts with it off: on a worker's job thread a graph was recorded here, and every D step's backward also ran
      // G's backward (G's gradients were zeroed before its own step, so the results were the same, the time not)
      NDArray translated;
      try (NoGrad noGrad = new NoGrad()) {
        translated = gen.decode(store, gen.contentCode(store, b.xa(), true),
            classCodeOfShots(gen.classCode(store, b.xb(), true), b), true);
      }
      int n = b.size();
      boolean tangent = w.r1W() > 0 && w.r1Method() == R1Method.TANGENT;
      boolean doubleBackward = w.r1W() > 0 && w.r1Method() == R1Method.DOUBLE_BACKWARD;
      // before the loss's graph, on the real images alone and with D frozen: only input gradients are computed
      NDArray g = tangent ? Intermediates.freedAfter(() -> R1Penalty.inputGradient(dis, store, b.xb(), b.lb())) : null;
      float realAdv;
      float fakeAdv;
      float reg = 0;
      float accuracy;
      // each backward's forward in a scope of its own, closed once the backward ran: PyTorch frees a graph's
      // activations after its backward, DJL only when their scope closes, and the step's three passes would otherwise
      // all be resident at once
      try (NDScope lossScope = new NDScope();
          GradientCollector collector = Engine.getInstance().newGradientCollector()) {
        NDArray xb = b.xb().duplicate();
        xb.setRequiresGradient(doubleBackward);
        NDArray out = dis.forward(store, new NDList(NDArrays.concat(new NDList(xb, translated)),
            NDArrays.concat(new NDList(b.lb(), b.lb()))), true).get(0);
        NDArray real = out.get(":" + n);
        NDArray fake = out.get(n + ":");
        NDArray realLoss = Activation.relu(real.neg().add(1)).mean();
        NDArray fakeLoss = Activation.relu(fake.add(1)).mean();
        NDArray adversarial = Ops.scale(realLoss.add(fakeLoss), w.ganW());
        if (doubleBackward) {
          NDArray[] r1 = R1Penalty.doubleBackward(real, xb, w.r1Chunk());
          collector.backward(adversarial.add(Ops.scale(r1[0], w.r1W())).sub(r1[1]));
          reg = r1[0].getFloat();
        } else {
          collector.backward(adversarial);
        }
        realAdv = realLoss.getFloat();
        fakeAdv = fakeLoss.getFloat();
        accuracy = 0.5f * (fraction(fake.lt(0)) + fraction(real.gte(0)));
      }
      if (g != null) {
        reg = R1Penalty.value(g, w.r1Chunk()).getFloat();
        try (NDScope tangentScope = new NDScope()) {
          R1Penalty.addTangentGradient(dis, store, b.xb(), b.lb(), g, w);
        }
      }
      disOpt.step();
      float total = (float) (w.ganW() * (realAdv + fakeAdv) + w.r1W() * reg);
      return new DisStepLosses(total, fakeAdv, realAdv, reg, accuracy);
    }
  }

  /**
   * Adversarial on translation and reconstruction, L1 reconstruction, both feature-matching terms (spec §3.2), and
   * the paired glyph loss when its weight is set (not in FUNIT: {@link LossConfig#pairedW}). With class_shots K &gt; 1
   * the translation's class code and its feature-matching target are means over the sample's K class images.
   * D's parameters are frozen meanwhile: the official code lets gradients reach them and discards them at the next
   * D step (spec §3.2 step 4, G10); freezing gives G the same gradients without computing D's, and the real images'
   * features are computed without a graph for the same reason.
   */
  public GenStepLosses generatorStep(TrainingBatch b) {
    FewShotGenerator gen = nets.gen();
    MultiTaskPatchDiscriminator dis = nets.dis();
    LossConfig w = config.loss();
    Gradients.zero(gen);
    try (NDScope scope = new NDScope()) {
      int n = b.size();
      NDArray realFeatures;
      try (NoGrad noGrad = new NoGrad()) { // targets only: no graph, on whichever thread (see the D step)
        realFeatures = meanFeatures(dis.forward(store, new NDList(NDArrays.concat(new NDList(b.xa(), b.xb())),
            NDArrays.concat(new NDList(b.la(), b.lb()))), true));
        if (b.classShots() != null) { // L_F against the mean of the K class images' features (the paper's §3)
          NDArray more = meanFeatures(dis.forward(store, new NDList(flatShots(b), shotLabels(b)), true));
          realFeatures = NDArrays.concat(new NDList(realFeatures.get(":" + n),
              meanOverShots(realFeatures.get(n + ":"), more, n)));
        }
      }
      GenStepLosses losses;
      Gradients.freeze(dis, true);
      // the graph's activations freed before the optimizer step allocates its own temporaries
      try (NDScope graphScope = new NDScope();
          GradientCollector collector = Engine.getInstance().newGradientCollector()) {
        NDArray contentA = gen.contentCode(store, b.xa(), true);
        NDArray codes = gen.classCode(store, NDArrays.concat(new NDList(b.xa(), b.xb())), true);
        NDArray translated = gen.decode(store, contentA, classCodeOfShots(codes.get(n + ":"), b), true);
        NDArray reconstructed = gen.decode(store, contentA, codes.get(":" + n), true);
        NDList d = dis.forward(store, new NDList(NDArrays.concat(new NDList(translated, reconstructed)),
            NDArrays.concat(new NDList(b.lb(), b.la()))), true);
        NDArray out = d.get(0);
        NDArray fakeFeatures = meanFeatures(d);
        NDArray adv = Ops.scale(out.get(":" + n).mean().neg().add(out.get(n + ":").mean().neg()), 0.5);
        NDArray reconX = reconstructed.sub(b.xa()).abs().mean();
        NDArray reconC = fakeFeatures.get(n + ":").sub(realFeatures.get(":" + n)).abs().mean();
        NDArray reconS = fakeFeatures.get(":" + n).sub(realFeatures.get(n + ":")).abs().mean();
        NDArray total = Ops.scale(adv, w.ganW()).add(Ops.scale(reconX, w.reconW()))
            .add(Ops.scale(reconC.add(reconS), w.fmW()));
        NDArray paired = null;
        if (w.pairedW() > 0) {
          if (b.target() == null) {
            throw new IllegalArgumentException("the paired glyph loss needs batches with paired targets");
          }
          paired = translated.sub(b.target()).abs().mean();
          total = total.add(Ops.scale(paired, w.pairedW()));
        }
        collector.backward(total);
        float accuracy = 0.5f * (fraction(out.get(":" + n).gte(0)) + fraction(out.get(n + ":").gte(0)));
        losses = new GenStepLosses(total.getFloat(), adv.getFloat(), reconX.getFloat(), reconC.getFloat(),
            reconS.getFloat(), accuracy, paired == null ? 0 : paired.getFloat());
      } finally {
        Gradients.freeze(dis, false);
      }
      genOpt.step();
      return losses;
    }
  }

  /**
   * The class code translations are rendered with: the drawn class image's, or with class_shots K &gt; 1 the mean of
   * the codes of the sample's K class images (spec §5, G3: what K-shot inference takes).
   */
  private NDArray classCodeOfShots(NDArray drawnCodes, TrainingBatch b) {
    if (b.classShots() == null) {
      return drawnCodes;
    }
    return meanOverShots(drawnCodes, nets.gen().classCode(store, flatShots(b), true), b.size());
  }

  /** The mean of a per-sample row (B, C) and the rows (B·(K−1), C) of the same samples' further class images. */
  private static NDArray meanOverShots(NDArray drawn, NDArray more, int n) {
    long further = more.getShape().get(0) / n;
    // Ops.scale, not div(Number): the divisor is saved for the backward and must outlive a garbage collection
    return Ops.scale(drawn.add(more.reshape(n, further, -1).sum(new int[] {1})), 1.0 / (further + 1));
  }

  /** The further class images as one batch (B·(K−1), 3, H, W), consecutive per sample. */
  private static NDArray flatShots(TrainingBatch b) {
    Shape s = b.classShots().getShape();
    return b.classShots().reshape(s.get(0) * s.get(1), s.get(2), s.get(3), s.get(4));
  }

  /** Each sample's class label once per further class image. */
  private static NDArray shotLabels(TrainingBatch b) {
    long further = b.classShots().getShape().get(1);
    return b.lb().reshape(-1, 1).repeat(1, further).reshape(-1);
  }

  /** Spatial mean of D's features: (B, C). */
  private static NDArray meanFeatures(NDList discriminatorOutput) {
    NDArray features = discriminatorOutput.get(1);
    return features.reshape(features.getShape().get(0), features.getShape().get(1), -1).mean(new int[] {2});
  }

  /** θ_ema ← β·θ_ema + (1−β)·θ; plain copies during the configured warm-up, then β or its ramp. */
  public void emaStep() {
    double beta = config.emaDecay(iteration);
    try (NDScope scope = new NDScope()) {
      Ema.update(nets.genTest(), nets.gen(), beta);
    }
  }

  private static float fraction(NDArray mask) {
    return mask.toType(ai.djl.ndarray.types.DataType.FLOAT32, false).mean().getFloat();
  }

  /**
   * Scales both optimizers' learning rates from the next iteration on, for a schedule such as
   * {@link io.funit.common.funit.config.LearningRateCooldown}.
   */
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

  public FunitNetworks networks() {
    return nets;
  }

  public RmsProp genOptimizer() {
    return genOpt;
  }

  public RmsProp disOptimizer() {
    return disOpt;
  }

  @Override
  public void close() {
    genOpt.close();
    disOpt.close();
  }
}
