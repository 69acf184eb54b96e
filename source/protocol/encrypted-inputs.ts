import type {NewTaskPlan} from './new-task.js';
import type {Task, TaskInput} from './task.js';

/**
 * Inputs sent as Crypt4GH files, as task.json says so. An encrypted input's `object` and `path`
 * end in `.c4gh` (a tool that does not decrypt, as the Python analyst tool, then saves what it
 * fetched under that name, which `crypt4gh decrypt` reads), and the input carries one field the
 * Python tools never read, `encryption`: the format and, per target biobank, the fingerprint of
 * the key it was encrypted to. ivjm decrypts only inputs so marked, into `path` without `.c4gh`.
 */
export const encryptedSuffix = '.c4gh';
export const encryptionField = 'encryption';

export type InputEncryptionNote = {format: 'crypt4gh'; recipients: Record<string, string>};

/** The `encryption` field of an input, when it names Crypt4GH (the rest of it is not needed). */
export function encryptionOf(input: TaskInput): InputEncryptionNote | undefined {
	const note = input.extra?.[encryptionField];
	if (typeof note !== 'object' || note === null) return undefined;
	const {format, recipients} = note as {format?: unknown; recipients?: unknown};
	if (format !== 'crypt4gh') return undefined;
	const named =
		typeof recipients === 'object' && recipients !== null
			? Object.fromEntries(
					Object.entries(recipients).filter(
						(entry): entry is [string, string] => typeof entry[1] === 'string',
					),
				)
			: {};
	return {format, recipients: named};
}

/** Whether ivjm decrypts this input at claim: marked encrypted, and its object a `.c4gh` one. */
export function isEncryptedInput(input: TaskInput): boolean {
	return encryptionOf(input) !== undefined && input.object.endsWith(encryptedSuffix);
}

/** Where an encrypted input's plaintext goes: its `path` without `.c4gh`. */
export function plainPathOf(input: TaskInput): string {
	return input.path.endsWith(encryptedSuffix)
		? input.path.slice(0, -encryptedSuffix.length)
		: input.path;
}

/** The upload keys `encryptPlanInputs` would encrypt: the uploaded inputs, not the instructions. */
export function encryptableUploads(plan: NewTaskPlan): Set<string> {
	const instructions = new Set(plan.task.instructions.map((item) => item.object));
	const inputObjects = new Set(plan.task.inputs.map((input) => input.object));
	return new Set(
		plan.uploads
			.map((upload) => upload.key)
			.filter((key) => inputObjects.has(key) && !instructions.has(key)),
	);
}

/**
 * The plan with every uploaded input encrypted: its upload marked `encrypted` and sent to
 * `<key>.c4gh`, its task.json entry (common and per biobank) pointing there, with the note.
 * The instructions file stays plain (the analyst reads it before claiming); an input that is
 * also the instructions file stays plain with it. `recipients`: biobank → key fingerprint.
 */
export function encryptPlanInputs(
	plan: NewTaskPlan,
	recipients: Record<string, string>,
): NewTaskPlan {
	const encrypted = encryptableUploads(plan);
	const note: InputEncryptionNote = {format: 'crypt4gh', recipients: {...recipients}};
	const rewrite = (task: Task): Task => ({
		...task,
		inputs: task.inputs.map((input) =>
			encrypted.has(input.object)
				? {
						...input,
						object: `${input.object}${encryptedSuffix}`,
						path: `${input.path}${encryptedSuffix}`,
						extra: {...input.extra, [encryptionField]: note},
					}
				: input,
		),
	});
	return {
		task: rewrite(plan.task),
		biobankTasks: plan.biobankTasks.map(({biobank, task}) => ({biobank, task: rewrite(task)})),
		uploads: plan.uploads.map((upload) =>
			encrypted.has(upload.key)
				? {...upload, key: `${upload.key}${encryptedSuffix}`, encrypted: true}
				: upload,
		),
	};
}
