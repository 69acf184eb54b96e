import {z} from 'zod';

import {document} from './json-document.js';

/** The `--json` documents of the Crypt4GH commands (beside json-shapes.ts, which lists them). */

export const keyShape = z.strictObject({
	name: z.string(),
	fingerprint: z.string(),
	publicKey: z.string(),
	publicKeyFile: z.string(),
	privateKeyFile: z.string().optional(),
	protected: z.boolean().optional(),
});

export const keysDocument = document({
	action: z.enum(['generate', 'show', 'import', 'publish', 'trust']),
	key: keyShape.optional(),
	/** publish: where the key went; trust: whose key is now accepted. */
	holder: z.string().optional(),
	object: z.string().optional(),
	fingerprint: z.string().optional(),
});

export const encryptDocument = document({
	out: z.string(),
	bytes: z.number(),
	sha256: z.string(),
	encryptedBytes: z.number(),
	recipients: z.array(z.string()),
	sender: z.string(),
});

export const decryptDocument = document({
	out: z.string(),
	bytes: z.number(),
	sha256: z.string(),
	senders: z.array(z.string()),
});
