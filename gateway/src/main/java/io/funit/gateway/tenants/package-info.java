/** Tenants: who owns each job, dataset, model, style and stored object, and who may see it. */
package io.funit.gateway.tenants;
