import {z} from 'zod';

/** The `schema` field of every `--json` document: it changes when a reader would break. */
export const schema = z.literal('ivjm/1');

/** A `--json` document: `schema`, then the command's own fields, and nothing else. */
export const document = <Shape extends z.ZodRawShape>(shape: Shape) =>
	z.strictObject({schema, ...shape});
