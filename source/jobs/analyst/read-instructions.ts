import {NotFound} from '../../storage/errors/index.js';
import type {ObjectStore} from '../../storage/store.js';
import type {JobFile} from './load-inbox.js';

/** An instructions document as the pager shows it: text only, never run. */
export type InstructionsDocument = {
	name: string;
	bucket: string;
	object: string;
	bytes?: number;
	/** The text (raw: the pager neutralises control characters), when it is text. */
	text?: string;
	/** Only the first `maxBytes` were read. */
	truncated: boolean;
	/** Why there is no text: missing, binary. */
	note?: string;
};

/** What the pager reads of an instructions document; the whole file is downloaded with the job. */
export const maxInstructionBytes = 1024 * 1024;

/**
 * Reads the job's instructions documents for reading in the pager: at most `maxBytes` each, as
 * UTF-8 text. A document with NUL bytes is a binary (a script compiled, an archive): it is not
 * shown. Nothing here is ever executed.
 */
export async function readInstructions(
	store: ObjectStore,
	files: readonly JobFile[],
	options: {maxBytes?: number; signal?: AbortSignal} = {},
): Promise<InstructionsDocument[]> {
	const maxBytes = options.maxBytes ?? maxInstructionBytes;
	const documents: InstructionsDocument[] = [];
	for (const file of files) {
		const base = {name: file.name, bucket: file.bucket, object: file.object, bytes: file.bytes};
		if (file.missing) {
			documents.push({...base, truncated: false, note: 'missing from storage'});
			continue;
		}

		try {
			const {head, body} = await store.get(
				{container: file.bucket, key: file.object},
				{
					signal: options.signal,
					range: file.bytes && file.bytes > maxBytes ? {start: 0, end: maxBytes - 1} : undefined,
				},
			);
			const chunks: Buffer[] = [];
			let read = 0;
			for await (const chunk of body as AsyncIterable<Buffer>) {
				chunks.push(chunk);
				read += chunk.length;
				if (read >= maxBytes) {
					body.destroy();
					break;
				}
			}

			const bytes = Buffer.concat(chunks).subarray(0, maxBytes);
			// A range GET may report the range's length: the listing's size is the file's.
			const total = file.bytes ?? head.bytes;
			const truncated = total > bytes.length || read > maxBytes;
			if (bytes.subarray(0, 8192).includes(0)) {
				documents.push({
					...base,
					bytes: total,
					truncated,
					note: 'a binary file: not shown (it is downloaded with the job, and never run by ivjm)',
				});
				continue;
			}

			documents.push({...base, bytes: total, text: bytes.toString('utf8'), truncated});
		} catch (error) {
			if (!(error instanceof NotFound)) throw error;
			documents.push({...base, truncated: false, note: 'missing from storage'});
		}
	}

	return documents;
}
