/** Settings of the Java runtime itself that every process of the system applies at start. */
package io.funit.common.jvm;
