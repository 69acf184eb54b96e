import {Box} from 'ink';
import {Text} from '../../../text/screen-text.js';
import prettyBytes from 'pretty-bytes';
import {useCallback, useMemo} from 'react';
import type {InboxJob} from '../../../jobs/analyst/load-inbox.js';
import {terminalSafe} from '../../../text/terminal-safe.js';
import {jobFolderOf} from '../../../jobs/analyst/work-folder.js';
import {Confirm, confirmRows} from '../../components/confirm.js';
import {Pager} from '../../components/pager/pager.js';
import {useKeymap} from '../../hooks/use-keymap.js';
import {useRefreshing} from '../../hooks/use-refreshing.js';
import {useMarkSeen} from '../../seen/change-tracking.js';
import {inboxScope, listedRequest} from '../../seen/job-fingerprint.js';
import {useTerminalSize} from '../../hooks/use-terminal-size.js';
import {withReasons} from '../../keys.js';
import type {Navigator} from '../../navigation.js';
import {useSession} from '../../session.js';
import {tone} from '../../theme.js';
import {useTransferGuard} from '../../transfer-guard.js';
import {useWorkFolder} from './analyst-context.js';
import {analystJobCommands, transferKeys} from './analyst-keys.js';
import {DeliverView} from './deliver-view.js';
import {InstructionsView} from './instructions-view.js';
import {useJobActions} from './job-actions.js';
import {usePassphrase} from '../../components/passphrase/use-passphrase.js';
import {analystJobLines} from './job-lines.js';
import {jobRefusals} from './job-refusals.js';
import {ReasonForm} from './reason-form.js';
import {ReviewModes, reviewModeKinds, reviewStatus} from './review-modes.js';
import type {ReviewMode} from './review-actions.js';
import {TransferView} from './transfer-view.js';

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
	const load = useCallback(
		(signal: AbortSignal) => session.analyst.job(biobank, jobId, {signal}),
		[session, biobank, jobId],
	);
	const detail = useRefreshing(load, session.refreshSeconds * 1000);
	// Opened: the request is no longer marked unseen in the inbox.
	useMarkSeen(inboxScope(session, biobank), jobId, listedRequest);
	const loadReview = useCallback(
		(signal: AbortSignal) => session.analyst.reviewState(jobId, biobank, signal),
		[session, biobank, jobId],
	);
	const reviewState = useRefreshing(loadReview, session.refreshSeconds * 1000);
	const refresh = useCallback(() => {
		detail.refresh();
		reviewState.refresh();
	}, [detail, reviewState]);
	const job = detail.data;
	const unlock = usePassphrase(`to decrypt the inputs of ${jobId}`);
	const actions = useJobActions({
		...{session, biobank, jobId, work, jobFolder, job, refresh},
		passphrase: unlock.ask,
	});
	const {mode, setMode, message, setMessage, download, check, giveUp, stop} = actions;
	const review = reviewStatus(reviewState.data, session.user, biobank);
	const lines = useMemo(
		() =>
			job
				? analystJobLines(job, {biobank, analyst: session.user, jobFolder, bucket: session.bucket})
				: [],
		[job, biobank, session.user, session.bucket, jobFolder],
	);
	const busy = ['claiming', 'downloading', 'uploading', 'scanning', 'approving'].includes(
		mode.kind,
	);
	useTransferGuard(
		mode.kind === 'downloading'
			? `The download of ${jobId}`
			: mode.kind === 'uploading' || mode.kind === 'approving'
				? `The delivery of ${jobId}`
				: undefined,
	);
	useKeymap(
		withReasons(analystJobCommands, {
			...jobRefusals(job, session.user),
			'second-review': job ? review.refusal : 'the job is still loading',
		}),
		(command) => {
			setMessage(undefined);
			if (command === 'refresh') refresh();
			if (command === 'second-review') actions.openSecondReview();
			if (!job) return;
			if (command === 'instructions') setMode({kind: 'instructions'});
			if (command === 'claim') {
				if (job.status === 'processing') download();
				else setMode({kind: 'confirm-claim'});
			}
			if (command === 'deliver') check();
			if (command === 'fail' || command === 'decline')
				setMode({kind: 'reason', marker: command === 'fail' ? 'failed' : 'declined'});
		},
		{isActive: isActive && mode.kind === 'overview', title: `${biobank} job`},
	);
	// While a transfer runs, esc stops it (the job stays claimed; a rerun resumes).
	useKeymap(transferKeys, stop, {isActive: isActive && busy, modal: true, title: 'transfer'});

	// The body has the terminal less the header (2), its margin (1) and the footer (1); the
	// message and an error line take their rows from the page.
	const messageRows = message ? Math.ceil(message.text.length / Math.max(20, columns)) : 0;
	const claimQuestion =
		mode.kind === 'confirm-claim' && job
			? `Claim ${jobId} for ${biobank} as ${session.user}, and download ${job.inputs.length + job.instructions.length} files (${prettyBytes(downloadBytes(job))}) into ${jobFolder}?`
			: undefined;
	// The question's rows come from the page too, or the frame outgrows the terminal.
	const questionRows = claimQuestion ? confirmRows(claimQuestion, columns) : 0;
	const height = Math.max(3, rows - 4 - messageRows - questionRows - (detail.error ? 1 : 0));
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
			{claimQuestion ? (
				<Confirm
					question={claimQuestion}
					onAnswer={(yes) => (yes ? download() : setMode({kind: 'overview'}))}
				/>
			) : null}
			{unlock.prompt}
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
					onUpload={actions.scan}
					onRecheck={check}
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
			{reviewModeKinds.has(mode.kind) ? (
				<ReviewModes
					mode={mode as ReviewMode}
					scope={{jobId, biobank, jobFolder}}
					actions={actions}
					height={height}
					onBack={() => setMode({kind: 'overview'})}
				/>
			) : null}
			{mode.kind === 'overview' ? review.line : null}
			{mode.kind === 'reason' ? (
				<ReasonForm
					marker={mode.marker}
					jobId={jobId}
					initial={mode.typed}
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

/** What a claim downloads: the inputs and the instructions. */
function downloadBytes(job: InboxJob): number {
	return [...job.inputs, ...job.instructions].reduce((sum, file) => sum + (file.bytes ?? 0), 0);
}
