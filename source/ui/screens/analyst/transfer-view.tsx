import {Box} from 'ink';
import {Text} from '../../../text/screen-text.js';
import type {TransferProgress} from '../../../transfer/transfer.js';
import {terminalSafe} from '../../../text/terminal-safe.js';
import {Progress} from '../../components/progress/progress.js';
import {tone} from '../../theme.js';

export type TransferRow = {
	label: string;
	state: 'waiting' | 'running' | 'done' | 'skipped' | 'failed';
	done: number;
	total?: number;
	progress?: TransferProgress;
};

export type TransferViewProps = {
	title: string;
	files: readonly TransferRow[];
	done: number;
	total: number;
	rate?: number;
	etaSeconds?: number;
	/** Rows for the per-file bars; the rest are summed up in one line. */
	maxRows?: number;
};

const stateWords: Record<TransferRow['state'], string> = {
	waiting: 'waiting',
	running: '',
	done: 'verified',
	skipped: 'already there, verified',
	failed: 'failed',
};

/** A bar for the whole job (bytes, rate, time left) and one per file, running files first. */
export function TransferView({
	title,
	files,
	done,
	total,
	rate,
	etaSeconds,
	maxRows = 8,
}: TransferViewProps) {
	const running = files.filter((file) => file.state === 'running');
	const rest = files.filter((file) => file.state !== 'running');
	const shown = [...running, ...rest].slice(0, maxRows);
	return (
		<Box flexDirection="column">
			<Text bold>{title}</Text>
			<Progress label="all files" done={done} total={total} rate={rate} etaSeconds={etaSeconds} />
			{shown.map((file) => (
				<Progress
					key={file.label}
					label={terminalSafe(file.label)}
					done={file.done}
					total={file.total ?? file.progress?.total ?? 0}
					rate={file.state === 'running' ? file.progress?.rate : undefined}
					etaSeconds={file.state === 'running' ? file.progress?.etaSeconds : undefined}
					phase={file.state === 'running' ? file.progress?.phase : stateWords[file.state]}
				/>
			))}
			{files.length > shown.length ? (
				<Text color={tone('muted')}>… and {files.length - shown.length} more files</Text>
			) : null}
			<Text color={tone('muted')}>esc stops; the next start continues where this one stopped.</Text>
		</Box>
	);
}
