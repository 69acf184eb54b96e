import {readdir, readFile} from 'node:fs/promises';
import {join} from 'node:path';

type ProfileNode = {
	id: number;
	callFrame: {functionName: string; url: string; lineNumber: number};
	children?: number[];
};
type Profile = {nodes: ProfileNode[]; samples: number[]; timeDeltas: number[]};

export type ProfileSummary = {
	seconds: number;
	/** Functions by their own (self) time, longest first; `(idle)` is waiting for I/O. */
	top: Array<{name: string; seconds: number; share: number}>;
};

/** Self time per function of the `.cpuprofile` that `node --cpu-prof` wrote into `folder`. */
export async function summariseProfile(folder: string, count = 12): Promise<ProfileSummary> {
	const [file] = (await readdir(folder)).filter((name) => name.endsWith('.cpuprofile'));
	if (!file) throw new Error(`No .cpuprofile in ${folder}`);
	const profile = JSON.parse(await readFile(join(folder, file), 'utf8')) as Profile;
	const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
	const self = new Map<string, number>();
	let total = 0;
	profile.samples.forEach((id, index) => {
		const delta = profile.timeDeltas[index] ?? 0;
		const frame = nodes.get(id)?.callFrame;
		const where = frame?.url
			? ` ${frame.url.split('/').slice(-2).join('/')}:${frame.lineNumber + 1}`
			: '';
		const name = `${frame?.functionName || '(anonymous)'}${where}`;
		self.set(name, (self.get(name) ?? 0) + delta);
		total += delta;
	});
	return {
		seconds: total / 1e6,
		top: [...self]
			.sort((a, b) => b[1] - a[1])
			.slice(0, count)
			.map(([name, micros]) => ({name, seconds: micros / 1e6, share: micros / total})),
	};
}
