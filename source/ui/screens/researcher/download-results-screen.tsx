import {Box} from 'ink';
import {Text} from '../../../text/screen-text.js';
import {join} from 'node:path';
import {useEffect, useState} from 'react';
import {type ResultFile} from '../../../jobs/researcher/download-results.js';
import type {TransferProgress} from '../../../transfer/transfer.js';
import {Progress} from '../../components/progress/progress.js';
import {useKeymap} from '../../hooks/use-keymap.js';
import {progressKeys} from './progress-keys.js';
import type {Navigator} from '../../navigation.js';
import {useSession} from '../../session.js';
import {useTransferGuard} from '../../transfer-guard.js';
import {usePassphrase} from '../../components/passphrase/use-passphrase.js';
import {tone} from '../../theme.js';

type Phase = {name: 'running'} | {name: 'done'; skipped: number} | {name: 'failed'; reason: string};

/** Downloads a job's results with a bar per file; a rerun skips what is already verified. */
export function DownloadResultsScreen({
	jobId,
	biobank,
	navigate,
}: {
	jobId: string;
	biobank?: string;
	navigate: Navigator;
}) {
	const session = useSession();
	const folder = session.downloadFolder;
	const [files, setFiles] = useState<ResultFile[]>([]);
	const [progress, setProgress] = useState<ReadonlyMap<string, TransferProgress>>(new Map());
	const [phase, setPhase] = useState<Phase>({name: 'running'});
	const [attempt, setAttempt] = useState(0);
	const unlock = usePassphrase(`to decrypt the results of ${jobId}`);
	useTransferGuard(
		phase.name === 'running' ? `The download of the results of ${jobId}` : undefined,
	);

	useEffect(() => {
		const abort = new AbortController();
		setPhase({name: 'running'});
		session.researcher
			.job(jobId, abort.signal)
			.then((job) =>
				session.researcher.downloadResults(job, folder, {
					biobank,
					signal: abort.signal,
					passphrase: unlock.ask,
					onFileProgress: (file, figures) => {
						setFiles((current) =>
							current.some((known) => known.key === file.key) ? current : [...current, file],
						);
						setProgress((current) => new Map(current).set(file.key, figures));
					},
				}),
			)
			.then(
				(done) =>
					setPhase({name: 'done', skipped: done.filter((file) => file.result.skipped).length}),
				(error: unknown) =>
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
	}, [attempt, session, jobId, biobank, folder, unlock.ask]);

	useKeymap(
		phase.name === 'running'
			? progressKeys.running
			: phase.name === 'failed'
				? progressKeys.failed
				: progressKeys.done,
		(command) => {
			// Leaving the screen unmounts it, which stops a running download.
			if (command === 'stop' || command === 'leave') navigate({type: 'pop'});
			if (command === 'retry') setAttempt((count) => count + 1);
		},
		{title: 'results'},
	);

	return (
		<Box flexDirection="column">
			<Text bold>
				Results of {jobId}
				{biobank ? ` from ${biobank}` : ''} → {join(folder, jobId)}
			</Text>
			<Box flexDirection="column" marginY={1}>
				{files.map((file) => {
					const figures = progress.get(file.key);
					return (
						<Progress
							key={file.key}
							label={`${file.biobank}/${file.name}`}
							done={figures?.done ?? 0}
							total={figures?.total ?? file.bytes}
							rate={figures?.rate}
							etaSeconds={figures?.etaSeconds}
							phase={figures?.phase}
						/>
					);
				})}
			</Box>
			{unlock.prompt}
			{phase.name === 'running' ? (
				<Text color={tone('muted')}>
					Downloading and verifying… (esc stops; run it again to resume)
				</Text>
			) : null}
			{phase.name === 'done' ? (
				<Text color={tone('good')}>
					✔ All results are in {join(folder, jobId)} and verified
					{phase.skipped > 0 ? ` (${phase.skipped} were already there)` : ''}. enter: back
				</Text>
			) : null}
			{phase.name === 'failed' ? (
				<Text color={tone('bad')}>
					✘ {phase.reason} · enter retries (finished files are kept) · esc back
				</Text>
			) : null}
		</Box>
	);
}
