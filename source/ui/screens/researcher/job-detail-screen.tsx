import {Box} from 'ink';
import {Text} from '../../../text/screen-text.js';
import {useCallback, useMemo, useState} from 'react';
import {terminalSafe} from '../../../text/terminal-safe.js';
import {cancellableBiobanks} from '../../../jobs/researcher/cancel-job.js';
import {type DeletePlan} from '../../../jobs/researcher/delete-job.js';
import {Confirm, confirmRows} from '../../components/confirm.js';
import {Pager} from '../../components/pager/pager.js';
import {useRefreshing} from '../../hooks/use-refreshing.js';
import {useTerminalSize} from '../../hooks/use-terminal-size.js';
import {useKeymap} from '../../hooks/use-keymap.js';
import {withReasons} from '../../keys.js';
import type {Navigator} from '../../navigation.js';
import {useSession} from '../../session.js';
import {tone} from '../../theme.js';
import {jobDetailLines} from './job-detail-lines.js';
import {jobDetailCommands} from './job-detail-keys.js';
import {downloadRefusal} from './download-refusal.js';
import {copyToClipboard} from '../../clipboard.js';
import {gaveUpBiobanks} from '../../../jobs/researcher/resubmit-job.js';
import {useMarkSeen} from '../../seen/change-tracking.js';
import {sentInstructions} from '../../../jobs/researcher/sent-instructions.js';
import {InstructionsView} from '../analyst/instructions-view.js';
import {researcherScope, statusFingerprint} from '../../seen/job-fingerprint.js';

type Asking = {kind: 'cancel'; biobanks: string[]} | {kind: 'delete'; plan: DeletePlan};

