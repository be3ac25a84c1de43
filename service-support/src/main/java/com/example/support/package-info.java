/**
 * What both services share so that they behave alike at the edges: RFC 9457 problem responses for
 * every failure, one JSON mapper, request correlation ({@code X-Request-Id}, {@code X-Amzn-Trace-Id}),
 * the structured access log, parameter parsing with helpful errors, and the web server set-up.
 */
package com.example.support;
