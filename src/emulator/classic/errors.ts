import { FaceError } from "../routing.ts";
import { root, text } from "./xml/builder.ts";

/**
 * Service Management errors (reference A7), all built here. Handlers throw `ApiError`; the server
 * renders it as the Error XML.
 */
export class ApiError extends FaceError {
  override name = "ApiError";
}

export function errorXml(code: string, message: string): string {
  return root("Error", text("Code", code), text("Message", message));
}

export const errors = {
  missingVersion: () =>
    new ApiError(400, "MissingOrIncorrectVersionHeader", "The versioning header is not specified or was specified incorrectly."),
  versionTooOld: (min: string) =>
    new ApiError(400, "MissingOrIncorrectVersionHeader", `The specified x-ms-version is not supported for this operation; use ${min} or later.`),
  badQuery: (detail: string) =>
    new ApiError(400, "MissingOrInvalidRequiredQueryParameter", `A required query parameter was not specified for this request or was specified incorrectly. ${detail}`),
  badVerb: (method: string) => new ApiError(400, "InvalidHttpVerb", `The HTTP verb ${method} is not supported for this resource.`),
  badRequest: (message: string) => new ApiError(400, "BadRequest", message),
  invalidXml: () => new ApiError(400, "InvalidXmlRequest", "The request body's XML was invalid or not correctly specified."),
  forbidden: () =>
    new ApiError(403, "ForbiddenError", "The server failed to authenticate the request. Verify that the certificate is valid and is associated with this subscription."),
  unknownPath: () => new ApiError(404, "ResourceNotFound", "The requested URI does not represent any resource on the server."),
  noService: () => new ApiError(404, "ResourceNotFound", "The hosted service does not exist."),
  noDeployment: () => new ApiError(404, "ResourceNotFound", "No deployments were found."),
  noInstance: (name: string) => new ApiError(404, "ResourceNotFound", `The role instance ${name} does not exist in this deployment.`),
  noOperation: () => new ApiError(404, "ResourceNotFound", "The operation request ID was not found."),
  conflict: (requestId: string) =>
    new ApiError(
      409,
      "ConflictError",
      `Windows Azure is currently performing an operation with x-ms-requestid ${requestId} on this deployment that requires exclusive access.`,
    ),
  throttled: (status: number, retryAfterSeconds: number) =>
    new ApiError(status, "TooManyRequests", "Too many requests received. Retry after some time.", {
      "retry-after": String(retryAfterSeconds),
    }),
  internal: () => new ApiError(500, "InternalError", "The server encountered an internal error. Please retry the request."),
};
