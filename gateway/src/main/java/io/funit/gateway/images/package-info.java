/** Checking the images of translation and style requests before anything is stored. */
package io.funit.gateway.images;
