import prettyBytes from 'pretty-bytes';
import type {FilesProgress} from '../../jobs/files-progress.js';
import {displayText} from '../../text/display-text.js';

type Stream = NodeJS.WritableStream & {isTTY?: boolean};

/**
 * Progress of a transfer for people, on stderr when it is a terminal: one line rewritten in
 * place, at most five times a second (`42%  1.2 GB / 3 GB  35 MB/s  20s left  results/x.bgen`).
 * Scripts (stderr not a terminal) get nothing but the result.
 */
export class ProgressLine {
	private readonly stderr: Stream;
	private last = 0;
	private shown = false;

	constructor(stderr: Stream) {
		this.stderr = stderr;
	}

	readonly update = (progress: FilesProgress): void => {
		if (this.stderr.isTTY !== true) return;
		const now = Date.now();
		if (now - this.last < 200 && progress.done < progress.total) return;
		this.last = now;
		this.shown = true;
		const {done, total, rate, etaSeconds} = progress;
		const percent = total > 0 ? Math.floor((done / total) * 100) : 100;
		const current = progress.files.find((file) => file.state === 'running')?.relative;
		const parts = [
			`${String(percent).padStart(3)}%`,
			`${prettyBytes(done)} / ${prettyBytes(total)}`,
			rate ? `${prettyBytes(rate)}/s` : '',
			etaSeconds !== undefined && done < total ? `${Math.ceil(etaSeconds)}s left` : '',
			current ? displayText(current, 40) : '',
		].filter(Boolean);
		this.stderr.write(`\r\u001B[K${parts.join('  ')}`);
	};

	/** A line for the person watching (a claim won before its downloads), like the progress: terminal only. */
	note(line: string): void {
		if (this.stderr.isTTY !== true) return;
		this.done();
		this.stderr.write(`${line}\n`);
	}

	/** Clears the line, once the transfer is over (or failed). */
	done(): void {
		if (this.shown) this.stderr.write('\r\u001B[K');
		this.shown = false;
	}
}
