/** Each job type's tenant-isolation case ({@link io.funit.deploy.it.tenants.TenantCase}), run by TenantIsolationIT. */
package io.funit.deploy.it.tenants;
