import {z} from 'zod';
import {document} from './json-document.js';

/** The `--json` documents of `watch` and `resubmit` (beside json-shapes.ts, which lists them). */

/** What `ivjm watch` did, printed when it stops (after one poll with `--once`). */
export const watchDocument = document({
	role: z.enum(['researcher', 'analyst']),
	/** The user whose jobs (researcher) or the biobank whose requests (analyst) were watched. */
	watched: z.string(),
	scope: z.string(),
	channels: z.array(z.string()),
	polls: z.number(),
	/** The last poll read the bucket and every send it tried went through. */
	ok: z.boolean(),
});

/** `ivjm resubmit`: the new job, the one it replaces, and the inputs copied inside the store. */
export const resubmitDocument = document({
	id: z.string(),
	replaces: z.string(),
	biobanks: z.array(z.string()),
	/** The new job's input keys, each copied server-side from the old job's. */
	copied: z.array(z.string()),
});
