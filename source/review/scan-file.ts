import {createHash} from 'node:crypto';
import {createReadStream} from 'node:fs';
import {open, stat} from 'node:fs/promises';
import {isZip} from './binary-kinds.js';
import type {CompiledRules} from './compiled-rules.js';
import {severityOf, type Finding} from './finding.js';
import {scanContent, type ContentScan} from './scan-content.js';
import {openZipEntry, readZipEntries} from './zip-archive.js';

/** One file about to leave: its identity (size, SHA-256) and what the scan saw in it. */
export type FileScan = {
	/** Relative to the job folder. */
	file: string;
	bytes: number;
	sha256: string;
	modifiedAt: number;
	/** One content for a plain file, one per member for a zip archive. */
	contents: ContentScan[];
	findings: Finding[];
};

/** The file changed while it was scanned: what was scanned is not what is there. */
export class ChangedDuringScan extends Error {
	constructor(readonly file: string) {
		super(
			`${file} changed while it was being scanned; scan it again once the job has finished writing it.`,
		);
		this.name = 'ChangedDuringScan';
	}
}

/** Members read from one archive; a bigger archive is read this far and flagged. */
export const maxMembers = 10_000;

const readChunk = 1024 * 1024;

export type ScanFileOptions = {
	/** Bytes of the file read so far (for its SHA-256), as it goes. */
	onBytes?: (bytes: number) => void;
	signal?: AbortSignal;
};

/**
 * Scans `path` (shown as `file`). Every byte is read once for the SHA-256 the sign-off records;
 * the content is read as far as the rules need (tables whole, binaries' first 64 KiB), gzip
 * unpacked on the way. A zip archive is read twice: once for the SHA-256, then member by member
 * from its central directory.
 */
export async function scanFile(
	path: string,
	file: string,
	compiled: CompiledRules,
	options: ScanFileOptions = {},
): Promise<FileScan> {
	const before = await stat(path);
	if (!before.isFile()) throw new Error(`${file} is not a plain file`);
	const hash = createHash('sha256');
	let hashed = 0;
	const counted = (chunk: Buffer) => {
		hash.update(chunk);
		hashed += chunk.length;
		options.onBytes?.(hashed);
	};

	const place = {file};
	let contents: ContentScan[];
	let findings: Finding[];
	if (await startsAsZip(path)) {
		await hashFrom(path, 0, counted, options.signal);
		({contents, findings} = await scanZip(path, before.size, file, compiled, options.signal));
	} else {
		async function* tapped(): AsyncGenerator<Buffer> {
			for await (const chunk of createReadStream(path, {highWaterMark: readChunk})) {
				counted(chunk as Buffer);
				yield chunk as Buffer;
			}
		}
		const result = await scanContent(tapped(), {
			compiled,
			place,
			name: file,
			signal: options.signal,
		});
		await hashFrom(path, hashed, counted, options.signal);
		contents = [result.content];
		findings = result.findings;
	}

	const after = await stat(path);
	if (after.size !== before.size || after.mtimeMs !== before.mtimeMs || hashed !== after.size) {
		throw new ChangedDuringScan(file);
	}
	return {
		file,
		bytes: after.size,
		sha256: hash.digest('hex'),
		modifiedAt: after.mtimeMs,
		contents,
		findings,
	};
}

async function startsAsZip(path: string): Promise<boolean> {
	const handle = await open(path, 'r');
	try {
		const head = Buffer.alloc(4);
		const {bytesRead} = await handle.read(head, 0, 4, 0);
		return isZip(head.subarray(0, bytesRead));
	} finally {
		await handle.close();
	}
}

/** Reads the file from `offset` to its end into the hash. */
async function hashFrom(
	path: string,
	offset: number,
	counted: (chunk: Buffer) => void,
	signal?: AbortSignal,
): Promise<void> {
	for await (const chunk of createReadStream(path, {
		start: offset,
		highWaterMark: readChunk,
		signal,
	})) {
		counted(chunk as Buffer);
	}
}

async function scanZip(
	path: string,
	size: number,
	file: string,
	compiled: CompiledRules,
	signal?: AbortSignal,
): Promise<{contents: ContentScan[]; findings: Finding[]}> {
	const unreadable = (detail: string, member?: string): Finding => ({
		rule: 'unreadable',
		severity: severityOf.unreadable,
		file,
		...(member === undefined ? {} : {member}),
		detail,
	});
	let entries;
	try {
		entries = await readZipEntries(path, size);
	} catch (error) {
		return {
			contents: [],
			findings: [
				unreadable(`a zip archive whose directory cannot be read: ${(error as Error).message}`),
			],
		};
	}

	const contents: ContentScan[] = [];
	const findings: Finding[] = [];
	const members = entries.filter((entry) => !entry.name.endsWith('/'));
	for (const entry of members.slice(0, maxMembers)) {
		signal?.throwIfAborted();
		if (entry.encrypted || (entry.method !== 0 && entry.method !== 8)) {
			findings.push(
				unreadable(
					entry.encrypted ? 'encrypted in the archive' : `packed with zip method ${entry.method}`,
					entry.name,
				),
			);
			continue;
		}
		try {
			const stream = await openZipEntry(path, entry);
			const result = await scanContent(stream, {
				compiled,
				place: {file, member: entry.name},
				name: entry.name,
				signal,
			});
			stream.destroy();
			contents.push(result.content);
			findings.push(...result.findings);
		} catch (error) {
			if (signal?.aborted) throw signal.reason;
			findings.push(unreadable(`cannot be unpacked: ${(error as Error).message}`, entry.name));
		}
	}
	if (members.length > maxMembers) {
		findings.push(unreadable(`${members.length} members: only the first ${maxMembers} were read`));
	}
	return {contents, findings};
}
