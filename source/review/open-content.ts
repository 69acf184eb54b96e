import {createReadStream} from 'node:fs';
import {stat} from 'node:fs/promises';
import {Readable} from 'node:stream';
import {createGunzip} from 'node:zlib';
import {isGzip, isZip} from './binary-kinds.js';
import {openZipEntry, readZipEntries} from './zip-archive.js';

/** A content opened for reading from its start, gzip already unpacked. */
export type OpenedContent = {
	/** The content's chunks; stop iterating whenever enough was read. */
	chunks: AsyncIterable<Buffer>;
	gzip: boolean;
	/** The members, when the file is a zip archive and no member was asked for. */
	members?: string[];
};

/**
 * Opens a file's content (or the member `member` of a zip) for a look at its start: the preview
 * reads a few lines, never the whole file.
 */
export async function openContent(path: string, member?: string): Promise<OpenedContent> {
	const head = await readHead(path, 4);
	if (isZip(head)) {
		const entries = await readZipEntries(path, (await stat(path)).size);
		if (member === undefined) {
			return {
				chunks: Readable.from([]),
				gzip: false,
				members: entries.filter((entry) => !entry.name.endsWith('/')).map((entry) => entry.name),
			};
		}
		const entry = entries.find((candidate) => candidate.name === member);
		if (!entry) throw new Error(`${member} is not in the archive`);
		return gunzipIfNeeded(await openZipEntry(path, entry));
	}
	return gunzipIfNeeded(createReadStream(path, {highWaterMark: 64 * 1024}));
}

async function readHead(path: string, bytes: number): Promise<Buffer> {
	const chunks: Buffer[] = [];
	let length = 0;
	for await (const chunk of createReadStream(path, {start: 0, end: bytes - 1})) {
		chunks.push(chunk as Buffer);
		length += (chunk as Buffer).length;
	}
	return Buffer.concat(chunks, length);
}

/** Peeks at the first chunk: gzip is unpacked, anything else passes as it is. */
async function gunzipIfNeeded(stream: Readable): Promise<OpenedContent> {
	const reader = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
	const first = await reader.next();
	if (first.done) return {chunks: Readable.from([]), gzip: false};
	async function* all(): AsyncGenerator<Buffer> {
		try {
			yield first.value as Buffer;
			for (;;) {
				const next = await reader.next();
				if (next.done) return;
				yield next.value;
			}
		} finally {
			stream.destroy();
		}
	}
	if (!isGzip(first.value as Buffer)) return {chunks: all(), gzip: false};
	const gunzip = createGunzip();
	const source = Readable.from(all());
	source.on('error', (error) => gunzip.destroy(error));
	gunzip.on('close', () => source.destroy());
	return {chunks: source.pipe(gunzip), gzip: true};
}
