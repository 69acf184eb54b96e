import {Text} from '../../../text/screen-text.js';
import prettyBytes from 'pretty-bytes';
import type {InboxJob, JobFile} from '../../../jobs/analyst/load-inbox.js';
import {displayText, shown, type DisplayText} from '../../../text/display-text.js';
import type {PagerLine} from '../../components/pager/pager.js';
import {outputsFor} from '../../../protocol/biobank-task.js';
import {formatProblem} from '../../../protocol/problem.js';
import {statusLooks} from '../../components/status-glyph.js';
import {localTime, localTimeOf, timeZoneNote} from '../../time/local-time.js';
import {tone} from '../../theme.js';

/** Values from a task.json on one line: terminal-safe and at most a screen wide. */
const safe = (text: string, max = 200) => displayText(text, max);

// The pager draws an empty string as no line at all.
const blank = shown` `;

const heading = (text: string) => (
	<Text bold color={tone('accent')}>
		{text}
	</Text>
);

export type JobLinesContext = {biobank: string; analyst: string; jobFolder: string; bucket: string};

/**
 * A job as a page to decide on: who asks, the status here, what runs (requirements, resources,
 * instructions), what it reads (each input with its size and origin), what it must return, and,
 * for a malformed task.json, its problems. Nothing from the task reaches the terminal unescaped.
 */
