import {toTesTask} from '../protocol/tes.js';
import type {JobDetail} from '../jobs/researcher/load-job-detail.js';
import {JobError} from '../jobs/job-error.js';
import {jobIdArgument, defineCommand} from './kit/define-command.js';
import {shown} from '../text/display-text.js';
import {jsonText} from '../text/json-text.js';
import {biobankChoices} from './kit/flags.js';
import type {Output} from './kit/output.js';
import {UsageError} from './kit/usage-error.js';
import {showJson} from './job-json.js';

/** `ivjm show JOBID`: one job, its task, and who did what at each biobank. */
export const showCommand = defineCommand({
	name: 'show',
	summary: 'one job: its task, and who did what, when and why at each biobank',
	argument: jobIdArgument('the job, as `ivjm jobs` lists it'),
	details: [
		'Prints the job, then one line per biobank (a table on a terminal; piped, tab-separated:',
		'biobank, status, results, the newest reason, the sign-off). --tes prints the job as a GA4GH TES 1.1',
		'task for one biobank (the outputs go to its results) instead. A biobank whose release',
		'review signed its results off says so ("released by … after review; 3 files, 1',
		'justified"): on a terminal in a line under the table, piped as a fifth field.',
	],
	flags: {
		tes: {type: 'boolean', help: 'print the job as a GA4GH TES 1.1 task (JSON) instead'},
		biobank: {
			type: 'string',
			value: 'B',
			help: 'with --tes: the biobank that runs it (default: the only one)',
			choices: biobankChoices,
		},
		image: {
			type: 'string',
			value: 'IMAGE',
			help: 'with --tes: the container image, when the job names none',
		},
	},
	async run({session, argument, out, flags}) {
		const {researcher} = await session();
		const job = await researcher.job(argument);
		if (flags.tes) return printTes(job, out, flags.biobank, flags.image);
		const detail = showJson(job, await researcher.signOffs(job));
		if (flags.json) return out.json('show', {job: detail});
		out.lines(
			shown`${detail.id}  ${detail.status}  ${detail.type ?? '-'}  ${detail.name ?? '(no task.json yet)'}`,
			shown`submitted ${detail.submitted}${detail.task ? ` by ${detail.requester} <${detail.task.email}>` : ''}`,
			...detail.problems.map((problem) => shown`problem: ${problem}`),
			'',
		);
		// A terminal gets the sign-offs as lines under the table; a pipe as a fifth field.
		const signOffs = detail.biobanks.map(({signOff}) =>
			signOff === null
				? ''
				: 'problems' in signOff
					? `the sign-off cannot be read: ${signOff.problems.join('; ')}`
					: signOff.summary,
		);
		out.table(
			[
				{header: 'BIOBANK'},
				{header: 'STATUS'},
				{header: 'RESULTS', max: 40},
				{header: 'WHY', max: 80},
			],
			detail.biobanks.map((biobank, index) => {
				const why = biobank.markers.filter((marker) => marker.reason).at(-1);
				return [
					biobank.biobank,
					biobank.status,
					biobank.results.map((file) => file.name).join(', ') || '-',
					why ? `${why.name}${why.by ? ` by ${why.by}` : ''}: ${why.reason ?? ''}` : '',
					...(out.terminal ? [] : [signOffs[index] ?? '']),
				];
			}),
		);
		const signedOff = detail.biobanks.flatMap(({biobank}, index) =>
			signOffs[index] ? [shown`${biobank}: ${signOffs[index]}`] : [],
		);
		if (out.terminal && signedOff.length > 0) out.lines('', ...signedOff);
	},
});

/** The TES task of the job for one biobank; the TES document replaces ours (it has its own schema). */
function printTes(job: JobDetail, out: Output, biobank?: string, image?: string): void {
	const {task} = job;
	if (!task) {
		throw new JobError(job.row.jobId, `${job.row.jobId} has no readable task.json to export.`, {
			nextStep: `\`ivjm show ${job.row.jobId}\` shows its problems.`,
		});
	}
	const chosen = biobank ?? (task.biobanks.length === 1 ? task.biobanks[0] : undefined);
	if (!chosen) {
		throw new UsageError(
			`${job.row.jobId} goes to ${task.biobanks.join(', ')}: say which runs it with --biobank.`,
		);
	}
	if (!task.biobanks.includes(chosen)) {
		throw new UsageError(
			`${job.row.jobId} is not addressed to ${chosen}; it goes to ${task.biobanks.join(', ')}.`,
		);
	}
	const exported = toTesTask(task, {biobank: chosen, image});
	if (!exported.ok) {
		throw new JobError(job.row.jobId, exported.reason, {
			nextStep: 'Name the container image with --image IMAGE.',
		});
	}
	out.raw(`${jsonText(exported.tes)}\n`);
}
