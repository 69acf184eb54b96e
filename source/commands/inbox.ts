import prettyBytes from 'pretty-bytes';
import {biobankFlag} from './analyst-flags.js';
import {inboxJobJson} from './job-json.js';
import {defineCommand} from './kit/define-command.js';
import {shown} from '../text/display-text.js';

/** `ivjm inbox --biobank B`: the jobs addressed to a biobank, newest first. */
export const inboxCommand = defineCommand({
	name: 'inbox',
	summary: 'the jobs addressed to a biobank, newest first',
	details: [
		'Prints a table on a terminal; piped, one job per line, tab-separated: id, requester,',
		'type, submitted (UTC), input bytes, status, held by, name.',
	],
	flags: {biobank: biobankFlag},
	async run({flags, session, out, tell}) {
		const biobank = flags.biobank ?? '';
		// The JSON says who holds or delivered each job; the table shows only open jobs' holders.
		const inbox = await (await session()).analyst.inbox(biobank, {settledDetails: flags.json});
		const jobs = inbox.jobs.map(inboxJobJson);
		if (flags.json) return out.json('inbox', {biobank, jobs});
		out.table(
			[
				{header: 'JOB'},
				{header: 'REQUESTER'},
				{header: 'TYPE'},
				{header: 'SUBMITTED (UTC)'},
				{header: 'INPUTS'},
				{header: 'STATUS'},
				{header: 'BY', max: 20},
				{header: 'NAME', max: 40},
			],
			jobs.map((job) => [
				job.id,
				job.requester,
				job.type ?? '-',
				out.terminal ? job.submitted.slice(0, 16).replace('T', ' ') : job.submitted,
				job.inputBytes === null
					? '-'
					: job.missingInputs > 0
						? 'missing'
						: out.terminal
							? prettyBytes(job.inputBytes)
							: job.inputBytes,
				job.problems.length > 0 ? 'invalid' : job.status,
				job.status === 'processing' ? (job.by ?? '?') : '',
				job.name ?? job.problems[0] ?? '',
			]),
		);
		if (jobs.length === 0) tell(shown`No requests to ${biobank}.`);
	},
});