export function analystJobLines(job: InboxJob, context: JobLinesContext): PagerLine[] {
	const lines: PagerLine[] = [];
	const {task} = job;
	lines.push(
		<Text bold wrap="truncate-end">
			{task ? safe(task.name, 120) : job.jobId} <Text color={tone('muted')}>{job.jobId}</Text>
		</Text>,
	);
	lines.push(
		shown`From ${job.user}${task ? ` (${safe(task.requestor, 80)})` : ''} · submitted ${localTime(job.submittedAt * 1000)} · ${timeZoneNote()}`,
	);
	lines.push(statusLine(job, context));
	if (job.earlier) {
		// The reason a colleague gave before this claim: often why it fails again.
		const {marker, by, at, reason} = job.earlier;
		lines.push(
			<Text color={tone('muted')} wrap="truncate-end">
				{marker === 'failed' ? 'Failed' : 'Declined'} earlier
				{by ? ` by ${safe(by, 40)}` : ''}
				{at ? ` at ${localTimeOf(at)}` : ''}
				{reason ? `: ${safe(reason, 300)}` : ''}
			</Text>,
		);
	}
	if (job.holder?.reason) {
		lines.push(
			<Text color={tone('bad')} wrap="truncate-end">
				Reason: {safe(job.holder.reason, 300)}
			</Text>,
		);
	}
	if (job.problems) {
		lines.push(
			blank,
			<Text color={tone('bad')}>
				This job cannot be run as it is: its request or task.json is broken.
			</Text>,
		);
		for (const problem of job.problems.slice(0, 50)) {
			lines.push(
				<Text color={tone('bad')} wrap="truncate-end">
					{' '}
					• {safe(formatProblem(problem), 300)}
				</Text>,
			);
		}

		if (job.problems.length > 50) lines.push(shown`   … and ${job.problems.length - 50} more`);
		lines.push(
			<Text color={tone('muted')}>Decline it (x) with a reason, so the requester can fix it.</Text>,
		);
	}

	if (!task) return lines;
	lines.push(shown`Type ${job.analysisType ?? 'other'} · ${safe(task.description, 120)}`);
	lines.push(shown`Work folder ${context.jobFolder}`);
	lines.push(blank, heading('What runs'));
	lines.push(
		shown`  Requirements  ${task.requirements.map((item) => safe(item, 40)).join(', ') || 'none'}`,
	);
	const {cpuCores, ramGb, diskGb, timeHours, preemptible} = task.resources;
	lines.push(
		shown`  Resources     ${cpuCores} CPU cores · ${ramGb} GB RAM · ${diskGb} GB disk · ${timeHours} h${preemptible ? ' · preemptible' : ''}`,
	);
	for (const file of job.instructions) {
		lines.push(shown`  Instructions  ${fileLine(file, context)}  (i to read)`);
	}

	if (job.instructions.length === 0) lines.push(shown`  Instructions  none`);
	const known = job.inputs.filter((input) => input.bytes !== undefined).length;
	lines.push(
		blank,
		heading(
			`What it reads: ${job.inputs.length} file${job.inputs.length === 1 ? '' : 's'}, ${prettyBytes(job.inputBytes)}${known < job.inputs.length ? ' known' : ''}`,
		),
	);
	for (const input of job.inputs) lines.push(shown`  ${fileLine(input, context)}`);
	lines.push(blank, heading('What it must return'));
	const outputs = job.problems ? [] : outputsFor(task, context.biobank);
	for (const output of outputs) {
		const stored = job.results.find((result) => result.key === output.object);
		lines.push(
			shown`  ${safe(output.path, 40).padEnd(24)} → results/${safe(output.object.slice(output.object.indexOf('/results/') + 9), 60)}${stored ? `  (stored, ${prettyBytes(stored.bytes)})` : ''}`,
		);
	}

	if (job.problems)
		for (const output of task.outputs) lines.push(shown`  ${safe(output.path, 60)}`);
	if (task.outputs.length === 0) lines.push(shown`  nothing is declared`);
	const other = job.results.filter(
		(result) => !outputs.some((output) => output.object === result.key),
	);
	for (const result of other)
		lines.push(shown`  extra result ${safe(result.name, 60)} (${prettyBytes(result.bytes)})`);
	if (job.repairs.length > 0) {
		lines.push(blank, <Text color={tone('muted')}>Slips of the requester's tool, tolerated:</Text>);
		for (const repair of job.repairs) {
			lines.push(
				<Text color={tone('muted')} wrap="truncate-end">
					{' '}
					• {safe(formatProblem(repair), 200)}
				</Text>,
			);
		}
	}

	return lines;
}

function statusLine(job: InboxJob, context: JobLinesContext): PagerLine {
	const look = statusLooks[job.status];
	const holder = job.holder;
	const who = holder?.by === context.analyst ? 'you' : holder?.by ? safe(holder.by, 40) : undefined;
	const since = holder?.at ? ` since ${localTimeOf(holder.at)}` : '';
	const at = holder?.at ? ` at ${localTimeOf(holder.at)}` : '';
	// Taken up again after a failure or refusal: that is history, not the state now.
	const earlier =
		job.status === 'processing' || job.status === 'ready'
			? job.markers.find((marker) => marker.name === 'failed' || marker.name === 'declined')
			: undefined;
	const history = earlier ? ` (${earlier.name} earlier)` : '';
	const details: Partial<Record<typeof job.status, string>> = {
		waiting: 'waiting for an analyst: c claims it and downloads it',
		processing: `claimed by ${who ?? 'someone'}${since}${history}`,
		ready: `delivered by ${who ?? 'someone'}${at}${history}`,
		failed: `marked failed by ${who ?? 'someone'}${at}`,
		declined: `declined by ${who ?? 'someone'}${at}`,
		cancelled: `cancelled by the requester${at}`,
	};
	return (
		<Text wrap="truncate-end">
			Status at {context.biobank}:{' '}
			<Text color={tone(look.tone)}>
				{look.glyph} {look.word}
			</Text>
			{details[job.status] ? ` · ${details[job.status]}` : ''}
		</Text>
	);
}

function fileLine(file: JobFile, context: JobLinesContext): DisplayText {
	const size = file.missing ? 'MISSING' : file.bytes === undefined ? '?' : prettyBytes(file.bytes);
	const inJob = file.bucket === context.bucket && file.object.startsWith('jobs/');
	const origin = inJob ? 'uploaded' : `from ${safe(file.bucket, 40)}/${safe(file.object, 60)}`;
	return shown`${safe(file.path, 40).padEnd(22)} ${size.padStart(9)}  ${origin}`;
}
