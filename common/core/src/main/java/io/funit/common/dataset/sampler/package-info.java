/**
 * Feeds training and evaluation from a dataset (spec §4, G13): content and class batches drawn independently,
 * photo augmentation (flip, resize of the shorter side, random crop), K-shot sets for evaluation, background
 * prefetch, and determinism by seed: a batch is a pure function of (seed, iteration), so a resumed training sees
 * exactly the batches the uninterrupted one would have. Shards stream from the object store into a local cache;
 * only encoded images of recently used classes stay in memory, so datasets larger than memory work.
 */
package io.funit.common.dataset.sampler;
