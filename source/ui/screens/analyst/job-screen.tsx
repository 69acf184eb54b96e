import {Box} from 'ink';
import {Text} from '../../../text/screen-text.js';
import {useKeys} from '../../hooks/use-keys.js';
import prettyBytes from 'pretty-bytes';
import {useCallback, useMemo, useRef, useState} from 'react';
import {checkOutputs, type OutputChecklist} from '../../../jobs/analyst/deliver-job.js';
import type {FilesProgress} from '../../../jobs/files-progress.js';
import {type InboxJob} from '../../../jobs/analyst/load-inbox.js';
import {terminalSafe} from '../../../text/terminal-safe.js';
import {jobFolderOf} from '../../../jobs/analyst/work-folder.js';
import {Confirm} from '../../components/confirm.js';
import {Pager} from '../../components/pager/pager.js';
import {useRefreshing} from '../../hooks/use-refreshing.js';
import {useTerminalSize} from '../../hooks/use-terminal-size.js';
import {useTransferGuard} from '../../transfer-guard.js';
import {useKeyCapture} from '../../key-capture.js';
import {commandFor} from '../../keys.js';
import type {Navigator} from '../../navigation.js';
import {useSession} from '../../session.js';
import {tone} from '../../theme.js';
import {useWorkFolder} from './analyst-context.js';
import {analystJobCommands} from './analyst-keys.js';
import {DeliverView} from './deliver-view.js';
import {InstructionsView} from './instructions-view.js';
import {analystJobLines} from './job-lines.js';
import {ReasonForm} from './reason-form.js';
import {TransferView} from './transfer-view.js';

/** What the job screen is doing: one state at a time, not a set of flags. */
type Mode =
	| {kind: 'overview'}
	| {kind: 'instructions'}
	| {kind: 'confirm-claim'}
	| {kind: 'claiming'}
	| {kind: 'downloading'; progress?: FilesProgress}
	| {kind: 'checking'}
	| {kind: 'deliver'; checklist: OutputChecklist}
	| {kind: 'uploading'; progress?: FilesProgress}
	| {kind: 'reason'; marker: 'failed' | 'declined'};

type Message = {text: string; bad: boolean};

export type AnalystJobScreenProps = {
	biobank: string;
	jobId: string;
	navigate: Navigator;
	isActive: boolean;
};

