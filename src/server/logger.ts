import type { FastifyServerOptions } from "fastify";
import { ARM_TOKEN_HEADER, MANAGEMENT_TOKEN_HEADER } from "../shared/api.ts";

/**
 * pino options for Fastify: JSON lines, a request id on every line of a request (Fastify binds
 * `reqId`), and credentials removed wherever they might appear.
 */
export function loggerOptions(level: string, stream?: NodeJS.WritableStream): FastifyServerOptions["logger"] {
  return {
    level,
    // Tests capture the output to check what is (not) logged; otherwise stdout.
    ...(stream ? { stream } : {}),
    redact: {
      paths: [
        "req.headers.authorization",
        "req.headers.cookie",
        `req.headers['${MANAGEMENT_TOKEN_HEADER}']`,
        `req.headers['${ARM_TOKEN_HEADER}']`,
        "res.headers['set-cookie']",
        "headers.authorization",
        "headers.cookie",
        "*.authorization",
        "*.upstreamToken",
        "*.armToken",
        "identity.armToken",
        "*.token",
        "identity.token",
        "cert",
        "key",
        "*.cert",
        "*.key",
      ],
      censor: "[redacted]",
    },
  };
}
