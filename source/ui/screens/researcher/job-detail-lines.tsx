import {Text} from 'ink';
import prettyBytes from 'pretty-bytes';
import type {ReactNode} from 'react';
import {analysisTypeOf} from '../../../jobs/analysis-type-of.js';
import type {JobDetail} from '../../../jobs/researcher/load-job-detail.js';
import {builtInCatalogue} from '../../../protocol/catalogue.js';
import {formatProblem} from '../../../protocol/problem.js';
import {objectUrl} from '../../../protocol/task.js';
import {statusLooks} from '../../components/status-glyph.js';
import {localTime} from '../../time/local-time.js';
import {tone} from '../../theme.js';

const heading = (text: string) => (
	<Text bold color={tone('accent')}>
		{text}
	</Text>
);

/** A job as a readable page: the task, then each biobank with who, when, why and results. */
export function jobDetailLines(job: JobDetail): ReactNode[] {
	const lines: ReactNode[] = [];
	const {task, row} = job;
	lines.push(
		<Text bold>
			{task?.name ?? row.jobId} <Text color={tone('muted')}>{row.jobId}</Text>
		</Text>,
	);
	if (job.problems) {
		lines.push(
			<Text color={tone('bad')}>This job's task.json is invalid; it cannot be shown in full:</Text>,
		);
		for (const problem of job.problems)
			lines.push(<Text color={tone('bad')}> • {formatProblem(problem)}</Text>);
	}
	lines.push(heading('Biobanks'));
	for (const state of job.status.biobanks) {
		const look = statusLooks[state.status];
		lines.push(
			<Text>
				{'  '}
				<Text color={tone(look.tone)}>
					{look.glyph} {state.biobank.padEnd(16)} {look.word.padEnd(11)}
				</Text>
				{markerSummary(job, state.biobank)}
			</Text>,
		);
		for (const marker of job.markers.filter(
			(candidate) => candidate.biobank === state.biobank && candidate.body.reason,
		)) {
			lines.push(
				<Text color={tone('warning')}>
					{' '}
					{marker.name}: {marker.body.reason}
				</Text>,
			);
		}
		for (const result of state.cell?.results ?? [])
			lines.push(`      result ${result.name} ${prettyBytes(result.bytes)}`);
	}
	if (task) lines.push('', heading('Task'));
	if (task) {
		lines.push(
			`Type ${analysisTypeOf(task, builtInCatalogue)} · ${task.description} · requested by ${task.requestor}`,
		);
		lines.push(
			`Submitted ${localTime(row.submittedAt * 1000)} · requirements: ${task.requirements.join(', ') || 'none'}`,
		);
		const {cpuCores, ramGb, diskGb, timeHours, preemptible} = task.resources;
		lines.push(
			`Resources ${cpuCores} cores, ${ramGb} GB RAM, ${diskGb} GB disk, ${timeHours} h${preemptible ? ', preemptible' : ''}`,
		);
		lines.push('', heading('Inputs'));
		for (const input of task.inputs) {
			const stored = row.inputs.find((file) => file.key === input.object);
			const size = stored ? prettyBytes(stored.bytes) : '';
			const uploaded = input.object.startsWith(`jobs/${row.user}/${row.jobId}/`);
			lines.push(
				`  ${input.path.padEnd(28)} ${size.padStart(9)}  ${uploaded ? 'uploaded' : `from ${objectUrl(input)}`}`,
			);
		}
		lines.push(
			'',
			heading('Expected outputs'),
			`  ${task.outputs.map((output) => output.path).join(', ') || 'none'}`,
		);
		lines.push(
			'',
			heading('Instructions'),
			...task.instructions.map((instruction) => `  ${objectUrl(instruction)}`),
		);
	}
	return lines;
}

/** "claimed by lvirtanen 2026-11-20 10:00": the newest marker with a name on it. */
function markerSummary(job: JobDetail, biobank: string): string {
	const order = ['ready', 'cancelled', 'failed', 'declined', 'processing', 'submitted'];
	const markers = job.markers.filter((marker) => marker.biobank === biobank);
	const newest = order.map((name) => markers.find((marker) => marker.name === name)).find(Boolean);
	if (!newest) return '';
	const verbs: Record<string, string> = {
		ready: 'delivered',
		cancelled: 'cancelled',
		failed: 'failed',
		declined: 'declined',
		processing: 'claimed',
		submitted: 'submitted',
	};
	const who = newest.body.by ? ` by ${newest.body.by}` : '';
	return `${verbs[newest.name] ?? newest.name}${who}${newest.body.at ? ` ${shortTime(newest.body.at)}` : ''}`;
}

function shortTime(at: string): string {
	return at.replace('T', ' ').slice(0, 16);
}
