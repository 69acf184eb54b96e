import {z} from 'zod';
import {decryptDocument, encryptDocument, keysDocument} from './crypt4gh-json-shapes.js';
import {document, schema} from './json-document.js';
import {
	approveDocument,
	policyDocument,
	returnDocument,
	reviewDocument,
	signOffShape,
} from './review-json-shapes.js';
import {resubmitDocument, watchDocument} from './watch-json-shapes.js';

/**
 * Every document `--json` prints, defined once (the readme documents them, a test validates
 * every command's output against them). Field names are the same in every command (`id`,
 * `status`, `biobank`, `requester`…), times are RFC 3339 in UTC with `Z`, and every document
 * carries `schema`, which changes when a reader would break.
 */
export {schema};

const time = z.iso.datetime();

export const biobankStatus = z.enum([
	'not-targeted',
	'not-submitted',
	'waiting',
	'processing',
	'ready',
	'failed',
	'declined',
	'cancelled',
]);

/** A whole job's one word; `invalid` when its task.json cannot be read. */
export const jobStatus = z.enum([
	'ready',
	'cancelled',
	'processing',
	'waiting',
	'not-submitted',
	'failed',
	'invalid',
]);

/** One job of `ivjm jobs` (and the head of `ivjm show`). */
export const jobSummary = z.strictObject({
	id: z.string(),
	name: z.string().nullable(),
	type: z.string().nullable(),
	requester: z.string(),
	submitted: time,
	status: jobStatus,
	/** Every targeted biobank is ready: the results can be downloaded. */
	downloadable: z.boolean(),
	biobanks: z.array(z.strictObject({biobank: z.string(), status: biobankStatus})),
	problems: z.array(z.string()),
});

export const jobsDocument = document({user: z.string(), jobs: z.array(jobSummary)});

const location = {bucket: z.string(), object: z.string()};

/** A task.json in our words (its submit time is the job's `submitted`). */
export const taskShape = z.strictObject({
	name: z.string(),
	description: z.string(),
	email: z.string(),
	biobanks: z.array(z.string()),
	requirements: z.array(z.string()),
	resources: z.strictObject({
		cpuCores: z.number(),
		ramGb: z.number(),
		diskGb: z.number(),
		timeHours: z.number(),
		preemptible: z.boolean(),
	}),
	inputs: z.array(
		z.strictObject({name: z.string(), description: z.string(), path: z.string(), ...location}),
	),
	outputs: z.array(z.strictObject({path: z.string(), ...location})),
	instructions: z.array(z.strictObject(location)),
});

/** A status marker: its name, who wrote it, when (null when it cannot be told), why. */
export const markerShape = z.strictObject({
	name: z.string(),
	by: z.string().nullable(),
	at: time.nullable(),
	reason: z.string().nullable(),
});

export const showDocument = document({
	job: jobSummary.extend({
		task: taskShape.nullable(),
		biobanks: z.array(
			z.strictObject({
				biobank: z.string(),
				status: biobankStatus,
				markers: z.array(markerShape),
				results: z.array(z.strictObject({name: z.string(), bytes: z.number()})),
				/** The release review's sign-off, where the biobank wrote one. */
				signOff: signOffShape.nullable(),
			}),
		),
	}),
});

export const submitDocument = document({
	id: z.string(),
	biobanks: z.array(z.string()),
	/** The objects of the inputs (and instructions) uploaded. */
	uploads: z.array(z.string()),
	/** Whether the inputs went encrypted (Crypt4GH) to the biobanks' keys, or why not. */
	encryption: z.strictObject({
		encrypted: z.boolean(),
		recipients: z.array(z.strictObject({biobank: z.string(), fingerprint: z.string()})),
		reason: z.string().nullable(),
	}),
});

const verifiedBy = z.enum(['sha256', 'md5', 'none']);

export const resultsDocument = document({
	id: z.string(),
	folder: z.string(),
	files: z.array(
		z.strictObject({
			biobank: z.string(),
			name: z.string(),
			path: z.string(),
			bytes: z.number(),
			sha256: z.string(),
			verifiedBy,
			/** It was there already, verified: not downloaded again. */
			skipped: z.boolean(),
		}),
	),
	/** Results refused (a symbolic link on the way, an unsafe name), each with why; the exit is 1. */
	refused: z.array(z.strictObject({biobank: z.string(), name: z.string(), reason: z.string()})),
});

export const cancelDocument = document({id: z.string(), cancelled: z.array(z.string())});

export const deleteDocument = document({
	id: z.string(),
	deleted: z.number(),
	objects: z.number(),
	results: z.number(),
	requests: z.number(),
	segments: z.number(),
});

