/** {@code ./funit dataset}: build datasets locally (font glyphs from Debian packages or a folder of fonts). */
package io.funit.deploy.dataset;
