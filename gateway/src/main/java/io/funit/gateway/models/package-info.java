/** The model registry API: registered models and their cards. */
package io.funit.gateway.models;
