package io.funit.common.dataset.sampler;

import io.funit.common.dataset.DatasetClass;
import io.funit.common.dataset.DatasetManifest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The training sampler of spec §4: two independent loaders (content and class) over the same list of
 * training-split images, each shuffled per epoch with drop_last, zipped by position. Labels are the positions of
 * the classes in the training split (the discriminator's heads).
 *
 * <p>Deterministic: {@link #batchAt(long)} depends only on the seed and the iteration (epoch permutations and
 * augmentation draws are seeded from them), so resuming at iteration N replays exactly the batches an
 * uninterrupted run would have drawn. {@link #start(long)} prefetches upcoming batches on a background thread.
 */
public final class FunitSampler implements AutoCloseable {
  private static final int CONTENT = 0;
  private static final int CLASS = 1;

  /**
   * @param batchSize images per batch (B)
   * @param seed the sampling seed (a checkpoint stores it)
   * @param augment flip, resize and random crop (photos); off for glyphs
   * @param prefetch batches prepared ahead of the training thread
   * @param pairedTargets also draw, for each position, the class's own image of the content image's character
   *     (font datasets whose training fonts hold every character: there image i of every font is character i)
   * @param classShots class images per position (K): the drawn one and K − 1 more of its class, other images of it
   *     where the class has enough ({@link io.funit.common.funit.config.FunitConfig#classShots})
   */
  public record Options(int batchSize, long seed, boolean augment, int prefetch, boolean pairedTargets,
      int classShots) {
    public Options(int batchSize, long seed, boolean augment, int prefetch) {
      this(batchSize, seed, augment, prefetch, false);
    }

    public Options(int batchSize, long seed, boolean augment, int prefetch, boolean pairedTargets) {
      this(batchSize, seed, augment, prefetch, pairedTargets, 1);
    }

    public Options {
      if (classShots < 1) {
        throw new IllegalArgumentException("class_shots must be at least 1, got " + classShots);
      }
    }
  }

  private record Item(int label, DatasetClass c, int image) {}

  private final List<Item> items = new ArrayList<>();
  private final int numClasses;
  private final ClassImageCache images;
  private final Preprocessing preprocessing;
  private final Options options;
  private final long batchesPerEpoch;
  private final int[][] permutation = new int[2][];
  private final long[] permutationEpoch = {-1, -1};
  private BlockingQueue<Object> queue;
  private Thread prefetcher;
  private long nextIteration;

  public FunitSampler(DatasetManifest manifest, ClassImageCache images, Preprocessing preprocessing, Options options) {
    List<DatasetClass> train = manifest.split(DatasetManifest.SPLIT_TRAIN);
    for (int label = 0; label < train.size(); label++) {
      for (int i = 0; i < train.get(label).images(); i++) {
        items.add(new Item(label, train.get(label), i));
      }
    }
    if (items.size() < options.batchSize()) {
      throw new IllegalArgumentException("the training split of dataset " + manifest.id() + " holds "
          + items.size() + " images, fewer than the batch size " + options.batchSize());
    }
    if (options.pairedTargets()) {
      requireCompleteFonts(manifest, train);
    }
    long shotValues = (long) options.batchSize() * (options.classShots() - 1) * 3 * preprocessing.size()
        * preprocessing.size();
    if (shotValues > Integer.MAX_VALUE) { // one Java array holds a batch's further class images
      throw new IllegalArgumentException("class_shots " + options.classShots() + " at batch size "
          + options.batchSize() + " and " + preprocessing.size() + " pixels exceeds a batch's largest array");
    }
    this.numClasses = train.size();
    this.images = images;
    this.preprocessing = preprocessing;
    this.options = options;
    this.batchesPerEpoch = items.size() / options.batchSize();
  }

  /**
   * Refuses a dataset the paired targets cannot be drawn from: not fonts, or a training font without every character.
   *
   * @throws IllegalArgumentException naming the dataset and a font that lacks characters
   */
  public static void requirePairedTargets(DatasetManifest manifest) {
    requireCompleteFonts(manifest, manifest.split(DatasetManifest.SPLIT_TRAIN));
  }

  private static void requireCompleteFonts(DatasetManifest manifest, List<DatasetClass> train) {
    if (!DatasetManifest.KIND_FONTS.equals(manifest.kind())) {
      throw new IllegalArgumentException("paired targets need a font dataset; dataset " + manifest.id() + " is of kind "
          + manifest.kind());
    }
    List<String> incomplete = train.stream().filter(c -> c.images() != manifest.contents().size())
        .map(DatasetClass::name).toList();
    if (!incomplete.isEmpty()) {
      throw new IllegalArgumentException("paired targets need every training font to hold all "
          + manifest.contents().size() + " characters; " + incomplete.size() + " of dataset " + manifest.id()
          + " do not, e.g. " + incomplete.get(0));
    }
  }

  public int batchSize() {
    return options.batchSize();
  }

  /** Discriminator heads needed: classes in the training split. */
  public int numClasses() {
    return numClasses;
  }

  /** The batch of iteration {@code iteration} (0-based). */
  public HostBatch batchAt(long iteration) {
    int b = options.batchSize();
    int s = preprocessing.size();
    int stride = 3 * s * s;
    float[] xa = new float[b * stride];
    float[] xb = new float[b * stride];
    long[] la = new long[b];
    long[] lb = new long[b];
    int[] characters = fill(CONTENT, iteration, xa, la, stride);
    int[] classes = fill(CLASS, iteration, xb, lb, stride);
    float[] target = null;
    if (options.pairedTargets()) {
      target = new float[b * stride];
      for (int i = 0; i < b; i++) {
        DatasetClass font = items.get(classes[i]).c();
        preprocessing.plain(images.image(font, items.get(characters[i]).image()), target, i * stride);
      }
    }
    float[] shots = options.classShots() > 1 ? moreClassImages(iteration, classes, stride) : null;
    return new HostBatch(iteration, b, s, xa, la, xb, lb, target, shots);
  }

  /**
   * K − 1 more images of each position's class, consecutive per position: (B, K − 1, 3, S, S) flattened. Drawn
   * without replacement from the class's other images, so a class of at least K images gives K distinct ones.
   */
  private float[] moreClassImages(long iteration, int[] classes, int stride) {
    int more = options.classShots() - 1;
    float[] shots = new float[classes.length * more * stride];
    Random random = new Random(mix(options.seed(), 4, iteration));
    for (int i = 0; i < classes.length; i++) {
      Item drawn = items.get(classes[i]);
      List<Integer> others = new ArrayList<>();
      for (int image = 0; image < drawn.c().images(); image++) {
        if (image != drawn.image()) {
          others.add(image);
        }
      }
      Collections.shuffle(others, random);
      for (int j = 0; j < more; j++) {
        int image = others.isEmpty() ? drawn.image() : others.get(j % others.size());
        byte[] encoded = images.image(drawn.c(), image);
        int offset = (i * more + j) * stride;
        if (options.augment()) {
          preprocessing.train(encoded, random, shots, offset);
        } else {
          preprocessing.plain(encoded, shots, offset);
        }
      }
    }
    return shots;
  }

  /** Fills the loader's images and labels of {@code iteration}; returns the items drawn (positions in the list). */
  private int[] fill(int loader, long iteration, float[] x, long[] labels, int stride) {
    long epoch = iteration / batchesPerEpoch;
    int position = (int) (iteration % batchesPerEpoch);
    int[] order = permutation(loader, epoch);
    Random augmentation = new Random(mix(options.seed(), 2 + loader, iteration));
    int[] drawn = new int[labels.length];
    for (int i = 0; i < labels.length; i++) {
      drawn[i] = order[position * labels.length + i];
      Item item = items.get(drawn[i]);
      labels[i] = item.label();
      byte[] encoded = images.image(item.c(), item.image());
      if (options.augment()) {
        preprocessing.train(encoded, augmentation, x, i * stride);
      } else {
        preprocessing.plain(encoded, x, i * stride);
      }
    }
    return drawn;
  }

  /** The loader's shuffle of the image list in {@code epoch} (cached for the current epoch). */
  private synchronized int[] permutation(int loader, long epoch) {
    if (permutationEpoch[loader] != epoch) {
      int[] order = new int[items.size()];
      for (int i = 0; i < order.length; i++) {
        order[i] = i;
      }
      SplittableRandom random = new SplittableRandom(mix(options.seed(), loader, epoch));
      for (int i = order.length - 1; i > 0; i--) { // Fisher–Yates
        int j = random.nextInt(i + 1);
        int t = order[i];
        order[i] = order[j];
        order[j] = t;
      }
      permutation[loader] = order;
      permutationEpoch[loader] = epoch;
    }
    return permutation[loader];
  }

  /** Starts prefetching from {@code fromIteration}; then {@link #next()} returns that batch and the following. */
  public void start(long fromIteration) {
    if (prefetcher != null) {
      throw new IllegalStateException("already started");
    }
    nextIteration = fromIteration;
    queue = new ArrayBlockingQueue<>(Math.max(1, options.prefetch()));
    prefetcher = new Thread(io.funit.common.logging.JobMdc.propagating(() -> {
      try {
        for (long i = fromIteration; !Thread.currentThread().isInterrupted(); i++) {
          Object batch;
          try {
            batch = batchAt(i);
          } catch (RuntimeException | Error e) {
            batch = e; // handed to the training thread, which fails with it
          }
          queue.put(batch);
          if (batch instanceof Throwable) {
            return;
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }), "sampler-prefetch");
    prefetcher.setDaemon(true);
    prefetcher.start();
  }

  /** The next prefetched batch, in iteration order. */
  public HostBatch next() throws InterruptedException {
    Object item;
    do {
      item = queue.poll(1, TimeUnit.SECONDS);
      if (item == null && !prefetcher.isAlive()) {
        throw new IllegalStateException("the sampler's prefetch thread stopped");
      }
    } while (item == null);
    if (item instanceof Throwable e) {
      throw new IllegalStateException("cannot prepare batch " + nextIteration + ": " + e.getMessage(), e);
    }
    HostBatch batch = (HostBatch) item;
    nextIteration = batch.iteration() + 1;
    return batch;
  }

  /** Stops the prefetch thread and waits for it, so a finished job leaves no thread holding the image cache. */
  @Override
  public void close() {
    if (prefetcher != null) {
      prefetcher.interrupt();
      queue.clear(); // a put blocked on a full queue returns
      try {
        prefetcher.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** A well-spread 64-bit seed from three numbers (SplitMix64 finalizer). */
  static long mix(long seed, long a, long b) {
    long z = seed * 0x9E3779B97F4A7C15L + a * 0xBF58476D1CE4E5B9L + b * 0x94D049BB133111EBL;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
