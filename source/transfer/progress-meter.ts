import type {TransferPhase, TransferProgress} from './transfer.js';

export type ProgressMeterOptions = {
	total: number;
	onProgress?: (progress: TransferProgress) => void;
	now?: () => number;
	/** Least time between two events (default 100 ms: ~10 a second). */
	intervalMs?: number;
	/** The rate is averaged over this much recent time (default 5 s). */
	windowMs?: number;
	/** No rate is told before this much time of a phase has passed (default 500 ms). */
	minimumSpanMs?: number;
};

export type ProgressMeter = {
	/** Starts a phase at `done` (default 0); the rate begins again. Told at once. */
	phase(phase: TransferPhase, done?: number): void;
	/** Bytes moved now: they count towards the rate. */
	moved(bytes: number): void;
	/** Bytes found already done (stored segments, a `.part` file): not part of the rate. */
	found(bytes: number): void;
	segment(index: number, count: number): void;
	/** The last event: phase `done`, all bytes. Told whatever the throttle says. */
	finish(): void;
	current(): TransferProgress;
};

/**
 * Turns a stream of byte counts into throttled progress events with a rate over the last few
 * seconds and an ETA. `done` never goes back within a phase.
 */
export function createProgressMeter(options: ProgressMeterOptions): ProgressMeter {
	const now = options.now ?? Date.now;
	const intervalMs = options.intervalMs ?? 100;
	const windowMs = options.windowMs ?? 5000;
	const minimumSpanMs = options.minimumSpanMs ?? 500;
	const {total} = options;

	let phase: TransferPhase = 'hashing';
	let done = 0;
	let movedTotal = 0;
	let phaseStart = now();
	let lastEmit = Number.NEGATIVE_INFINITY;
	let segment: TransferProgress['segment'];
	let rate: number | undefined;
	let samples: Array<{time: number; moved: number}> = [];
	let finished = false;

	function sample(time: number): void {
		samples.push({time, moved: movedTotal});
		while (samples.length > 2 && (samples[1]?.time ?? time) <= time - windowMs) samples.shift();
		const oldest = samples[0];
		if (oldest && time - phaseStart >= minimumSpanMs && time > oldest.time) {
			rate = ((movedTotal - oldest.moved) * 1000) / (time - oldest.time);
		}
	}

	function snapshot(): TransferProgress {
		const progress: TransferProgress = {phase, done, total};
		if (rate !== undefined) {
			progress.rate = rate;
			if (rate > 0) progress.etaSeconds = Math.max(0, total - done) / rate;
		}
		if (segment) progress.segment = {...segment};
		return progress;
	}

	function emit(time: number): void {
		lastEmit = time;
		options.onProgress?.(snapshot());
	}

	function tick(): void {
		const time = now();
		if (time - lastEmit < intervalMs) return;
		sample(time);
		emit(time);
	}

	return {
		phase(next, start = 0) {
			phase = next;
			done = Math.min(total, start);
			movedTotal = 0;
			rate = undefined;
			phaseStart = now();
			samples = [{time: phaseStart, moved: 0}];
			emit(phaseStart);
		},
		moved(bytes) {
			done = Math.min(total, done + bytes);
			movedTotal += bytes;
			tick();
		},
		found(bytes) {
			done = Math.min(total, done + bytes);
			tick();
		},
		segment(index, count) {
			segment = {index, count};
		},
		finish() {
			if (finished) return;
			finished = true;
			const time = now();
			sample(time);
			phase = 'done';
			done = total;
			const progress = snapshot();
			progress.etaSeconds = 0;
			lastEmit = time;
			options.onProgress?.(progress);
		},
		current: snapshot,
	};
}
