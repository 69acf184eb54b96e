import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import fc from 'fast-check';
import {App} from '../../../source/app.js';
import {openDemoStore} from '../../../source/demo/open-demo-store.js';
import {publishJob} from '../../../source/jobs/publish-job.js';
import {deleteJob, planDeleteJob} from '../../../source/jobs/researcher/delete-job.js';
import {writeMarker} from '../../../source/jobs/write-marker.js';
import {isoTime} from '../../../source/jobs/clock.js';
import {buildJobId} from '../../../source/protocol/job-id.js';
import {builtInCatalogue, findAnalysisType} from '../../../source/protocol/catalogue.js';
import {jobsPrefix, parseKey} from '../../../source/protocol/keys.js';
import {planNewTask} from '../../../source/protocol/new-task.js';
import {FrameWriter} from '../../../source/ui/render/frame-writer.js';
import {renderOnTerminal} from '../../../source/ui/render/render-on-terminal.js';
import {WorkFolderContext} from '../../../source/ui/screens/analyst/analyst-context.js';
import type {Screen} from '../../../source/ui/navigation.js';
import type {Session} from '../../../source/session/session.js';
import {testSession} from '../render-with-session.js';
import {KeyboardInput, ReplayTerminal} from './replay-terminal.js';

/** One thing a person or the world does to the app. */
export type Step =
	| {kind: 'keys'; keys: string; name: string}
	| {kind: 'resize'; columns: number; rows: number}
	| {kind: 'add'; hoursAgo: number; biobanks: number}
	| {kind: 'remove'; pick: number}
	| {kind: 'mark'; pick: number; biobank: number; marker: 'processing' | 'ready' | 'failed'}
	| {kind: 'wait'; ms: number};

const key = (name: string, keys: string) => ({kind: 'keys' as const, name, keys});
const keys = [
	key('↓', '\u001B[B'),
	key('↑', '\u001B[A'),
	key('PgDn', '\u001B[6~'),
	key('PgUp', '\u001B[5~'),
	key('g', 'g'),
	key('G', 'G'),
	key('enter', '\r'),
	key('esc', '\u001B'),
	key('/', '/'),
	key('tab', '\t'),
	key('r', 'r'),
	key('n', 'n'),
	key('?', '?'),
	key('i', 'i'),
	key('backspace', '\u007F'),
	key('space', ' '),
];
const letters = 'aejksmx019'.split('').map((letter) => key(letter, letter));
// Mostly sizes that fit; now and then one too small (the screen stays mounted under a notice).
const sizes: Array<[number, number]> = [
	[120, 40],
	[80, 24],
	[100, 30],
	[132, 43],
	[80, 25],
	[120, 40],
	[96, 28],
	[60, 20],
];
const biobanks = builtInCatalogue.biobanks.map((biobank) => biobank.id);

export const stepArbitrary: fc.Arbitrary<Step> = fc.oneof(
	{weight: 14, arbitrary: fc.constantFrom(...keys)},
	{weight: 3, arbitrary: fc.constantFrom(key('↓', '\u001B[B'), key('enter', '\r'))},
	{weight: 4, arbitrary: fc.constantFrom(...letters)},
	{
		weight: 2,
		arbitrary: fc.constantFrom(...sizes).map(([columns, rows]) => ({
			kind: 'resize' as const,
			columns,
			rows,
		})),
	},
	{
		weight: 2,
		arbitrary: fc.record({
			kind: fc.constant('add' as const),
			hoursAgo: fc.integer({min: 0, max: 24 * 400}),
			biobanks: fc.integer({min: 1, max: biobanks.length}),
		}),
	},
	{weight: 1, arbitrary: fc.record({kind: fc.constant('remove' as const), pick: fc.nat()})},
	{
		weight: 2,
		arbitrary: fc.record({
			kind: fc.constant('mark' as const),
			pick: fc.nat(),
			biobank: fc.nat(),
			marker: fc.constantFrom('processing' as const, 'ready' as const, 'failed' as const),
		}),
	},
	{weight: 1, arbitrary: fc.constant({kind: 'wait' as const, ms: 1100})},
);

const pause = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** The real app on a demo store in a temporary folder, on a replay terminal. */
export class RandomWorld {
	private constructor(
		readonly folder: string,
		readonly session: Session,
		readonly terminal: ReplayTerminal,
		readonly input: KeyboardInput,
		private readonly app: ReturnType<typeof renderOnTerminal>,
	) {}

