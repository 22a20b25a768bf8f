import { armErrors } from "../errors.ts";
import type { ArmContext } from "./context.ts";

/**
 * One page of a list: `{ value, nextLink? }`. The next page is the same request with `$skiptoken`
 * (an offset here; opaque to clients), as an absolute URL on the listener's own origin that carries
 * every query parameter the client needs, since the SDK follows `nextLink` as it is.
 */
export function page<T, U>(ctx: ArmContext, items: T[], render: (item: T) => U): { value: U[]; nextLink?: string } {
  const raw = ctx.query.$skiptoken;
  const offset = raw === undefined ? 0 : /^\d+$/.test(raw) ? Number(raw) : -1;
  if (offset < 0) throw armErrors.badParameter(`The value '${raw ?? ""}' of parameter '$skiptoken' is not valid.`);
  const end = offset + ctx.pageSize;
  if (end >= items.length) return { value: items.slice(offset).map(render) };
  const next = new URLSearchParams({ "api-version": ctx.apiVersion });
  if (ctx.query.$expand !== undefined) next.set("$expand", ctx.query.$expand);
  next.set("$skiptoken", String(end));
  return { value: items.slice(offset, end).map(render), nextLink: `${ctx.origin}${ctx.rawPath}?${next.toString()}` };
}
