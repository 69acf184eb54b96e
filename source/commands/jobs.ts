import {shown} from '../text/display-text.js';
import {defineCommand} from './kit/define-command.js';
import {jobSummaryJson} from './job-json.js';

/** `ivjm jobs`: the signed-in user's jobs, newest first, and their status at each biobank. */
export const jobsCommand = defineCommand({
	name: 'jobs',
	summary: 'your jobs and their status at each biobank',
	details: [
		'Prints a table on a terminal; piped, one job per line, tab-separated:',
		'id, status, type, submitted (UTC), name, biobank:status…',
	],
	flags: {},
	async run({session, out, flags, tell}) {
		const {user, researcher} = await session();
		const jobs = (await researcher.jobs()).jobs.map(jobSummaryJson);
		if (flags.json) return out.json('jobs', {user, jobs});
		out.table(
			[
				{header: 'JOB'},
				{header: 'STATUS'},
				{header: 'TYPE'},
				{header: 'SUBMITTED (UTC)'},
				{header: 'NAME', max: 40},
				{header: 'BIOBANKS', max: 200},
			],
			jobs.map((job) => [
				job.id,
				job.status,
				job.type ?? '-',
				out.terminal ? job.submitted.slice(0, 16).replace('T', ' ') : job.submitted,
				job.name ?? job.problems[0] ?? '(no task.json yet)',
				job.biobanks.map(({biobank, status}) => `${biobank}:${status}`).join(' '),
			]),
		);
		if (jobs.length === 0) tell(shown`No jobs of ${user} in this bucket.`);
	},
});
