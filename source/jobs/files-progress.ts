import type {TransferProgress} from '../transfer/transfer.js';

export type FileState = 'waiting' | 'running' | 'done' | 'skipped' | 'failed';

/** One file of a multi-file transfer. */
export type FileProgress = {
	/** The file's path below its folder (the job folder, or `<biobank>/` for results). */
	relative: string;
	state: FileState;
	done: number;
	/** Its size, once known. */
	total?: number;
	/** The transfer layer's last event for it. */
	progress?: TransferProgress;
};

/**
 * Every file of a transfer of several (a job's inputs, its results, a delivery) and the whole:
 * what the progress bars of the screens and the progress line of the commands draw.
 */
export type FilesProgress = {
	files: FileProgress[];
	done: number;
	total: number;
	rate?: number;
	etaSeconds?: number;
};

/** Keeps a `FilesProgress` as the files move one after another, and reports each change. */
export class FilesProgressTracker {
	private readonly files: FileProgress[];
	private readonly emit?: (progress: FilesProgress) => void;

	constructor(
		files: ReadonlyArray<{relative: string; total?: number}>,
		emit?: (progress: FilesProgress) => void,
	) {
		this.files = files.map((file) => ({
			relative: file.relative,
			state: 'waiting',
			done: 0,
			total: file.total,
		}));
		this.emit = emit;
		this.report();
	}

	/**
	 * Runs the transfer of file `index` (`work` gets the transfer's progress callback), marks it
	 * done or skipped by what `outcome` says of the result, or failed when it throws.
	 */
	async transfer<T>(
		index: number,
		work: (onProgress: (event: TransferProgress) => void) => Promise<T>,
		outcome: (result: T) => {bytes: number; skipped?: boolean},
	): Promise<T> {
		const entry = this.files[index];
		if (!entry) throw new RangeError(`No file ${index} in this transfer.`);
		entry.state = 'running';
		this.report();
		try {
			const result = await work((event) => {
				entry.progress = event;
				entry.done = event.done;
				entry.total = event.total;
				this.report(event.rate);
			});
			const {bytes, skipped} = outcome(result);
			entry.state = skipped ? 'skipped' : 'done';
			entry.done = bytes;
			entry.total = bytes;
			this.report();
			return result;
		} catch (error) {
			entry.state = 'failed';
			this.report();
			throw error;
		}
	}

	/** For a use case that reports per file: file `relative` moved (`done` when the event says so). */
	observe(relative: string, event: TransferProgress): void {
		const entry = this.files.find((file) => file.relative === relative);
		if (!entry) return;
		entry.state = event.phase === 'done' ? 'done' : 'running';
		entry.progress = event;
		entry.done = event.done;
		entry.total = event.total;
		this.report(event.rate);
	}

	private report(rate?: number): void {
		if (!this.emit) return;
		const done = this.files.reduce((sum, file) => sum + file.done, 0);
		const total = this.files.reduce((sum, file) => sum + (file.total ?? 0), 0);
		const etaSeconds = rate && rate > 0 ? Math.max(0, total - done) / rate : undefined;
		this.emit({files: this.files.map((file) => ({...file})), done, total, rate, etaSeconds});
	}
}
