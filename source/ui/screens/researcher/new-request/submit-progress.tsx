import {noteOwnChange} from '../../../seen/own-changes.js';
import {Box} from 'ink';
import {Text} from '../../../../text/screen-text.js';
import {useEffect, useRef, useState} from 'react';
import {type PreparedSubmit} from '../../../../jobs/researcher/submit-job.js';
import type {PreparedResubmit} from '../../../../jobs/researcher/resubmit-job.js';
import {submitPreparedResubmit} from '../../../../jobs/researcher/resubmit-in-session.js';
import type {TransferProgress} from '../../../../transfer/transfer.js';
import {Progress} from '../../../components/progress/progress.js';
import {useTransferGuard} from '../../../transfer-guard.js';
import {useSession} from '../../../session.js';
import {tone} from '../../../theme.js';
import {useKeymap} from '../../../hooks/use-keymap.js';
import {progressKeys} from '../progress-keys.js';

type Phase =
	| {name: 'running'; step: string}
	| {name: 'failed'; reason: string}
	| {name: 'done'; jobId: string}
	| {name: 'rolled back'};

export type SubmitProgressProps = {
	prepared: PreparedSubmit;
	sizes: ReadonlyMap<string, number>;
	/** Leave the screen: to the new job, or back where the form was opened. */
	onLeave: (jobId?: string) => void;
	/** A resubmission: the old job it replaces, and its files copied in the store. */
	resubmit?: Pick<PreparedResubmit, 'replaces' | 'copies'>;
};

/**
 * Runs the submit with a bar per file and one for the whole. esc stops it; after a failure,
 * enter resumes (what is stored is not sent again) and x rolls the partial job back.
 */
export function SubmitProgress({prepared, sizes, onLeave, resubmit}: SubmitProgressProps) {
	const session = useSession();
	const [phase, setPhase] = useState<Phase>({name: 'running', step: 'starting'});
	const [progress, setProgress] = useState<ReadonlyMap<string, TransferProgress>>(new Map());
	const [attempt, setAttempt] = useState(0);
	const controller = useRef<AbortController | undefined>(undefined);
	const jobId = prepared.plan.task.id;
	useTransferGuard(phase.name === 'running' ? `The upload of ${jobId}` : undefined);

	useEffect(() => {
		const abort = new AbortController();
		controller.current = abort;
		setPhase({name: 'running', step: 'uploading'});
		noteOwnChange(jobId);
		const events = {
			signal: abort.signal,
			onStep: (step: string) =>
				setPhase(step === 'done' ? {name: 'done', jobId} : {name: 'running', step}),
			onFileProgress: (file: string, figures: TransferProgress) =>
				setProgress((current) => new Map(current).set(file, figures)),
		};
		(resubmit
			? submitPreparedResubmit(session, {...resubmit, prepared}, events)
			: session.researcher.submit(prepared, events)
		).catch((error: unknown) =>
			setPhase({
				name: 'failed',
				reason: abort.signal.aborted
					? 'Stopped.'
					: error instanceof Error
						? error.message
						: String(error),
			}),
		);
		return () => abort.abort();
	}, [attempt, prepared, session, jobId, resubmit]);

	const rollBack = () =>
		session.researcher
			.planDelete(jobId, prepared.plan.task.biobanks)
			.then((plan) => session.researcher.delete(plan))
			.then(
				() => setPhase({name: 'rolled back'}),
				(error: unknown) =>
					setPhase({name: 'failed', reason: `Roll-back failed too: ${String(error)}`}),
			);
	useKeymap(
		phase.name === 'running'
			? progressKeys.running
			: phase.name === 'failed'
				? progressKeys.submitFailed
				: phase.name === 'done'
					? progressKeys.submitted
					: progressKeys.done,
		(command) => {
			if (command === 'stop') controller.current?.abort();
			if (command === 'retry') setAttempt((count) => count + 1);
			if (command === 'rollBack') void rollBack();
			if (command === 'open') onLeave(jobId);
			if (command === 'leave') onLeave();
		},
		{title: 'submit'},
	);

	const total = [...sizes.values()].reduce((sum, bytes) => sum + bytes, 0);
	const done = [...progress.values()].reduce((sum, figures) => sum + figures.done, 0);
	const rate = [...progress.values()].reduce(
		(sum, figures) => sum + (figures.phase === 'uploading' ? (figures.rate ?? 0) : 0),
		0,
	);
	return (
		<Box flexDirection="column">
			<Text bold>Submitting {jobId}</Text>
			<Box flexDirection="column" marginY={1}>
				{prepared.plan.uploads.map((upload) => {
					const figures = progress.get(upload.file);
					return (
						<Progress
							key={upload.file}
							label={upload.file}
							done={figures?.done ?? 0}
							total={figures?.total ?? sizes.get(upload.file) ?? 0}
							rate={figures?.rate}
							etaSeconds={figures?.etaSeconds}
							phase={
								figures?.segment
									? `segment ${figures.segment.index}/${figures.segment.count}`
									: figures?.phase
							}
						/>
					);
				})}
				{prepared.plan.uploads.length > 0 ? (
					<Progress
						label="all inputs"
						done={done}
						total={total}
						rate={rate || undefined}
						etaSeconds={rate > 0 ? (total - done) / rate : undefined}
					/>
				) : null}
			</Box>
			{phase.name === 'running' ? (
				<Text color={tone('muted')}>{phase.step}… (esc stops; you can resume)</Text>
			) : null}
			{phase.name === 'done' ? (
				<Text color={tone('good')}>
					✔ Submitted. The biobanks see it in their inboxes now. enter: open the job
				</Text>
			) : null}
			{phase.name === 'failed' ? (
				<Box flexDirection="column">
					<Text color={tone('bad')}>✘ {phase.reason}</Text>
					<Text>
						No analyst can see this job yet. enter: resume (stored files are not sent again) · x:
						roll back · esc: leave it
					</Text>
				</Box>
			) : null}
			{phase.name === 'rolled back' ? (
				<Text>Rolled back: nothing of {jobId} is left. enter: back</Text>
			) : null}
		</Box>
	);
}
