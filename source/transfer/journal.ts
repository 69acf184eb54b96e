import {createHash, randomBytes} from 'node:crypto';
import {mkdir, readFile, rename, rm, writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import {z} from 'zod';
import {ivjmPaths} from '../config/paths.js';

/** `<XDG state>/ivjm/transfers/`: where resume journals live unless a caller says otherwise. */
export function defaultJournalFolder(): string {
	return join(ivjmPaths().state, 'transfers');
}

const hex = z.string().regex(/^[\da-f]+$/);

/**
 * What a rerun of the same upload needs to find the segments already stored and trust them. For
 * an encrypted upload `encoding.saved` holds the header and session key, so the rerun seals the
 * missing segments with the key the stored ones used: the file is readable beside it anyway,
 * and the journal goes once the upload completes.
 */
export const uploadJournalSchema = z.object({
	version: z.literal(3),
	kind: z.literal('upload'),
	file: z.string(),
	size: z.number().int().nonnegative(),
	/** python-swiftclient's mtime string: part of the segment keys. */
	mtime: z.string(),
	container: z.string(),
	key: z.string(),
	segmentContainer: z.string(),
	segmentSize: z.number().int().positive(),
	encoding: z.object({identity: z.string(), saved: z.string().optional()}),
	/**
	 * Segments the store confirmed: the ETag it answered, and for an encoded upload the stamp the
	 * segment was encoded with. A rerun trusts a segment only if its range of the file, sent as it
	 * is or encoded again with that stamp, still has that MD5.
	 */
	stored: z.array(
		z.object({
			index: z.number().int().nonnegative(),
			etag: z.string(),
			stamp: hex.optional(),
		}),
	),
});
export type UploadJournal = z.infer<typeof uploadJournalSchema>;

/** The object version a `.part` file holds the start of. */
export const downloadJournalSchema = z.object({
	version: z.literal(1),
	kind: z.literal('download'),
	path: z.string(),
	container: z.string(),
	key: z.string(),
	etag: z.string(),
	bytes: z.number().int().nonnegative(),
});
export type DownloadJournal = z.infer<typeof downloadJournalSchema>;

export type JournalFile<Value> = {
	readonly path: string;
	/** The journal, or undefined when there is none or it cannot be read (a fresh start). */
	read(): Promise<Value | undefined>;
	/** Replaces the journal at once (temp file, then rename); writes happen one at a time. */
	write(value: Value): Promise<void>;
	remove(): Promise<void>;
};

/**
 * A small JSON file per transfer, named by a hash of what identifies the transfer (destination
 * and local file), so a rerun of the same transfer finds it and no other does.
 */
export function journalFile<Value>(
	folder: string,
	kind: 'upload' | 'download' | 'submit',
	identity: string[],
	schema: z.ZodType<Value>,
): JournalFile<Value> {
	const name = createHash('sha256').update(JSON.stringify(identity)).digest('hex').slice(0, 32);
	const path = join(folder, `${kind}-${name}.json`);
	let queue: Promise<unknown> = Promise.resolve();

	function serial<T>(work: () => Promise<T>): Promise<T> {
		const next = queue.then(work, work);
		queue = next.catch(() => undefined);
		return next;
	}

	return {
		path,
		async read() {
			let text: string;
			try {
				text = await readFile(path, 'utf8');
			} catch {
				return undefined;
			}
			try {
				const parsed = schema.safeParse(JSON.parse(text));
				return parsed.success ? parsed.data : undefined;
			} catch {
				return undefined;
			}
		},
		async write(value) {
			return serial(async () => {
				await mkdir(folder, {recursive: true, mode: 0o700});
				const temporary = `${path}.${randomBytes(6).toString('hex')}.tmp`;
				try {
					await writeFile(temporary, JSON.stringify(value), {mode: 0o600, flag: 'wx'});
					await rename(temporary, path);
				} finally {
					await rm(temporary, {force: true});
				}
			});
		},
		async remove() {
			return serial(async () => rm(path, {force: true}));
		},
	};
}