	static async open(
		size: {columns: number; rows: number},
		initialScreens: Screen[],
		makeWriter?: (write: (bytes: string) => void) => FrameWriter,
	): Promise<RandomWorld> {
		const folder = await mkdtemp(join(tmpdir(), 'ivjm-frames-'));
		const opened = await openDemoStore({store: `local:${join(folder, 'store')}`});
		const session = testSession(opened.store, opened.bucket, opened.user, {
			downloadFolder: join(folder, 'results'),
			workFolder: join(folder, 'work'),
			// Refreshes run as they do for a person, so a data change shows by itself.
			refreshSeconds: 2,
		});
		const terminal = new ReplayTerminal(size.columns, size.rows);
		const input = new KeyboardInput();
		// The frame each write comes from, taken as the screen draws it: the first frame is drawn
		// at once, inside Ink's render call, before `app` below exists.
		let drawing: string | undefined;
		const makeAnyWriter =
			makeWriter ?? ((write: (bytes: string) => void) => new FrameWriter(write));
		const recordingWriter = (write: (bytes: string) => void) => {
			const writer = makeAnyWriter(write);
			const draw = writer.draw.bind(writer);
			writer.draw = (frame, size) => {
				drawing = frame;
				draw(frame, size);
			};
			return writer;
		};
		terminal.frameOf = () => drawing;
		const app = renderOnTerminal(
			<WorkFolderContext.Provider value={join(folder, 'work')}>
				<App session={session} initialScreens={initialScreens} />
			</WorkFolderContext.Provider>,
			terminal,
			input as unknown as NodeJS.ReadStream,
			recordingWriter,
		);
		terminal.settled = () => app.screen.settled();
		return new RandomWorld(folder, session, terminal, input, app);
	}

	async apply(step: Step): Promise<void> {
		if (step.kind === 'keys') this.input.type(step.keys);
		if (step.kind === 'resize') this.terminal.resize(step.columns, step.rows);
		if (step.kind === 'wait') await pause(step.ms);
		if (step.kind === 'add') await this.addJob(step.hoursAgo, step.biobanks);
		if (step.kind === 'remove' || step.kind === 'mark') {
			const jobs = await this.jobIds();
			const jobId = jobs[step.pick % Math.max(1, jobs.length)];
			if (jobId && step.kind === 'remove') {
				// The world's hand, not a user's: any job of the world may go.
				const plan = await planDeleteJob(this.session.store, this.session.bucket, jobId, biobanks, {
					user: this.session.user,
					notMine: true,
				});
				await deleteJob(this.session.store, this.session.bucket, plan);
			}
			if (jobId && step.kind === 'mark') {
				await writeMarker(
					this.session.store,
					this.session.bucket,
					{now: () => Date.now()},
					{
						jobId,
						biobank: biobanks[step.biobank % biobanks.length]!,
						marker: step.marker,
						by: 'lvirtanen',
						reason: step.marker === 'failed' ? 'out of memory at 8 GB' : undefined,
					},
				);
			}
		}
		// Let the app answer: the key's frame, or the start of a load it began.
		await pause(25);
		await this.app.screen.settled();
	}

	/** Everything the app is still loading has come in, and is on the terminal. */
	async rest(): Promise<void> {
		await pause(600);
		await this.app.screen.settled();
	}

	async close(): Promise<void> {
		this.app.instance.unmount();
		this.terminal.dispose();
		await rm(this.folder, {recursive: true, force: true});
	}

	private async jobIds(): Promise<string[]> {
		const ids = new Set<string>();
		for await (const entry of this.session.store.list(this.session.bucket, {prefix: jobsPrefix})) {
			if (entry.kind !== 'object') continue;
			const parsed = parseKey(entry.key);
			if ('jobId' in parsed && typeof parsed.jobId === 'string') ids.add(parsed.jobId);
		}
		return [...ids].sort();
	}

	private async addJob(hoursAgo: number, count: number): Promise<void> {
		// Two adds with the same age in one second would name the same job: the later one is
		// made a second older, as a second submit of a real user takes the next free id.
		const taken = new Set(await this.jobIds());
		let seconds = Math.floor((Date.now() - hoursAgo * 3_600_000) / 1000);
		while (taken.has(buildJobId(seconds, this.session.user))) seconds--;
		const submittedAt = seconds * 1000;
		const jobId = buildJobId(seconds, this.session.user);
		const analysis = findAnalysisType(builtInCatalogue, 'prspipe')!;
		const planned = planNewTask({
			jobId,
			bucket: this.session.bucket,
			name: `Added ${hoursAgo} hours ago`,
			requestor: 'jdoe@example.org',
			date: isoTime(submittedAt),
			biobanks: biobanks.slice(0, count),
			analysis,
			uploads: [],
			outputs: [],
			requirements: [],
		});
		if (!planned.ok) return;
		await publishJob(
			this.session.store,
			this.session.bucket,
			{now: () => submittedAt},
			planned.plan,
		);
	}
}
