import * as z from "zod/mini";

// Every code the proxy answers in its error envelope, with the HTTP status it goes with and what an
// operator should read in an incident: what happened, whether anything reached Azure, what to do.
// The proxy builds its errors from this catalog (server/errors.ts); the SPA words every error by
// its code from here (web/lib/errors.ts), never by status or message text.

/** Whether the request reached Azure: "no" (refused by Rolecall), "maybe" (outcome unknown), "yes". */
export type ReachedAzure = "no" | "maybe" | "yes";

export interface ErrorEntry {
  status: number;
  /** What happened, in one sentence. */
  summary: string;
  reachedAzure: ReachedAzure;
  /** What to do next. */
  next: string;
}

const entry = (status: number, summary: string, reachedAzure: ReachedAzure, next: string): ErrorEntry => ({ status, summary, reachedAzure, next });

export const errorCatalog = {
  // The request itself.
  InvalidName: entry(400, "A name in the address is not valid.", "no", "Check the link or the name you typed."),
  InvalidQuery: entry(400, "A filter in the address is not valid.", "no", "Check the link, or clear the filters."),
  InvalidBody: entry(400, "The request carried a body Rolecall does not accept.", "no", "Reload the dashboard and try again."),
  InvalidJson: entry(400, "The request body is not valid JSON.", "no", "Reload the dashboard and try again."),
  BadRequest: entry(400, "Rolecall could not understand this request.", "no", "Reload the dashboard and try again."),
  PayloadTooLarge: entry(413, "The request is too large.", "no", "Reload the dashboard and try again."),
  RequestTimeout: entry(408, "The request took too long to arrive, so Rolecall stopped waiting for it.", "no", "Check your connection, then try again."),
  HeadersTooLarge: entry(431, "The request's headers are too large.", "no", "Sign out and in again (a token may have grown), then try again."),
  UnsupportedMediaType: entry(415, "The request was not sent as JSON.", "no", "Reload the dashboard and try again."),
  NotFound: entry(404, "There is nothing at this address.", "no", "Check the link; the service or deployment may have been deleted."),
  UnknownSubscription: entry(404, "This subscription is not one Rolecall is set up to show.", "no", "Pick a subscription from the list, or ask whoever runs Rolecall to add it."),
  UnknownOperation: entry(404, "Rolecall has no record of this operation.", "no", "Check the link; Rolecall only knows operations started through it."),
  UnknownJob: entry(404, "Rolecall has no record of this job.", "no", "Check the link, or open the target's jobs."),
  JobFinished: entry(409, "This job has already ended.", "no", "Start a new job if more instances need it."),
  InstanceProtected: entry(409, "An instance you chose is protected from actions in Azure.", "no", "Choose other instances, or remove the instance's protection in Azure first."),
  UnsupportedTarget: entry(400, "Rolecall cannot show or act on this kind of target.", "no", "Manage it in the Azure portal; Rolecall serves scale sets in Uniform orchestration only."),
  // Who is asking.
  Unauthenticated: entry(401, "You are not signed in, or your sign-in expired.", "no", "Sign in again, then retry."),
  Forbidden: entry(403, "Your account has no Rolecall role.", "no", "Ask for the Rolecall Reader or Operator role."),
  NotAnOperator: entry(403, "Only Operators can reimage, reboot or rebuild.", "no", "Ask an Operator to act, or for the Operator role."),
  AuthUnavailable: entry(503, "Rolecall cannot check sign-ins right now.", "no", "Try again in a minute; if it persists, the sign-in provider is unreachable."),
  CrossSiteRequest: entry(403, "Rolecall refused a request from another site.", "no", "Open Rolecall at its own address and act from there."),
  WrongHost: entry(421, "Rolecall does not answer at this host name.", "no", "Open Rolecall at its configured address."),
  // Rolecall's own limits.
  DeploymentBusy: entry(409, "Another action already holds this target.", "no", "Wait for it to finish, then try again."),
  TooManyActions: entry(429, "You sent too many actions in a short time.", "no", "Wait, then act again."),
  // Azure's answers.
  UpstreamConflict: entry(409, "Azure is busy with another operation on this target.", "yes", "Wait for it to finish, then try again."),
  UpstreamThrottled: entry(503, "Azure is throttling requests.", "yes", "Wait, then try again."),
  UpstreamForbidden: entry(403, "Azure refused access.", "yes", "Check that your account (or Rolecall's certificate) has access to this subscription."),
  UpstreamRejected: entry(502, "Azure rejected the request.", "yes", "Read Azure's reason below; it usually names what to fix."),
  // A server error can come after Azure started work: not "yes".
  UpstreamError: entry(502, "Azure failed to handle the request.", "maybe", "Check the target before acting again; try again in a minute."),
  UpstreamMalformed: entry(502, "Azure sent a reply Rolecall could not read.", "maybe", "Check the target before acting again; report it if it persists."),
  UpstreamTimeout: entry(504, "Azure did not answer in time.", "maybe", "Check the target's instances before trying again."),
  UpstreamUnreachable: entry(502, "Rolecall could not reach Azure.", "no", "Check Rolecall's upstream setting and the network, then try again."),
  UpstreamConnectionLost: entry(502, "The connection to Azure broke after the request was sent.", "maybe", "Check the target's instances before acting again."),
  NotReady: entry(503, "This Rolecall process cannot serve yet: its store or an upstream does not answer.", "no", "Send traffic to another replica; the message names the part to check."),
  InternalError: entry(500, "Rolecall hit an internal error.", "maybe", "Check the target before acting again; the server log has the details."),
} satisfies Record<string, ErrorEntry>;

export type ErrorCode = keyof typeof errorCatalog;
export const errorCodes = Object.keys(errorCatalog) as ErrorCode[];
export const errorCodeSchema = z.enum(errorCodes as [ErrorCode, ...ErrorCode[]]);

export function isErrorCode(code: string): code is ErrorCode {
  return Object.hasOwn(errorCatalog, code);
}