/** One job at the analyst's biobank: read it, claim and download it, deliver, or give it up. */
export function AnalystJobScreen({biobank, jobId, isActive}: AnalystJobScreenProps) {
	const session = useSession();
	const {rows, columns} = useTerminalSize();
	const work = useWorkFolder();
	const jobFolder = jobFolderOf(work, jobId);
	const [mode, setMode] = useState<Mode>({kind: 'overview'});
	const [message, setMessage] = useState<Message | undefined>();
	const running = useRef<AbortController | undefined>(undefined);
	const load = useCallback(
		(signal: AbortSignal) => session.analyst.job(biobank, jobId, {signal}),
		[session, biobank, jobId],
	);
	const detail = useRefreshing(load, session.refreshSeconds * 1000);
	const job = detail.data;
	const lines = useMemo(
		() =>
			job
				? analystJobLines(job, {biobank, analyst: session.user, jobFolder, bucket: session.bucket})
				: [],
		[job, biobank, session.user, session.bucket, jobFolder],
	);
	const busy = mode.kind === 'claiming' || mode.kind === 'downloading' || mode.kind === 'uploading';
	// While a transfer runs, q and esc must not leave the screen under it: they stop it instead.
	useKeyCapture(busy || mode.kind === 'checking');
	useTransferGuard(
		mode.kind === 'downloading'
			? `The download of ${jobId}`
			: mode.kind === 'uploading'
				? `The delivery of ${jobId}`
				: undefined,
	);

	const fail = (error: unknown) => {
		setMode({kind: 'overview'});
		const aborted = running.current?.signal.aborted;
		setMessage({
			text: aborted
				? 'Stopped. Press c (download) or u (deliver) again to continue where it stopped.'
				: error instanceof Error
					? error.message
					: String(error),
			bad: !aborted,
		});
		detail.refresh();
	};

	const startDownload = () => {
		const controller = new AbortController();
		running.current = controller;
		setMessage(undefined);
		setMode({kind: 'claiming'});
		session.analyst
			.claim({
				jobId,
				biobank,
				workFolder: work,
				signal: controller.signal,
				onClaimed: () => setMode({kind: 'downloading'}),
				onProgress: (progress) => setMode({kind: 'downloading', progress}),
			})
			.then((result) => {
				setMode({kind: 'overview'});
				const skipped = result.files.filter((file) => file.result.skipped).length;
				const bytes = result.files.reduce((sum, file) => sum + file.result.bytes, 0);
				setMessage({
					text: `${result.claim.already ? 'Yours already. ' : result.claim.reclaimed ? 'Claimed again. ' : 'Claimed. '}${result.files.length} files (${prettyBytes(bytes)}) verified in ${result.jobFolder}${skipped > 0 ? `, ${skipped} were already there` : ''}. Run the job there, then u delivers.`,
					bad: false,
				});
				detail.refresh();
			}, fail);
	};

	const startCheck = () => {
		if (!job?.task) return;
		setMode({kind: 'checking'});
		checkOutputs(job.task, biobank, jobFolder).then(
			(checklist) => setMode({kind: 'deliver', checklist}),
			fail,
		);
	};

	const startUpload = (extras: string[]) => {
		if (!job?.task) return;
		const controller = new AbortController();
		running.current = controller;
		setMode({kind: 'uploading'});
		session.analyst
			.deliver({
				task: job.task,
				biobank,
				jobFolder,
				extras,
				signal: controller.signal,
				onProgress: (progress) => setMode({kind: 'uploading', progress}),
			})
			.then((result) => {
				setMode({kind: 'overview'});
				setMessage({
					text: `Delivered ${result.files.length} files, each verified; ${jobId} is ready at ${biobank}.`,
					bad: false,
				});
				detail.refresh();
			}, fail);
	};

	const giveUp = (marker: 'failed' | 'declined', reason: string) => {
		setMode({kind: 'overview'});
		session.analyst
			.giveUp({
				jobId,
				biobank,
				marker,
				reason,
			})
			.then(() => {
				setMessage({
					text: `${jobId} is ${marker} at ${biobank}; the requester sees your reason. A claim (c) takes it up again.`,
					bad: false,
				});
				detail.refresh();
			}, fail);
	};

	const onCommand = (command: ReturnType<typeof commandFor>) => {
		if (command === 'refresh') return detail.refresh();
		if (!job) return;
		if (command === 'instructions') return setMode({kind: 'instructions'});
		if (command === 'claim')
			return claimCommand(job, session.user, setMessage, setMode, startDownload);
		if (command === 'deliver') {
			if (job.status === 'processing' && job.holder?.by === session.user) return startCheck();
			return setMessage({text: deliverRefusal(job), bad: true});
		}

		if (command === 'fail' || command === 'decline') {
			setMessage(undefined);
			setMode({kind: 'reason', marker: command === 'fail' ? 'failed' : 'declined'});
		}
	};

	useKeys((input, key) => onCommand(commandFor(analystJobCommands, input, key)), {
		isActive: isActive && mode.kind === 'overview',
	});
	useKeys(
		(_input, key) => {
			if (key.escape) running.current?.abort();
		},
		{isActive: isActive && busy},
	);

	// The body has the terminal less the header (2), its margin (1) and the footer (1); the
	// message and an error line take their rows from the page.
	const messageRows = message ? Math.ceil(message.text.length / Math.max(20, columns)) : 0;
	const height = Math.max(5, rows - 4 - messageRows - (detail.error ? 1 : 0));
	return (
		<Box flexDirection="column">
			{detail.error ? (
				<Text color={tone('bad')} wrap="truncate-end">
					Could not load the job: {detail.error.message} · r retries
				</Text>
			) : null}
			{job === undefined && detail.loading ? (
				<Text color={tone('muted')}>Loading {jobId}…</Text>
			) : null}
			{message ? (
				<Text color={tone(message.bad ? 'bad' : 'good')} wrap="wrap">
					{terminalSafe(message.text)}
				</Text>
			) : null}
			{mode.kind === 'confirm-claim' && job ? (
				<Confirm
					question={`Claim ${jobId} for ${biobank} as ${session.user}, and download ${job.inputs.length + job.instructions.length} files (${prettyBytes(downloadBytes(job))}) into ${jobFolder}?`}
					onAnswer={(yes) => (yes ? startDownload() : setMode({kind: 'overview'}))}
				/>
			) : null}
			{mode.kind === 'claiming' ? (
				<Text>Claiming {jobId}… (checking that no one else claimed it at the same moment)</Text>
			) : null}
			{mode.kind === 'downloading' ? (
				<TransferView
					title={`Downloading ${jobId} into ${jobFolder}`}
					files={(mode.progress?.files ?? []).map((file) => ({...file, label: file.relative}))}
					done={mode.progress?.done ?? 0}
					total={mode.progress?.total ?? 0}
					rate={mode.progress?.rate}
					etaSeconds={mode.progress?.etaSeconds}
					maxRows={Math.max(1, height - 4)}
				/>
			) : null}
			{mode.kind === 'checking' ? <Text>Checking the outputs in {jobFolder}…</Text> : null}
			{mode.kind === 'deliver' ? (
				<DeliverView
					checklist={mode.checklist}
					jobFolder={jobFolder}
					onUpload={startUpload}
					onRecheck={startCheck}
					onCancel={() => setMode({kind: 'overview'})}
				/>
			) : null}
			{mode.kind === 'uploading' ? (
				<TransferView
					title={`Uploading the results of ${jobId}`}
					files={(mode.progress?.files ?? []).map((file) => ({...file, label: file.relative}))}
					done={mode.progress?.done ?? 0}
					total={mode.progress?.total ?? 0}
					rate={mode.progress?.rate}
					etaSeconds={mode.progress?.etaSeconds}
					maxRows={Math.max(1, height - 4)}
				/>
			) : null}
			{mode.kind === 'reason' ? (
				<ReasonForm
					marker={mode.marker}
					jobId={jobId}
					onSubmit={(reason) => giveUp(mode.marker, reason)}
					onCancel={() => setMode({kind: 'overview'})}
				/>
			) : null}
			{mode.kind === 'instructions' && job ? (
				<InstructionsView
					files={job.instructions}
					height={height}
					onClose={() => setMode({kind: 'overview'})}
				/>
			) : null}
			{mode.kind === 'overview' || mode.kind === 'confirm-claim' ? (
				<Pager lines={lines} height={height} isActive={isActive && mode.kind === 'overview'} />
			) : null}
		</Box>
	);
}

