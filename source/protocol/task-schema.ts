import {z} from 'zod';
import {checkJobId} from './job-id.js';
import {
	checkName,
	hasControlCharacter,
	hasLoneSurrogate,
	maxKeyBytes,
	utf8Length,
} from './names.js';
import {checkRelativePath} from './safe-path.js';

// The task.json as the Python tools write it, read tolerantly: each slip protocol.md lists is
// accepted here, and everything else is refused with the field it concerns. Unknown fields pass
// through (looseObject) so that a newer tool's additions survive our rewrite.

const text = z.string();

function named(kind: 'user' | 'biobank' | 'bucket') {
	return z.string().check((context) => {
		const check = checkName(kind, context.value);
		if (!check.ok) {
			context.issues.push({code: 'custom', message: check.reason, input: context.value});
		}
	});
}

const jobId = z.string().check((context) => {
	const reason = checkJobId(context.value);
	if (reason) {
		context.issues.push({code: 'custom', message: reason, input: context.value});
	}
});

/** An object key, as it will be asked of Swift. A leading `/` (a Python slip) is dropped. */
const objectKey = z
	.string()
	.transform((value) => value.replace(/^\/+/, ''))
	.check((context) => {
		const reason = checkObjectKey(context.value);
		if (reason) {
			context.issues.push({code: 'custom', message: reason, input: context.value});
		}
	});

/** `<bucket>/<object>`, sometimes with a leading `/`; checked against bucket and object later. */
const url = z.string().transform((value) => value.replace(/^\/+/, ''));

const relativePath = z.string().check((context) => {
	const checked = checkRelativePath(context.value);
	if (!checked.ok) {
		context.issues.push({code: 'custom', message: checked.reason, input: context.value});
	}
});

// Numbers may arrive as strings ("4"): the "asked" resources of the `other` type are typed in.
const numberLike = z.preprocess(
	(value) =>
		typeof value === 'string' && /^\s*\d+(?:\.\d+)?\s*$/.test(value) ? Number(value) : value,
	z.number(),
);

const booleanLike = z.preprocess(
	(value) =>
		typeof value === 'string' && /^\s*(?:true|false)\s*$/i.test(value)
			? value.trim().toLowerCase() === 'true'
			: value,
	z.boolean(),
);

const resourcesObject = z.looseObject(
	{
		cpuCores: numberLike.pipe(
			z.number().int({error: 'must be a whole number'}).min(1, {error: 'must be at least 1'}),
		),
		ramGb: numberLike.pipe(z.number().min(0, {error: 'must not be negative'})),
		diskGb: numberLike.pipe(z.number().min(0, {error: 'must not be negative'})),
		timeHours: numberLike.pipe(z.number().min(0, {error: 'must not be negative'})),
		preemptible: booleanLike,
	},
	{error: 'must be an object (or, as the Python tool writes it, a list holding one object)'},
);

// The deployed requester tool writes `"resources": [ {…} ]`.
const resources = z.preprocess(
	(value) => (Array.isArray(value) && value.length === 1 ? value[0] : value),
	resourcesObject,
);

const location = {
	bucket: named('bucket').optional(),
	object: objectKey.optional(),
	url: url.optional(),
};

const input = z.looseObject({
	name: text,
	description: text.default(''),
	...location,
	path: relativePath,
	type: z.enum(['FILE', 'DIRECTORY'], {error: 'must be "FILE" or "DIRECTORY"'}).default('FILE'),
});

const output = z.looseObject({...location, path: relativePath});

const instruction = z.looseObject(location);

export const taskSchema = z.looseObject({
	ID: jobId,
	name: text,
	description: text,
	'csc-user': named('user'),
	requestor: text,
	date: text,
	biobanks: z
		.array(named('biobank'))
		.min(1, {error: 'names no biobank'})
		.transform((list) => [...new Set(list)]),
	// The requester tool appends the empty answer that ends its prompt loop: `["singularity", ""]`.
	requirements: z.array(text).transform((list) => list.filter((item) => item !== '')),
	resources,
	storageserver: text,
	inputs: z.array(input),
	outputs: z.array(output),
	instructions: z.array(instruction),
});

export type WireTask = z.output<typeof taskSchema>;
export type WireInput = z.output<typeof input>;
export type WireOutput = z.output<typeof output>;
export type WireInstruction = z.output<typeof instruction>;
export type WireLocation = {bucket?: string; object?: string; url?: string};

export const knownFields = {
	task: Object.keys(taskSchema.shape),
	resources: Object.keys(resourcesObject.shape),
	input: Object.keys(input.shape),
	output: Object.keys(output.shape),
	instruction: Object.keys(instruction.shape),
} as const;

/** Why `key` cannot be an object name, or undefined. */
export function checkObjectKey(key: string): string | undefined {
	if (key === '') return 'names no object';
	if (hasControlCharacter(key)) return 'contains a control character';
	if (hasLoneSurrogate(key)) return 'is not valid Unicode';
	if (utf8Length(key) > maxKeyBytes) return `is longer than ${maxKeyBytes} bytes`;
	return undefined;
}