/** One job of an analyst's inbox. */
export const inboxJob = z.strictObject({
	id: z.string(),
	requester: z.string(),
	name: z.string().nullable(),
	type: z.string().nullable(),
	submitted: time,
	status: biobankStatus,
	claimable: z.boolean(),
	/** Sum of the inputs' sizes that storage could tell; null without a task.json. */
	inputBytes: z.number().nullable(),
	missingInputs: z.number(),
	/** Who holds, delivered or gave up the job, since when, and why. */
	by: z.string().nullable(),
	since: time.nullable(),
	reason: z.string().nullable(),
	problems: z.array(z.string()),
});

export const inboxDocument = document({biobank: z.string(), jobs: z.array(inboxJob)});

export const claimDocument = document({
	id: z.string(),
	biobank: z.string(),
	by: z.string(),
	at: time,
	/** Already this analyst's: nothing was written, the downloads resumed. */
	already: z.boolean(),
	/** The job had failed or been declined, and this claim took it up again. */
	reclaimed: z.boolean(),
	folder: z.string(),
	files: z.array(
		z.strictObject({
			path: z.string(),
			kind: z.enum(['input', 'instructions']),
			bytes: z.number(),
			sha256: z.string(),
			verifiedBy,
			skipped: z.boolean(),
			/** It came encrypted to your key and was decrypted (sha256 is the plaintext's). */
			decrypted: z.boolean(),
		}),
	),
});

export const deliverDocument = document({
	id: z.string(),
	biobank: z.string(),
	/** `awaiting-second-review`: the biobank's policy wants another analyst; nothing left yet. */
	status: z.enum(['ready', 'awaiting-second-review']),
	/** The object of the sign-off (ready) or of the review awaiting approval. */
	review: z.string(),
	/** The files kept on the host (--hold). */
	held: z.array(z.string()),
	files: z.array(
		z.strictObject({path: z.string(), object: z.string(), bytes: z.number(), sha256: z.string()}),
	),
});

export const giveUpDocument = document({
	id: z.string(),
	biobank: z.string(),
	status: z.enum(['failed', 'declined']),
	by: z.string(),
	reason: z.string(),
});

export const configDocument = document({
	settings: z.array(z.strictObject({key: z.string(), value: z.string(), from: z.string()})),
	files: z.strictObject({
		config: z.string(),
		cloudsYaml: z.string().nullable(),
		signIn: z.string(),
	}),
	keyring: z.string(),
	savedTokens: z.array(
		z.strictObject({
			username: z.string(),
			project: z.string(),
			authUrl: z.string(),
			expires: time,
			valid: z.boolean(),
		}),
	),
	/** With --check: who signed in where, and whether the bucket exists. */
	check: z
		.strictObject({
			user: z.string(),
			location: z.string(),
			bucket: z.string(),
			bucketExists: z.boolean(),
		})
		.nullable(),
});

export const logoutDocument = document({removed: z.array(z.string())});

export const helpDocument = document({
	commands: z.array(
		z.strictObject({
			name: z.string(),
			summary: z.string(),
			usage: z.string(),
			flags: z.array(z.strictObject({flag: z.string(), help: z.string()})),
		}),
	),
});

/** The one shape of a failure, whatever the command. */
export const errorDocument = document({
	error: z.strictObject({
		code: z.enum(['failure', 'usage', 'sign-in', 'not-found', 'conflict', 'transfer']),
		kind: z.string(),
		message: z.string(),
		nextStep: z.string().nullable(),
		details: z.record(z.string(), z.unknown()),
	}),
});

/** Each command's document, by command name (`fail` and `decline` share one). */
export const commandDocuments = {
	jobs: jobsDocument,
	show: showDocument,
	submit: submitDocument,
	results: resultsDocument,
	cancel: cancelDocument,
	delete: deleteDocument,
	inbox: inboxDocument,
	claim: claimDocument,
	review: reviewDocument,
	deliver: deliverDocument,
	approve: approveDocument,
	return: returnDocument,
	policy: policyDocument,
	fail: giveUpDocument,
	decline: giveUpDocument,
	config: configDocument,
	logout: logoutDocument,
	keys: keysDocument,
	encrypt: encryptDocument,
	decrypt: decryptDocument,
	watch: watchDocument,
	resubmit: resubmitDocument,
	help: helpDocument,
} as const;

/** What a command passes to `out.json` (everything but `schema`). */
export type DocumentOf<Name extends keyof typeof commandDocuments> = Omit<
	z.infer<(typeof commandDocuments)[Name]>,
	'schema'
>;