export function JobDetailScreen({
	jobId,
	navigate,
	isActive,
}: {
	jobId: string;
	navigate: Navigator;
	isActive: boolean;
}) {
	const session = useSession();
	const {rows, columns} = useTerminalSize();
	const [asking, setAsking] = useState<Asking | undefined>();
	const [message, setMessage] = useState<{text: string; bad: boolean} | undefined>();
	const [reading, setReading] = useState(false);
	const load = useCallback(
		async (signal: AbortSignal) => {
			const job = await session.researcher.job(jobId, signal);
			// Each biobank's sign-off ("released by … after review"), read only where one is listed.
			return Object.assign(job, {signOffs: await session.researcher.signOffs(job, signal)});
		},
		[session, jobId],
	);
	const detail = useRefreshing(load, session.refreshSeconds * 1000);
	// Seen as the page shows it: the jobs table no longer marks it changed.
	useMarkSeen(
		researcherScope(session),
		jobId,
		detail.data ? statusFingerprint(detail.data) : undefined,
	);
	const lines = useMemo(
		() => (detail.data ? jobDetailLines(detail.data, columns) : []),
		[detail.data, columns],
	);
	const report = (work: Promise<string>) =>
		work.then(
			(text) => setMessage({text, bad: false}),
			(error: unknown) =>
				setMessage({text: error instanceof Error ? error.message : String(error), bad: true}),
		);

	const job = detail.data;
	const instructionFiles = useMemo(
		() => (job?.task ? sentInstructions(job.task) : []),
		[job?.task],
	);
	// The pager of the instructions sent is over the page while open (only with a task to read).
	const readingInstructions = reading && job?.task !== undefined;
	const loading = job ? undefined : 'the job is still loading';
	// Only a job's owner cancels or deletes it (the use cases refuse the others too).
	const notMine = session.researcher.isMine(jobId)
		? undefined
		: `${jobId} is not yours: only its owner cancels or deletes it`;
	useKeymap(
		withReasons(jobDetailCommands, {
			download: loading ?? downloadRefusal(job!.status.biobanks),
			cancel:
				loading ??
				notMine ??
				(cancellableBiobanks(job!).length === 0
					? 'nothing to cancel: every biobank is ready or cancelled'
					: undefined),
			delete: loading ?? notMine,
			instructions:
				loading ??
				(job!.task === undefined
					? 'this job has no task.json to read its instructions from'
					: job!.task.instructions.length === 0
						? 'this job was sent without instructions'
						: undefined),
			resubmit:
				loading ??
				notMine ??
				(gaveUpBiobanks(job!.row).length === 0
					? 'nothing to resubmit: no biobank failed, declined or cancelled'
					: undefined),
		}),
		(command) => {
			setMessage(undefined);
			if (command === 'refresh') detail.refresh();
			if (command === 'copy' || command === 'copyResults') {
				const copied = command === 'copy' ? jobId : `ivjm results ${jobId}`;
				setMessage(
					copyToClipboard(copied)
						? {text: `Copied ${copied} to the clipboard.`, bad: false}
						: {text: 'No terminal to copy to.', bad: true},
				);
			}
			if (!job) return;
			if (command === 'instructions') setReading(true);
			if (command === 'download')
				navigate({type: 'push', screen: {name: 'download-results', jobId}});
			if (command === 'cancel') setAsking({kind: 'cancel', biobanks: cancellableBiobanks(job)});
			// The request form, filled from this job: every answer can be changed before it goes.
			if (command === 'resubmit') navigate({type: 'push', screen: {name: 'resubmit', jobId}});
			if (command === 'delete') {
				const biobanks = job.status.biobanks.map((state) => state.biobank);
				session.researcher.planDelete(jobId, biobanks).then(
					(plan) => setAsking({kind: 'delete', plan}),
					(error: unknown) =>
						setMessage({text: `Could not list what to delete: ${String(error)}`, bad: true}),
				);
			}
		},
		{isActive: isActive && asking === undefined && !readingInstructions, title: 'job'},
	);

	const answer = (confirmed: boolean) => {
		const current = asking;
		setAsking(undefined);
		if (!confirmed || !current || !detail.data) return;
		if (current.kind === 'cancel') {
			void report(
				session.researcher.cancel(detail.data, 'Withdrawn by the requester.').then((biobanks) => {
					detail.refresh();
					return `Cancelled at ${biobanks.join(', ')}.`;
				}),
			);
		} else {
			void report(
				session.researcher.delete(current.plan).then((count) => {
					navigate({type: 'pop'});
					return `Deleted ${count} objects.`;
				}),
			);
		}
	};

	const biobanksOf = (biobanks: readonly string[]) =>
		biobanks.map((biobank) => terminalSafe(biobank)).join(', ');
	const question =
		asking?.kind === 'cancel'
			? `Cancel ${jobId} at ${biobanksOf(asking.biobanks)}? Analysts there will see it withdrawn; results already delivered stay.`
			: asking?.kind === 'delete'
				? `Delete ${jobId}: ${asking.plan.objects.length} objects (${asking.plan.resultCount} results), ${asking.plan.requests.length} inbox notes and ${asking.plan.segments.length} large-object segments. This cannot be undone.`
				: undefined;
	// The page gives the question and the message their rows, so the frame never outgrows the
	// terminal (a wrapped question was overdrawn at 80×24).
	const messageRows = message ? Math.ceil(message.text.length / Math.max(20, columns)) : 0;
	const taken = (question ? confirmRows(question, columns) : 0) + messageRows;
	const pageHeight = Math.max(3, rows - 6 - taken);
	return (
		<Box flexDirection="column">
			{detail.error ? (
				<Text color={tone('bad')}>Could not load the job: {detail.error.message} · r retries</Text>
			) : null}
			{detail.data === undefined && detail.loading ? (
				<Text color={tone('muted')}>Loading {jobId}…</Text>
			) : null}
			{asking?.kind === 'cancel' ? <Confirm question={question ?? ''} onAnswer={answer} /> : null}
			{asking?.kind === 'delete' ? (
				<Confirm
					question={question ?? ''}
					typeToConfirm={asking.plan.resultCount > 0 ? jobId : undefined}
					onAnswer={answer}
				/>
			) : null}
			{message ? <Text color={tone(message.bad ? 'bad' : 'good')}>{message.text}</Text> : null}
			{readingInstructions ? (
				<InstructionsView
					files={instructionFiles}
					height={pageHeight}
					onClose={() => setReading(false)}
				/>
			) : (
				<Pager lines={lines} height={pageHeight} isActive={isActive && asking === undefined} />
			)}
		</Box>
	);
}
