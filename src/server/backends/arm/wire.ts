import { z } from "zod";

// The parts of Azure Resource Manager replies that every ARM backend reads (reference B0, B5, C0):
// instance-view statuses, list pages, the async-operation document and the error envelope. Unknown
// fields are ignored; missing required ones are errors (a malformed reply).

export const armStatus = z.object({ code: z.string(), level: z.string().optional(), displayStatus: z.string().optional(), message: z.string().optional() });

/** One page of a list: `value` required, `nextLink` when there is more. */
export const page = <T extends z.ZodType>(item: T) => z.object({ value: z.array(item), nextLink: z.string().nullish() });

export const asyncOperation = z.object({
  status: z.string(),
  error: z.object({ code: z.string().optional(), message: z.string().optional() }).optional(),
});

export const errorEnvelope = z.object({ error: z.object({ code: z.string().optional(), message: z.string().optional() }) });
