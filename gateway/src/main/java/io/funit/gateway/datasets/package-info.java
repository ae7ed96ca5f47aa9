/** The dataset API: build datasets from fonts, uploads or S3 prefixes; list them; show their contact sheets. */
package io.funit.gateway.datasets;
