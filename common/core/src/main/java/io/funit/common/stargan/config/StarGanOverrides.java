package io.funit.common.stargan.config;

import io.funit.common.contract.InvalidRequestException;
import io.funit.common.funit.config.TrainOverrides;
import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Locale;

/**
 * A training request's overrides applied to a StarGAN preset. The overrides are FUNIT's request fields; those with
 * a StarGAN meaning apply (iterations, batch_size, lr_gen, lr_dis, seed, and gen_nf and dis_nf as the two networks'
 * conv_dim), any other is refused by name rather than ignored.
 */
public final class StarGanOverrides {
  private static final List<String> APPLICABLE = List.of("iterations", "batchSize", "lrGen", "lrDis", "genNf", "disNf",
      "seed");

  private StarGanOverrides() {}

  public static StarGanConfig apply(StarGanConfig base, TrainOverrides o) {
    for (RecordComponent component : TrainOverrides.class.getRecordComponents()) {
      if (!APPLICABLE.contains(component.getName()) && value(component, o) != null) {
        throw new InvalidRequestException("overrides." + requestName(component.getName()), "does not apply to "
            + "StarGAN preset " + base.preset() + "; StarGAN takes "
            + APPLICABLE.stream().map(StarGanOverrides::requestName).toList());
      }
    }
    AdamConfig g = base.genOpt();
    AdamConfig d = base.disOpt();
    return new StarGanConfig(base.preset(), base.imageSize(), o.batchSize() == null ? base.batchSize() : o.batchSize(),
        base.domains(), o.genNf() == null ? base.gen() : new StarGanGeneratorConfig(o.genNf(), base.gen().resBlocks(),
            base.gen().downsamplings()),
        o.disNf() == null ? base.dis() : new StarGanDiscriminatorConfig(o.disNf(), base.dis().layers()),
        o.lrGen() == null ? g : new AdamConfig(o.lrGen(), g.beta1(), g.beta2(), g.eps()),
        o.lrDis() == null ? d : new AdamConfig(o.lrDis(), d.beta1(), d.beta2(), d.eps()), base.loss(),
        base.criticSteps(), o.iterations() == null ? base.maxIter() : o.iterations());
  }

  /** A component's name as requests spell it: {@code lrGen} → {@code lr_gen}. */
  private static String requestName(String component) {
    return component.replaceAll("([A-Z])", "_$1").toLowerCase(Locale.ROOT);
  }

  private static Object value(RecordComponent component, TrainOverrides o) {
    try {
      return component.getAccessor().invoke(o);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }
}
