import { guidToRequestId, operationIdPattern, requestIdToGuid } from "../../../shared/names.ts";
import { errors } from "../errors.ts";
import { el, root, text } from "../xml/builder.ts";
import { ok, type Handler } from "./context.ts";
import { findSubscription } from "./lookup.ts";

/**
 * Get Operation Status: `GET /<sub>/operations/<32-hex request id>` (the dashed form is accepted too).
 * `ID` is the dashed GUID; `HttpStatusCode` only once finished; `Error` only when Failed (reference A6).
 */
export const getOperationStatus: Handler = (ctx) => {
  const sub = findSubscription(ctx);
  const id = guidToRequestId(ctx.params.operation ?? "");
  if (!operationIdPattern.test(id)) throw errors.badRequest("The operation ID is not a valid request ID (32 hexadecimal characters).");
  const op = ctx.state.operation(sub.id, id);
  if (!op) throw errors.noOperation();
  const status = ctx.state.operationStatus(op);
  return ok(
    root(
      "Operation",
      text("ID", requestIdToGuid(op.id)),
      text("Status", status),
      status !== "InProgress" && text("HttpStatusCode", op.httpStatusCode),
      status === "Failed" && op.error && el("Error", text("Code", op.error.code), text("Message", op.error.message)),
    ),
  );
};
