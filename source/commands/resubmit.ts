import {resubmitInSession} from '../jobs/researcher/resubmit-in-session.js';
import {shown} from '../text/display-text.js';
import {defineCommand, jobIdArgument} from './kit/define-command.js';
import {biobankChoices} from './kit/flags.js';
import {UsageError} from './kit/usage-error.js';

/** `ivjm resubmit JOBID [--biobank B…]`: the same request again, its inputs copied, not uploaded. */
export const resubmitCommand = defineCommand({
	name: 'resubmit',
	summary: 'submit a failed, declined or cancelled job again, its inputs copied inside the store',
	argument: jobIdArgument('the job to resubmit, as `ivjm jobs` lists it'),
	details: [
		"The new job has the old one's answers; its task.json names the job it replaces",
		'("replaces", which the Python tools ignore). Inputs and instructions are copied',
		'server-side (none of their bytes are sent), each checked against the original and its',
		'SHA-256 carried over. Prints the new job id.',
	],
	flags: {
		biobank: {
			type: 'strings',
			value: 'B',
			help: 'send it to these biobanks (default: those that failed, declined or cancelled)',
		},
	},
	async run({argument, flags, session, out, progress}) {
		const known = biobankChoices.values();
		for (const biobank of flags.biobank) {
			if (!known.includes(biobank))
				throw new UsageError(`unknown biobank ${biobank}; one of ${known.join(', ')}`);
		}

		const {id, resubmit} = await resubmitInSession(
			await session(),
			argument,
			flags.biobank,
			(prepared) =>
				progress.note(
					shown`Copying ${prepared.copies.size} files of ${argument} inside the store.`,
				),
		);
		progress.done();
		const {plan} = resubmit.prepared;
		if (flags.json) {
			return out.json('resubmit', {
				id,
				replaces: argument,
				biobanks: plan.task.biobanks,
				copied: plan.uploads.map((upload) => upload.key),
			});
		}

		out.lines(id);
	},
});
