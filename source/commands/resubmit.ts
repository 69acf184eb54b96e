import {resubmitInSession} from '../jobs/researcher/resubmit-in-session.js';
import {shown} from '../text/display-text.js';
import {defineCommand, jobIdArgument} from './kit/define-command.js';
import {biobankChoices} from './kit/flags.js';
import {UsageError} from './kit/usage-error.js';
import {readTaskFile, TaskFileError} from '../jobs/researcher/resubmit-task-file.js';

/** A task file's mistakes are a usage error: exit 2, the problems listed, nothing sent. */
async function taskFile(path: string) {
	try {
		return await readTaskFile(path);
	} catch (error) {
		if (error instanceof TaskFileError) throw new UsageError(error.message);
		throw error;
	}
}

/** `ivjm resubmit JOBID [--biobank B…]`: the same request again, its inputs copied, not uploaded. */
export const resubmitCommand = defineCommand({
	name: 'resubmit',
	summary: 'submit a failed, declined or cancelled job again, its inputs copied inside the store',
	argument: jobIdArgument('the job to resubmit, as `ivjm jobs` lists it'),
	details: [
		"The new job has the old one's answers; its task.json names the job it replaces",
		'("replaces", which the Python tools ignore). Inputs and instructions are copied',
		'server-side (none of their bytes are sent), each checked against the original and its',
		'SHA-256 carried over. Prints the new job id. With --task FILE, the name, e-mail,',
		'biobanks, type, outputs, requirements and resources come from that task.json (for',
		"example the old one, edited); each of its inputs must be one of the old job's, by name",
		"and SHA-256, since only those can be copied. The instructions stay the old job's.",
	],
	flags: {
		biobank: {
			type: 'strings',
			value: 'B',
			help: 'send it to these biobanks (default: those that failed, declined or cancelled)',
		},
		task: {
			type: 'string',
			value: 'FILE',
			help: "the new job's answers from this task.json (its inputs must be the old job's)",
		},
	},
	async run({argument, flags, session, out, progress}) {
		const known = biobankChoices.values();
		for (const biobank of flags.biobank) {
			if (!known.includes(biobank))
				throw new UsageError(`unknown biobank ${biobank}; one of ${known.join(', ')}`);
		}

		// A task file with a mistake stops here, before anything is signed in to or sent.
		const fileTask = flags.task === undefined ? undefined : await taskFile(flags.task);
		const {id, resubmit} = await resubmitInSession(
			await session(),
			argument,
			flags.biobank,
			(prepared) =>
				progress.note(
					shown`Copying ${prepared.copies.size} files of ${argument} inside the store.`,
				),
			fileTask,
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
