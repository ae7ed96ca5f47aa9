package io.funit.common.eval.judges;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import io.funit.common.eval.report.EvaluationReport.JudgeSummary;
import io.funit.common.funit.weights.SafeTensors;
import io.funit.common.json.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A judge as one safetensors file: every parameter (batch norm's running statistics included) under its DJL
 * parameter path, and the network's configuration and measured summary in the metadata, so the file alone
 * rebuilds the judge.
 */
public final class JudgeWeights {
  public static final String FORMAT = "funit-judge/1";

  private JudgeWeights() {}

  public static void save(Judge judge, Path file) throws IOException {
    Map<String, NDArray> tensors = new LinkedHashMap<>();
    for (Pair<String, Parameter> p : judge.net().getParameters()) {
      tensors.put(p.getKey(), p.getValue().getArray());
    }
    SafeTensors.write(file, tensors, Map.of("format", FORMAT, "config", Json.write(judge.config()),
        "summary", Json.write(judge.summary())));
  }

  public static Judge load(Path file) throws IOException {
    Model model = Model.newInstance("judge");
    try (NDManager scratch = NDManager.newBaseManager()) {
      SafeTensors.Contents contents = SafeTensors.read(file, scratch);
      if (!FORMAT.equals(contents.metadata().get("format"))) {
        throw new IOException(file + " is not a judge file (format " + contents.metadata().get("format") + ")");
      }
      JudgeConfig config = Json.MAPPER.readValue(contents.metadata().get("config"), JudgeConfig.class);
      JudgeSummary summary = Json.MAPPER.readValue(contents.metadata().get("summary"), JudgeSummary.class);
      JudgeNet net = new JudgeNet(config);
      model.setBlock(net);
      net.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, 3, config.imageSize(), config.imageSize()));
      for (Pair<String, Parameter> p : net.getParameters()) {
        NDArray target = p.getValue().getArray();
        NDArray source = contents.tensors().get(p.getKey());
        if (source == null || !source.getShape().equals(target.getShape())) {
          throw new IOException(file + ": parameter " + p.getKey() + " missing or mis-shaped");
        }
        target.set(source.toByteBuffer());
      }
      return new Judge(model, net, summary);
    } catch (IOException | RuntimeException e) {
      model.close();
      throw e;
    }
  }
}
