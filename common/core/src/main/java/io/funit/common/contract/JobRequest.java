package io.funit.common.contract;

/**
 * The typed parameters of one job type. Implementations are records that validate themselves in their compact
 * constructor and throw {@link InvalidRequestException} naming the field, so a bad request fails at parse time.
 */
public sealed interface JobRequest permits TranslateRequest, TrainRequest, EvalRequest, ProbeRequest, DatasetRequest {}
