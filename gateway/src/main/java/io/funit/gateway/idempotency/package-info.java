/** {@code Idempotency-Key} on POST: the first answer is kept in the object store and replayed for a retry. */
package io.funit.gateway.idempotency;