function claimCommand(
	job: InboxJob,
	analyst: string,
	setMessage: (message: Message | undefined) => void,
	setMode: (mode: Mode) => void,
	startDownload: () => void,
): void {
	if (job.problems) {
		setMessage({
			text: 'This job cannot be claimed: its task is broken (see below). Decline it with x and a reason.',
			bad: true,
		});
		return;
	}

	if (job.status === 'processing' && job.holder?.by === analyst) return startDownload();
	if (job.status === 'processing') {
		setMessage({
			text: `Already claimed by ${job.holder?.by ?? 'someone else'}${job.holder?.at ? ` since ${job.holder.at}` : ''}.`,
			bad: true,
		});
		return;
	}

	if (job.status === 'waiting' || job.status === 'failed' || job.status === 'declined') {
		setMessage(undefined);
		setMode({kind: 'confirm-claim'});
		return;
	}

	setMessage({text: `A ${job.status} job cannot be claimed.`, bad: true});
}

function deliverRefusal(job: InboxJob): string {
	if (job.status === 'processing') {
		return `Only ${job.holder?.by ?? 'the analyst who claimed it'} can deliver this job.`;
	}

	if (job.status === 'ready') return 'This job is already delivered.';
	return `Claim the job (c) before you deliver it; it is ${job.status} at this biobank.`;
}

/** What a claim downloads: the inputs and the instructions. */
function downloadBytes(job: InboxJob): number {
	return [...job.inputs, ...job.instructions].reduce((sum, file) => sum + (file.bytes ?? 0), 0);
}
