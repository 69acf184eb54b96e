import {readFile, rm, writeFile} from 'node:fs/promises';
import {hostname} from 'node:os';

export type HeldLock = {release(): Promise<void>};

/** Another `ivjm watch` sends these notifications: two would each send every change. */
export class WatchLocked extends Error {
	constructor(
		readonly path: string,
		what: string,
		holder: string,
	) {
		super(
			`Another ivjm watch (${holder}) already sends ${what}. Stop it first, or remove ${path} ` +
				'if that process no longer runs.',
		);
		this.name = 'WatchLocked';
	}
}

/**
 * Takes `path` as a lock: created exclusively, holding `<pid> <host>`. A lock left by a process
 * of this host that no longer runs (killed with -9) is taken over; any other holder refuses.
 */
export async function acquireLock(path: string, what: string): Promise<HeldLock> {
	const mine = `${process.pid} ${hostname()}\n`;
	for (let attempt = 0; attempt < 3; attempt++) {
		try {
			await writeFile(path, mine, {flag: 'wx', mode: 0o600});
			return {
				async release() {
					const now = await readFile(path, 'utf8').catch(() => '');
					if (now === mine) await rm(path, {force: true});
				},
			};
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
		}

		const holder = (await readFile(path, 'utf8').catch(() => '')).trim();
		if (holder === '' && attempt === 0) {
			// Being written this instant by another starter: look again.
			await new Promise((resolve) => setTimeout(resolve, 50));
			continue;
		}

		if (!isStale(holder)) throw new WatchLocked(path, what, describe(holder));
		await rm(path, {force: true});
	}

	throw new WatchLocked(path, what, 'a process starting at the same time');
}

function isStale(holder: string): boolean {
	const [pid, host] = holder.split(' ');
	if (host !== hostname() || !/^\d+$/u.test(pid ?? '')) return holder === '';
	try {
		process.kill(Number(pid), 0);
		return false;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'ESRCH';
	}
}

function describe(holder: string): string {
	const [pid, host] = holder.split(' ');
	return pid && host ? `process ${pid} on ${host}` : 'an unknown process';
}
