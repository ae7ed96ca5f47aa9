package io.funit.gateway.jobs;

import io.funit.common.kafka.JobStateProjection;
import io.funit.common.storage.ObjectStore;
import io.funit.gateway.GatewaySettings;
import io.funit.gateway.tenants.Ownership;
import io.vertx.core.Vertx;

/** What a type's routes may use: the gateway's settings and clients, shared by every route. */
public record JobApiServices(Vertx vertx, GatewaySettings settings, JobAdmission admission, JobSubmitter submitter,
    JobStateProjection jobs, JobWatcher watcher, ObjectStore store, Ownership owners) {}
