/** Error responses: RFC 9457 problem documents with stable types, produced in one failure handler. */
package io.funit.gateway.problem;
