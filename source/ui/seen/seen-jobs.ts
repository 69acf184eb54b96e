/** The jobs one scope (a researcher's table, an analyst's inbox) last showed, by id. */
export type SeenEntries = Record<string, string>;

/**
 * What the person last looked at in one table: a fingerprint of each job's state when they
 * opened it (or when the table first listed it). A job whose fingerprint differs, or that was
 * never seen, is "changed" until it is opened. The first listing ever of a scope is its
 * baseline: everything on it counts as seen, so a first start marks nothing.
 */
export class SeenJobs {
	private readonly seen: Map<string, string>;
	private baseline: boolean;
	private changed: ReadonlySet<string> = new Set();
	private readonly listeners = new Set<() => void>();

	constructor(
		entries: SeenEntries | undefined,
		private readonly persist: (entries: SeenEntries) => void,
		/** False: every listing is a baseline, nothing is ever marked (no state to keep). */
		private readonly tracking = true,
	) {
		this.seen = new Map(Object.entries(entries ?? {}));
		this.baseline = entries === undefined;
	}

	/** The table's latest listing: recomputes which jobs are changed. */
	observe(jobs: ReadonlyArray<{jobId: string; fingerprint: string}>): void {
		if (this.baseline || !this.tracking) {
			this.baseline = false;
			for (const job of jobs) this.seen.set(job.jobId, job.fingerprint);
			this.save();
			return;
		}

		const changed = new Set<string>();
		for (const job of jobs)
			if (this.seen.get(job.jobId) !== job.fingerprint) changed.add(job.jobId);
		if (!sameSet(changed, this.changed)) {
			this.changed = changed;
			this.notify();
		}
	}

	/** The person opened the job and saw it in this state. */
	markSeen(jobId: string, fingerprint: string): void {
		const wasChanged = this.changed.has(jobId);
		if (wasChanged) {
			const changed = new Set(this.changed);
			changed.delete(jobId);
			this.changed = changed;
		}

		if (this.seen.get(jobId) !== fingerprint) {
			this.seen.set(jobId, fingerprint);
			this.save();
		}

		if (wasChanged) this.notify();
	}

	/** The ids changed since last looked at (a new set after each change: safe as React state). */
	changedIds(): ReadonlySet<string> {
		return this.changed;
	}

	subscribe(listener: () => void): () => void {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	}

	private save(): void {
		this.persist(Object.fromEntries(this.seen));
	}

	private notify(): void {
		for (const listener of this.listeners) listener();
	}
}

function sameSet(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
	if (a.size !== b.size) return false;
	for (const item of a) if (!b.has(item)) return false;
	return true;
}
