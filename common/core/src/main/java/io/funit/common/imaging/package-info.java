/** Model images as pictures: (3, S, S) float planes in [−1, 1] drawn into, and read from, Java images. */
package io.funit.common.imaging;
