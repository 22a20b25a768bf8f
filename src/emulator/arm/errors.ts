import { FaceError } from "../routing.ts";
/**
 * Azure Resource Manager errors (reference B0, B5, B6), all built here. Handlers throw `ArmError`;
 * the pipeline renders it as the CloudError envelope `{"error":{"code","message"}}`.
 */
export class ArmError extends FaceError {
  override name = "ArmError";
  /** CloudError's `target`: the part of the request at fault, when Azure names one. */
  target?: string;
}

export function errorBody(code: string, message: string, target?: string): { error: { code: string; message: string; target?: string } } {
  return { error: { code, message, ...(target === undefined ? {} : { target }) } };
}

const withTarget = (e: ArmError, target: string): ArmError => Object.assign(e, { target });

const cs = (rg: string, name: string) => `Microsoft.Compute/cloudServices/${name}' under resource group '${rg}`;
const vmss = (rg: string, name: string) => `Microsoft.Compute/virtualMachineScaleSets/${name}' under resource group '${rg}`;

export const armErrors = {
  // ARM authenticates before it looks at anything else; it accepts any token here (no real identity).
  missingToken: () =>
    new ArmError(401, "AuthenticationFailed", "Authentication failed. The 'Authorization' header is missing.", {
      "WWW-Authenticate": 'Bearer authorization_uri="https://login.microsoftonline.com/common", error="invalid_token", error_description="The authentication failed because of missing \'Authorization\' header."',
    }),
  badToken: () =>
    new ArmError(401, "InvalidAuthenticationToken", "The access token is invalid: the 'Authorization' header must be 'Bearer <token>'.", {
      "WWW-Authenticate": 'Bearer authorization_uri="https://login.microsoftonline.com/common", error="invalid_token", error_description="The access token is invalid."',
    }),
  missingApiVersion: () =>
    new ArmError(400, "MissingApiVersionParameter", "The api-version query parameter (?api-version=) is required for all requests."),
  badApiVersion: (given: string, supported: readonly string[]) =>
    new ArmError(
      400,
      "InvalidApiVersionParameter",
      `The api-version '${given}' is invalid. The supported versions are '${supported.join(",")}'.`,
    ),
  badParameter: (message: string) => new ArmError(400, "InvalidParameter", message),
  badContent: (detail: string) =>
    new ArmError(400, "InvalidRequestContent", `The request content was invalid and could not be deserialized: '${detail}'.`),
  tooLarge: () => new ArmError(413, "RequestEntityTooLarge", "The request body is larger than the 1 MB limit."),
  noRoute: (path: string) => new ArmError(404, "NotFound", `No HTTP resource was found that matches the request URI '${path}'.`),
  badMethod: (method: string) => new ArmError(405, "MethodNotAllowed", `The requested resource does not support http method '${method}'.`),
  noSubscription: (id: string) => new ArmError(404, "SubscriptionNotFound", `The subscription '${id}' could not be found.`),
  noResourceGroup: (rg: string) => new ArmError(404, "ResourceGroupNotFound", `Resource group '${rg}' could not be found.`),
  noCloudService: (rg: string, name: string) => new ArmError(404, "ResourceNotFound", `The Resource '${cs(rg, name)}' was not found.`),
  noChild: (rg: string, name: string, kind: "roleInstances" | "roles" | "updateDomains", child: string) =>
    new ArmError(404, "ResourceNotFound", `The Resource '${cs(rg, `${name}/${kind}/${child}`)}' was not found.`),
  noScaleSet: (rg: string, name: string) => new ArmError(404, "ResourceNotFound", `The Resource '${vmss(rg, name)}' was not found.`),
  noScaleSetVm: (rg: string, name: string, instanceId: string) =>
    new ArmError(404, "ResourceNotFound", `The Resource '${vmss(rg, `${name}/virtualMachines/${instanceId}`)}' was not found.`),
  /** Azure's own words for an id in a batch body that names no instance (seen in azure-cli#25476, onefuzz#2547). */
  notActiveInstance: (instanceId: string) =>
    withTarget(new ArmError(400, "InvalidParameter", `The provided instanceId ${instanceId} is not an active Virtual Machine Scale Set VM instanceId.`), "instanceIds"),
  /**
   * A batch action that names instances protected from scale-set actions. Azure documents that such
   * instances are protected from actions initiated on the scale set; the exact code and wording of the
   * refusal are UNCONFIRMED: 409 `OperationNotAllowed` is Compute's usual code for an action the
   * resource's state forbids.
   */
  protectedInstances: (name: string, instanceIds: string[]) =>
    withTarget(
      new ArmError(
        409,
        "OperationNotAllowed",
        `Operation cannot be performed on instance(s) ${instanceIds.join(", ")} of Virtual Machine Scale Set '${name}' because they are protected from scale set actions (protectionPolicy.protectFromScaleSetActions).`,
      ),
      "instanceIds",
    ),
  noOperation: (id: string) => new ArmError(404, "ResourceNotFound", `The operation '${id}' was not found.`),
  /**
   * A second operation while one runs on the same cloud service or scale set: 409 `Conflict` with Compute's own
   * wording for concurrent requests (the JS SDK surfaces it as RestError code `Conflict`, reference B5).
   */
  conflict: () =>
    new ArmError(
      409,
      "Conflict",
      "The request failed due to conflict with a concurrent request. To resolve it, please refer to https://aka.ms/activitylog to get more details on the conflicting requests.",
    ),
  throttled: (status: number, retryAfterSeconds: number, subscription: string, kind: "reads" | "writes") =>
    status === 429
      ? new ArmError(
          429,
          "SubscriptionRequestsThrottled",
          `Number of '${kind === "reads" ? "read" : "write"}' requests for subscription '${subscription}' exceeded the limit. Please try again after '${retryAfterSeconds}' seconds.`,
          { "Retry-After": String(retryAfterSeconds) },
        )
      : new ArmError(status, "ServerBusy", "The server is currently unable to handle the request. Please retry later.", {
          "Retry-After": String(retryAfterSeconds),
        }),
  internal: () => new ArmError(500, "InternalServerError", "Encountered internal server error. Please try again."),
};
