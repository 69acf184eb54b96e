import {createReadStream} from 'node:fs';
import {Readable} from 'node:stream';
import {BadRequest, Conflict, NotFound, StorageError} from '../errors/index.js';
import type {
	GetOptions,
	GetResult,
	ObjectHead,
	ObjectRef,
	ObjectStore,
	SegmentRef,
} from '../store.js';
import {
	lastModifiedOf,
	readObjectFileSync,
	type ReadObject,
	type StoredObject,
} from './object-file.js';

/** Files up to this size are read whole by a GET: task.json files, markers, notes. */
const smallObjectBytes = 64 * 1024;

/** The object at `path` (the file of `ref`): its trailer, size and time (and body, if `small`). */
export function loadObject(ref: ObjectRef, path: string, small = false): ReadObject {
	try {
		return readObjectFileSync(path, small ? smallObjectBytes : 0);
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		if (code === 'ENOENT' || code === 'ENOTDIR')
			throw new NotFound(`No object ${ref.key} in ${ref.container}`, {...ref, status: 404});
		throw new StorageError(`Could not read ${ref.key}`, {...ref, cause: error});
	}
}

export function headOf(ref: ObjectRef, stored: StoredObject): ObjectHead {
	const {segments, etag, contentType, metadata, manifest} = stored.trailer;
	const bytes = segments ? segments.reduce((total, s) => total + s.bytes, 0) : stored.bodyBytes;
	return {
		key: ref.key,
		bytes,
		etag,
		contentType,
		lastModified: lastModifiedOf(stored.mtimeMs),
		metadata: {...metadata},
		manifest,
	};
}

/**
 * A GET of the object stored at `path`: its bytes in `options.range`, from the file itself or,
 * for a manifest, from its segments (read through `store`).
 */
export function readObject(
	ref: ObjectRef,
	path: string,
	stored: ReadObject,
	store: ObjectStore,
	options: GetOptions,
): GetResult {
	const head = headOf(ref, stored);
	if (options.ifMatch !== undefined && options.ifMatch !== head.etag) {
		throw new Conflict(`${ref.key} changed since it was last read`, {...ref, status: 412});
	}
	const start = options.range?.start ?? 0;
	const end = Math.min(options.range?.end ?? head.bytes - 1, head.bytes - 1);
	if (options.range && start >= head.bytes && head.bytes > 0) {
		throw new BadRequest(`Range ${start}- is beyond the end of ${ref.key}`, {
			...ref,
			status: 416,
		});
	}
	const {segments} = stored.trailer;
	const pieces: Piece[] | Buffer = segments
		? segmentPieces(segments, start, end)
		: (stored.content?.subarray(start, end + 1) ?? [{file: path, start, end}]);
	const body = Buffer.isBuffer(pieces)
		? bufferBody(pieces)
		: Readable.from(readPieces(pieces, store), {objectMode: false});
	const {signal} = options;
	if (signal) {
		const stop = () => body.destroy(signal.reason as Error);
		signal.addEventListener('abort', stop, {once: true});
		// Many reads share one signal (a whole refresh): let go of it when this body ends.
		body.once('close', () => signal.removeEventListener('abort', stop));
	}
	return {head, body};
}

/** A body already in memory: pushed at once (half the cost of Readable.from for 10,000 reads). */
function bufferBody(content: Buffer): Readable {
	const body = new Readable({read() {}});
	body.push(content);
	body.push(null);
	return body;
}

type Piece =
	{file: string; start: number; end: number} | {segment: SegmentRef; start: number; end: number};

function segmentPieces(segments: SegmentRef[], start: number, end: number): Piece[] {
	const pieces: Piece[] = [];
	let offset = 0;
	for (const segment of segments) {
		const segmentEnd = offset + segment.bytes - 1;
		if (segmentEnd >= start && offset <= end) {
			pieces.push({
				segment,
				start: Math.max(start, offset) - offset,
				end: Math.min(end, segmentEnd) - offset,
			});
		}
		offset += segment.bytes;
	}
	return pieces;
}

async function* readPieces(pieces: Piece[], store: ObjectStore): AsyncIterable<Buffer> {
	for (const piece of pieces) {
		if (piece.end < piece.start) continue;
		if ('file' in piece) {
			yield* createReadStream(piece.file, {
				start: piece.start,
				end: piece.end,
			}) as AsyncIterable<Buffer>;
		} else {
			const {body} = await store.get(piece.segment, {range: {start: piece.start, end: piece.end}});
			yield* body as AsyncIterable<Buffer>;
		}
	}
}
