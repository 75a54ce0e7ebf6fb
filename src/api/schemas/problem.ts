import * as z from 'zod/mini';

/** One field-level error inside a problem document. */
export const FieldError = z.object({
  /** JSON pointer (`/amount`) or dotted field name (`amount`). */
  field: z.string(),
  message: z.string(),
  code: z.optional(z.string()),
});
export type FieldError = z.infer<typeof FieldError>;

/** RFC 9457 problem details, with our `code`, field `errors` and `request_id` extensions. */
export const Problem = z.looseObject({
  type: z.optional(z.string()),
  title: z.optional(z.string()),
  status: z.optional(z.int()),
  detail: z.optional(z.string()),
  instance: z.optional(z.string()),
  code: z.optional(z.string()),
  errors: z.optional(z.array(FieldError)),
  request_id: z.optional(z.string()),
});
export type Problem = z.infer<typeof Problem>;
