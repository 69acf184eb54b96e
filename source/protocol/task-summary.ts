import type {Task} from './task-types.js';

/**
 * What the jobs table and its filter show of a task.json: carried in the content type of the
 * common task.json that ivjm writes, so that a listing (which returns each object's content
 * type) is enough to show the table, with no GET per job. Jobs written by the Python tools have
 * none, and are read as before.
 */
export type TaskSummary = {
	name: string;
	description: string;
	requestor: string;
	/** The targeted biobanks, in the task's order. */
	biobanks: string[];
	/** The analysis type (catalogue id, or `other`), told when the job was written. */
	type: string;
};

/** The content-type parameter that carries the summary: `1.<md5 of the body>.<base64url JSON>`. */
const parameter = 'ivjm-summary';
const version = '1';

/**
 * A task.json's content type stays within this many characters, or carries no summary. Swift
 * keeps the content type with the object's metadata (in xattrs, which ext4 caps at one 4 KiB
 * block per file, shared with the name, ETag and timestamp): 1 KiB leaves room for the rest.
 */
export const summaryContentTypeBudget = 1024;

type WireSummary = {i: string; n: string; d: string; r: string; b: string[]; t: string};

/**
 * The content type to write the task.json of `task` with (`bodyMd5`: the hex MD5 of its text,
 * which a listing returns as the object's hash): `base` plus the summary, or `base` alone when
 * the summary would not fit the budget (a long name or description).
 */
export function contentTypeWithSummary(
	base: string,
	task: Task,
	bodyMd5: string,
	type: string,
): string {
	const wire: WireSummary = {
		i: task.id,
		n: task.name,
		d: task.description,
		r: task.requestor,
		b: task.biobanks,
		t: type,
	};
	const encoded = Buffer.from(JSON.stringify(wire)).toString('base64url');
	const contentType = `${base}; ${parameter}=${version}.${bodyMd5.toLowerCase()}.${encoded}`;
	return contentType.length <= summaryContentTypeBudget ? contentType : base;
}

const valuePattern = /^1\.([\da-f]{32})\.([\w-]+)$/u;

/**
 * The summary a listed task.json carries, if it is one ivjm wrote for exactly this object: the
 * MD5 it names must be the listing's hash (a task.json rewritten by another tool, with this
 * content type kept, is not described by it) and the job id must be the key's. Anything missing,
 * malformed or not matching gives undefined: the caller reads the task.json instead.
 */
export function summaryFromContentType(
	contentType: string | undefined,
	expected: {jobId: string; hash: string},
): TaskSummary | undefined {
	if (!contentType || contentType.length > summaryContentTypeBudget) return undefined;
	// Swift's listing drops the spaces after `;`: both forms are read.
	const value = contentType
		.split(';')
		.map((part) => part.trim())
		.find((part) => part.startsWith(`${parameter}=`))
		?.slice(parameter.length + 1);
	const match = value === undefined ? undefined : valuePattern.exec(value);
	if (!match || match[1] !== expected.hash.toLowerCase()) return undefined;
	let wire: unknown;
	try {
		wire = JSON.parse(Buffer.from(match[2]!, 'base64url').toString('utf8'));
	} catch {
		return undefined;
	}
	if (!isWireSummary(wire) || wire.i !== expected.jobId) return undefined;
	return {name: wire.n, description: wire.d, requestor: wire.r, biobanks: wire.b, type: wire.t};
}

function isWireSummary(value: unknown): value is WireSummary {
	const wire = value as Partial<WireSummary> | null;
	const strings = [wire?.i, wire?.n, wire?.d, wire?.r, wire?.t];
	return (
		strings.every((field) => typeof field === 'string') &&
		Array.isArray(wire?.b) &&
		wire.b.every((biobank) => typeof biobank === 'string')
	);
}
