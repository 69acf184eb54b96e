/** Lines longer than this are cut: a table row never needs more, and memory stays bounded. */
export const maxLineBytes = 1024 * 1024;

/** Called for each line; returning false stops the splitter (later bytes are ignored). */
export type OnLine = (text: string, cut: boolean) => boolean;

export type LineSplitter = {
	/** Feeds bytes; false once `onLine` asked to stop. */
	push(chunk: Buffer): boolean;
	/** The last line, if the content does not end with a newline. */
	end(): void;
};

/**
 * Splits UTF-8 bytes into lines (LF or CRLF) synchronously, one chunk at a time, so a file of
 * any size goes through with at most `maxBytes` of a line held. A longer line is handed on cut
 * (its first `maxBytes`), and the rest of it skipped.
 */
export function createLineSplitter(onLine: OnLine, maxBytes = maxLineBytes): LineSplitter {
	let pending: Buffer[] = [];
	let pendingBytes = 0;
	let cut = false;
	let stopped = false;

	const emit = (last: Buffer | undefined): void => {
		const parts = last ? [...pending, last] : pending;
		let line = parts.length === 1 ? (parts[0] as Buffer) : Buffer.concat(parts);
		if (line.length > maxBytes) {
			line = line.subarray(0, maxBytes);
			cut = true;
		}
		let end = line.length;
		if (end > 0 && line[end - 1] === 0x0d) end--;
		pending = [];
		pendingBytes = 0;
		const wasCut = cut;
		cut = false;
		if (!onLine(line.toString('utf8', 0, end), wasCut)) stopped = true;
	};

	const keep = (part: Buffer): void => {
		if (part.length === 0) return;
		if (pendingBytes >= maxBytes) {
			cut = true;
			return;
		}
		const room = maxBytes - pendingBytes;
		const kept = part.length > room ? part.subarray(0, room) : part;
		if (kept.length < part.length) cut = true;
		// A copy: the chunk's buffer may be reused by the stream that gave it.
		pending.push(Buffer.from(kept));
		pendingBytes += kept.length;
	};

	return {
		push(chunk) {
			if (stopped) return false;
			let start = 0;
			for (;;) {
				const newline = chunk.indexOf(0x0a, start);
				if (newline === -1) break;
				const part = chunk.subarray(start, newline);
				if (pending.length === 0 && !cut) {
					emit(part);
				} else {
					keep(part);
					emit(undefined);
				}
				if (stopped) return false;
				start = newline + 1;
			}
			keep(chunk.subarray(start));
			return true;
		},
		end() {
			if (!stopped && (pendingBytes > 0 || cut)) emit(undefined);
		},
	};
}
