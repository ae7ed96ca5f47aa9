/** The shared JSON mapping: one ObjectMapper with the wire conventions of the API, the topics and stored files. */
package io.funit.common.json;
